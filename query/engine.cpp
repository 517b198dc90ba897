// Engine: prepares statements (parse, bind, plan; cached by text) and runs them as one
// transaction each through a ResultCursor.
#include "query/engine.h"

#include <functional>

#include "query/parser.h"
#include "query/plan.h"
#include "query/record_cache.h"

namespace liner::query {
namespace {

// The operator tree, then each pattern expression's or subquery's own tree (run per row).
std::string DescribeTree(const Op* root, const std::vector<std::unique_ptr<Op>>& subplans,
                         bool with_rows) {
  std::string out;
  std::function<void(const Op*, int)> walk = [&](const Op* op, int depth) {
    out += std::string(depth * 2, ' ') + op->Describe();
    if (with_rows) out += "  rows=" + std::to_string(op->rows_produced);
    out += "\n";
    for (const auto& c : op->children)
      if (c) walk(c.get(), depth + 1);
  };
  if (root) walk(root, 0);
  for (size_t i = 0; i < subplans.size(); ++i) {
    out += "Subplan #" + std::to_string(i) + " (pattern expression or subquery, per row)\n";
    walk(subplans[i].get(), 1);
  }
  return out;
}

constexpr size_t kPlanCacheSize = 512;

// Whether every operator of the tree is one whose Open resets all it keeps between runs, so that
// ExecuteInto may reopen it instead of cloning the plan. The others (procedure calls, path
// searches, fused aggregations that rewire their input) are always cloned afresh.
bool ReopenableTree(const Op* op) {
  if (!op) return true;
  const bool known = dynamic_cast<const OnceOp*>(op) || dynamic_cast<const ArgumentOp*>(op) ||
                     dynamic_cast<const FilterOp*>(op) || dynamic_cast<const NodeScanOp*>(op) ||
                     dynamic_cast<const ExpandOp*>(op) || dynamic_cast<const ExpandChainOp*>(op) ||
                     dynamic_cast<const ProjectOp*>(op) || dynamic_cast<const DistinctOp*>(op) ||
                     dynamic_cast<const UnionOp*>(op) || dynamic_cast<const SortOp*>(op) ||
                     dynamic_cast<const SkipLimitOp*>(op) || dynamic_cast<const AggregateOp*>(op) ||
                     dynamic_cast<const UnwindOp*>(op) || dynamic_cast<const OptionalOp*>(op);
  if (!known) return false;
  for (const auto& c : op->children)
    if (!ReopenableTree(c.get())) return false;
  return true;
}

bool Reopenable(const Plan& plan) {
  if (plan.writes || plan.explain || plan.profile || !ReopenableTree(plan.root.get())) return false;
  for (const auto& sp : plan.subplans)
    if (!ReopenableTree(sp.get())) return false;
  return true;
}

}  // namespace

bool QueryStats::ContainsUpdates() const {
  return nodes_created || nodes_deleted || relationships_created || relationships_deleted ||
         properties_set || labels_added || labels_removed;
}

std::string QueryStats::ToString() const {
  std::string out;
  auto add = [&](const char* what, int64_t n) {
    if (!n) return;
    if (!out.empty()) out += ", ";
    out += std::string(what) + ": " + std::to_string(n);
  };
  add("Nodes created", nodes_created);
  add("Nodes deleted", nodes_deleted);
  add("Relationships created", relationships_created);
  add("Relationships deleted", relationships_deleted);
  add("Properties set", properties_set);
  add("Labels added", labels_added);
  add("Labels removed", labels_removed);
  return out;
}

PreparedStatement::PreparedStatement(std::string text, std::unique_ptr<Plan> plan)
    : text_(std::move(text)), plan_(std::move(plan)) {}
PreparedStatement::~PreparedStatement() = default;
const std::vector<std::string>& PreparedStatement::columns() const {
  static const std::vector<std::string> kPlanColumn = {"plan"};
  return plan_->explain ? kPlanColumn : plan_->columns;
}
bool PreparedStatement::writes() const { return plan_->writes; }
bool PreparedStatement::is_explain() const { return plan_->explain; }
bool PreparedStatement::is_profile() const { return plan_->profile; }
std::string PreparedStatement::PlanString() const {
  return DescribeTree(plan_->root.get(), plan_->subplans, false);
}

ResultCursor::ResultCursor(std::unique_ptr<ExecState> state) : state_(std::move(state)) {}

ResultCursor::~ResultCursor() {
  if (state_ && state_->owned_txn && !done_) state_->owned_txn->Rollback();
}

bool ResultCursor::Next(std::vector<QValue>* row) {
  if (done_) return false;
  ExecState& st = *state_;
  try {
    if (st.plan->explain) {
      // One row per operator line; nothing runs.
      static thread_local std::vector<std::string> lines;
      if (st.expansions == 0) {
        lines.clear();
        std::string text = DescribeTree(st.plan->root.get(), st.plan->subplans, false);
        size_t start = 0;
        while (start < text.size()) {
          size_t nl = text.find('\n', start);
          lines.push_back(text.substr(start, nl - start));
          start = nl + 1;
        }
      }
      if (st.expansions >= lines.size()) {
        done_ = true;
        return false;
      }
      row->assign(1, QValue(lines[st.expansions++]));
      return true;
    }
    Row& r = scratch_;
    bool more = st.root->Next(st, r);
    // Statements without RETURN produce no rows: run them to the end.
    while (more && st.plan->column_slots.empty()) more = st.root->Next(st, r);
    if (!more) {
      done_ = true;
      if (st.owned_txn && st.plan->writes) status_ = st.owned_txn->Commit();
      if (!reusable_) st.owned_txn.reset();
      return false;
    }
    row->clear();
    row->reserve(st.plan->column_slots.size());
    for (int s : st.plan->column_slots) row->push_back(st.Hydrate(r[s]));
    return true;
  } catch (const QueryError& e) {
    status_ = e.status;
  } catch (const std::bad_alloc&) {
    status_ = Status::LimitExceeded("out of memory while running the query");
  } catch (const std::exception& e) {
    status_ = Status::Internal(std::string("query failed: ") + e.what());
  }
  done_ = true;
  if (st.owned_txn) st.owned_txn->Rollback();
  st.owned_txn.reset();
  return false;
}

Status ResultCursor::Finish() {
  std::vector<QValue> row;
  while (Next(&row)) {
  }
  return status_;
}

const QueryStats& ResultCursor::stats() const { return state_->stats; }

std::string ResultCursor::ProfileString() const {
  return DescribeTree(state_->root.get(), state_->subplans, true);
}

Engine::Engine(Database* db) : db_(db), records_(std::make_unique<RecordCache>()) {
  RegisterBuiltinProcedures(procedures_);
  RegisterAlgorithmProcedures(procedures_);
}
Engine::~Engine() = default;

Result<std::shared_ptr<const PreparedStatement>> Engine::Prepare(std::string_view cypher) {
  std::string key(cypher);
  {
    std::lock_guard<std::mutex> lock(cache_mu_);
    auto it = plan_cache_.find(key);
    if (it != plan_cache_.end()) return it->second;
  }
  auto ast = ParseStatement(cypher);
  if (!ast.ok()) return ast.status();
  auto plan = BuildPlan(*ast, procedures_);
  if (!plan.ok()) return plan.status();
  RewriteDistinctChains(**plan);  // op_chain.cpp
  std::shared_ptr<const PreparedStatement> stmt(
      new PreparedStatement(key, std::move(plan).value()));
  std::lock_guard<std::mutex> lock(cache_mu_);
  if (plan_cache_.size() >= kPlanCacheSize) plan_cache_.clear();
  plan_cache_[key] = stmt;
  return stmt;
}

Result<std::unique_ptr<ResultCursor>> Engine::Execute(std::shared_ptr<const PreparedStatement> stmt,
                                                      const Params& params,
                                                      const ExecOptions& options) {
  auto state = std::make_unique<ExecState>(db_, stmt, params, options, &procedures_);
  state->shared_records = records_.get();
  const Plan& plan = stmt->plan();
  if (!plan.explain) {
    if (plan.writes) {
      auto txn = db_->Begin();
      if (!txn.ok()) return txn.status();
      state->owned_txn = std::move(txn).value();
    } else {
      state->owned_txn = db_->BeginRead();
    }
    state->txn = state->owned_txn.get();
    state->root = plan.root->Clone();
    for (const auto& sp : plan.subplans) state->subplans.push_back(sp->Clone());
    try {
      state->root->Open(*state);
    } catch (const QueryError& e) {
      return e.status;
    }
  }
  std::unique_ptr<ResultCursor> cursor(new ResultCursor(std::move(state)));
  cursor->columns_ = stmt->columns();
  return cursor;
}

Result<std::unique_ptr<ResultCursor>> Engine::Execute(std::string_view cypher,
                                                      const Params& params,
                                                      const ExecOptions& options) {
  auto stmt = Prepare(cypher);
  if (!stmt.ok()) return stmt.status();
  return Execute(std::move(stmt).value(), params, options);
}

Status Engine::ExecuteInto(std::shared_ptr<const PreparedStatement> stmt, Params params,
                          const ExecOptions& options, std::unique_ptr<ResultCursor>* cursor) {
  ResultCursor* c = cursor->get();
  if (!c || !c->reusable_ || !c->done_ || c->state_->stmt != stmt) {
    cursor->reset();
    const bool reusable = Reopenable(stmt->plan());
    auto fresh = Execute(std::move(stmt), params, options);
    if (!fresh.ok()) return fresh.status();
    *cursor = std::move(fresh).value();
    (*cursor)->reusable_ = reusable;
    return Status::OK();
  }
  ExecState& st = *c->state_;
  st.Reset(std::move(params), options);
  if (!st.owned_txn || st.owned_txn->generation() != db_->generation()) {
    // A commit since: a new snapshot, and the records cached from the old one are dropped.
    st.owned_txn.reset();
    st.owned_txn = db_->BeginRead();
    st.Invalidate();
  }
  st.txn = st.owned_txn.get();
  c->status_ = Status::OK();
  c->done_ = false;
  try {
    st.root->Open(st);
  } catch (const QueryError& e) {
    c->done_ = true;
    return e.status;
  }
  return Status::OK();
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

std::string ErrorClass(const Status& status) {
  const std::string& m = status.message();
  size_t end = m.find_first_of("(:");
  if (end == std::string::npos || end == 0) return "";
  std::string cls = m.substr(0, end);
  for (char c : cls)
    if (!std::isalnum(static_cast<unsigned char>(c))) return "";
  return cls;
}

std::string ErrorDetail(const Status& status) {
  const std::string& m = status.message();
  size_t open = m.find('(');
  size_t colon = m.find(':');
  if (open == std::string::npos || colon == std::string::npos || open > colon) return "";
  size_t close = m.find(')', open);
  if (close == std::string::npos || close > colon) return "";
  return m.substr(open + 1, close - open - 1);
}

}  // namespace liner::query
