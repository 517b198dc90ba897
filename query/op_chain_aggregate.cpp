// ChainAggregateOp and the rewrite that introduces it (see plan.h): count(DISTINCT ...) over
// the distinct ends of an anonymous chain, with the filters between them read from the
// adjacency cache's integer columns, without a generic row per (input row, end node) pair.
//
// Why the answers are the same as the general plan's (Aggregate <- Filter* <- ExpandChainOp):
//  - The filters are applied in the same order to the same (input row, end) pairs; a typed
//    filter gives exactly what Cypher gives when both sides are integers (`to.key` read from
//    the column, the other side evaluated once per input row: it does not read `to` and is
//    deterministic, so its value is the same for every pair of the row); in every other case
//    (a value of another type, absent, null, a list that is not all integers) the filter is
//    evaluated on the pair's row as FilterOp does. The other side is evaluated lazily, at the
//    first pair of the row that reaches the filter, so errors surface for the same rows.
//  - Per end (no grouping key, every aggregate count(DISTINCT) of the end node or one of its
//    properties): what a pair adds depends only on its end node, and DISTINCT ignores repeats,
//    so once an end passed the filters, later pairs with the same end add nothing: they are
//    skipped before the filters.
//  - Per input (grouping by `to.key` or nothing, every aggregate count(DISTINCT e) with e not
//    reading `to`): when the values of e are integers (or null) that differ between the input
//    rows that have a passing pair, count(DISTINCT e) of a group is the number of those rows
//    whose pairs reach the group (a null e counts nothing). A repeated or non-integer value
//    hands everything to the general plan.
//  - Groups come out in the order of their first passing pair, each with that pair's row, as
//    AggregateOp does; with no key and no pair, one all-null row with zero counts.
// The general plan (child 0) runs on the same input rows whenever the typed path cannot
// answer: no adjacency cache for this transaction, a missing integer column, or a value of
// another type where a key or an aggregated value is read.
#include <set>

#include "query/flat_int_set.h"
#include "query/plan.h"
#include "query/planner.h"

