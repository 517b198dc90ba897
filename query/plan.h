#pragma once
// Plan and physical operators. A Plan is built once per statement (planner.cpp) and is
// immutable; each execution clones the operator tree (operators carry cursor state).
// Operators pull rows: Next(st, row) fills `row` (a vector of slots) and returns false at the
// end. Errors are thrown as QueryError. Internal to query/; thread-compatible.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "query/ast.h"
#include "query/chain_walker.h"
#include "query/exec_context.h"

namespace liner::query {

// A relationship value (ids and type only; loaded when a row leaves the cursor) for an
// adjacency entry, and a node value for an id.
inline QRel RelFromAdj(const AdjEntry& e) {
  QRel r;
  r.id = e.edge;
  r.start = e.outgoing ? e.node : e.other;
  r.end = e.outgoing ? e.other : e.node;
  r.type_token = e.type;
  return r;
}
inline QNode NodeRef(NodeId id) {
  QNode n;
  n.id = id;
  return n;
}

class Op {
 public:
  Op() = default;
  Op(const Op& o);  // deep-copies the children
  Op& operator=(const Op&) = delete;
  virtual ~Op() = default;
  virtual std::unique_ptr<Op> Clone() const = 0;
  // Resets execution state; opens the children.
  virtual void Open(ExecState& st);
  virtual bool Next(ExecState& st, Row& row) = 0;
  // One line for EXPLAIN, e.g. "Expand(a)-[:CREDITED]->(s)".
  virtual std::string Describe() const = 0;

