#pragma once
// Planner: binds variables to row slots (scopes, undefined variables, aggregation) and turns
// each clause into physical operators (query/plan.h). Internal to query/.
// Split across planner.cpp (clauses, projections), planner_pattern.cpp (MATCH patterns, index
// seeks, expansion order), planner_shortest.cpp (shortest paths), planner_reach.cpp (when a
// variable-length match may be a reachability search) and planner_bind.cpp (expressions).
// Thread-compatible.

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "query/plan.h"

namespace liner::query {

// Compile-time errors are thrown as QueryError, like runtime ones.

class Planner {
 public:
  Planner(const ProcedureRegistry& procs, Plan* plan) : procs_(procs), plan_(plan) {}
  void PlanStatement(const Statement& stmt);

  // kList: known to be a list (a list expression, or the relationships of a variable-length
  // pattern), so never a node or a single relationship.
  enum class VarKind { kAny, kNode, kRel, kPath, kList };
  struct Var {
    int slot = -1;
    VarKind kind = VarKind::kAny;
  };
  using Scope = std::map<std::string, Var>;

  // Slots given to the nodes and relationships of one pattern part.
  struct PartSlots {
    std::vector<int> nodes, rels, var_nodes;
    int path = -1;
  };

 private:
  int NewSlot() { return plan_->num_slots++; }
  // A query of a UNION, or (with `outer`) a subquery over an ArgumentOp that sees the outer
  // scope; `existence`: its rows are only seen as a set (EXISTS asks whether there is one, a
  // UNION without ALL removes duplicates).
  std::unique_ptr<Op> PlanSingle(const SingleQuery& q, std::vector<std::string>* columns,
                                 std::vector<int>* column_slots, const Scope* outer = nullptr,
                                 bool existence = false);
  std::unique_ptr<Op> PlanProjection(std::unique_ptr<Op> input, const Projection& proj,
                                     Scope& scope, bool is_return,
                                     std::vector<std::string>* columns,
                                     std::vector<int>* column_slots);
  std::unique_ptr<Op> PlanCreate(std::unique_ptr<Op> input, const Clause& c, Scope& scope);
  std::unique_ptr<Op> PlanMerge(std::unique_ptr<Op> input, const Clause& c, Scope& scope);
  std::unique_ptr<Op> PlanCall(std::unique_ptr<Op> input, const Clause& c, Scope& scope,
                               bool standalone, std::vector<std::string>* columns,
                               std::vector<int>* column_slots);
  std::vector<BoundSetItem> BindSetItems(const std::vector<SetItem>& items, Scope& scope);

  // planner_pattern.cpp
  std::unique_ptr<Op> PlanPattern(std::unique_ptr<Op> input,
                                  const std::vector<PatternPart>& parts, Scope& scope,
                                  const ExprP& where, std::vector<PartSlots>* slots_out);
  std::unique_ptr<Op> PlanPart(std::unique_ptr<Op> op, const PatternPart& part,
                               const PartSlots& ps, std::set<int>& bound,
                               const std::set<int>& pre_bound, std::vector<int>& clause_rels,
                               std::vector<std::pair<ExprP, bool>>& conjuncts);
  // planner_shortest.cpp: after both end nodes are bound.
  std::unique_ptr<Op> PlanShortest(std::unique_ptr<Op> op, const PatternPart& part,
                                   const PartSlots& ps, std::set<int>& bound,
                                   const std::set<int>& pre_bound,
                                   std::vector<std::pair<ExprP, bool>>& conjuncts);
  std::unique_ptr<Op> ApplyFilters(std::unique_ptr<Op> op, const std::set<int>& bound,
                                   std::vector<std::pair<ExprP, bool>>& conjuncts, bool final);

  // planner_bind.cpp
  void Bind(const ExprP& e, Scope& scope);
  int BindSubplan(const PatternPart& part, const ExprP& where, const ExprP& projection,
                  Scope& scope);
  int BindSubquery(const SingleQuery& q, Scope& scope, bool existence);

  const ProcedureRegistry& procs_;
  Plan* plan_;
  // Context of the pattern being planned, for VarReachOp (planner_reach.cpp): its rows are
  // only observed as a set; the query and clause it is in (null for a pattern expression,
  // whose relationship variables must then be anonymous); the clause's pattern parts and the
  // relationships already expanded (a later hop checks uniqueness against this one unless
  // their types are disjoint).
  struct ReachContext {
    bool rows_as_set = false;
    const SingleQuery* query = nullptr;
    size_t clause = 0;
    const std::vector<PatternPart>* parts = nullptr;
    std::set<const RelPattern*> expanded;
  };
  ReachContext reach_;
  std::set<int> matched_list_slots_;  // var-length slots compared with a bound list afterwards
  bool CanReach(const RelPattern& r, int path_slot) const;
};

// Helpers shared by the planner files.
void SplitAnd(const ExprP& e, std::vector<ExprP>* out);
// Slots of outer variables `e` reads; sets *has_subplan when it contains a pattern expression.
void CollectSlots(const Expr& e, std::set<int>* out, bool* has_subplan);
bool ContainsAggregate(const Expr& e);
// Does `e` read only slots in `allowed` (and no pattern expression)?
bool SlotsWithin(const Expr& e, const std::set<int>& allowed);
// Are the rows of clause `i` of `q` observed only as a set: every later clause is row by row
// until a DISTINCT projection or an aggregation whose aggregates all ignore duplicates?
// `existence`: the query's own rows are only seen as a set (EXISTS, UNION without ALL).
bool RowsObservedAsSet(const SingleQuery& q, size_t i, bool existence);
// Does `name` occur in clause `i` of `q` or later, other than as the relationship `def`?
bool VariableMentioned(const SingleQuery& q, size_t i, const std::string& name,
                       const RelPattern* def);
[[noreturn]] void CompileError(const std::string& cls, const std::string& msg, const Expr* at);

}  // namespace liner::query