namespace liner::query {
namespace {

// Yields rows read beforehand: the general plan's input when the typed path gives up.
class ReplayOp : public OpOf<ReplayOp> {
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

struct Parts {
  AggregateOp* agg = nullptr;
  ExpandChainOp* chain = nullptr;
};

Parts Find(const ChainAggregateOp& op) {
  Parts p;
  p.agg = static_cast<AggregateOp*>(op.child());
  Op* o = p.agg->child();
  for (size_t i = 0; i < op.filters; ++i) o = o->child();
  p.chain = static_cast<ExpandChainOp*>(o);
  return p;
}

// One check's state for the current input row.
struct Live {
  bool ready = false;   // `other` evaluated for this row
  bool typed = false;   // compare integers; else evaluate the predicate on the pair's row
  int64_t value = 0;    // kEq / kNe
  const InListIndex* in = nullptr;  // kIn / kNotIn
  const AdjacencyView::IntColumn* column = nullptr;
};

// Reads the integer `key` of `node` from `col`: true with *v for an integer; false when the
// column cannot say (no column, absent, another type).
inline bool IntOf(const AdjacencyView::IntColumn* col, NodeId node, int64_t* v) {
  if (!col || node >= col->size || col->kind[node] != static_cast<uint8_t>(IntPropKind::kInt))
    return false;
  *v = col->value[node];
  return true;
}

// The filters of one ChainAggregateOp for one input row at a time.
class Checker {
 public:
  Checker(ExecState& st, const AdjacencyView& v, const std::vector<ChainAggregateOp::Check>& checks,
          int to_slot)
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
  // Whether the pair (input row, `end`) passes every filter, bottom first.
  bool Pass(NodeId end) {
    bool slot_set = false;
    for (size_t i = 0; i < checks_.size(); ++i) {
      const ChainAggregateOp::Check& c = checks_[i];
      Live& l = live_[i];
      using Kind = ChainAggregateOp::Check::Kind;
      if (c.kind != Kind::kGeneric) {
        if (!l.ready) Prepare(c, l);
        int64_t x;
        if (l.typed && IntOf(l.column, end, &x)) {
          bool ok;
          switch (c.kind) {
            case Kind::kEq: ok = x == l.value; break;
            case Kind::kNe: ok = x != l.value; break;
            case Kind::kIn: ok = l.in->ints.Contains(x); break;
            default: ok = !l.in->ints.Contains(x); break;
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
  void Prepare(const ChainAggregateOp::Check& c, Live& l) {
    l.ready = true;
    l.typed = false;
    if (!l.column) return;
    QValue other = Eval(*c.other, *pair_, st_);
    using Kind = ChainAggregateOp::Check::Kind;
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

}  // namespace

void ChainAggregateOp::Open(ExecState& st) {
  Op::Open(st);
  out_.clear();
  next_ = 0;
  started_ = general_ = false;
}

std::string ChainAggregateOp::Describe() const {
  size_t typed = 0;
  for (const Check& c : checks) typed += c.kind != Check::Kind::kGeneric;
  return std::string("ChainAggregate(") + (mode == Mode::kPerEnd ? "per end" : "per input") +
         ", " + std::to_string(typed) + " of " + std::to_string(checks.size()) +
         " filters typed; the plan below runs when the cache cannot answer)";
}

bool ChainAggregateOp::Next(ExecState& st, Row& row) {
  if (!started_) {
    started_ = true;
    std::vector<Row> inputs;
    Row r;
    Op* input = Find(*this).chain->child();
    while (input->Next(st, r)) {
      st.CheckInterrupt();
      inputs.push_back(r);
    }
    if (!Run(st, inputs)) {
      out_.clear();
      general_ = true;
      RunGeneral(std::move(inputs));
    }
  }
  if (general_) {
    if (!child()->Next(st, row)) return false;
    ++rows_produced;
    return true;
  }
  if (next_ >= out_.size()) return false;
  row = std::move(out_[next_++]);
  ++rows_produced;
  return true;
}

void ChainAggregateOp::RunGeneral(std::vector<Row> inputs) {
  auto replay = std::make_unique<ReplayOp>();
  replay->rows = std::move(inputs);
  Find(*this).chain->children[0] = std::move(replay);
}

bool ChainAggregateOp::Run(ExecState& st, std::vector<Row>& inputs) {
  const AdjacencyView* v = st.txn->CachedAdjacency();
  if (!v) return false;
  const Parts parts = Find(*this);
  const ExpandChainOp& chain = *parts.chain;
  const std::vector<AggSpec>& aggs = parts.agg->aggs;
  const int to = chain.to_slot;
  auto column = [&](const std::string& key) -> const AdjacencyView::IntColumn* {
    TokenId t = st.Token(TokenKind::kPropertyKey, key);
    return t == kNoToken ? nullptr : v->Column(t);
  };

  ChainWalker walker;
  std::vector<ChainWalker::Step> ws;
  for (const auto& s : chain.steps) ws.push_back({&s.rel, &s.labels});
  walker.Prepare(st, ws);
  Checker checker(st, *v, checks, to);
  std::vector<EdgeId> banned;
  std::vector<NodeId> ends;
  Row pair;
  // Walks the ends of input row i, calling fn(end) for those passing the filters (`skip(end)`
  // first: true skips the end before the filters).
  auto for_each_pass = [&](size_t i, auto&& skip, auto&& fn) {
    const Row& in = inputs[i];
    const QValue& from = in[chain.from_slot];
    if (!from.is_node()) {
      if (!from.is_null()) Throw("TypeError(VariableTypeConflict)", "expected a node to expand from");
      return true;
    }
    BannedEdges(in, chain.unique_rel_slots, &banned);
    walker.Walk(st, from.as_node().id, banned, &ends);
    pair = in;
    checker.Reset(&pair);
    for (NodeId end : ends) {
      st.CheckInterrupt();
      if (skip(end) || !checker.Pass(end)) continue;
      if (!fn(end)) return false;
    }
    return true;
  };
  auto output = [&](size_t input, NodeId end) {
    Row r = inputs[input];
    r[to] = QValue(NodeRef(end));
    return r;
  };

  if (mode == Mode::kPerEnd) {
    std::vector<const AdjacencyView::IntColumn*> cols;
    for (const std::string& k : agg_keys) {
      cols.push_back(k.empty() ? nullptr : column(k));
      if (!k.empty() && !cols.back()) return false;
    }
    std::vector<FlatIntSet> sets(aggs.size());
    std::vector<uint64_t> done((v->node_limit + 63) / 64, 0);
    bool any = false;
    size_t rep_input = 0;
    NodeId rep_end = 0;
    for (size_t i = 0; i < inputs.size(); ++i) {
      bool ok = for_each_pass(
          i, [&](NodeId end) { return (done[end >> 6] >> (end & 63)) & 1; },
          [&](NodeId end) {
            done[end >> 6] |= uint64_t{1} << (end & 63);
            if (!any) {
              any = true;
              rep_input = i;
              rep_end = end;
            }
            for (size_t a = 0; a < aggs.size(); ++a) {
              if (!cols[a]) {
                sets[a].Insert(static_cast<int64_t>(end));
                continue;
              }
              if (end >= cols[a]->size) return false;
              auto kind = static_cast<IntPropKind>(cols[a]->kind[end]);
              if (kind == IntPropKind::kOther) return false;
              if (kind == IntPropKind::kInt) sets[a].Insert(cols[a]->value[end]);
            }
            return true;
          });
      if (!ok) return false;
    }
    Row r = any ? output(rep_input, rep_end) : Row(st.plan->num_slots);
    for (size_t a = 0; a < aggs.size(); ++a) r[aggs[a].slot] = QValue(static_cast<int64_t>(sets[a].size()));
    out_.push_back(std::move(r));
    return true;
  }

  // Per input.
  const AdjacencyView::IntColumn* key_col = nullptr;
  if (!group_key.empty() && !(key_col = column(group_key))) return false;
  struct Group {
    size_t input;
    NodeId end;
    uint32_t last;  // the last input row counted in the group, + 1
  };
  std::vector<Group> groups;
  std::vector<int64_t> counts;  // group * aggs.size() + a
  FlatIntMap index;
  uint32_t null_group = UINT32_MAX;
  std::vector<FlatIntSet> values(aggs.size());  // the aggregated values seen, per aggregate
  std::vector<char> has(aggs.size());           // the current row's value is not null
  for (size_t i = 0; i < inputs.size(); ++i) {
    bool evaluated = false;
    bool ok = for_each_pass(
        i, [](NodeId) { return false; },
        [&](NodeId end) {
          if (!evaluated) {  // the row's aggregated values, at its first passing pair
            evaluated = true;
            for (size_t a = 0; a < aggs.size(); ++a) {
              QValue x = Eval(*aggs[a].arg, pair, st);
              has[a] = !x.is_null();
              if (x.is_null()) continue;
              if (!x.is_int() || !values[a].Insert(x.as_int())) return false;
            }
          }
          uint32_t g = 0;
          if (key_col) {
            if (end >= key_col->size) return false;
            auto kind = static_cast<IntPropKind>(key_col->kind[end]);
            if (kind == IntPropKind::kOther) return false;
            bool inserted = false;
            if (kind == IntPropKind::kInt) {
              g = index.FindOrInsert(key_col->value[end], static_cast<uint32_t>(groups.size()),
                                     &inserted);
            } else {
              inserted = null_group == UINT32_MAX;
              if (inserted) null_group = static_cast<uint32_t>(groups.size());
              g = null_group;
            }
            if (inserted) {
              groups.push_back({i, end, 0});
              counts.resize(counts.size() + aggs.size(), 0);
            }
          } else if (groups.empty()) {
            groups.push_back({i, end, 0});
            counts.resize(aggs.size(), 0);
          }
          Group& gr = groups[g];
          if (gr.last == i + 1) return true;
          gr.last = static_cast<uint32_t>(i + 1);
          for (size_t a = 0; a < aggs.size(); ++a) counts[g * aggs.size() + a] += has[a];
          return true;
        });
    if (!ok) return false;
  }
  if (groups.empty() && group_key.empty()) {
    Row r(st.plan->num_slots);
    for (const AggSpec& a : aggs) r[a.slot] = QValue(int64_t{0});
    out_.push_back(std::move(r));
    return true;
  }
  out_.reserve(groups.size());
  for (size_t g = 0; g < groups.size(); ++g) {
    Row r = output(groups[g].input, groups[g].end);
    for (size_t a = 0; a < aggs.size(); ++a) r[aggs[a].slot] = QValue(counts[g * aggs.size() + a]);
    out_.push_back(std::move(r));
  }
  return true;
}

// ---------------------------------------------------------------- FuseChainAggregates

namespace {

// `to.key` (true, with *key) for a property of the end node.
bool IsEndProperty(const ExprP& e, int to, std::string* key) {
  if (!e || e->kind != ExprKind::kProperty || e->args.empty() || !e->args[0] ||
      e->args[0]->kind != ExprKind::kVariable || e->args[0]->slot != to)
    return false;
  *key = e->name;
  return true;
}

bool IsEnd(const ExprP& e, int to) {
  return e && e->kind == ExprKind::kVariable && e->slot == to;
}

// Deterministic, no pattern subplan, and does not read the end node.
bool InputOnly(const ExprP& e, int to) {
  if (!e || !DeterministicExpr(e.get())) return false;
  std::set<int> slots;
  bool sub = false;
  CollectSlots(*e, &slots, &sub);
  return !sub && !slots.count(to);
}

ChainAggregateOp::Check Classify(const ExprP& pred, int to) {
  using Kind = ChainAggregateOp::Check::Kind;
  ChainAggregateOp::Check c;
  c.predicate = pred;
  const Expr* e = pred.get();
  bool negated = false;
  if (e->kind == ExprKind::kNot && e->args.size() == 1 && e->args[0] &&
      e->args[0]->kind == ExprKind::kBinary && e->args[0]->op == BinOp::kIn) {
    negated = true;
    e = e->args[0].get();
  }
  if (e->kind != ExprKind::kBinary || e->args.size() != 2) return c;
  if (e->op == BinOp::kIn) {
    if (IsEndProperty(e->args[0], to, &c.key) && InputOnly(e->args[1], to)) {
      c.kind = negated ? Kind::kNotIn : Kind::kIn;
      c.other = e->args[1];
    }
    return c;
  }
  if (negated || (e->op != BinOp::kEq && e->op != BinOp::kNe)) return c;
  for (int side = 0; side < 2; ++side) {
    if (IsEndProperty(e->args[side], to, &c.key) && InputOnly(e->args[1 - side], to)) {
      c.kind = e->op == BinOp::kEq ? Kind::kEq : Kind::kNe;
      c.other = e->args[1 - side];
      return c;
    }
  }
  c.key.clear();
  return c;
}

void Fuse(std::unique_ptr<Op>& slot) {
  if (dynamic_cast<ChainAggregateOp*>(slot.get())) return;  // already fused
  for (auto& c : slot->children) Fuse(c);
  auto* agg = dynamic_cast<AggregateOp*>(slot.get());
  if (!agg || agg->aggs.empty() || agg->keys.size() > 1) return;
  std::vector<FilterOp*> filters;  // top first
  Op* o = agg->child();
  while (auto* f = dynamic_cast<FilterOp*>(o)) {
    if (!DeterministicExpr(f->predicate.get())) return;
    filters.push_back(f);
    o = f->child();
  }
  auto* chain = dynamic_cast<ExpandChainOp*>(o);
  if (!chain) return;
  const int to = chain->to_slot;
  auto op = std::make_unique<ChainAggregateOp>();
  bool all_end = true, all_input = true;
  for (const AggSpec& a : agg->aggs) {
    if (a.fn != "count" || !a.distinct || a.star || a.arg2 || !a.arg) return;
    std::string key;
    if (IsEndProperty(a.arg, to, &key) || IsEnd(a.arg, to)) {
      op->agg_keys.push_back(key);
      all_input = false;
    } else if (InputOnly(a.arg, to)) {
      all_end = false;
    } else {
      return;
    }
  }
  if (agg->keys.empty() && all_end) {
    op->mode = ChainAggregateOp::Mode::kPerEnd;
  } else if (all_input && (agg->keys.empty() || IsEndProperty(agg->keys[0], to, &op->group_key))) {
    op->mode = ChainAggregateOp::Mode::kPerInput;
    op->agg_keys.clear();
  } else {
    return;
  }
  for (auto it = filters.rbegin(); it != filters.rend(); ++it)
    op->checks.push_back(Classify((*it)->predicate, to));
  op->filters = filters.size();
  op->children.push_back(std::move(slot));
  slot = std::move(op);
}

}  // namespace

void FuseChainAggregates(Plan& plan) {
  if (plan.root) Fuse(plan.root);
}

}  // namespace liner::query