  Op* child(size_t i = 0) const { return children[i].get(); }
  std::vector<std::unique_ptr<Op>> children;
  uint64_t rows_produced = 0;  // for PROFILE
};

template <typename T>
class OpOf : public Op {
 public:
  std::unique_ptr<Op> Clone() const override { return std::make_unique<T>(static_cast<const T&>(*this)); }
};

// Produces one row with every slot null.
class OnceOp : public OpOf<OnceOp> {
 public:
  void Open(ExecState& st) override { done_ = false; Op::Open(st); }
  bool Next(ExecState& st, Row& row) override;
  std::string Describe() const override { return "Once"; }
 private:
  bool done_ = false;
};

// Produces the row set by the enclosing apply (OPTIONAL MATCH, MERGE, pattern expressions).
class ArgumentOp : public OpOf<ArgumentOp> {
 public:
  void Open(ExecState& st) override { done_ = false; Op::Open(st); }
  bool Next(ExecState& st, Row& row) override;
  std::string Describe() const override { return "Argument"; }
  const Row* input = nullptr;
 private:
  bool done_ = false;
};
// The ArgumentOp at the bottom of a pipeline (following child 0).
ArgumentOp* FindArgument(Op* root);

class FilterOp : public OpOf<FilterOp> {
 public:
  bool Next(ExecState& st, Row& row) override;
  std::string Describe() const override { return "Filter"; }
  ExprP predicate;
};

// Node pattern source: binds `slot` to each node that matches, per input row; when `bound`,
// only checks the node already in the slot.
struct NodeCheck {
  std::vector<std::string> labels;
  ExprP props;  // map expression or null
};
class NodeScanOp : public OpOf<NodeScanOp> {
 public:
  enum class Mode { kBound, kAll, kLabel, kName, kProperty };
  void Open(ExecState& st) override;
  bool Next(ExecState& st, Row& row) override;
  std::string Describe() const override;
  int slot = -1;
  std::string var;
  Mode mode = Mode::kAll;
  std::string seek_label;  // kLabel/kName/kProperty
  std::string seek_key;    // kProperty
  ExprP seek_value;        // kName/kProperty
  NodeCheck check;
 private:
  Row input_;
  std::vector<NodeId> candidates_;
  std::shared_ptr<NodeCursor> cursor_;  // shared only so that the template copies
  size_t next_ = 0;
  bool have_input_ = false;
  bool CandidateNext(ExecState& st, NodeId* id);
  void StartInput(ExecState& st);
};

// Does `id` carry the labels and properties of `check`? (props evaluated against `row`)
bool NodeMatches(ExecState& st, NodeId id, const NodeCheck& check, Row& row,
                 const QMap* props);
bool RelPropsMatch(ExecState& st, EdgeId id, const QMap& props);
// A pattern's property map evaluated against `row` (empty for null; TypeError if not a map).
QMap EvalProps(const ExprP& e, Row& row, ExecState& st);

struct RelSpec {
  std::vector<std::string> types;
  Direction dir = Direction::kBoth;  // relative to the expansion (from -> to)
  ExprP props;
};

// Adjacency of `node` along `rel` (types, direction); an undirected self-loop appears once.
void CollectAdjacency(ExecState& st, NodeId node, const RelSpec& rel, std::vector<AdjEntry>* out);

class ExpandOp : public OpOf<ExpandOp> {
 public:
  void Open(ExecState& st) override;
  bool Next(ExecState& st, Row& row) override;
  std::string Describe() const override;
  int from_slot = -1, rel_slot = -1, to_slot = -1;
  bool to_bound = false;
  bool rel_bound = false;  // the relationship variable was bound by an earlier clause
  RelSpec rel;
  NodeCheck to_check;
  std::vector<int> unique_rel_slots;  // relationships bound earlier in this MATCH
  std::string text;
  // The pattern gave the relationship / the node reached no variable (so no expression reads
  // their slots): lets RewriteDistinctChains fold this expansion into an ExpandChainOp.
  bool rel_anonymous = false, to_anonymous = false;
 private:
  Row input_;
  std::vector<AdjEntry> adj_;
  size_t next_ = 0;
  QMap rel_props_, to_props_;
  bool has_rel_props_ = false, has_to_props_ = false;
};

// Consecutive single-hop expansions through anonymous relationships and nodes, e.g.
// (p)-[:CREDITED]->(:Song)<-[:CREDITED]-(q), producing each distinct end node once per input
// row (in the order the walks first reach it) instead of one row per walk (op_chain.cpp).
// Only planned by RewriteDistinctChains, below a DISTINCT or an aggregation whose aggregates
// all ignore duplicates, where the number of walks to a node cannot change the answer.
// Relationship uniqueness is kept: a walk never reuses an edge, nor one bound earlier in the
// MATCH.
class ExpandChainOp : public OpOf<ExpandChainOp> {
 public:
  struct Step {
    RelSpec rel;                      // no property map
    std::vector<std::string> labels;  // of the node reached (no property map)
  };
  void Open(ExecState& st) override;
  bool Next(ExecState& st, Row& row) override;
  std::string Describe() const override { return "ExpandDistinctEnds" + text; }
  int from_slot = -1, to_slot = -1;
  std::vector<Step> steps;
  std::vector<int> unique_rel_slots;  // relationships bound earlier in this MATCH
  std::string text;
 private:
  Row input_;
  std::vector<NodeId> ends_;
  size_t next_ = 0;
  ChainWalker walker_;
  std::vector<EdgeId> banned_;  // relationships of unique_rel_slots in the input row
};

// The ids of the relationships in `slots` of `row` (relationships or lists of them).
void BannedEdges(const Row& row, const std::vector<int>& slots, std::vector<EdgeId>* out);

// Whether `e` (null: true) calls no random function.
bool DeterministicExpr(const Expr* e);

// Replaces eligible chains of ExpandOps in `plan` (see ExpandChainOp), then fuses eligible
// aggregations (see ChainAggregateOp) and DISTINCT projections (see ChainDistinctOp) above
// them. Idempotent.
void RewriteDistinctChains(Plan& plan);

// An aggregation fused with the filters and the ExpandChainOp below it
// (op_chain_aggregate.cpp): Aggregate <- Filter* <- ExpandDistinctEnds(from)...(to), for two
// shapes where every (input row, end node) pair can be handled with typed integers from the
// adjacency cache instead of a generic row through the filters and the aggregation:
//  - per end: no grouping key, every aggregate count(DISTINCT to.key) or count(DISTINCT to);
//    an end node that passed the filters once is skipped afterwards (its contribution is
//    already counted);
//  - per input: at most one grouping key `to.key`, one aggregate count(DISTINCT e) with `e`
//    not reading `to`; when the values of `e` differ between input rows (checked at run
//    time), a group's count is the number of input rows with a pair in it.
// Filters `to.key = e`, `to.key <> e`, `to.key IN e`, `NOT to.key IN e` (e not reading `to`)
// read the integer column; other filters, and values that are not integers, are evaluated on a
// row as usual. child(0) is the original Aggregate subtree: it runs instead (on the same input
// rows) when the cache is not available or a value falls outside the typed path.
class ChainAggregateOp : public OpOf<ChainAggregateOp> {
 public:
  // One filter of the original plan, bottom first.
  struct Check {
    enum class Kind { kGeneric, kEq, kNe, kIn, kNotIn } kind = Kind::kGeneric;
    std::string key;  // to.key for the typed kinds
    ExprP other;      // the side not reading `to`
    ExprP predicate;  // the whole filter
  };
  enum class Mode { kPerEnd, kPerInput };
  void Open(ExecState& st) override;
  bool Next(ExecState& st, Row& row) override;
  std::string Describe() const override;
  Mode mode = Mode::kPerEnd;
  std::vector<Check> checks;
  std::string group_key;            // kPerInput: to.key grouped by, empty for none
  std::vector<std::string> agg_keys;  // kPerEnd: to.key per aggregate, empty for `to` itself
  size_t filters = 0;               // FilterOps between the Aggregate and the chain
  struct Pending {  // an output row still to build: inputs_[input] with `to` = end
    size_t input;
    NodeId end;
    int64_t count;
  };

