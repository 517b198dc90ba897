#pragma once
// AST of a Cypher statement as the parser produces it. Variable slots are filled in later by
// the planner's binding step (Expr::slot, Expr::subplan). Plain structs; thread-compatible.

#include <memory>
#include <string>
#include <vector>

#include "query/value.h"
#include "storage/types.h"

namespace liner::query {

enum class ExprKind {
  kLiteral, kParam, kVariable, kProperty, kList, kMap, kNot, kNeg, kBinary, kIsNull, kIsNotNull,
  kIndex, kSlice, kFunction, kCountStar, kCase, kListComp, kQuantifier, kReduce, kLabelCheck,
  kPatternPred, kPatternComp, kMapProjection, kExists, kAggRef, kCountSubquery,
};

enum class BinOp {
  kAdd, kSub, kMul, kDiv, kMod, kPow, kEq, kNe, kLt, kGt, kLe, kGe, kAnd, kOr, kXor, kIn,
  kStartsWith, kEndsWith, kContains, kRegex,
};

struct PatternPart;
struct SingleQuery;
struct Expr;
using ExprP = std::shared_ptr<Expr>;

struct Expr {
  ExprKind kind = ExprKind::kLiteral;
  BinOp op = BinOp::kAdd;
  int line = 0, column = 0;
  QValue value;          // kLiteral
  std::string name;      // variable, parameter, property key, function (lower case),
                         // quantifier (all/any/none/single), comprehension variable
  std::vector<ExprP> args;
  bool distinct = false;             // aggregate function with DISTINCT
  std::vector<std::string> keys;     // map literal keys; labels of kLabelCheck
  // kCase: args = [subject or null, when1, then1, when2, then2, ..., else or null]
  // kListComp: args = [list, where or null, projection or null]; name = variable
  // kQuantifier: args = [list, predicate]; kReduce: args = [init, list, expr]; name = element
  //   variable, keys[0] = accumulator variable
  // kMapProjection: args[0] = subject variable; keys/args[1..]: entries, see parser
  // kSlice: args = [list, from or null, to or null]
  std::shared_ptr<PatternPart> pattern;  // kPatternPred, kPatternComp (args[0] = projection,
                                         // args[1] = where, each may be null), kExists
  // EXISTS { MATCH ... } (kExists without a pattern) and COUNT { ... } (kCountSubquery): the
  // clauses of the subquery, correlated with the outer row.
  std::shared_ptr<SingleQuery> subquery;
  int slot = -1;      // bound slot of a variable / comprehension variable / aggregate result
  int slot2 = -1;     // reduce accumulator slot
  int subplan = -1;   // index into Plan::subplans for pattern expressions
  std::vector<int> map_proj_kinds;  // kMapProjection: 0 = .key, 1 = key: expr, 2 = var, 3 = .*
};

struct NodePattern {
  std::string var;  // may be empty
  std::vector<std::string> labels;
  ExprP props;      // a kMap or kParam expression, or null
  int line = 0, column = 0;
};

struct RelPattern {
  std::string var;
  std::vector<std::string> types;  // alternatives
  Direction dir = Direction::kBoth;  // kOut: (a)-->(b), kIn: (a)<--(b)
  ExprP props;
  bool var_length = false;
  int min_hops = 1;
  int max_hops = -1;  // -1: unbounded
  // Kùzu's [:T* SHORTEST 1..n] (1) and [:T* ALL SHORTEST 1..n] (2): the part is then a
  // shortestPath / allShortestPaths.
  int shortest = 0;
  int line = 0, column = 0;
};

struct PatternPart {
  enum class Kind { kNormal, kShortest, kAllShortest };
  Kind kind = Kind::kNormal;
  std::string path_var;
  std::vector<NodePattern> nodes;  // nodes.size() == rels.size() + 1
  std::vector<RelPattern> rels;
  int line = 0, column = 0;
};

struct ProjItem {
  ExprP expr;
  std::string alias;  // the column name: the alias, else the expression's text
  bool has_alias = false;
};

struct SortItem {
  ExprP expr;
  bool descending = false;
};

struct Projection {
  bool distinct = false;
  bool star = false;  // RETURN * / WITH *
  std::vector<ProjItem> items;
  std::vector<SortItem> order;
  ExprP skip, limit;
  ExprP where;  // WITH ... WHERE
};

struct SetItem {
  enum class Kind { kProperty, kReplace, kMerge, kLabels };
  Kind kind = Kind::kProperty;
  ExprP target;  // kProperty: a kProperty expression; otherwise the variable expression
  std::vector<std::string> labels;
  ExprP value;
};

struct Clause {
  enum class Kind { kMatch, kUnwind, kWith, kReturn, kCreate, kMerge, kSet, kRemove, kDelete,
                    kCall };
  Kind kind = Kind::kMatch;
  int line = 0, column = 0;
  bool optional = false;
  std::vector<PatternPart> pattern;
  ExprP where;
  ExprP expr;         // UNWIND list
  std::string alias;  // UNWIND variable
  Projection proj;    // WITH / RETURN
  std::vector<SetItem> set_items;  // SET, REMOVE (kProperty/kLabels), MERGE ON MATCH
  std::vector<SetItem> on_create;  // MERGE ON CREATE
  std::vector<ExprP> exprs;        // DELETE targets
  bool detach = false;
  std::string proc;                // CALL
  std::vector<ExprP> proc_args;
  bool proc_implicit_args = false;  // CALL proc without parentheses
  std::vector<std::pair<std::string, std::string>> yields;  // (column, alias)
  bool yield_star = false;
};

struct SingleQuery {
  std::vector<Clause> clauses;
};

struct Statement {
  std::vector<SingleQuery> parts;  // joined by UNION
  std::vector<bool> union_all;     // parts.size() - 1 entries
  bool explain = false;
  bool profile = false;
};

}  // namespace liner::query
