// FuseChainAggregates: the rewrite that puts a ChainAggregateOp (op_chain_aggregate.cpp) above
// Aggregate <- Filter* <- ExpandChainOp subtrees whose aggregation it can answer (see plan.h).
#include <set>

#include "query/plan.h"
#include "query/planner.h"

namespace liner::query {


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
  } else if (all_input && agg->aggs.size() == 1 &&
             (agg->keys.empty() || IsEndProperty(agg->keys[0], to, &op->group_key))) {
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

ChainAggregateOp::Check ClassifyChainFilter(const ExprP& pred, int to) { return Classify(pred, to); }
bool IsChainEndProperty(const ExprP& e, int to, std::string* key) {
  return IsEndProperty(e, to, key);
}

}  // namespace liner::query