 private:
  std::vector<Row> inputs_, out_;
  std::vector<Pending> pending_;
  int pending_slot_ = -1;
  size_t next_ = 0, next_pending_ = 0;
  bool started_ = false, general_ = false;
  bool Run(ExecState& st, std::vector<Row>& inputs);
  // Per input with a key: the groups (one per end, in order) as pending rows; false when two
  // ends share a key or a key is not an integer (the general plan answers).
  bool Groups(const std::vector<Pending>& groups, const AdjacencyView::IntColumn& key_col,
              int slot);
  void RunGeneral(std::vector<Row> inputs);
};
// Wraps eligible Aggregate <- Filter* <- ExpandChainOp subtrees of `plan` in ChainAggregateOps.
void FuseChainAggregates(Plan& plan);
// A filter above a chain classified as ChainAggregateOp does (typed when it compares `to.key`
// with an expression that does not read `to`), and whether `e` is `to.key` (*key set).
ChainAggregateOp::Check ClassifyChainFilter(const ExprP& pred, int to);
bool IsChainEndProperty(const ExprP& e, int to, std::string* key);

// DISTINCT over one property of the end nodes of anonymous chains (op_chain_distinct.cpp),
// for the plan shapes
//   Distinct <- Project(to.key) <- Filter* <- ExpandDistinctEnds(from)...(to)
//   Distinct <- Union <- (Project(to.key) <- Filter* <- ExpandDistinctEnds)  per branch
// i.e. `RETURN DISTINCT q.id` and `RETURN q.id UNION RETURN q.id` over chains. It walks the
// adjacency cache per input row, takes each row's distinct ends in first-reach order, and reads
// the end's labels, the filters' and the projected key's integers from the integer columns
// (their random reads requested several ends ahead), keeping the distinct values in a flat
// integer set: no row, no QValue and no property lookup by name per (input row, end) pair.
// Filters are classified as ChainAggregateOp's: typed ones compare integers; the others (and
// values that are not integers) are evaluated on the pair's row as FilterOp does. The rows come
// out in the order of the general plan: per branch, per input row, per end in first-reach
// order, each value once. child(0) is the original Distinct subtree: it runs instead, on the
// same input rows, when the cache cannot serve the transaction, a key has no integer column,
// or a projected value is neither an integer nor absent (a float, a string, ...).
// Planned by FuseChainDistinct (planner_chain_distinct.cpp).
class ChainDistinctOp : public OpOf<ChainDistinctOp> {
 public:
  struct Branch {
    std::string key;                           // the projected property: to.key
    std::vector<ChainAggregateOp::Check> checks;  // the filters, bottom first
  };
  void Open(ExecState& st) override;
  bool Next(ExecState& st, Row& row) override;
  std::string Describe() const override;
  std::vector<Branch> branches;  // in the order of the Union's children (one without Union)
  int out_slot = -1;             // the Distinct's slot

