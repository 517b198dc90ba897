// FuseChainDistinct: the plan rule that introduces ChainDistinctOp (plan.h,
// op_chain_distinct.cpp) over
//   Distinct <- Project(to.key) <- Filter* <- ExpandDistinctEnds(from)...(to)
//   Distinct <- Union <- (Project(to.key) <- Filter* <- ExpandDistinctEnds) per branch
// when the Distinct keeps one column, which every branch fills with one property of its chain's
// end node. It runs after RewriteDistinctChains has folded the chains (op_chain.cpp).
#include "query/plan.h"

namespace liner::query {
namespace {

// Project(to.key) <- Filter* <- ExpandChainOp starting at `op`, writing `slot`: the branch.
bool MatchBranch(Op* op, int slot, ChainDistinctOp::Branch* out) {
  auto* p = dynamic_cast<ProjectOp*>(op);
  if (!p || p->exprs.size() != 1 || p->slots.size() != 1 || p->slots[0] != slot) return false;
  std::vector<FilterOp*> filters;  // top first
  Op* o = p->child();
  while (auto* f = dynamic_cast<FilterOp*>(o)) {
    if (!DeterministicExpr(f->predicate.get())) return false;
    filters.push_back(f);
    o = f->child();
  }
  auto* chain = dynamic_cast<ExpandChainOp*>(o);
  if (!chain || !IsChainEndProperty(p->exprs[0], chain->to_slot, &out->key)) return false;
  out->checks.clear();
  for (auto it = filters.rbegin(); it != filters.rend(); ++it)
    out->checks.push_back(ClassifyChainFilter((*it)->predicate, chain->to_slot));
  return true;
}

void Fuse(std::unique_ptr<Op>& slot) {
  if (dynamic_cast<ChainDistinctOp*>(slot.get())) return;  // already fused
  for (auto& c : slot->children) Fuse(c);
  auto* d = dynamic_cast<DistinctOp*>(slot.get());
  if (!d || d->slots.size() != 1) return;
  auto op = std::make_unique<ChainDistinctOp>();
  op->out_slot = d->slots[0];
  Op* top = d->child();
  if (auto* u = dynamic_cast<UnionOp*>(top)) {
    if (u->out_slots.size() != 1 || u->out_slots[0] != op->out_slot ||
        u->child_slots.size() != u->children.size())
      return;
    for (size_t i = 0; i < u->children.size(); ++i) {
      ChainDistinctOp::Branch b;
      if (u->child_slots[i].size() != 1 || !MatchBranch(u->child(i), u->child_slots[i][0], &b))
        return;
      op->branches.push_back(std::move(b));
    }
  } else {
    ChainDistinctOp::Branch b;
    if (!MatchBranch(top, op->out_slot, &b)) return;
    op->branches.push_back(std::move(b));
  }
  op->children.push_back(std::move(slot));
  slot = std::move(op);
}

}  // namespace

void FuseChainDistinct(Plan& plan) {
  if (plan.root) Fuse(plan.root);
}

}  // namespace liner::query
