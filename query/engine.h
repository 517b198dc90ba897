#pragma once
// Engine: runs openCypher statements against a Liner database.
//
// Pipeline: lexer → parser (AST) → binder (scopes, slots) → planner (pull-based operators).
// A statement is a transaction: a statement that writes commits when its cursor is exhausted
// (or on Finish()); an error, a cancel or destroying the cursor early rolls everything back.
//
// Errors are Status values whose message starts with the openCypher TCK error class and,
// when known, its detail: "SyntaxError(VariableNotDefined): variable `x` is not defined ...".
// Syntax errors say "line L, column C: expected ..." followed by the source line and a caret.
// Use ErrorClass()/ErrorDetail() to read them back.
//
// Thread safety: Engine is thread-safe for Prepare/Execute (the plan cache is locked); a
// PreparedStatement is immutable and may be shared; a ResultCursor is used from one thread.

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "query/procedure.h"
#include "query/value.h"
#include "storage/database.h"

namespace liner::query {

using Params = std::map<std::string, QValue>;

struct ExecOptions {
  // Wall-clock limit of the whole statement in milliseconds; 0 = none. Exceeding it stops the
  // work (checked inside operator loops) with Status::Timeout.
  int64_t timeout_ms = 0;
  // When set and it becomes true, the statement stops with Status::Cancelled (Ctrl-C).
  const std::atomic<bool>* cancel = nullptr;
  // Most relationships a variable-length expansion or shortestPath may visit per statement
  // before failing with Status::LimitExceeded.
  uint64_t max_expansion = 10'000'000;
  // Upper bound of an unbounded variable-length pattern `*` / `*1..` (hops).
  int max_var_length = 64;
};

// Counters of what a statement changed (for the shell's summary line and the TCK side effects).
struct QueryStats {
  int64_t nodes_created = 0;
  int64_t nodes_deleted = 0;
  int64_t relationships_created = 0;
  int64_t relationships_deleted = 0;
  int64_t properties_set = 0;
  int64_t labels_added = 0;
  int64_t labels_removed = 0;
  bool ContainsUpdates() const;
  // "Nodes created: 1, Properties set: 2" — empty when nothing changed.
  std::string ToString() const;
};

class Plan;  // query/plan.h (internal)

// A parsed, bound and planned statement. Immutable; may be executed many times.
class PreparedStatement {
 public:
  ~PreparedStatement();
  const std::string& text() const { return text_; }
  // Output column names (empty for statements without RETURN).
  const std::vector<std::string>& columns() const;
  bool writes() const;
  bool is_explain() const;
  bool is_profile() const;
  // The operator tree, one operator per line, indented by depth.
  std::string PlanString() const;
  const Plan& plan() const { return *plan_; }

 private:
  friend class Engine;
  PreparedStatement(std::string text, std::unique_ptr<Plan> plan);
  std::string text_;
  std::unique_ptr<Plan> plan_;
};

class ExecState;    // query/exec_context.h (internal)
class RecordCache;  // query/record_cache.h (internal)

// Rows of one execution, pulled lazily. Usage:
//   std::vector<QValue> row;
//   while (cursor->Next(&row)) use(row);
//   if (!cursor->status().ok()) ...
class ResultCursor {
 public:
  ~ResultCursor();  // rolls back an unfinished write statement
  const std::vector<std::string>& columns() const { return columns_; }
  // Fills `row` with the next row (nodes, relationships and paths loaded); false at the end or
  // on error. A write statement commits when Next returns false without error.
  bool Next(std::vector<QValue>* row);
  // Pulls (and discards) every remaining row and commits. Returns status().
  Status Finish();
  Status status() const { return status_; }
  const QueryStats& stats() const;
  // For PROFILE: the plan with rows produced per operator (after the rows were pulled).
  std::string ProfileString() const;

 private:
  friend class Engine;
  explicit ResultCursor(std::unique_ptr<ExecState> state);
  std::unique_ptr<ExecState> state_;
  std::vector<std::string> columns_;
  std::vector<QValue> scratch_;  // the plan's row, reused from row to row
  Status status_;
  bool done_ = false;
  // Made by ExecuteInto for a read-only statement: keeps its read transaction when it ends,
  // so that the next ExecuteInto can reuse it.
  bool reusable_ = false;
};

class Engine {
 public:
  // `db` must outlive the engine. Registers built-in and algorithm procedures.
  explicit Engine(Database* db);
  ~Engine();

  // Parses, binds and plans `cypher` (cached by text). Errors: InvalidArgument with a TCK
  // class prefix (SyntaxError, ...).
  Result<std::shared_ptr<const PreparedStatement>> Prepare(std::string_view cypher);
  // Starts executing a prepared statement. EXPLAIN returns the plan as one row per operator
  // (column "plan") without running it.
  Result<std::unique_ptr<ResultCursor>> Execute(std::shared_ptr<const PreparedStatement> stmt,
                                                const Params& params = {},
                                                const ExecOptions& options = {});
  Result<std::unique_ptr<ResultCursor>> Execute(std::string_view cypher, const Params& params = {},
                                                const ExecOptions& options = {});
  // Execute for one statement run many times in a row (liner batch). When *cursor holds an
  // ended cursor of the same read-only statement, it is reset instead of rebuilt: its operator
  // instances are reopened (Op::Open resets them; no clone of the plan), its record and token
  // caches are kept and, while the database's generation has not moved (no commit since: the
  // same snapshot contents), so is its read transaction. Otherwise (a first run, a write
  // statement, EXPLAIN/PROFILE, a plan with an operator that cannot be reopened: procedure
  // calls, path searches, fused aggregations) *cursor gets a new cursor from Execute. Same rows
  // as Execute.
  Status ExecuteInto(std::shared_ptr<const PreparedStatement> stmt, Params params,
                     const ExecOptions& options, std::unique_ptr<ResultCursor>* cursor);

  ProcedureRegistry& procedures() { return procedures_; }
  Database* db() { return db_; }

 private:
  Database* db_;
  ProcedureRegistry procedures_;
  std::mutex cache_mu_;
  std::unordered_map<std::string, std::shared_ptr<const PreparedStatement>> plan_cache_;
  std::unique_ptr<RecordCache> records_;
};

// Convenience for tests and tools: runs `cypher` to the end and returns the rows.
struct QueryResult {
  std::vector<std::string> columns;
  std::vector<std::vector<QValue>> rows;
  QueryStats stats;
};
Result<QueryResult> RunQuery(Engine& engine, std::string_view cypher, const Params& params = {},
                             const ExecOptions& options = {});

// "SyntaxError" from "SyntaxError(VariableNotDefined): ..."; "" when the message has no class.
std::string ErrorClass(const Status& status);
// "VariableNotDefined" from the message above; "" when none.
std::string ErrorDetail(const Status& status);

}  // namespace liner::query
