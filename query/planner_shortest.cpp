// Planning of shortestPath / allShortestPaths parts: the ShortestPathOp between the two bound
// end nodes, with the WHERE conjuncts it can evaluate during the search — per-element
// predicates (all/none over relationships(p) or nodes(p)) prune it, other predicates on the
// path choose among paths (longer ones are tried when the shortest fail).
#include <algorithm>

#include "query/planner.h"

namespace liner::query {

std::unique_ptr<Op> Planner::PlanShortest(std::unique_ptr<Op> op, const PatternPart& part,
                                          const PartSlots& ps, std::set<int>& bound,
                                          const std::set<int>& pre_bound,
                                          std::vector<std::pair<ExprP, bool>>& conjuncts) {
  const RelPattern& r = part.rels[0];
  auto sp = std::make_unique<ShortestPathOp>();
  sp->from_slot = ps.nodes[0];
  sp->to_slot = ps.nodes[1];
  sp->rel_slot = ps.rels[0];
  sp->path_slot = ps.path;
  sp->all = part.kind == PatternPart::Kind::kAllShortest;
  sp->min_hops = r.var_length ? r.min_hops : 1;
  sp->max_hops = r.var_length ? r.max_hops : 1;
  sp->single_hop_pattern = !r.var_length;
  sp->rel.types = r.types;
  sp->rel.dir = r.dir;
  sp->rel.props = r.props;
  // Per-element predicates over the path: all(x IN relationships(p) WHERE ...).
  if (ps.path >= 0) {
    for (auto& [c, used] : conjuncts) {
      const Expr* q = c.get();
      bool negate = false;
      if (q->kind == ExprKind::kNot && q->args[0]->kind == ExprKind::kQuantifier &&
          q->args[0]->keys[0] == "any") {
        q = q->args[0].get();
        negate = true;
      }
      if (q->kind != ExprKind::kQuantifier) continue;
      const std::string& quant = q->keys[0];
      if (!negate && quant != "all" && quant != "none") continue;
      const Expr& list = *q->args[0];
      if (list.kind != ExprKind::kFunction || list.args.size() != 1 ||
          list.args[0]->kind != ExprKind::kVariable || list.args[0]->slot != ps.path)
        continue;
      std::set<int> allowed = pre_bound;
      allowed.insert(q->slot);
      if (!SlotsWithin(*q->args[1], allowed)) continue;
      ExprP pred = q->args[1];
      if (quant == "none" || negate) {
        auto n = std::make_shared<Expr>();
        n->kind = ExprKind::kNot;
        n->args.push_back(pred);
        pred = n;
      }
      if ((list.name == "relationships" || list.name == "rels") && !sp->rel_pred) {
        sp->rel_pred = pred;
        sp->rel_pred_slot = q->slot;
        used = true;  // every relationship the search follows satisfies it
      } else if (list.name == "nodes" && !sp->node_pred) {
        sp->node_pred = pred;
        sp->node_pred_slot = q->slot;
        used = true;
      }
    }
  }
  // Other conjuncts on the path or its relationships choose among paths: the search
  // evaluates them, so that the answer is the shortest path that satisfies them.
  if (ps.path >= 0 || ps.rels[0] >= 0) {
    std::set<int> allowed = bound;
    allowed.insert(ps.path);
    allowed.insert(ps.rels[0]);
    for (auto& [c, used] : conjuncts) {
      if (used) continue;
      std::set<int> slots;
      bool sub = false;
      CollectSlots(*c, &slots, &sub);
      if (sub || !(slots.count(ps.path) || slots.count(ps.rels[0]))) continue;
      if (!std::all_of(slots.begin(), slots.end(), [&](int s) { return allowed.count(s); }))
        continue;
      if (!sp->path_pred) {
        sp->path_pred = c;
      } else {
        auto both = std::make_shared<Expr>();
        both->kind = ExprKind::kBinary;
        both->op = BinOp::kAnd;
        both->args = {sp->path_pred, c};
        sp->path_pred = both;
      }
      used = true;
    }
  }
  sp->children.push_back(std::move(op));
  op = std::move(sp);
  bound.insert(ps.rels[0]);
  if (ps.path >= 0) bound.insert(ps.path);
  return ApplyFilters(std::move(op), bound, conjuncts, false);
}

}  // namespace liner::query
