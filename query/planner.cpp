// Planner: clauses to operators; WITH/RETURN projections with aggregation, DISTINCT,
// ORDER BY, SKIP and LIMIT; UNION; write clauses; procedure calls.
#include "query/planner.h"

#include <algorithm>
#include <functional>

namespace liner::query {
namespace {

bool IsHidden(const std::string& name) { return name.empty() || name[0] == ' '; }

// Structural equality of unbound expressions (ORDER BY items that repeat a projection).
bool SameExpr(const Expr& a, const Expr& b) {
  if (a.kind != b.kind || a.op != b.op || a.name != b.name || a.keys != b.keys ||
      a.distinct != b.distinct || a.args.size() != b.args.size() || a.pattern || b.pattern ||
      a.subquery || b.subquery)
    return false;
  if (a.kind == ExprKind::kLiteral && !Equivalent(a.value, b.value)) return false;
  for (size_t i = 0; i < a.args.size(); ++i) {
    if (!a.args[i] || !b.args[i]) {
      if (a.args[i] != b.args[i]) return false;
      continue;
    }
    if (!SameExpr(*a.args[i], *b.args[i])) return false;
  }
  return true;
}

ExprP VarRef(const std::string& name, const Expr& at) {
  auto v = std::make_shared<Expr>();
  v->kind = ExprKind::kVariable;
  v->name = name;
  v->line = at.line;
  v->column = at.column;
  return v;
}

// Replaces sub-expressions of `e` equal to a projected item by a reference to its alias.
ExprP RewriteToAliases(const ExprP& e, const std::vector<ProjItem>& items) {
  if (!e) return e;
  for (const auto& it : items)
    if (SameExpr(*e, *it.expr)) return VarRef(it.alias, *e);
  auto copy = std::make_shared<Expr>(*e);
  for (auto& a : copy->args) a = RewriteToAliases(a, items);
  return copy;
}

// Variables read outside aggregate calls.
void FreeVarsOutsideAggregates(const Expr& e, std::vector<const Expr*>* out) {
  if (e.kind == ExprKind::kCountStar || (e.kind == ExprKind::kFunction && IsAggregateName(e.name)))
    return;
  if (e.kind == ExprKind::kVariable) {
    out->push_back(&e);
    return;
  }
  if (e.kind == ExprKind::kListComp || e.kind == ExprKind::kQuantifier ||
      e.kind == ExprKind::kReduce || e.pattern || e.subquery)
    return;
  for (const auto& a : e.args)
    if (a) FreeVarsOutsideAggregates(*a, out);
}

bool CallsFunction(const Expr& e, const char* name) {
  if (e.kind == ExprKind::kFunction && e.name == name) return true;
  for (const auto& a : e.args)
    if (a && CallsFunction(*a, name)) return true;
  return false;
}

// Replaces every aggregate call inside `e` with a kAggRef to a new slot, recording its spec.
void ExtractAggregates(const ExprP& e, std::vector<AggSpec>* aggs, int (*new_slot)(void*),
                       void* ctx, bool inside) {
  if (!e) return;
  bool is_agg = e->kind == ExprKind::kCountStar ||
                (e->kind == ExprKind::kFunction && IsAggregateName(e->name));
  if (is_agg) {
    if (inside)
      CompileError("SyntaxError(NestedAggregation)", "aggregate functions cannot be nested",
                   e.get());
    for (const auto& a : e->args) ExtractAggregates(a, aggs, new_slot, ctx, true);
    for (const auto& a : e->args)
      if (a && CallsFunction(*a, "rand"))
        CompileError("SyntaxError(NonConstantExpression)",
                     "an aggregate's argument cannot call rand()", a.get());
    AggSpec spec;
    spec.star = e->kind == ExprKind::kCountStar;
    spec.fn = spec.star ? "count" : e->name;
    spec.distinct = e->distinct;
    if (!spec.star) {
      size_t want = (spec.fn == "percentilecont" || spec.fn == "percentiledisc") ? 2 : 1;
      if (e->args.size() != want)
        CompileError("SyntaxError(InvalidNumberOfArguments)",
                     "wrong number of arguments to " + spec.fn + "()", e.get());
      spec.arg = e->args[0];
      if (want == 2) spec.arg2 = e->args[1];
    }
    spec.slot = new_slot(ctx);
    aggs->push_back(spec);
    e->kind = ExprKind::kAggRef;
    e->slot = spec.slot;
    e->args.clear();
    return;
  }
  if (e->kind == ExprKind::kPatternComp || e->kind == ExprKind::kPatternPred) return;
  if (e->kind == ExprKind::kListComp || e->kind == ExprKind::kQuantifier ||
      e->kind == ExprKind::kReduce) {
    // Only the list may aggregate; the body runs per element.
    size_t list = e->kind == ExprKind::kReduce ? 1 : 0;
    for (size_t i = 0; i < e->args.size(); ++i)
      if (i != list && i != 0 && e->args[i] && ContainsAggregate(*e->args[i]))
        CompileError("SyntaxError(InvalidAggregation)",
                     "aggregate functions cannot be used inside a list comprehension, "
                     "quantifier or reduce body",
                     e->args[i].get());
  }
  for (const auto& a : e->args) ExtractAggregates(a, aggs, new_slot, ctx, inside);
}

int NewSlotThunk(void* plan) { return static_cast<Plan*>(plan)->num_slots++; }

bool IsUpdating(Clause::Kind k) {
  return k == Clause::Kind::kCreate || k == Clause::Kind::kMerge || k == Clause::Kind::kSet ||
         k == Clause::Kind::kRemove || k == Clause::Kind::kDelete;
}

}  // namespace

Result<std::unique_ptr<Plan>> BuildPlan(const Statement& stmt, const ProcedureRegistry& procs) {
  auto plan = std::make_unique<Plan>();
  plan->explain = stmt.explain;
  plan->profile = stmt.profile;
  Planner planner(procs, plan.get());
  try {
    planner.PlanStatement(stmt);
  } catch (const QueryError& e) {
    return e.status;
  }
  return plan;
}

void Planner::PlanStatement(const Statement& stmt) {
  if (stmt.parts.size() == 1) {
    plan_->root = PlanSingle(stmt.parts[0], &plan_->columns, &plan_->column_slots);
    return;
  }
  auto u = std::make_unique<UnionOp>();
  bool distinct = false;
  // UNION without ALL makes its rows distinct: each part's rows are then only seen as a set.
  const bool as_set = !stmt.union_all.empty() && !stmt.union_all[0];
  for (size_t i = 0; i < stmt.parts.size(); ++i) {
    std::vector<std::string> cols;
    std::vector<int> slots;
    u->children.push_back(PlanSingle(stmt.parts[i], &cols, &slots, nullptr, as_set));
    if (i == 0) {
      plan_->columns = cols;
    } else {
      if (cols != plan_->columns)
        Throw("SyntaxError(DifferentColumnsInUnion)",
              "all sub queries in a UNION must have the same column names");
      if (stmt.union_all[i - 1] != stmt.union_all[0])
        Throw("SyntaxError(InvalidClauseComposition)", "cannot mix UNION and UNION ALL");
      if (!stmt.union_all[i - 1]) distinct = true;
    }
    u->child_slots.push_back(slots);
  }
  for (size_t i = 0; i < plan_->columns.size(); ++i) u->out_slots.push_back(NewSlot());
  plan_->column_slots = u->out_slots;
  std::unique_ptr<Op> root = std::move(u);
  if (distinct) {
    auto d = std::make_unique<DistinctOp>();
    d->slots = plan_->column_slots;
    d->children.push_back(std::move(root));
    root = std::move(d);
  }
  plan_->root = std::move(root);
}

std::unique_ptr<Op> Planner::PlanSingle(const SingleQuery& q, std::vector<std::string>* columns,
                                        std::vector<int>* column_slots, const Scope* outer,
                                        bool existence) {
  Scope scope = outer ? *outer : Scope{};
  std::unique_ptr<Op> op;
  if (outer) op = std::make_unique<ArgumentOp>();
  else op = std::make_unique<OnceOp>();
  const size_t n = q.clauses.size();
  for (size_t i = 0; i < n; ++i) {
    const Clause& c = q.clauses[i];
    bool last = i + 1 == n;
    switch (c.kind) {
      case Clause::Kind::kMatch: {
        reach_ = ReachContext{RowsObservedAsSet(q, i, existence), &q, i, nullptr, {}};
        if (c.optional) {
          Scope before = scope;
          int first_new = plan_->num_slots;
          std::unique_ptr<Op> inner = std::make_unique<ArgumentOp>();
          inner = PlanPattern(std::move(inner), c.pattern, scope, c.where, nullptr);
          auto opt = std::make_unique<OptionalOp>();
          for (int s = first_new; s < plan_->num_slots; ++s) opt->null_slots.push_back(s);
          opt->children.push_back(std::move(op));
          opt->children.push_back(std::move(inner));
          op = std::move(opt);
        } else {
          op = PlanPattern(std::move(op), c.pattern, scope, c.where, nullptr);
        }
        reach_ = ReachContext{};
        break;
      }
      case Clause::Kind::kUnwind: {
        Bind(c.expr, scope);
        if (scope.count(c.alias))
          Throw("SyntaxError(VariableAlreadyBound)", "variable `" + c.alias + "` already declared");
        auto u = std::make_unique<UnwindOp>();
        u->list = c.expr;
        u->slot = NewSlot();
        u->var = c.alias;
        scope[c.alias] = Var{u->slot, VarKind::kAny};
        u->children.push_back(std::move(op));
        op = std::move(u);
        break;
      }
      case Clause::Kind::kWith:
        op = PlanProjection(std::move(op), c.proj, scope, false, nullptr, nullptr);
        break;
      case Clause::Kind::kReturn:
        if (!last)
          Throw("SyntaxError(InvalidClauseComposition)", "RETURN can only be the last clause");
        op = PlanProjection(std::move(op), c.proj, scope, true, columns, column_slots);
        break;
      case Clause::Kind::kCreate:
        plan_->writes = true;
        op = PlanCreate(std::move(op), c, scope);
        break;
      case Clause::Kind::kMerge:
        plan_->writes = true;
        op = PlanMerge(std::move(op), c, scope);
        break;
      case Clause::Kind::kSet:
      case Clause::Kind::kRemove: {
        plan_->writes = true;
        auto s = std::make_unique<SetOp>();
        s->remove = c.kind == Clause::Kind::kRemove;
        s->items = BindSetItems(c.set_items, scope);
        s->children.push_back(std::move(op));
        op = std::move(s);
        break;
      }
      case Clause::Kind::kDelete: {
        plan_->writes = true;
        auto d = std::make_unique<DeleteOp>();
        d->detach = c.detach;
        for (const auto& e : c.exprs) {
          if (e->kind != ExprKind::kVariable && e->kind != ExprKind::kIndex &&
              e->kind != ExprKind::kProperty && e->kind != ExprKind::kFunction &&
              e->kind != ExprKind::kParam)
            CompileError("SyntaxError(InvalidDelete)", "DELETE expects a node, relationship or path",
                         e.get());
          Bind(e, scope);
          d->exprs.push_back(e);
        }
        d->children.push_back(std::move(op));
        op = std::move(d);
        break;
      }
      case Clause::Kind::kCall:
        op = PlanCall(std::move(op), c, scope, n == 1, columns, column_slots);
        break;
    }
    if (last && !outer && c.kind != Clause::Kind::kReturn && !IsUpdating(c.kind) &&
        !(c.kind == Clause::Kind::kCall && n == 1) && c.kind != Clause::Kind::kCall)
      Throw("SyntaxError(InvalidClauseComposition)",
            "a query must end with RETURN or an updating clause");
  }
  return op;
}

std::unique_ptr<Op> Planner::PlanProjection(std::unique_ptr<Op> input, const Projection& proj,
                                            Scope& scope, bool is_return,
                                            std::vector<std::string>* columns,
                                            std::vector<int>* column_slots) {
  // Items, with * expanded.
  std::vector<ProjItem> items;
  if (proj.star) {
    std::vector<std::string> names;
    for (const auto& [name, v] : scope)
      if (!IsHidden(name)) names.push_back(name);
    if (names.empty() && proj.items.empty() && is_return)
      Throw("SyntaxError(NoVariablesInScope)", "RETURN * is not allowed when there are no variables in scope");
    for (const auto& name : names) {
      ProjItem it;
      it.expr = std::make_shared<Expr>();
      it.expr->kind = ExprKind::kVariable;
      it.expr->name = name;
      it.alias = name;
      it.has_alias = true;
      items.push_back(it);
    }
  }
  for (const auto& it : proj.items) {
    if (it.expr->kind == ExprKind::kPatternPred)
      CompileError("SyntaxError(UnexpectedSyntax)",
                   "a pattern cannot be projected; use exists(...) or a pattern comprehension",
                   it.expr.get());
    if (!is_return && !it.has_alias && it.expr->kind != ExprKind::kVariable)
      CompileError("SyntaxError(NoExpressionAlias)", "expression in WITH must be aliased (use AS)",
                   it.expr.get());
    items.push_back(it);
  }
  for (size_t i = 0; i < items.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (items[i].alias == items[j].alias)
        Throw("SyntaxError(ColumnNameConflict)",
              "multiple result columns with the same name `" + items[i].alias + "`");

  // Aggregates in items and ORDER BY.
  std::vector<AggSpec> aggs;
  bool aggregating = false;
  for (auto& it : items)
    if (ContainsAggregate(*it.expr)) aggregating = true;
  std::vector<SortItem> order = proj.order;
  if (aggregating || proj.distinct) {
    // ORDER BY after DISTINCT or aggregation sees only what was projected.
    for (auto& s : order) s.expr = RewriteToAliases(s.expr, items);
  }
  if (aggregating) {
    // Outside aggregates, an aggregating item may only use grouping variables.
    std::set<std::string> key_vars;
    for (auto& it : items)
      if (!ContainsAggregate(*it.expr) && it.expr->kind == ExprKind::kVariable)
        key_vars.insert(it.expr->name);
    std::vector<const Expr*> key_exprs;
    for (auto& it : items)
      if (!ContainsAggregate(*it.expr)) key_exprs.push_back(it.expr.get());
    // Variables outside aggregates and outside grouping keys. Only a key that is a variable or
    // a property of one may be reused next to an aggregate (`me.age + count(*)` with `me.age`
    // projected); a larger key expression may not (`a + b + count(*)` with `a + b` projected).
    std::function<void(const Expr&, std::vector<const Expr*>*)> loose =
        [&](const Expr& e, std::vector<const Expr*>* out) {
          if (e.kind == ExprKind::kProperty && e.args[0]->kind == ExprKind::kVariable)
            for (const Expr* k : key_exprs)
              if (SameExpr(e, *k)) return;
          if (e.kind == ExprKind::kCountStar ||
              (e.kind == ExprKind::kFunction && IsAggregateName(e.name)))
            return;
          if (e.kind == ExprKind::kVariable) {
            out->push_back(&e);
            return;
          }
          if (e.kind == ExprKind::kListComp || e.kind == ExprKind::kQuantifier ||
              e.kind == ExprKind::kReduce || e.pattern || e.subquery)
            return;
          for (const auto& a : e.args)
            if (a) loose(*a, out);
        };
    auto check = [&](const Expr& e, bool in_order) {
      if (!ContainsAggregate(e)) return;
      std::vector<const Expr*> vars;
      loose(e, &vars);
      for (const Expr* v : vars) {
        bool projected = key_vars.count(v->name) > 0;
        if (in_order) {
          for (auto& it : items) projected |= it.alias == v->name;
        }
        if (!projected)
          CompileError("SyntaxError(AmbiguousAggregationExpression)",
                       "`" + v->name + "` is used next to an aggregate but is not a grouping key",
                       v);
      }
    };
    for (auto& it : items) check(*it.expr, false);
    // As written, before sub-expressions were replaced by the aliases of projected items.
    for (auto& s : proj.order) check(*s.expr, true);
  } else {
    for (auto& s : order)
      if (ContainsAggregate(*s.expr))
        CompileError("SyntaxError(InvalidAggregation)",
                     "ORDER BY cannot aggregate when the projection does not", s.expr.get());
  }
  for (auto& it : items) ExtractAggregates(it.expr, &aggs, NewSlotThunk, plan_, false);

  std::unique_ptr<Op> op = std::move(input);
  // Bind item expressions and aggregate arguments in the incoming scope.
  for (auto& a : aggs) {
    Bind(a.arg, scope);
    Bind(a.arg2, scope);
  }
  for (auto& it : items) Bind(it.expr, scope);

  // New scope: aliases. Items that are bare variables keep their slot.
  Scope out_scope;
  std::vector<int> item_slots;
  auto project = std::make_unique<ProjectOp>();
  for (auto& it : items) {
    int slot;
    if (it.expr->kind == ExprKind::kVariable && it.expr->name == it.alias && !aggregating) {
      slot = it.expr->slot;
      Var v = scope[it.alias];
      out_scope[it.alias] = v;
    } else {
      slot = NewSlot();
      VarKind kind = VarKind::kAny;
      if (it.expr->kind == ExprKind::kVariable) kind = scope[it.expr->name].kind;
      if (it.expr->kind == ExprKind::kList || it.expr->kind == ExprKind::kListComp ||
          it.expr->kind == ExprKind::kPatternComp)
        kind = VarKind::kList;
      out_scope[it.alias] = Var{slot, kind};
      project->exprs.push_back(it.expr);
      project->slots.push_back(slot);
      project->names.push_back(it.alias);
    }
    item_slots.push_back(slot);
  }

  // ORDER BY sees the incoming variables and the aliases (aliases win); after DISTINCT or
  // aggregation only the aliases.
  Scope order_scope = scope;
  for (const auto& [k, v] : out_scope) order_scope[k] = v;
  size_t aggs_before = aggs.size();
  for (auto& s : order) {
    if (aggregating || proj.distinct) {
      ExtractAggregates(s.expr, &aggs, NewSlotThunk, plan_, false);
      Bind(s.expr, out_scope);
    } else {
      Bind(s.expr, order_scope);
    }
  }
  for (size_t i = aggs_before; i < aggs.size(); ++i) {
    Bind(aggs[i].arg, out_scope);
    Bind(aggs[i].arg2, out_scope);
  }

  if (aggregating || !aggs.empty()) {
    auto agg = std::make_unique<AggregateOp>();
    for (auto& it : items)
      if (!ContainsAggregate(*it.expr)) agg->keys.push_back(it.expr);
    agg->aggs = aggs;
    agg->children.push_back(std::move(op));
    op = std::move(agg);
  }
  if (!project->exprs.empty()) {
    project->children.push_back(std::move(op));
    op = std::move(project);
  }
  if (proj.distinct) {
    auto d = std::make_unique<DistinctOp>();
    d->slots = item_slots;
    d->children.push_back(std::move(op));
    op = std::move(d);
  }
  auto check_count = [&](const ExprP& e, const char* what) {
    if (!e) return;
    std::set<int> used;
    bool sub = false;
    Scope empty;
    Bind(e, empty);
    CollectSlots(*e, &used, &sub);
    if (e->kind == ExprKind::kLiteral && !e->value.is_int())
      CompileError(e->value.is_float() ? "SyntaxError(InvalidArgumentType)"
                                       : "SyntaxError(InvalidArgumentType)",
                   std::string(what) + " expects a non-negative integer", e.get());
    if (e->kind == ExprKind::kLiteral && e->value.as_int() < 0)
      CompileError("SyntaxError(NegativeIntegerArgument)",
                   std::string(what) + " expects a non-negative integer", e.get());
  };
  if (proj.skip || proj.limit) {
    try {
      check_count(proj.skip, "SKIP");
      check_count(proj.limit, "LIMIT");
    } catch (const QueryError& err) {
      if (ErrorDetail(err.status) == "UndefinedVariable")
        Throw("SyntaxError(NonConstantExpression)", "SKIP and LIMIT must be constant expressions");
      throw;
    }
  }
  if (!order.empty()) {
    auto s = std::make_unique<SortOp>();
    s->items = order;
    s->limit_hint = proj.limit;
    s->skip_hint = proj.skip;
    s->children.push_back(std::move(op));
    op = std::move(s);
  }
  if (proj.skip || proj.limit) {
    auto sl = std::make_unique<SkipLimitOp>();
    sl->skip = proj.skip;
    sl->limit = proj.limit;
    sl->children.push_back(std::move(op));
    op = std::move(sl);
  }
  scope = out_scope;
  if (proj.where) {
    // WITH ... WHERE also sees the variables from before the WITH.
    Bind(proj.where, (aggregating || proj.distinct) ? order_scope : order_scope);
    auto f = std::make_unique<FilterOp>();
    f->predicate = proj.where;
    f->children.push_back(std::move(op));
    op = std::move(f);
  }
  if (is_return && columns) {
    columns->clear();
    column_slots->clear();
    for (size_t i = 0; i < items.size(); ++i) {
      columns->push_back(items[i].alias);
      column_slots->push_back(item_slots[i]);
    }
  }
  return op;
}

std::unique_ptr<Op> Planner::PlanCreate(std::unique_ptr<Op> input, const Clause& c, Scope& scope) {
  auto create = std::make_unique<CreateOp>();
  for (const auto& part : c.pattern) {
    if (part.kind != PatternPart::Kind::kNormal)
      Throw("SyntaxError(InvalidArgumentType)", "shortestPath cannot be used in CREATE");
    CreatePartSpec spec;
    for (const auto& n : part.nodes) {
      CreateNodeSpec ns;
      ns.labels = n.labels;
      ns.props = n.props;
      Bind(ns.props, scope);
      auto it = n.var.empty() ? scope.end() : scope.find(n.var);
      if (it != scope.end()) {
        if (!n.labels.empty() || n.props || part.nodes.size() == 1)
          Throw("SyntaxError(VariableAlreadyBound)", "variable `" + n.var + "` already declared");
        if (it->second.kind != VarKind::kNode && it->second.kind != VarKind::kAny)
          Throw("SyntaxError(VariableTypeConflict)", "variable `" + n.var + "` is not a node");
        ns.bound = true;
        ns.slot = it->second.slot;
      } else {
        ns.slot = NewSlot();
        if (!n.var.empty()) scope[n.var] = Var{ns.slot, VarKind::kNode};
      }
      spec.nodes.push_back(ns);
    }
    for (size_t i = 0; i < part.rels.size(); ++i) {
      const RelPattern& r = part.rels[i];
      if (r.types.size() != 1)
        Throw("SyntaxError(NoSingleRelationshipType)",
              "a relationship in CREATE must have exactly one type");
      if (r.var_length)
        Throw("SyntaxError(CreatingVarLength)", "variable-length relationships cannot be created");
      if (r.dir == Direction::kBoth)
        Throw("SyntaxError(RequiresDirectedRelationship)",
              "only directed relationships can be created");
      if (!r.var.empty() && scope.count(r.var))
        Throw("SyntaxError(VariableAlreadyBound)", "variable `" + r.var + "` already declared");
      CreateRelSpec rs;
      rs.type = r.types[0];
      rs.props = r.props;
      Bind(rs.props, scope);
      rs.from = r.dir == Direction::kOut ? static_cast<int>(i) : static_cast<int>(i + 1);
      rs.to = r.dir == Direction::kOut ? static_cast<int>(i + 1) : static_cast<int>(i);
      rs.slot = NewSlot();
      if (!r.var.empty()) scope[r.var] = Var{rs.slot, VarKind::kRel};
      spec.rels.push_back(rs);
    }
    if (!part.path_var.empty()) {
      if (scope.count(part.path_var))
        Throw("SyntaxError(VariableAlreadyBound)", "variable `" + part.path_var + "` already declared");
      spec.path_slot = NewSlot();
      scope[part.path_var] = Var{spec.path_slot, VarKind::kPath};
    }
    create->parts.push_back(std::move(spec));
  }
  create->children.push_back(std::move(input));
  return create;
}

std::unique_ptr<Op> Planner::PlanMerge(std::unique_ptr<Op> input, const Clause& c, Scope& scope) {
  const PatternPart& part = c.pattern[0];
  for (const auto& r : part.rels) {
    if (r.types.size() != 1)
      Throw("SyntaxError(NoSingleRelationshipType)",
            "a relationship in MERGE must have exactly one type");
    if (r.var_length)
      Throw("SyntaxError(CreatingVarLength)", "variable-length relationships cannot be merged");
  }
  if (part.nodes.size() == 1 && !part.nodes[0].var.empty() && scope.count(part.nodes[0].var))
    Throw("SyntaxError(VariableAlreadyBound)",
          "variable `" + part.nodes[0].var + "` already declared");
  for (const auto& n : part.nodes)
    if (!n.var.empty() && scope.count(n.var) && (!n.labels.empty() || n.props) &&
        !part.rels.empty())
      Throw("SyntaxError(VariableAlreadyBound)",
            "variable `" + n.var + "` is already bound: MERGE cannot add labels or properties "
            "to it");
  Scope before = scope;
  std::vector<PartSlots> slots;
  std::unique_ptr<Op> inner = std::make_unique<ArgumentOp>();
  inner = PlanPattern(std::move(inner), c.pattern, scope, nullptr, &slots);
  auto merge = std::make_unique<MergeOp>();
  CreatePartSpec spec;
  const PartSlots& ps = slots[0];
  for (size_t i = 0; i < part.nodes.size(); ++i) {
    CreateNodeSpec ns;
    ns.labels = part.nodes[i].labels;
    ns.props = part.nodes[i].props;
    ns.slot = ps.nodes[i];
    const std::string& var = part.nodes[i].var;
    ns.bound = !var.empty() && before.count(var);
    // A variable repeated in the pattern is created once.
    for (size_t j = 0; j < i; ++j)
      if (ps.nodes[j] == ps.nodes[i]) ns.bound = true;
    spec.nodes.push_back(ns);
  }
  for (size_t i = 0; i < part.rels.size(); ++i) {
    const RelPattern& r = part.rels[i];
    CreateRelSpec rs;
    rs.type = r.types[0];
    rs.props = r.props;
    rs.slot = ps.rels[i];
    bool forward = r.dir != Direction::kIn;
    rs.from = forward ? static_cast<int>(i) : static_cast<int>(i + 1);
    rs.to = forward ? static_cast<int>(i + 1) : static_cast<int>(i);
    spec.rels.push_back(rs);
  }
  spec.path_slot = ps.path;
  merge->create.push_back(std::move(spec));
  merge->on_match = BindSetItems(c.set_items, scope);
  merge->on_create = BindSetItems(c.on_create, scope);
  merge->children.push_back(std::move(input));
  merge->children.push_back(std::move(inner));
  return merge;
}

std::vector<BoundSetItem> Planner::BindSetItems(const std::vector<SetItem>& items, Scope& scope) {
  std::vector<BoundSetItem> out;
  for (const auto& it : items) {
    BoundSetItem b;
    b.kind = it.kind;
    if (it.kind == SetItem::Kind::kProperty) {
      b.target = it.target->args[0];
      b.key = it.target->name;
    } else {
      b.target = it.target;
    }
    b.labels = it.labels;
    b.value = it.value;
    if (b.value && b.value->kind == ExprKind::kPatternPred)
      CompileError("SyntaxError(UnexpectedSyntax)", "a pattern cannot be assigned", b.value.get());
    Bind(b.target, scope);
    Bind(b.value, scope);
    out.push_back(std::move(b));
  }
  return out;
}

std::unique_ptr<Op> Planner::PlanCall(std::unique_ptr<Op> input, const Clause& c, Scope& scope,
                                      bool standalone, std::vector<std::string>* columns,
                                      std::vector<int>* column_slots) {
  const ProcedureSpec* spec = procs_.Find(c.proc);
  if (!spec) Throw("ProcedureError(ProcedureNotFound)", "there is no procedure " + c.proc);
  if (spec->writes) plan_->writes = true;
  auto call = std::make_unique<CallOp>();
  call->proc = spec->name;
  call->implicit_args = c.proc_implicit_args;
  if (!c.proc_implicit_args) {
    size_t required = 0;
    for (const auto& a : spec->args)
      if (!a.default_value) ++required;
    if (c.proc_args.size() < required || c.proc_args.size() > spec->args.size())
      Throw("SyntaxError(InvalidNumberOfArguments)",
            "procedure " + spec->name + " expects " + std::to_string(spec->args.size()) +
                " arguments, got " + std::to_string(c.proc_args.size()));
  } else if (!standalone) {
    Throw("SyntaxError(InvalidArgumentPassingMode)",
          "procedure call inside a query must pass its arguments explicitly");
  }
  for (const auto& a : c.proc_args) {
    if (ContainsAggregate(*a))
      CompileError("SyntaxError(InvalidAggregation)", "aggregates are not allowed as arguments",
                   a.get());
    Bind(a, scope);
    call->args.push_back(a);
  }
  if (c.yield_star && !standalone)
    Throw("SyntaxError(UnexpectedSyntax)", "YIELD * is only allowed in a standalone CALL");
  std::vector<std::pair<std::string, std::string>> yields = c.yields;
  if (yields.empty()) {
    if (!standalone && !spec->columns.empty() && !c.yield_star)
      Throw("SyntaxError(UndefinedVariable)",
            "procedure call inside a query must YIELD its columns");
    for (const auto& col : spec->columns) yields.emplace_back(col.name, col.name);
  }
  std::vector<std::string> names;
  for (const auto& [col, alias] : yields) {
    int idx = -1;
    for (size_t i = 0; i < spec->columns.size(); ++i)
      if (spec->columns[i].name == col) idx = static_cast<int>(i);
    if (idx < 0)
      Throw("SyntaxError(UndefinedVariable)",
            "procedure " + spec->name + " has no output column `" + col + "`");
    if (scope.count(alias))
      Throw("SyntaxError(VariableAlreadyBound)", "variable `" + alias + "` already declared");
    int slot = NewSlot();
    scope[alias] = Var{slot, VarKind::kAny};
    call->column_index.push_back(idx);
    call->slots.push_back(slot);
    names.push_back(alias);
  }
  call->children.push_back(std::move(input));
  std::unique_ptr<Op> op = std::move(call);
  if (c.where) {
    Bind(c.where, scope);
    auto f = std::make_unique<FilterOp>();
    f->predicate = c.where;
    f->children.push_back(std::move(op));
    op = std::move(f);
  }
  if (standalone && columns) {
    *columns = names;
    column_slots->clear();
    for (const auto& n : names) column_slots->push_back(scope[n].slot);
  }
  return op;
}

}  // namespace liner::query