 private:
  bool Run(ExecState& st);
  void RunGeneral();
  std::vector<ExpandChainOp*> Chains() const;  // per branch, inside child(0)
  std::vector<std::vector<Row>> inputs_;       // per branch: the chain's input rows
  std::vector<int64_t> values_;                // the distinct integers, in output order
  size_t null_at_ = SIZE_MAX;                  // where the null value comes out, if any
  size_t next_ = 0;
  bool started_ = false, general_ = false;
};
// Wraps eligible Distinct subtrees of `plan` in ChainDistinctOps (planner_chain_distinct.cpp).
void FuseChainDistinct(Plan& plan);

class VarExpandOp : public OpOf<VarExpandOp> {
 public:
  void Open(ExecState& st) override;
  bool Next(ExecState& st, Row& row) override;
  std::string Describe() const override;
  int from_slot = -1, rel_slot = -1, to_slot = -1;
  int nodes_slot = -1;  // hidden: list of the path's nodes, in pattern order
  bool to_bound = false;
  bool reversed = false;  // expanding right-to-left in pattern order
  int min_hops = 1, max_hops = -1;
  RelSpec rel;
  NodeCheck to_check;
  std::vector<int> unique_rel_slots;
  std::string text;
 private:
  struct Frame {
    NodeId node;
    std::vector<AdjEntry> adj;
    size_t next = 0;
  };
  Row input_;
  bool have_input_ = false;
  std::vector<Frame> stack_;
  std::vector<AdjEntry> path_;
  bool emit_zero_ = false;
  QMap rel_props_, to_props_;
  bool has_rel_props_ = false, has_to_props_ = false;
  std::unordered_set<EdgeId> banned_;
  void Expand(ExecState& st, NodeId node, std::vector<AdjEntry>* out);
  bool Emit(ExecState& st, Row& row);
};

// A variable-length expansion where only the end nodes matter (op_reach.cpp): the
// relationship list and the path are unused and the rows are made distinct downstream (or only
// existence is asked). A breadth-first search per input row with a visited set emits each node
// reachable in min..max hops once (min_hops 0 or 1), instead of one row per path. The start
// node itself counts for min_hops 1 only when a closed trail of at most max hops returns to it.
class VarReachOp : public OpOf<VarReachOp> {
 public:
  void Open(ExecState& st) override;
  bool Next(ExecState& st, Row& row) override;
  std::string Describe() const override { return "VarLengthReach" + text; }
  int from_slot = -1, to_slot = -1;
  bool to_bound = false;
  int min_hops = 1, max_hops = -1;
  RelSpec rel;
  NodeCheck to_check;
  std::vector<int> unique_rel_slots;  // relationships bound earlier in this MATCH: not used
  std::string text;
 private:
  Row input_;
  std::vector<NodeId> reached_;
  size_t next_ = 0;
  QMap to_props_;
  bool has_to_props_ = false;
  void Search(ExecState& st, NodeId start);
};

// shortestPath / allShortestPaths between two bound nodes (bidirectional BFS).
class ShortestPathOp : public OpOf<ShortestPathOp> {
 public:
  void Open(ExecState& st) override;
  bool Next(ExecState& st, Row& row) override;
  std::string Describe() const override;
  int from_slot = -1, to_slot = -1, rel_slot = -1, path_slot = -1;
  bool all = false;
  int min_hops = 1, max_hops = -1;
  RelSpec rel;
  // Per-element predicates taken from WHERE all(x IN relationships(p) WHERE ...) etc.
  ExprP rel_pred, node_pred;
  int rel_pred_slot = -1, node_pred_slot = -1;
  // The rest of WHERE that reads the path (length(p) > 2, any(r IN relationships(p) ...)):
  // the answer is the shortest path(s) that satisfy it, trying longer paths length by length
  // when the shortest ones fail (rel_slot / path_slot are set while it is evaluated).
  ExprP path_pred;
  bool single_hop_pattern = false;  // [r:T] without *: exactly one hop
 private:
  Row input_;
  std::vector<QPath> results_;
  size_t next_ = 0;
  QMap rel_props_;
  void Search(ExecState& st, Row& row);
  void SearchWithPathPredicate(ExecState& st, Row& scratch, NodeId src, NodeId dst, int max,
                               const std::function<bool(NodeId)>& node_ok,
                               const std::function<bool(const AdjEntry&)>& rel_ok);
  void SetPathSlots(Row& row, const QPath& p) const;
};

// Builds a named path from pattern slots.
class PathBuildOp : public OpOf<PathBuildOp> {
 public:
  bool Next(ExecState& st, Row& row) override;
  std::string Describe() const override { return "PathBuild(" + var + ")"; }
  std::string var;
  int slot = -1;
  std::vector<int> node_slots;  // n+1
  std::vector<int> rel_slots;   // n
  std::vector<int> var_nodes_slots;  // n, -1 for single hops
};

// For each input row, runs the inner pipeline (rooted at an ArgumentOp); emits its rows, or
// the input row with `null_slots` set to null when it has none (OPTIONAL MATCH).
class OptionalOp : public OpOf<OptionalOp> {
 public:
  void Open(ExecState& st) override;
  bool Next(ExecState& st, Row& row) override;
  std::string Describe() const override { return "Optional"; }
  std::vector<int> null_slots;
 private:
  Row input_;
  bool have_input_ = false;
  bool matched_ = false;
};

class UnwindOp : public OpOf<UnwindOp> {
 public:
  void Open(ExecState& st) override;
  bool Next(ExecState& st, Row& row) override;
  std::string Describe() const override { return "Unwind(" + var + ")"; }
  ExprP list;
  int slot = -1;
  std::string var;
 private:
  Row input_;
  QList items_;
  size_t next_ = 0;
};

class ProjectOp : public OpOf<ProjectOp> {
 public:
  bool Next(ExecState& st, Row& row) override;
  std::string Describe() const override;
  std::vector<ExprP> exprs;
  std::vector<int> slots;
  std::vector<std::string> names;
};

struct AggSpec {
  std::string fn;  // count, sum, avg, min, max, collect, stdev, stdevp, percentilecont, ...
  bool distinct = false;
  bool star = false;  // count(*)
  ExprP arg, arg2;    // arg2: percentile
  int slot = -1;
};

class AggregateOp : public OpOf<AggregateOp> {
 public:
  void Open(ExecState& st) override;
  bool Next(ExecState& st, Row& row) override;
  std::string Describe() const override;
  std::vector<ExprP> keys;
  std::vector<AggSpec> aggs;
 private:
  std::vector<Row> out_;
  size_t next_ = 0;
  bool done_ = false;
  void Run(ExecState& st);
};

class DistinctOp : public OpOf<DistinctOp> {
 public:
  void Open(ExecState& st) override;
  bool Next(ExecState& st, Row& row) override;
  std::string Describe() const override { return "Distinct"; }
  std::vector<int> slots;
 private:
  struct Hash { size_t operator()(const std::vector<QValue>& k) const; };
  struct Eq { bool operator()(const std::vector<QValue>& a, const std::vector<QValue>& b) const; };
  std::unordered_set<std::vector<QValue>, Hash, Eq> seen_;
  // One slot whose values have all been integers so far: they are kept in seen_ints_ (no
  // allocation per row); the first other value moves them into seen_ and ends this mode.
  FlatIntSet seen_ints_;
  bool ints_only_ = true;
  friend class AggregateOp;
};

class SortOp : public OpOf<SortOp> {
 public:
  void Open(ExecState& st) override;
  bool Next(ExecState& st, Row& row) override;
  std::string Describe() const override { return "Sort"; }
  std::vector<SortItem> items;
  ExprP limit_hint;  // SKIP + LIMIT when known: keep only that many (top-k)
  ExprP skip_hint;
 private:
  std::vector<Row> rows_;
  size_t next_ = 0;
  bool done_ = false;
};

class SkipLimitOp : public OpOf<SkipLimitOp> {
 public:
  void Open(ExecState& st) override;
  bool Next(ExecState& st, Row& row) override;
  std::string Describe() const override { return "SkipLimit"; }
  ExprP skip, limit;
 private:
  int64_t to_skip_ = 0, remaining_ = -1;
  bool started_ = false;
};
// Evaluates a SKIP/LIMIT expression: a non-negative integer, else an error.
int64_t EvalCount(ExecState& st, const ExprP& e, const char* what);

// Concatenates children, copying each child's column slots to `out_slots`.
class UnionOp : public OpOf<UnionOp> {
 public:
  void Open(ExecState& st) override;
  bool Next(ExecState& st, Row& row) override;
  std::string Describe() const override { return "Union"; }
  std::vector<std::vector<int>> child_slots;
  std::vector<int> out_slots;
 private:
  size_t current_ = 0;
  Row tmp_;
};

class CallOp : public OpOf<CallOp> {
 public:
  void Open(ExecState& st) override;
  bool Next(ExecState& st, Row& row) override;
  std::string Describe() const override { return "ProcedureCall(" + proc + ")"; }
  std::string proc;
  std::vector<ExprP> args;
  bool implicit_args = false;
  std::vector<int> column_index;  // procedure column per yielded slot
  std::vector<int> slots;
 private:
  Row input_;
  std::vector<std::vector<QValue>> results_;
  size_t next_ = 0;
};

// ---- writes: each drains its input first (eager), then applies its changes row by row ----
class EagerWriteOp : public Op {
 public:
  void Open(ExecState& st) override;
  bool Next(ExecState& st, Row& row) override;
 protected:
  // Applies the clause to one input row, appending output rows.
  virtual void Apply(ExecState& st, Row& row, std::vector<Row>* out) = 0;
  virtual void Finish(ExecState& /*st*/) {}
 private:
  std::vector<Row> out_;
  size_t next_ = 0;
  bool done_ = false;
};

struct CreateNodeSpec {
  int slot = -1;
  bool bound = false;
  std::vector<std::string> labels;
  ExprP props;
};
struct CreateRelSpec {
  int slot = -1;
  int from = 0, to = 0;  // node index within the part
  std::string type;
  ExprP props;
};
struct CreatePartSpec {
  std::vector<CreateNodeSpec> nodes;
  std::vector<CreateRelSpec> rels;
  int path_slot = -1;
};
// Creates the pattern parts for `row`, binding their slots.
void CreateParts(ExecState& st, const std::vector<CreatePartSpec>& parts, Row& row);

class CreateOp : public EagerWriteOp {
 public:
  std::unique_ptr<Op> Clone() const override { return std::make_unique<CreateOp>(*this); }
  std::string Describe() const override { return "Create"; }
  std::vector<CreatePartSpec> parts;
 protected:
  void Apply(ExecState& st, Row& row, std::vector<Row>* out) override;
};

struct BoundSetItem {
  SetItem::Kind kind = SetItem::Kind::kProperty;
  ExprP target;  // kProperty: the entity expression; otherwise the variable
  std::string key;
  std::vector<std::string> labels;
  ExprP value;  // null for REMOVE
};
void ApplySetItems(ExecState& st, const std::vector<BoundSetItem>& items, Row& row, bool remove);

class SetOp : public EagerWriteOp {
 public:
  std::unique_ptr<Op> Clone() const override { return std::make_unique<SetOp>(*this); }
  std::string Describe() const override { return remove ? "Remove" : "Set"; }
  std::vector<BoundSetItem> items;
  bool remove = false;
 protected:
  void Apply(ExecState& st, Row& row, std::vector<Row>* out) override;
};

class DeleteOp : public EagerWriteOp {
 public:
  std::unique_ptr<Op> Clone() const override { return std::make_unique<DeleteOp>(*this); }
  std::string Describe() const override { return detach ? "DetachDelete" : "Delete"; }
  std::vector<ExprP> exprs;
  bool detach = false;
 protected:
  void Apply(ExecState& st, Row& row, std::vector<Row>* out) override;
  void Finish(ExecState& st) override;
 private:
  std::vector<NodeId> nodes_;
};

// MERGE: child(0) is the input, child(1) the match pipeline over an ArgumentOp.
class MergeOp : public EagerWriteOp {
 public:
  std::unique_ptr<Op> Clone() const override { return std::make_unique<MergeOp>(*this); }
  std::string Describe() const override { return "Merge"; }
  std::vector<CreatePartSpec> create;
  std::vector<BoundSetItem> on_create, on_match;
 protected:
  void Apply(ExecState& st, Row& row, std::vector<Row>* out) override;
};

class Plan {
 public:
  std::unique_ptr<Op> root;
  std::vector<std::unique_ptr<Op>> subplans;  // pattern expressions, each over an ArgumentOp
  int num_slots = 0;
  std::vector<std::string> columns;
  std::vector<int> column_slots;
  bool writes = false;
  bool explain = false;
  bool profile = false;
  std::string ToString() const;
};

// Builds the plan of a parsed statement. Errors: SyntaxError/TypeError-classed statuses.
Result<std::unique_ptr<Plan>> BuildPlan(const Statement& stmt, const ProcedureRegistry& procs);

// Expression evaluation (eval.cpp).
QValue Eval(const Expr& e, Row& row, ExecState& st);
// Three-valued truth of a predicate value: true only for boolean true; TypeError for
// non-boolean, non-null values.
bool IsTrue(const QValue& v);
// Cypher `=`: true, false or null.
QValue CypherEquals(const QValue& a, const QValue& b);
// Is `name` an aggregate function?
bool IsAggregateName(const std::string& name);

}  // namespace liner::query
