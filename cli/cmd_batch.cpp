// liner batch: one prepared statement, run once per parameter binding (a JSON object per line),
// in one process; one JSON result line per binding. Used by the benchmark harness
// (../shared/peers/bench/bench_liner.py) and for parameter sweeps.
//   {"ms": 1.234, "rows": [[...], ...]}  |  {"ms": ..., "timeout": true}  |  {"ms": ..., "error": ".."}
#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "cli/command.h"
#include "cli/flags.h"
#include "cli/json_value.h"
#include "query/engine.h"

namespace liner::cli {

namespace {

using Clock = std::chrono::steady_clock;

double MsSince(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// Milliseconds rounded to microseconds, so the output stays short.
double Round3(double ms) { return static_cast<double>(static_cast<int64_t>(ms * 1000 + 0.5)) / 1000; }

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(path + ": cannot open");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  // A trailing ';' (and whitespace) is allowed in a query file.
  while (!text.empty() && (std::isspace(static_cast<unsigned char>(text.back())) ||
                           text.back() == ';')) {
    text.pop_back();
  }
  return text;
}

Result<query::Params> ParseBinding(const std::string& line) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(line);
  } catch (const nlohmann::json::parse_error& e) {
    return Status::InvalidArgument(std::string("bad JSON: ") + e.what());
  }
  if (!j.is_object()) return Status::InvalidArgument("a binding must be a JSON object");
  query::Params params;
  for (const auto& [k, v] : j.items()) params[k] = FromJson(v);
  return params;
}

struct BatchStats {
  uint64_t run = 0, errors = 0, timeouts = 0, not_run = 0;
  std::vector<double> ms;  // each binding's `ms`, unrounded, for the summary's median and p99
};

// The p-th percentile (nearest rank) of `v` (sorted in place); 0 when empty.
double Percentile(std::vector<double>* v, double p) {
  if (v->empty()) return 0;
  std::sort(v->begin(), v->end());
  size_t k = static_cast<size_t>(p / 100.0 * static_cast<double>(v->size()) + 0.5);
  return (*v)[std::min(v->size() - 1, k == 0 ? 0 : k - 1)];
}

// Appends the JSON text of `v` exactly as ToJson(v).dump() writes it: integers, booleans, null,
// plain ASCII strings and lists of them directly (no JSON tree per value), the rest through
// nlohmann.
void AppendJson(const query::QValue& v, std::string* out) {
  switch (v.type()) {
    case query::QValue::Type::kNull: out->append("null"); return;
    case query::QValue::Type::kBool: out->append(v.as_bool() ? "true" : "false"); return;
    case query::QValue::Type::kInt: {
      char buf[24];
      auto r = std::to_chars(buf, buf + sizeof buf, v.as_int());
      out->append(buf, r.ptr);
      return;
    }
    case query::QValue::Type::kString: {
      const std::string& s = v.as_string();
      bool plain = std::all_of(s.begin(), s.end(), [](char c) {
        return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
      });
      if (!plain) break;
      out->push_back('"');
      out->append(s);
      out->push_back('"');
      return;
    }
    case query::QValue::Type::kList: {
      out->push_back('[');
      bool first = true;
      for (const auto& e : v.as_list()) {
        if (!first) out->push_back(',');
        first = false;
        AppendJson(e, out);
      }
      out->push_back(']');
      return;
    }
    default: break;
  }
  out->append(ToJson(v).dump());
}

// The rows of one binding, materialised: `cells` holds them row after row, `width` values each.
// Reused from binding to binding, so that collecting them allocates nothing once warm.
struct Answer {
  std::vector<query::QValue> cells;
  size_t width = 0;
  std::vector<query::QValue> row;
  std::unique_ptr<query::ResultCursor> cursor;  // reused by Engine::ExecuteInto
};

// Runs one binding and returns its output line (without the newline). `ms` covers what the
// peers' timed region covers (../shared/peers/bench/harness.py, run_queries: from a parsed
// binding to the materialised answer list): starting the execution (transaction, operators),
// running it, and pulling every row into `answer`. Not in `ms`: parsing the binding's JSON
// line (before) and writing the output line (after).
std::string RunOne(query::Engine& engine,
                   const std::shared_ptr<const query::PreparedStatement>& stmt,
                   const std::string& line, const query::ExecOptions& exec, Answer* answer,
                   BatchStats* stats) {
  auto params = ParseBinding(line);
  Status st = params.status();
  answer->cells.clear();
  answer->width = stmt->columns().size();
  double ms = 0;
  if (st.ok()) {
    auto t0 = Clock::now();
    st = engine.ExecuteInto(stmt, std::move(params).value(), exec, &answer->cursor);
    if (st.ok()) {
      query::ResultCursor& cursor = *answer->cursor;
      while (cursor.Next(&answer->row)) {
        for (auto& v : answer->row) answer->cells.push_back(std::move(v));
      }
      st = cursor.status();
    }
    ms = MsSince(t0);
  }
  std::string out = "{\"ms\":" + nlohmann::json(Round3(ms)).dump();
  ++stats->run;
  stats->ms.push_back(ms);
  if (st.ok()) {
    out += ",\"rows\":[";
    const size_t width = std::max<size_t>(answer->width, 1);
    for (size_t r = 0; r * width < answer->cells.size(); ++r) {
      if (r) out.push_back(',');
      out.push_back('[');
      for (size_t i = 0; i < width && r * width + i < answer->cells.size(); ++i) {
        if (i) out.push_back(',');
        AppendJson(answer->cells[r * width + i], &out);
      }
      out.push_back(']');
    }
    out.push_back(']');
  } else if (st.code() == Status::Code::kTimeout) {
    ++stats->timeouts;
    out += ",\"timeout\":true";
  } else {
    ++stats->errors;
    out += ",\"error\":" + nlohmann::json(st.message()).dump();
  }
  out.push_back('}');
  return out;
}

}  // namespace

