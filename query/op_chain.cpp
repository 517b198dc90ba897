// ExpandChainOp and the plan rewrite that introduces it: multi-hop expansions whose rows are
// only observed as a set of end nodes (DISTINCT, count(DISTINCT), collect(DISTINCT), ...)
// walk the graph without producing a row per walk.
//
// Why it is the same answer: between the chain and the DISTINCT (or duplicate-ignoring
// aggregation) there are only filters, projections, node checks and UNIONs, each row by row
// and deterministic, so a row repeated k times there contributes exactly what one copy does.
// The chain's intermediate nodes and relationships are anonymous and no other operator reads
// their slots (no named path, no later uniqueness check against them), so a row of the chain
// is determined by its input row and its end node: the rewritten plan gives every (input, end)
// pair the original gives, once.
#include <algorithm>

#include "query/plan.h"

namespace liner::query {

// ---------------------------------------------------------------- ExpandChainOp

void ExpandChainOp::Open(ExecState& st) {
  Op::Open(st);
  ends_.clear();
  next_ = 0;
  std::vector<ChainWalker::Step> ws;
  for (const Step& s : steps) ws.push_back({&s.rel, &s.labels});
  walker_.Prepare(st, ws);
}

// The relationships bound earlier in the MATCH (a walk must not use them).
void BannedEdges(const Row& row, const std::vector<int>& slots, std::vector<EdgeId>* out) {
  out->clear();
  for (int s : slots) {
    const QValue& v = row[s];
    if (v.is_rel()) out->push_back(v.as_rel().id);
    if (v.is_list())
      for (const auto& r : v.as_list())
        if (r.is_rel()) out->push_back(r.as_rel().id);
  }
}

bool ExpandChainOp::Next(ExecState& st, Row& row) {
  while (true) {
    if (next_ < ends_.size()) {
      row = input_;
      row[to_slot] = QValue(NodeRef(ends_[next_++]));
      ++rows_produced;
      return true;
    }
    if (!child()->Next(st, input_)) return false;
    ends_.clear();
    next_ = 0;
    const QValue& from = input_[from_slot];
    if (!from.is_node()) {
      if (!from.is_null())
        Throw("TypeError(VariableTypeConflict)", "expected a node to expand from");
      continue;
    }
    BannedEdges(input_, unique_rel_slots, &banned_);
    walker_.Walk(st, from.as_node().id, banned_, &ends_);
  }
}

// ---------------------------------------------------------------- RewriteDistinctChains

bool DeterministicExpr(const Expr* e) {
  if (!e) return true;
  if (e->kind == ExprKind::kFunction && (e->name == "rand" || e->name == "randomuuid"))
    return false;
  for (const auto& a : e->args)
    if (!DeterministicExpr(a.get())) return false;
  return true;
}

namespace {

bool Deterministic(const Expr* e) { return DeterministicExpr(e); }

// A DISTINCT, or an aggregation whose every aggregate ignores duplicate rows.
bool IsSetSink(const Op* op) {
  if (dynamic_cast<const DistinctOp*>(op)) return true;
  const auto* agg = dynamic_cast<const AggregateOp*>(op);
  if (!agg) return false;
  for (const auto& k : agg->keys)
    if (!Deterministic(k.get())) return false;
  for (const AggSpec& a : agg->aggs) {
    if (a.star || !(a.distinct || a.fn == "min" || a.fn == "max")) return false;
    if (!Deterministic(a.arg.get()) || !Deterministic(a.arg2.get())) return false;
  }
  return true;
}

// Row-by-row operators that keep "k copies of a row give k copies of its output".
bool IsPassThrough(const Op* op) {
  if (const auto* f = dynamic_cast<const FilterOp*>(op)) return Deterministic(f->predicate.get());
  if (const auto* p = dynamic_cast<const ProjectOp*>(op)) {
    for (const auto& e : p->exprs)
      if (!Deterministic(e.get())) return false;
    return true;
  }
  if (const auto* n = dynamic_cast<const NodeScanOp*>(op))
    return n->mode == NodeScanOp::Mode::kBound && Deterministic(n->check.props.get());
  return dynamic_cast<const UnionOp*>(op) != nullptr;
}

// Slots that operators read as relationships or path members outside expression trees.
void CollectStructuralSlots(const Op* op, std::vector<int>* out) {
  if (!op) return;
  auto add = [&](const std::vector<int>& v) { out->insert(out->end(), v.begin(), v.end()); };
  if (const auto* x = dynamic_cast<const ExpandOp*>(op)) add(x->unique_rel_slots);
  if (const auto* x = dynamic_cast<const VarExpandOp*>(op)) add(x->unique_rel_slots);
  if (const auto* x = dynamic_cast<const VarReachOp*>(op)) add(x->unique_rel_slots);
  if (const auto* x = dynamic_cast<const ExpandChainOp*>(op)) add(x->unique_rel_slots);
  if (const auto* x = dynamic_cast<const PathBuildOp*>(op)) {
    add(x->node_slots);
    add(x->rel_slots);
    add(x->var_nodes_slots);
  }
  for (const auto& c : op->children) CollectStructuralSlots(c.get(), out);
}

bool Eligible(const ExpandOp* x, bool is_end) {
  if (!x || !x->rel_anonymous || x->rel_bound || x->to_bound || x->rel.props ||
      x->to_check.props)
    return false;
  return is_end || x->to_anonymous;
}

// Folds the chain starting at `slot` (an ExpandOp reaching the end node) when eligible.
void TryFold(std::unique_ptr<Op>& slot, const std::vector<int>& structural) {
  std::vector<ExpandOp*> chain;  // end first
  auto* end = dynamic_cast<ExpandOp*>(slot.get());
  if (!Eligible(end, true)) return;
  chain.push_back(end);
  while (true) {
    auto* below = dynamic_cast<ExpandOp*>(chain.back()->child());
    if (!Eligible(below, false) || below->to_slot != chain.back()->from_slot) break;
    chain.push_back(below);
  }
  if (chain.size() < 2) return;
  // Slots private to the chain: its relationships and intermediate nodes. Uniqueness lists of
  // the chain's own expansions may name the chain's earlier relationships; nothing else may.
  std::vector<int> own;
  for (ExpandOp* x : chain) own.push_back(x->rel_slot);
  for (size_t i = 1; i < chain.size(); ++i) own.push_back(chain[i]->to_slot);
  std::vector<int> inside;
  for (ExpandOp* x : chain) inside.insert(inside.end(), x->unique_rel_slots.begin(), x->unique_rel_slots.end());
  for (int s : own) {
    long total = std::count(structural.begin(), structural.end(), s);
    long mine = std::count(inside.begin(), inside.end(), s);
    if (total != mine) return;
  }
  auto op = std::make_unique<ExpandChainOp>();
  ExpandOp* bottom = chain.back();
  op->from_slot = bottom->from_slot;
  op->to_slot = end->to_slot;
  op->unique_rel_slots = bottom->unique_rel_slots;  // bound before the chain
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    op->steps.push_back(ExpandChainOp::Step{(*it)->rel, (*it)->to_check.labels});
    op->text += it == chain.rbegin() ? (*it)->text : (*it)->text.substr((*it)->text.find(')') + 1);
  }
  op->children.push_back(std::move(bottom->children[0]));
  slot = std::move(op);
}

void Visit(std::unique_ptr<Op>& op, bool under_sink, const std::vector<int>& structural) {
  if (under_sink) TryFold(op, structural);
  const bool child_under_sink = IsSetSink(op.get()) || (under_sink && IsPassThrough(op.get()));
  for (auto& c : op->children) Visit(c, child_under_sink, structural);
}

}  // namespace

void RewriteDistinctChains(Plan& plan) {
  if (!plan.root) return;
  std::vector<int> structural;
  CollectStructuralSlots(plan.root.get(), &structural);
  for (const auto& sp : plan.subplans) CollectStructuralSlots(sp.get(), &structural);
  Visit(plan.root, false, structural);
  FuseChainAggregates(plan);  // op_chain_aggregate.cpp
  FuseChainDistinct(plan);    // planner_chain_distinct.cpp
}

}  // namespace liner::query
