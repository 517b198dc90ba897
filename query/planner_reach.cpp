// When may a variable-length relationship be planned as a reachability search (VarReachOp)
// instead of path enumeration? When nothing can tell the two apart: the rows of its MATCH are
// only observed as a set downstream, and its relationship list is never read.
#include <algorithm>

#include "query/planner.h"

namespace liner::query {
namespace {

bool IsDuplicateInsensitive(const Expr& agg) {
  if (agg.kind == ExprKind::kCountStar) return false;
  return agg.distinct || agg.name == "min" || agg.name == "max";
}

// Does every aggregate call in `e` ignore duplicate input rows? Sets *any when there is one.
bool AggregatesIgnoreDuplicates(const Expr& e, bool* any) {
  if (e.kind == ExprKind::kCountStar ||
      (e.kind == ExprKind::kFunction && IsAggregateName(e.name))) {
    *any = true;
    return IsDuplicateInsensitive(e);
  }
  if (e.kind == ExprKind::kPatternComp || e.kind == ExprKind::kPatternPred) return true;
  for (const auto& a : e.args)
    if (a && !AggregatesIgnoreDuplicates(*a, any)) return false;
  return true;
}

bool Mentions(const Expr* e, const std::string& name, const RelPattern* def);

bool Mentions(const PatternPart& part, const std::string& name, const RelPattern* def) {
  if (part.path_var == name) return true;
  for (const auto& n : part.nodes)
    if (n.var == name || Mentions(n.props.get(), name, def)) return true;
  for (const auto& r : part.rels) {
    if (&r == def) continue;
    if (r.var == name || Mentions(r.props.get(), name, def)) return true;
  }
  return false;
}

bool Mentions(const Expr* e, const std::string& name, const RelPattern* def) {
  if (!e) return false;
  if (e->kind == ExprKind::kVariable && e->name == name) return true;
  if (e->pattern && Mentions(*e->pattern, name, def)) return true;
  if (e->subquery && VariableMentioned(*e->subquery, 0, name, def)) return true;
  for (const auto& a : e->args)
    if (Mentions(a.get(), name, def)) return true;
  return false;
}

bool Mentions(const Projection& p, const std::string& name, const RelPattern* def) {
  if (p.star) return true;
  for (const auto& it : p.items)
    if (Mentions(it.expr.get(), name, def)) return true;
  for (const auto& s : p.order)
    if (Mentions(s.expr.get(), name, def)) return true;
  return Mentions(p.skip.get(), name, def) || Mentions(p.limit.get(), name, def) ||
         Mentions(p.where.get(), name, def);
}

}  // namespace

bool RowsObservedAsSet(const SingleQuery& q, size_t i, bool existence) {
  for (size_t j = i + 1; j < q.clauses.size(); ++j) {
    const Clause& c = q.clauses[j];
    switch (c.kind) {
      case Clause::Kind::kMatch:
      case Clause::Kind::kUnwind:
        continue;
      case Clause::Kind::kWith:
      case Clause::Kind::kReturn: {
        const Projection& p = c.proj;
        if (p.distinct) return true;
        bool any = false, ignore = true;
        for (const auto& it : p.items) ignore &= AggregatesIgnoreDuplicates(*it.expr, &any);
        for (const auto& s : p.order) ignore &= AggregatesIgnoreDuplicates(*s.expr, &any);
        if (any) return ignore;
        if (p.skip || p.limit) return false;
        if (c.kind == Clause::Kind::kReturn) return existence;
        continue;  // a plain WITH is row by row
      }
      default:
        return false;
    }
  }
  return existence;
}

bool VariableMentioned(const SingleQuery& q, size_t i, const std::string& name,
                       const RelPattern* def) {
  for (size_t j = i; j < q.clauses.size(); ++j) {
    const Clause& c = q.clauses[j];
    for (const auto& part : c.pattern)
      if (Mentions(part, name, def)) return true;
    if (Mentions(c.where.get(), name, def) || Mentions(c.expr.get(), name, def)) return true;
    if ((c.kind == Clause::Kind::kWith || c.kind == Clause::Kind::kReturn) &&
        Mentions(c.proj, name, def))
      return true;
    for (const auto* items : {&c.set_items, &c.on_create})
      for (const auto& s : *items)
        if (Mentions(s.target.get(), name, def) || Mentions(s.value.get(), name, def)) return true;
    for (const auto& e : c.exprs)
      if (Mentions(e.get(), name, def)) return true;
    for (const auto& e : c.proc_args)
      if (Mentions(e.get(), name, def)) return true;
    for (const auto& [col, alias] : c.yields)
      if (alias == name) return true;
  }
  return false;
}

bool Planner::CanReach(const RelPattern& r, int path_slot) const {
  if (!r.var_length || r.min_hops > 1 || path_slot >= 0) return false;
  if (!reach_.rows_as_set || !reach_.parts) return false;
  // A hop planned later in this MATCH must not use a relationship of the path; without the
  // path it cannot check that, so its types must exclude r's (both typed, no type shared).
  for (const auto& part : *reach_.parts)
    for (const auto& later : part.rels) {
      if (&later == &r || reach_.expanded.count(&later)) continue;
      if (r.types.empty() || later.types.empty()) return false;
      for (const auto& t : later.types)
        if (std::find(r.types.begin(), r.types.end(), t) != r.types.end()) return false;
    }
  if (r.var.empty()) return true;
  return reach_.query && !VariableMentioned(*reach_.query, reach_.clause, r.var, &r);
}

}  // namespace liner::query
