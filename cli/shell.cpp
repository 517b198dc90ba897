// The shell's read-run-print loop and statement execution.
#include "cli/shell.h"

#include <cstdio>
#include <fstream>
#include <iomanip>
#include <ostream>
#include <sstream>

namespace liner::cli {

void ShellCommandTable::Add(ShellCommand command) {
  for (auto& c : commands_) {
    if (c.name == command.name) {
      c = std::move(command);
      return;
    }
  }
  commands_.push_back(std::move(command));
}

const ShellCommand* ShellCommandTable::Find(std::string_view name) const {
  const ShellCommand* hit = nullptr;
  for (const auto& c : commands_) {
    if (c.name == name) return &c;
    if (!name.empty() && c.name.compare(0, name.size(), name) == 0) {
      if (hit != nullptr) return nullptr;  // ambiguous prefix
      hit = &c;
    }
  }
  return hit;
}

std::vector<std::string> SplitArgs(std::string_view text) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    if (i >= text.size()) break;
    std::string word;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t') {
      char c = text[i];
      if (c == '\'' || c == '"') {
        size_t end = text.find(c, i + 1);
        if (end == std::string_view::npos) end = text.size();
        word.append(text.substr(i + 1, end - i - 1));
        i = end == text.size() ? end : end + 1;
      } else {
        word += c;
        ++i;
      }
    }
    out.push_back(std::move(word));
  }
  return out;
}

Shell::Shell(Database* db, query::Engine* engine, Io& io, ShellOptions options)
    : db_(db), engine_(engine), io_(io), options_(std::move(options)) {
  RegisterCoreCommands(commands_);
  RegisterDomainVerbs(commands_);
  RegisterAlgorithmVerbs(commands_);
}

Shell::~Shell() = default;

int Shell::RunScript(std::string_view text) {
  StatementSplitter splitter;
  splitter.AddText(text);
  splitter.Finish();
  ShellInput input;
  int rc = 0;
  while (!quit_ && splitter.Next(&input)) {
    if (!RunInput(input).ok()) {
      rc = 1;
      if (!options_.keep_going) break;
    }
  }
  return rc;
}

int Shell::RunReader(LineReader& reader) {
  LineReader* saved = reader_;
  reader_ = &reader;
  StatementSplitter splitter;
  int rc = 0;
  std::string line;
  bool eof = false;
  while (!quit_ && !eof) {
    std::string prompt = "liner> ";
    if (!splitter.AtStatementStart()) {
      std::string waiting = splitter.Waiting();
      prompt = "  " + (waiting.empty() ? std::string("...") : "..." + waiting) + "> ";
      if (prompt.size() < 7) prompt = std::string(7 - prompt.size(), ' ') + prompt;
    }
    // Ctrl-C from here on cancels this input, or the statements it ends while they run.
    interrupted_.store(false);
    ReadStatus st = reader.Read(prompt, &line);
    if (st == ReadStatus::kInterrupted) {
      splitter.ClearPending();
      continue;
    }
    if (st == ReadStatus::kEof) {
      splitter.Finish();
      eof = true;
    } else {
      splitter.AddLine(line);
    }
    ShellInput input;
    size_t skipped = 0;
    bool cancelled = false;  // Ctrl-C stopped an input of this line: drop the ones after it
    while (!quit_ && splitter.Next(&input)) {
      std::string entry = input.kind == ShellInput::Kind::kStatement ? input.text + ";"
                                                                      : input.text;
      reader.AddHistory(entry);
      if (cancelled) {
        ++skipped;
        continue;
      }
      Status status = RunInput(input);
      cancelled = interrupted_.load();
      if (!status.ok()) {
        rc = 1;
        if (!options_.interactive && !options_.keep_going) {
          reader_ = saved;
          return rc;
        }
      }
    }
    if (skipped > 0) {
      io_.err << "(interrupted: " << skipped << (skipped == 1 ? " input" : " inputs")
              << " after it not run)\n";
      rc = 1;
    }
  }
  reader_ = saved;
  return options_.interactive ? 0 : rc;
}

Status Shell::RunInput(const ShellInput& input) {
  session_history_.push_back(input.kind == ShellInput::Kind::kStatement ? input.text + ";"
                                                                        : input.text);
  Status st = input.kind == ShellInput::Kind::kCommand ? RunCommand(input) : RunStatement(input);
  if (!st.ok()) ReportError(input, st);
  io_.out.flush();
  return st;
}

