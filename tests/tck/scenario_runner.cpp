#include "tests/tck/scenario_runner.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <sstream>

#include "storage/database.h"
#include "tests/support/temp_dir.h"
#include "tests/tck/graph_state.h"
#include "tests/tck/query_runner.h"
#include "tests/tck/tck_value.h"

namespace liner::tck {

namespace {

bool StartsWith(const std::string& s, const std::string& p) { return s.compare(0, p.size(), p) == 0; }

// Replaces quoted text and numbers by placeholders so that similar errors group together.
std::string Generalize(const std::string& message) {
  std::string first = message.substr(0, message.find('\n'));
  static const std::regex kQuoted(R"('[^']*'|"[^"]*"|`[^`]*`)");
  static const std::regex kNumber(R"(\b\d+\b)");
  first = std::regex_replace(first, kQuoted, "<x>");
  first = std::regex_replace(first, kNumber, "N");
  if (first.size() > 100) first = first.substr(0, 100) + "...";
  return first;
}

std::string RowText(const std::vector<std::string>& cols, const std::vector<std::string>& cells) {
  std::string out = "|";
  for (size_t i = 0; i < cells.size(); ++i) out += " " + cells[i] + " |";
  return out;
}

std::string TableText(const std::vector<std::string>& cols,
                      const std::vector<std::vector<std::string>>& rows) {
  std::string out = "    " + RowText(cols, cols) + "\n";
  for (const auto& r : rows) out += "    " + RowText(cols, r) + "\n";
  return out;
}

// The state of one scenario while its steps run.
class ScenarioRun {
 public:
  ScenarioRun(const RunConfig& config, Database* db)
      : config_(config), db_(db), runner_(MakeQueryRunner(db)) {}

  ScenarioResult Run(const Scenario& scenario) {
    for (const Step& step : scenario.steps) {
      if (!Step_(step)) return result_;
    }
    if (!executed_) return Fail("scenario has no query", "no 'executing query' step");
    if (!checked_) return Fail("scenario checks nothing", "no 'Then' step was recognised");
    result_.verdict = Verdict::kPassed;
    return result_;
  }

 private:
  ScenarioResult& Fail(const std::string& cause, const std::string& detail) {
    result_.verdict = Verdict::kFailed;
    result_.cause = cause;
    result_.detail = "query:\n" + Indent(query_) + detail;
    return result_;
  }
  ScenarioResult& Skip(const std::string& cause) {
    result_.verdict = Verdict::kSkipped;
    result_.cause = cause;
    return result_;
  }
  static std::string Indent(const std::string& text) {
    std::string out = "    ";
    for (char c : text) {
      out.push_back(c);
      if (c == '\n') out += "    ";
    }
    return out + "\n";
  }

  // Returns false when the scenario is decided (failed or skipped) by this step.
  bool Step_(const Step& step) {
    const std::string& t = step.text;
    if (t == "an empty graph" || t == "any graph") return true;
    if (StartsWith(t, "the ") && t.size() > 10 && t.substr(t.size() - 6) == " graph") {
      return NamedGraph(t.substr(4, t.size() - 10));
    }
    if (t == "having executed:" || t == "after having executed:") {
      auto out = runner_->Run(step.doc, params_, config_.timeout_ms);
      if (!out.ok) {
        query_ = step.doc;
        Fail("setup query failed: " + Generalize(out.error), "setup error: " + out.error + "\n");
        return false;
      }
      return true;
    }
    if (t == "parameters are:" || t == "parameter values are:") {
      for (const auto& row : step.table) {
        if (row.size() != 2) {
          Fail("bad parameters table", "parameter row needs 2 cells\n");
          return false;
        }
        auto v = ParseTckValue(row[1]);
        if (!v.ok()) {
          Fail("unparsable parameter", v.status().message() + "\n");
          return false;
        }
        params_[row[0]] = std::move(*v);
      }
      return true;
    }
    if (StartsWith(t, "there exists a procedure ")) {
      std::string sig = t.substr(25);
      if (!sig.empty() && sig.back() == ':') sig.pop_back();
      Status st = runner_->RegisterProcedure(sig, step.table);
      if (!st.ok()) {
        Skip("procedure registration not supported: " + Generalize(st.message()));
        return false;
      }
      return true;
    }
    if (t == "executing query:" || t == "executing control query:" ||
        StartsWith(t, "executing query: ")) {
      query_ = step.has_doc ? step.doc : t.substr(t.find(':') + 2);
      auto before = ReadGraphState(db_);
      outcome_ = runner_->Run(query_, params_, config_.timeout_ms);
      auto after = ReadGraphState(db_);
      if (!before.ok() || !after.ok()) {
        Fail("storage error reading the graph", (before.ok() ? after : before).status().message());
        return false;
      }
      effects_ = SideEffects(*before, *after);
      executed_ = true;
      return true;
    }
    if (StartsWith(t, "the result should be")) return CheckResult(step);
    if (t == "the side effects should be:" || t == "no side effects") return CheckEffects(step);
    if (StartsWith(t, "a ") && t.find(" should be raised at ") != std::string::npos) {
      return CheckError(step);
    }
    Skip("unsupported step: " + Generalize(t));
    return false;
  }

  bool NamedGraph(const std::string& name) {
    std::ifstream in(config_.graphs_dir + "/" + name + "/" + name + ".cypher");
    if (!in) {
      Skip("named graph not found: " + name);
      return false;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    std::string script = ss.str();
    size_t pos = 0;
    while (pos < script.size()) {
      size_t end = script.find(';', pos);
      if (end == std::string::npos) end = script.size();
      std::string stmt = script.substr(pos, end - pos);
      pos = end + 1;
      if (stmt.find_first_not_of(" \t\r\n") == std::string::npos) continue;
      auto out = runner_->Run(stmt, {}, config_.timeout_ms * 3);
      if (!out.ok) {
        query_ = stmt;
        Fail("setup of graph " + name + " failed: " + Generalize(out.error), out.error + "\n");
        return false;
      }
    }
    return true;
  }

  bool RequireSuccess() {
    if (!executed_) {
      Fail("result check before any query", "");
      return false;
    }
    if (!outcome_.ok) {
      Fail("engine error: " + Generalize(outcome_.error), "error: " + outcome_.error + "\n");
      return false;
    }
    return true;
  }

  bool CheckResult(const Step& step) {
    checked_ = true;
    if (!RequireSuccess()) return false;
    const std::string& t = step.text;
    bool empty = t == "the result should be empty";
    bool ordered = t.find("in order") != std::string::npos;
    bool bag_lists = t.find("ignoring element order for lists") != std::string::npos;
    std::vector<std::string> cols;
    std::vector<std::vector<std::string>> expected;
    if (!empty) {
      if (step.table.empty()) {
        Fail("expected table missing", "");
        return false;
      }
      cols = step.table[0];
      for (size_t r = 1; r < step.table.size(); ++r) {
        std::vector<std::string> row;
        for (const auto& cell : step.table[r]) {
          auto v = ParseTckValue(cell);
          if (!v.ok()) {
            Fail("unparsable expected value", v.status().message() + "\n");
            return false;
          }
          row.push_back(Canonical(*v, bag_lists));
        }
        expected.push_back(std::move(row));
      }
    }
    // Map the engine's columns onto the expected order by name.
    std::vector<int> index;
    if (!empty) {
      std::vector<std::string> a = cols, b = outcome_.columns;
      std::sort(a.begin(), a.end());
      std::sort(b.begin(), b.end());
      if (a != b) {
        Fail("wrong columns", "expected columns: " + Join(cols) +
                                  "\ngot columns:      " + Join(outcome_.columns) + "\n");
        return false;
      }
      for (const auto& c : cols) {
        index.push_back(static_cast<int>(
            std::find(outcome_.columns.begin(), outcome_.columns.end(), c) -
            outcome_.columns.begin()));
      }
    }
    std::vector<std::vector<std::string>> got;
    for (const auto& row : outcome_.rows) {
      std::vector<std::string> cells;
      for (int i : index) {
        cells.push_back(i < static_cast<int>(row.size()) ? Canonical(row[i], bag_lists) : "?");
      }
      got.push_back(std::move(cells));
    }
    auto exp_sorted = expected, got_sorted = got;
    if (!ordered) {
      std::sort(exp_sorted.begin(), exp_sorted.end());
      std::sort(got_sorted.begin(), got_sorted.end());
    }
    if (exp_sorted != got_sorted) {
      std::string cause = empty ? "expected an empty result, got rows"
                          : got.size() != expected.size() ? "wrong number of rows"
                          : ordered && [&] {
                              auto x = expected, y = got;
                              std::sort(x.begin(), x.end());
                              std::sort(y.begin(), y.end());
                              return x == y;
                            }()
                              ? "rows in the wrong order"
                              : "wrong result values";
      Fail(cause, "expected" + std::string(ordered ? " (in order)" : "") + ":\n" +
                      TableText(cols, expected) + "got:\n" +
                      TableText(empty ? outcome_.columns : cols,
                                empty ? Stringify(outcome_.rows) : got));
      return false;
    }
    return true;
  }

  static std::vector<std::vector<std::string>> Stringify(
      const std::vector<std::vector<TckValue>>& rows) {
    std::vector<std::vector<std::string>> out;
    for (const auto& r : rows) {
      std::vector<std::string> cells;
      for (const auto& v : r) cells.push_back(Canonical(v));
      out.push_back(std::move(cells));
    }
    return out;
  }

  static std::string Join(const std::vector<std::string>& v) {
    std::string out;
    for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + v[i];
    return out;
  }

  bool CheckEffects(const Step& step) {
    checked_ = true;
    if (!error_expected_ && !RequireSuccess()) return false;
    std::map<std::string, int64_t> expected;
    for (const auto& [k, v] : effects_) expected[k] = 0;
    for (const auto& row : step.table) {
      if (row.size() != 2 || !expected.count(row[0])) {
        Fail("bad side effects table", "unknown side effect row\n");
        return false;
      }
      expected[row[0]] = std::stoll(row[1]);
    }
    if (expected != effects_) {
      std::string exp, got;
      for (const auto& [k, v] : expected) {
        if (v) exp += " " + k + " " + std::to_string(v);
      }
      for (const auto& [k, v] : effects_) {
        if (v) got += " " + k + " " + std::to_string(v);
      }
      Fail("wrong side effects", "expected side effects:" + (exp.empty() ? " none" : exp) +
                                     "\ngot side effects:     " + (got.empty() ? " none" : got) +
                                     "\n");
      return false;
    }
    return true;
  }

  // "a TypeError should be raised at runtime: ListElementAccessByNonInteger". The runner
  // accepts any error whose message names the expected type or detail; the phase is not
  // checked (a streaming engine may find compile-time problems late, and vice versa).
  bool CheckError(const Step& step) {
    checked_ = true;
    error_expected_ = true;
    const std::string& t = step.text;
    std::string type = t.substr(2, t.find(' ', 2) - 2);
    std::string detail = t.substr(t.rfind(':') + 1);
    detail.erase(0, detail.find_first_not_of(' '));
    if (!executed_) {
      Fail("error check before any query", "");
      return false;
    }
    if (outcome_.ok) {
      Fail("expected " + type + " not raised",
           "expected: " + type + " (" + detail + ")\ngot " +
               std::to_string(outcome_.rows.size()) + " rows and no error\n");
      return false;
    }
    bool named = outcome_.error.find(type) != std::string::npos ||
                 (!detail.empty() && outcome_.error.find(detail) != std::string::npos);
    if (!named) {
      Fail("wrong error kind: expected " + type + ", got: " + Generalize(outcome_.error),
           "expected: " + type + " (" + detail + ")\ngot error: " + outcome_.error + "\n");
      return false;
    }
    // The TCK implies no side effects for a failing query: a statement is a transaction.
    for (const auto& [k, v] : effects_) {
      if (v != 0) {
        Fail("failed statement left side effects", "side effect " + k + " " +
                                                       std::to_string(v) + " after the error\n");
        return false;
      }
    }
    return true;
  }

  const RunConfig& config_;
  Database* db_;
  std::unique_ptr<QueryRunner> runner_;
  std::map<std::string, TckValue> params_;
  std::string query_;
  QueryOutcome outcome_;
  std::map<std::string, int64_t> effects_;
  bool executed_ = false;
  bool checked_ = false;
  bool error_expected_ = false;
  ScenarioResult result_;
};

}  // namespace

bool KnownStep(const std::string& t) {
  return t == "an empty graph" || t == "any graph" ||
         (StartsWith(t, "the ") && t.size() > 10 && t.substr(t.size() - 6) == " graph") ||
         t == "having executed:" || t == "after having executed:" || t == "parameters are:" ||
         t == "parameter values are:" || StartsWith(t, "there exists a procedure ") ||
         t == "executing query:" || t == "executing control query:" ||
         StartsWith(t, "executing query: ") || StartsWith(t, "the result should be") ||
         t == "the side effects should be:" || t == "no side effects" ||
         (StartsWith(t, "a ") && t.find(" should be raised at ") != std::string::npos);
}

std::string SkipReason(const Feature& feature, const Scenario& scenario) {
  if (StartsWith(feature.path, "expressions/temporal/")) {
    return "temporal types (date, time, duration) are not supported";
  }
  for (const auto& tag : scenario.tags) {
    if (tag == "ignore") return "tagged @ignore by the TCK";
  }
  // Temporal scenarios outside expressions/temporal (e.g. ORDER BY over dates) too.
  static const std::regex kTemporal(
      R"(\b(date|datetime|localdatetime|localtime|time|duration)\s*(\(|\.\w+\s*\())",
      std::regex::icase);
  for (const auto& step : scenario.steps) {
    if (std::regex_search(step.doc, kTemporal)) {
      return "temporal types (date, time, duration) are not supported";
    }
  }
  return "";
}

ScenarioResult RunScenario(const Feature& feature, const Scenario& scenario,
                           const RunConfig& config) {
  std::string skip = SkipReason(feature, scenario);
  if (!skip.empty()) return ScenarioResult{Verdict::kSkipped, skip, ""};
  liner::testing::TempDir dir;
  auto db = Database::Open(dir.Sub("db"));
  if (!db.ok()) {
    return ScenarioResult{Verdict::kFailed, "cannot open a database",
                          db.status().ToString()};
  }
  ScenarioRun run(config, db->get());
  return run.Run(scenario);
}

}  // namespace liner::tck
