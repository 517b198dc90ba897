#pragma once
// What the fused chain operators share (ChainAggregateOp, op_chain_aggregate.cpp and
// chain_aggregate_parallel.cpp; ChainDistinctOp, op_chain_distinct.cpp): the integer read from
// an adjacency-view column, the per-row evaluation of a chain's filters (typed ones on
// integers, the others on the pair's row), and the operator that replays rows read beforehand
// when the general plan has to answer instead.
// Internal to query/; a ChainChecker belongs to one statement's thread.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "query/plan.h"
#include "storage/adjacency_view.h"

namespace liner::query {

// Reads the integer of `node` from `col`: true with *v for an integer; false when the column
// cannot say (no column, absent, another type, not covered).
inline bool IntOf(const AdjacencyView::IntColumn* col, NodeId node, int64_t* v) {
  if (!col || node >= col->size || col->kind[node] != static_cast<uint8_t>(IntPropKind::kInt))
    return false;
  *v = col->value[node];
  return true;
}

// Yields rows read beforehand: the general plan's input when the typed path gives up.
class ReplayRowsOp : public OpOf<ReplayRowsOp> {
 public:
  bool Next(ExecState& /*st*/, Row& row) override {
    if (next_ >= rows.size()) return false;
    row = std::move(rows[next_++]);
    ++rows_produced;
    return true;
  }
  std::string Describe() const override { return "Replay"; }
  std::vector<Row> rows;

 private:
  size_t next_ = 0;
};

// The filters of one chain (ChainAggregateOp::Check, classified by the planner) for one input
// row at a time.
class ChainChecker {
 public:
  ChainChecker(ExecState& st, const AdjacencyView& v,
               const std::vector<ChainAggregateOp::Check>& checks, int to_slot)
      : st_(st), checks_(checks), to_slot_(to_slot), live_(checks.size()) {
    for (size_t i = 0; i < checks.size(); ++i) {
      if (checks[i].kind == ChainAggregateOp::Check::Kind::kGeneric) continue;
      TokenId t = st.Token(TokenKind::kPropertyKey, checks[i].key);
      live_[i].column = t == kNoToken ? nullptr : v.Column(t);
    }
  }
  // A new input row: `pair` holds its copy, whose `to` slot the checks set when they need it.
  void Reset(Row* pair) {
    pair_ = pair;
    for (Live& l : live_) l.ready = false;
  }
  // Asks the memory for what Pass(end) will read of the integer columns.
  void Prefetch(NodeId end) const {
    for (const Live& l : live_) {
      if (!l.column || end >= l.column->size) continue;
      __builtin_prefetch(l.column->kind + end);
      __builtin_prefetch(l.column->value + end);
    }
  }
  // Whether the pair (input row, `end`) passes every filter, bottom first.
  bool Pass(NodeId end) {
    using Kind = ChainAggregateOp::Check::Kind;
    bool slot_set = false;
    for (size_t i = 0; i < checks_.size(); ++i) {
      const ChainAggregateOp::Check& c = checks_[i];
      Live& l = live_[i];
      if (c.kind != Kind::kGeneric) {
        if (!l.ready) Prepare(c, l);
        int64_t x;
        if (l.typed && IntOf(l.column, end, &x)) {
          bool ok;
          switch (c.kind) {
            case Kind::kEq:
              ok = x == l.value;
              break;
            case Kind::kNe:
              ok = x != l.value;
              break;
            case Kind::kIn:
              ok = l.in->ints.Contains(x);
              break;
            default:
              ok = !l.in->ints.Contains(x);
              break;
          }
          if (!ok) return false;
          continue;
        }
      }
      if (!slot_set) {
        (*pair_)[to_slot_] = QValue(NodeRef(end));
        slot_set = true;
      }
      if (!IsTrue(Eval(*c.predicate, *pair_, st_))) return false;
    }
    return true;
  }

 private:
  // One check's state for the current input row.
  struct Live {
    bool ready = false;  // `other` evaluated for this row
    bool typed = false;  // compare integers; else evaluate the predicate on the pair's row
    int64_t value = 0;   // kEq / kNe
    const InListIndex* in = nullptr;  // kIn / kNotIn
    const AdjacencyView::IntColumn* column = nullptr;
  };

  void Prepare(const ChainAggregateOp::Check& c, Live& l) {
    using Kind = ChainAggregateOp::Check::Kind;
    l.ready = true;
    l.typed = false;
    if (!l.column) return;
    QValue other = Eval(*c.other, *pair_, st_);
    if (c.kind == Kind::kEq || c.kind == Kind::kNe) {
      if (!other.is_int()) return;
      l.value = other.as_int();
      l.typed = true;
    } else if (other.is_list()) {
      l.in = st_.InIndex(other.list_storage());
      l.typed = l.in != nullptr;
    }
  }

  ExecState& st_;
  const std::vector<ChainAggregateOp::Check>& checks_;
  int to_slot_;
  std::vector<Live> live_;
  Row* pair_ = nullptr;
};

}  // namespace liner::query
