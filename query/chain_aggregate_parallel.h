#pragma once
// The two-thread run of ChainAggregateOp (op_chain_aggregate.cpp) for inputs with much work,
// such as a hub's tens of thousands of collaborators: two threads take the input rows in
// chunks, in increasing order, each with its own walker, per-node state and counts, and the
// two halves are merged into exactly what the one-thread run gives (the same counts, the same
// groups in the same order, the same representative row). The filters must all be typed, with
// their values evaluated beforehand on the calling thread (PrepareChainRows); a value the
// integer columns cannot hold makes the run give up, and the one-thread run answers. A timeout
// or a cancel stops both threads. Also the per-node state both runs share.
// Internal to query/; the functions are called from the statement's thread.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "query/chain_checks.h"
#include "query/chain_walker.h"
#include "query/exec_context.h"
#include "query/plan.h"
#include "storage/adjacency_view.h"

namespace liner::query {

// Estimated work (adjacency entries of the input rows' start nodes, summed) from which a
// ChainAggregateOp runs on two threads; tests set it to 0 to force the two-thread run.
uint64_t ParallelChainWork();
void SetParallelChainWork(uint64_t entries);
// How many runs completed on two threads in this process (for tests).
uint64_t ParallelChainRuns();

inline bool Bit(const std::vector<uint64_t>& b, NodeId n) { return (b[n >> 6] >> (n & 63)) & 1; }
inline void SetBit(std::vector<uint64_t>& b, NodeId n) { b[n >> 6] |= uint64_t{1} << (n & 63); }

// Per node of the largest cache seen: a per-input aggregation's state. Input rows are numbered
// from `base` + 1 in each execution, so nothing is cleared in between.
struct NodeAcc {
  uint32_t last = 0;  // the last input row that reached the node: <= base before this execution
  uint32_t word = 0;  // kTouched | kLabelsKnown | kLabelsOk | count of input rows
};
constexpr uint32_t kTouched = 1u << 31, kLabelsKnown = 1u << 30, kLabelsOk = 1u << 29;
constexpr uint32_t kTyped = 1u << 28;  // the two-thread run: ChainRows::Classify gave 1
constexpr uint32_t kCountMask = kTyped - 1;
struct AccScratch {
  std::vector<NodeAcc> acc;
  uint32_t base = 0;
  // Sizes the array for `node_limit` nodes and reserves stamps base + 1 .. base + rows for
  // this execution (*base); false when `rows` does not fit the count bits.
  bool Reserve(NodeId node_limit, size_t rows, uint32_t* out_base);
};
// The calling thread's scratch.
AccScratch& ThreadAccScratch();

// A per-end walk visitor (ChainWalker::WalkAll): on_end(end) for every walk's end, and the
// last step skipped from a node whose every end is `done` (counted) or `excluded` (no pair with
// it passes): such an end adds nothing to a count(DISTINCT) of ends, so neither does the node.
template <typename OnEnd>
struct SettlingVisit {
  OnEnd on_end;
  const std::vector<uint64_t>& done;
  const std::vector<uint64_t>& excluded;
  std::vector<uint64_t>& exhausted;
  void operator()(NodeId end) { on_end(end); }
  bool Skip(NodeId node) const { return Bit(exhausted, node); }
  bool Settled(NodeId end) const { return Bit(done, end) || Bit(excluded, end); }
  void Exhausted(NodeId node) { SetBit(exhausted, node); }
};
template <typename OnEnd>
SettlingVisit(OnEnd, const std::vector<uint64_t>&, const std::vector<uint64_t>&,
              std::vector<uint64_t>&) -> SettlingVisit<OnEnd>;

// The input rows of one execution, prepared on the statement's thread for the two threads.
struct ChainRows {
  static constexpr NodeId kSkip = ~NodeId{0};  // a null start: the row adds nothing
  struct Typed {
    ChainAggregateOp::Check::Kind kind;
    const AdjacencyView::IntColumn* column;
  };
  std::vector<NodeId> start;                  // per row
  std::vector<std::vector<EdgeId>> banned;    // per row
  std::vector<Typed> checks;                  // bottom first
  std::vector<int64_t> ints;                  // [row * checks + c]: kEq / kNe's value
  std::vector<const InListIndex*> ins;        // [row * checks + c]: kIn / kNotIn's list
  // The lists' indexes, owned here (ExecState::InIndex keeps only the last few).
  std::unordered_map<const QList*, std::unique_ptr<InListIndex>> owned;
  std::vector<uint8_t> value;                 // per input mode: 1 an integer, 2 null
  std::vector<uint8_t> constant;              // per check: the same value in every row
  std::vector<size_t> varying;                // the checks that are not constant
  size_t some_row = 0;                        // a row that is not skipped
  // 1 when the pair (row, end) passes every check, 0 when one fails, -1 when a column cannot
  // say (the one-thread run evaluates that filter on a row).
  int Pass(size_t row, NodeId end) const;
  // What `end` gives with every row: 0 when Pass gives 0 for every row (a constant check
  // fails, every column before it says), 1 when every column says and the constant checks
  // pass (then Pass(row, end) == PassVarying(row, end)), -1 otherwise (ask Pass).
  int Classify(NodeId end) const;
  bool PassVarying(size_t row, NodeId end) const;
  // Asks the memory for what Classify(end) will read.
  void Prefetch(NodeId end) const {
    for (const Typed& t : checks) {
      if (end >= t.column->size) continue;
      __builtin_prefetch(t.column->kind + end);
      __builtin_prefetch(t.column->value + end);
    }
  }
};

// Fills *rows from `inputs` for `op` when the estimated work reaches ParallelChainWork() and
// every filter and aggregated value can be typed; false otherwise (run on one thread).
// `agg_arg` is the per-input aggregate's argument (nullptr per end). Evaluates the filters'
// values eagerly, catching their errors: the one-thread run raises them at the same rows.
bool PrepareChainRows(ExecState& st, const AdjacencyView& v, ChainWalker& walker,
                      const ChainAggregateOp& op, const ExpandChainOp& chain,
                      const std::vector<Row>& inputs, const Expr* agg_arg, ChainRows* rows);

struct PerEndResult {
  std::vector<int64_t> counts;  // per aggregate
  bool any = false;             // some pair passed; the first one:
  size_t rep_input = 0;
  NodeId rep_end = 0;
};
// Per end (see ChainAggregateOp): `cols[a]` the column of aggregate a's key, nullptr for the
// end node itself. False when the one-thread run must answer; throws on timeout or cancel.
bool RunPerEndParallel(ExecState& st, const AdjacencyView& v, const ChainWalker& walker,
                       const ChainRows& rows,
                       const std::vector<const AdjacencyView::IntColumn*>& cols,
                       PerEndResult* out);

struct PerInputResult {
  // The first passing pair's input row and end, and the count: input rows with an integer
  // value and a passing pair ending there.
  using Group = ChainAggregateOp::Pending;
  std::vector<Group> groups;  // with a key: one per end, in order of first passing pair
  int64_t total = 0;          // without a key: input rows with an integer value and a pair
  bool any = false;           // without a key: some pair passed; the first one:
  size_t first_input = 0;
  NodeId first_end = 0;
};
// Per input (see ChainAggregateOp), grouped by end when `by_end`. False when the one-thread
// run must answer; throws on timeout or cancel.
bool RunPerInputParallel(ExecState& st, const AdjacencyView& v, const ChainWalker& walker,
                         const ChainRows& rows, bool by_end, PerInputResult* out);

}  // namespace liner::query
