// Binding of expressions: variables to slots, comprehension scopes, pattern expressions as
// sub-plans, and checks that need no data (unknown functions, misplaced aggregates).
#include "query/functions.h"
#include "query/planner.h"

namespace liner::query {

void CompileError(const std::string& cls, const std::string& msg, const Expr* at) {
  std::string where;
  if (at && at->line > 0)
    where = " (line " + std::to_string(at->line) + ", column " + std::to_string(at->column) + ")";
  Throw(cls, msg + where);
}

void SplitAnd(const ExprP& e, std::vector<ExprP>* out) {
  if (!e) return;
  if (e->kind == ExprKind::kBinary && e->op == BinOp::kAnd) {
    SplitAnd(e->args[0], out);
    SplitAnd(e->args[1], out);
  } else {
    out->push_back(e);
  }
}

namespace {

void Collect(const Expr& e, std::set<int>* out, std::set<int>* locals, bool* sub) {
  switch (e.kind) {
    case ExprKind::kVariable:
      if (!locals->count(e.slot)) out->insert(e.slot);
      return;
    case ExprKind::kListComp:
    case ExprKind::kQuantifier:
    case ExprKind::kReduce:
      locals->insert(e.slot);
      if (e.slot2 >= 0) locals->insert(e.slot2);
      break;
    case ExprKind::kPatternPred:
    case ExprKind::kPatternComp:
    case ExprKind::kExists:
    case ExprKind::kCountSubquery:
      *sub = true;
      break;
    default: break;
  }
  for (const auto& a : e.args)
    if (a) Collect(*a, out, locals, sub);
}

}  // namespace

void CollectSlots(const Expr& e, std::set<int>* out, bool* has_subplan) {
  std::set<int> locals;
  bool sub = false;
  Collect(e, out, &locals, &sub);
  if (has_subplan) *has_subplan = sub;
}

bool ContainsAggregate(const Expr& e) {
  if (e.kind == ExprKind::kCountStar || e.kind == ExprKind::kAggRef) return true;
  if (e.kind == ExprKind::kFunction && IsAggregateName(e.name)) return true;
  if (e.kind == ExprKind::kPatternComp || e.kind == ExprKind::kPatternPred) return false;
  for (const auto& a : e.args)
    if (a && ContainsAggregate(*a)) return true;
  return false;
}

int Planner::BindSubplan(const PatternPart& part, const ExprP& where, const ExprP& projection,
                         Scope& scope) {
  Scope inner = scope;
  std::unique_ptr<Op> root = std::make_unique<ArgumentOp>();
  std::vector<PatternPart> parts{part};
  ReachContext outer = reach_;
  reach_ = ReachContext{};
  reach_.rows_as_set = !projection;  // a pattern predicate or EXISTS asks for one row
  root = PlanPattern(std::move(root), parts, inner, where, nullptr);
  reach_ = outer;
  if (projection) Bind(projection, inner);
  plan_->subplans.push_back(std::move(root));
  return static_cast<int>(plan_->subplans.size()) - 1;
}

int Planner::BindSubquery(const SingleQuery& q, Scope& scope, bool existence) {
  for (const auto& c : q.clauses) {
    bool writes = c.kind == Clause::Kind::kCreate || c.kind == Clause::Kind::kMerge ||
                  c.kind == Clause::Kind::kSet || c.kind == Clause::Kind::kRemove ||
                  c.kind == Clause::Kind::kDelete;
    if (c.kind == Clause::Kind::kCall) {
      const ProcedureSpec* spec = procs_.Find(c.proc);
      writes = spec && spec->writes;
    }
    if (writes)
      Throw("SyntaxError(InvalidClauseComposition)",
            "a subquery in EXISTS { ... } or COUNT { ... } cannot update the graph (line " +
                std::to_string(c.line) + ", column " + std::to_string(c.column) + ")");
  }
  ReachContext outer = reach_;
  std::unique_ptr<Op> root = PlanSingle(q, nullptr, nullptr, &scope, existence);
  reach_ = outer;
  plan_->subplans.push_back(std::move(root));
  return static_cast<int>(plan_->subplans.size()) - 1;
}

void Planner::Bind(const ExprP& e, Scope& scope) {
  if (!e) return;
  switch (e->kind) {
    case ExprKind::kVariable: {
      auto it = scope.find(e->name);
      if (it == scope.end())
        CompileError("SyntaxError(UndefinedVariable)", "variable `" + e->name + "` not defined",
                     e.get());
      e->slot = it->second.slot;
      return;
    }
    case ExprKind::kAggRef: return;
    case ExprKind::kProperty:
      if (e->args[0]->kind == ExprKind::kVariable) {
        auto it = scope.find(e->args[0]->name);
        if (it != scope.end() &&
            (it->second.kind == VarKind::kPath || it->second.kind == VarKind::kList))
          CompileError("SyntaxError(InvalidArgumentType)",
                       "`" + e->args[0]->name + "` has no properties (it is a " +
                           (it->second.kind == VarKind::kPath ? "path" : "list") + ")",
                       e.get());
      }
      break;
    case ExprKind::kCountStar:
      CompileError("SyntaxError(InvalidAggregation)",
                   "count(*) is only allowed in WITH and RETURN", e.get());
    case ExprKind::kFunction:
      if (IsAggregateName(e->name))
        CompileError("SyntaxError(InvalidAggregation)",
                     e->name + "() is only allowed in WITH and RETURN", e.get());
      if (!IsKnownFunction(e->name))
        CompileError("SyntaxError(UnknownFunction)", "unknown function " + e->name + "()",
                     e.get());
      if (e->args.size() == 1) {
        // Types known without data: a variable bound to a node, relationship or path, or a
        // pattern predicate.
        const Expr& a = *e->args[0];
        VarKind kind = VarKind::kAny;
        if (a.kind == ExprKind::kVariable) {
          auto it = scope.find(a.name);
          if (it != scope.end()) kind = it->second.kind;
        }
        bool bad = (e->name == "type" && (kind == VarKind::kNode || kind == VarKind::kPath)) ||
                   (e->name == "length" && (kind == VarKind::kNode || kind == VarKind::kRel)) ||
                   (e->name == "size" && (kind == VarKind::kPath || kind == VarKind::kNode ||
                                          kind == VarKind::kRel)) ||
                   ((e->name == "size" || e->name == "length") &&
                    a.kind == ExprKind::kPatternPred);
        if (bad)
          CompileError("SyntaxError(InvalidArgumentType)",
                       e->name + "() does not accept this argument", e.get());
      }
      for (const auto& a : e->args)
        if (a && a->kind == ExprKind::kPatternPred)
          CompileError("SyntaxError(UnexpectedSyntax)",
                       "a pattern is a predicate, not a value for " + e->name +
                           "(); use a pattern comprehension [(a)-->(b) | b]",
                       a.get());
      break;
    case ExprKind::kListComp:
    case ExprKind::kQuantifier: {
      Bind(e->args[0], scope);
      Scope inner = scope;
      e->slot = NewSlot();
      inner[e->name] = Var{e->slot, VarKind::kAny};
      for (size_t i = 1; i < e->args.size(); ++i) Bind(e->args[i], inner);
      return;
    }
    case ExprKind::kReduce: {
      Bind(e->args[0], scope);
      Bind(e->args[1], scope);
      Scope inner = scope;
      e->slot = NewSlot();
      e->slot2 = NewSlot();
      inner[e->name] = Var{e->slot, VarKind::kAny};
      inner[e->keys[0]] = Var{e->slot2, VarKind::kAny};
      Bind(e->args[2], inner);
      return;
    }
    case ExprKind::kPatternPred: {
      for (const auto& n : e->pattern->nodes)
        if (!n.var.empty() && !scope.count(n.var))
          CompileError("SyntaxError(UndefinedVariable)",
                       "variable `" + n.var + "` not defined (a pattern predicate cannot "
                       "introduce variables)", e.get());
      for (const auto& r : e->pattern->rels)
        if (!r.var.empty() && !scope.count(r.var))
          CompileError("SyntaxError(UndefinedVariable)",
                       "variable `" + r.var + "` not defined (a pattern predicate cannot "
                       "introduce variables)", e.get());
      e->subplan = BindSubplan(*e->pattern, nullptr, nullptr, scope);
      return;
    }
    case ExprKind::kExists:
      if (e->subquery) {
        e->subplan = BindSubquery(*e->subquery, scope, true);
        return;
      }
      e->subplan = BindSubplan(*e->pattern, e->args.empty() ? nullptr : e->args[0], nullptr,
                               scope);
      return;
    case ExprKind::kCountSubquery:
      e->subplan = BindSubquery(*e->subquery, scope, false);
      return;
    case ExprKind::kPatternComp:
      e->subplan = BindSubplan(*e->pattern, e->args[1], e->args[0], scope);
      return;
    default: break;
  }
  for (const auto& a : e->args) Bind(a, scope);
}

}  // namespace liner::query
