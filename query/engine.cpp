// Engine: temporary stub so that dependents compile while the engine is written.
#include "query/engine.h"

namespace liner::query {

class Plan {
 public:
  std::vector<std::string> columns;
};
class ExecState {
 public:
  QueryStats stats;
};

bool QueryStats::ContainsUpdates() const {
  return nodes_created || nodes_deleted || relationships_created || relationships_deleted ||
         properties_set || labels_added || labels_removed;
}
std::string QueryStats::ToString() const { return ""; }

PreparedStatement::PreparedStatement(std::string text, std::unique_ptr<Plan> plan)
    : text_(std::move(text)), plan_(std::move(plan)) {}
PreparedStatement::~PreparedStatement() = default;
const std::vector<std::string>& PreparedStatement::columns() const { return plan_->columns; }
bool PreparedStatement::writes() const { return false; }
bool PreparedStatement::is_explain() const { return false; }
bool PreparedStatement::is_profile() const { return false; }
std::string PreparedStatement::PlanString() const { return ""; }

ResultCursor::ResultCursor(std::unique_ptr<ExecState> state) : state_(std::move(state)) {}
ResultCursor::~ResultCursor() = default;
bool ResultCursor::Next(std::vector<QValue>*) { return false; }
Status ResultCursor::Finish() { return status_; }
const QueryStats& ResultCursor::stats() const { return state_->stats; }
std::string ResultCursor::ProfileString() const { return ""; }

Engine::Engine(Database* db) : db_(db) {
  RegisterBuiltinProcedures(procedures_);
  RegisterAlgorithmProcedures(procedures_);
}
Engine::~Engine() = default;

Result<std::shared_ptr<const PreparedStatement>> Engine::Prepare(std::string_view) {
  return Status::Internal("query engine not implemented yet");
}
Result<std::unique_ptr<ResultCursor>> Engine::Execute(std::shared_ptr<const PreparedStatement>,
                                                      const Params&, const ExecOptions&) {
  return Status::Internal("query engine not implemented yet");
}
Result<std::unique_ptr<ResultCursor>> Engine::Execute(std::string_view cypher,
                                                      const Params& params,
                                                      const ExecOptions& options) {
  auto stmt = Prepare(cypher);
  if (!stmt.ok()) return stmt.status();
  return Execute(std::move(stmt).value(), params, options);
}

Result<QueryResult> RunQuery(Engine& engine, std::string_view cypher, const Params& params,
                             const ExecOptions& options) {
  auto cur = engine.Execute(cypher, params, options);
  if (!cur.ok()) return cur.status();
  QueryResult out;
  out.columns = (*cur)->columns();
  std::vector<QValue> row;
  while ((*cur)->Next(&row)) out.rows.push_back(row);
  if (!(*cur)->status().ok()) return (*cur)->status();
  out.stats = (*cur)->stats();
  return out;
}

std::string ErrorClass(const Status& status) { return ""; }
std::string ErrorDetail(const Status& status) { return ""; }

}  // namespace liner::query