void Shell::ReportError(const ShellInput& input, const Status& status) {
  std::string where;
  if (!options_.interactive && source_depth_ == 0) where = "line " + std::to_string(input.line) + ": ";
  std::string msg = status.message();
  if (status.code() == Status::Code::kCancelled) msg = "cancelled: " + msg;
  if (status.code() == Status::Code::kTimeout) msg = "timed out: " + msg;
  io_.err << "error: " << where << msg;
  if (msg.empty() || msg.back() != '\n') io_.err << "\n";
  io_.err.flush();
}

Status Shell::RunCommand(const ShellInput& input) {
  std::string_view text = Trim(std::string_view(input.text).substr(1));
  size_t sp = text.find_first_of(" \t");
  std::string name(text.substr(0, sp));
  std::string args(sp == std::string_view::npos ? "" : Trim(text.substr(sp)));
  const ShellCommand* cmd = commands_.Find(name);
  if (cmd == nullptr) {
    return Status::InvalidArgument("unknown command ':" + name + "' (':help' lists them)");
  }
  return cmd->run(*this, args);
}

Status Shell::RunStatement(const ShellInput& input) { return RunCypher(input.text); }

std::string Shell::Footer(size_t rows, bool has_columns, const std::string& stats,
                          double ms) const {
  std::vector<std::string> parts;
  if (has_columns) parts.push_back(std::to_string(rows) + (rows == 1 ? " row" : " rows"));
  if (!stats.empty()) parts.push_back(stats);
  if (parts.empty()) parts.push_back("no changes");
  if (options_.timing && ms >= 0) {
    std::ostringstream t;
    t << std::fixed << std::setprecision(1) << ms << " ms";
    parts.push_back(t.str());
  }
  std::string out = "(";
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
  return out + ")";
}

Status Shell::RunCypher(std::string_view cypher, const query::Params& extra) {
  auto start = std::chrono::steady_clock::now();
  query::Params params = params_;
  for (const auto& [k, v] : extra) params[k] = v;
  query::ExecOptions exec;
  exec.cancel = &interrupted_;
  auto cursor = engine_->Execute(cypher, params, exec);
  if (!cursor.ok()) return cursor.status();
  auto& c = **cursor;
  RenderOptions ropt = options_.render;
  ropt.color = options_.color;
  bool grid = !ModeStreams(ropt.mode);
  auto renderer = MakeRenderer(ropt, io_.out);
  bool has_columns = !c.columns().empty();
  if (has_columns) renderer->Begin(c.columns());
  std::vector<query::QValue> row;
  while (c.Next(&row)) {
    if (has_columns) renderer->Row(row);
  }
  if (!c.status().ok()) {
    if (has_columns && !grid) renderer->End();  // close what was streamed (a json array)
    return c.status();
  }
  if (has_columns) renderer->End();
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                          start).count();
  std::string stats = c.stats().ContainsUpdates() ? c.stats().ToString() : "";
  std::string footer = Footer(renderer->rows(), has_columns, stats, ms);
  if (grid) {
    io_.out << footer << "\n";
  } else if (options_.interactive) {
    io_.err << footer << "\n";
  }
  return Status::OK();
}

Result<query::QueryResult> Shell::Query(std::string_view cypher, const query::Params& params) {
  query::ExecOptions exec;
  exec.cancel = &interrupted_;
  return query::RunQuery(*engine_, cypher, params, exec);
}

void Shell::Print(const std::vector<std::string>& columns,
                  const std::vector<std::vector<query::QValue>>& rows) {
  RenderOptions ropt = options_.render;
  ropt.color = options_.color;
  RenderAll(ropt, columns, rows, io_.out);
  if (!ModeStreams(ropt.mode)) io_.out << Footer(rows.size(), true, "", -1) << "\n";
}

Status SourceFile(Shell& shell, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot read '" + path + "'");
  if (shell.source_depth_ >= 16) return Status::InvalidArgument(":source nested too deeply");
  std::stringstream text;
  text << in.rdbuf();
  StatementSplitter splitter;
  splitter.AddText(text.str());
  splitter.Finish();
  ++shell.source_depth_;
  ShellInput input;
  Status result;
  while (!shell.quit_ && splitter.Next(&input)) {
    Status st = shell.RunInput(input);
    if (!st.ok()) {
      result = Status::InvalidArgument(path + ":" + std::to_string(input.line) +
                                       ": stopped at the first error");
      break;
    }
  }
  --shell.source_depth_;
  return result;
}

}  // namespace liner::cli