int CmdBatch(const std::vector<std::string>& args, Io& io) {
  Flags flags("liner batch");
  flags.Value("db").Value("query").Value("params").Value("out").Value("timeout-ms");
  flags.Value("max-seconds");
  flags.Switch("quiet");
  Status st = flags.Parse(args);
  for (const char* required : {"db", "query", "params", "out"}) {
    if (st.ok() && !flags.Has(required)) {
      st = Status::InvalidArgument(std::string("liner batch: --") + required + " is required");
    }
  }
  auto timeout = flags.GetInt("timeout-ms", 0);
  if (st.ok()) st = timeout.status();
  double max_seconds = 0;
  if (st.ok() && flags.Has("max-seconds")) {
    char* end = nullptr;
    std::string v = flags.Get("max-seconds");
    max_seconds = std::strtod(v.c_str(), &end);
    if (v.empty() || *end != '\0' || max_seconds < 0) {
      st = Status::InvalidArgument("liner batch: --max-seconds expects seconds, got '" + v + "'");
    }
  }
  if (!st.ok()) {
    io.err << "error: " << st.message() << "\n";
    return 2;
  }
  auto text = ReadFile(flags.Get("query"));
  if (!text.ok()) {
    io.err << "error: " << text.status().message() << "\n";
    return 1;
  }
  std::ifstream params(flags.Get("params"), std::ios::binary);
  if (!params) {
    io.err << "error: " << flags.Get("params") << ": cannot open\n";
    return 1;
  }
  // Read-only unless the statement writes (so a batch can run beside a shell on the same db).
  OpenOptions open;
  open.read_only = true;
  auto db = Database::Open(flags.Get("db"), open);
  std::unique_ptr<query::Engine> engine;
  std::shared_ptr<const query::PreparedStatement> stmt;
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (!db.ok()) {
      io.err << "error: " << db.status().message() << "\n";
      return 1;
    }
    engine = std::make_unique<query::Engine>(db->get());
    auto prepared = engine->Prepare(*text);
    if (!prepared.ok()) {
      io.err << "error: " << flags.Get("query") << ": " << prepared.status().message() << "\n";
      return 1;
    }
    stmt = *prepared;
    if (!stmt->writes() || !open.read_only) break;
    engine.reset();
    stmt.reset();
    db = Database::Open(flags.Get("db"));
    open.read_only = false;
  }
  std::ofstream out(flags.Get("out"), std::ios::binary | std::ios::trunc);
  if (!out) {
    io.err << "error: " << flags.Get("out") << ": cannot write\n";
    return 1;
  }
  // A batch runs many reads: build the read caches (in-memory adjacency) once, up front, so
  // the first bindings do not pay for it and none runs beside a background build.
  auto warm_start = Clock::now();
  if (Status warm = (*db)->WarmCaches(); !warm.ok()) {
    io.err << "warning: read caches not built: " << warm.message() << "\n";
  }
  double warm_ms = MsSince(warm_start);
  query::ExecOptions exec;
  exec.timeout_ms = *timeout;
  BatchStats stats;
  Answer answer;
  auto start = Clock::now();
  std::string line;
  while (std::getline(params, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    if (max_seconds > 0 && MsSince(start) >= max_seconds * 1000) {
      ++stats.not_run;
      continue;
    }
    out << RunOne(*engine, stmt, line, exec, &answer, &stats) << "\n";
  }
  out.flush();
  if (!out) {
    io.err << "error: " << flags.Get("out") << ": write failed\n";
    return 1;
  }
  if (!flags.Has("quiet")) {
    io.err << "batch: " << stats.run << " run, " << stats.errors << " errors, " << stats.timeouts
           << " timeouts";
    if (stats.not_run) io.err << ", " << stats.not_run << " not run (--max-seconds)";
    const double seconds = MsSince(start) / 1000;
    const double median_us = Percentile(&stats.ms, 50) * 1000, p99_us = Percentile(&stats.ms, 99) * 1000;
    char per[96];
    std::snprintf(per, sizeof per, "median %.3f us, p99 %.3f us", median_us, p99_us);
    io.err << ", " << Round3(seconds) << " s, " << per << " (caches warmed in " << Round3(warm_ms)
           << " ms)\n";
  }
  return 0;
}

}  // namespace liner::cli
