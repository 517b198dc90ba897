// liner query: runs Cypher statements once and prints their results (scripts, pipelines).
#include <iostream>
#include <sstream>

#include "cli/db_open.h"
#include "cli/json_value.h"
#include "cli/render.h"
#include "cli/statement_split.h"
#include "query/engine.h"

namespace liner::cli {
namespace {

// NAME=JSON, e.g. who='"June"' or ids=[1,2].
Status ParseParam(const std::string& text, query::Params* params) {
  size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0) {
    return Status::InvalidArgument("--param expects NAME=JSON, got '" + text + "'");
  }
  std::string name = text.substr(0, eq);
  if (name[0] == '$') name.erase(0, 1);
  auto value = ParseJsonValue(text.substr(eq + 1));
  if (!value.ok()) {
    return Status::InvalidArgument("--param " + name + ": " + value.status().message() +
                                   " (strings need JSON quotes: " + name + "='\"text\"')");
  }
  (*params)[name] = *value;
  return Status::OK();
}

}  // namespace

int CmdQuery(const std::vector<std::string>& args, Io& io) {
  Flags flags("liner query");
  flags.Value("db").Value("format").Value("param").Value("timeout");
  Status st = flags.Parse(args);
  if (st.ok() && flags.positionals().size() != 1) {
    st = Status::InvalidArgument("liner query: expected one CYPHER argument ('-' reads stdin)");
  }
  RenderOptions ropt;
  ropt.mode = OutputMode::kTable;
  ropt.max_width = 0;
  if (st.ok() && flags.Has("format")) {
    auto mode = ParseOutputMode(flags.Get("format"));
    if (mode.ok()) ropt.mode = *mode; else st = mode.status();
  }
  query::Params params;
  for (const auto& p : flags.GetAll("param")) {
    if (st.ok()) st = ParseParam(p, &params);
  }
  auto timeout = flags.GetInt("timeout", 0);
  if (st.ok() && !timeout.ok()) st = timeout.status();
  if (!st.ok()) {
    io.err << "error: " << st.message() << "\n";
    return 2;
  }
  std::string text = flags.positionals()[0];
  if (text == "-") {
    std::stringstream in;
    in << io.in.rdbuf();
    text = in.str();
  }
  StatementSplitter splitter;
  splitter.AddText(text);
  splitter.Finish();
  std::vector<std::string> statements;
  ShellInput input;
  while (splitter.Next(&input)) {
    if (input.kind == ShellInput::Kind::kCommand) {
      io.err << "error: line " << input.line << ": shell commands like '" << input.text
             << "' work in 'liner shell', not in 'liner query'\n";
      return 2;
    }
    statements.push_back(input.text);
  }
  if (statements.empty()) {
    io.err << "error: no statement to run\n";
    return 2;
  }
  auto db = OpenDatabase(flags, io, /*read_only=*/false);
  if (!db.ok()) {
    io.err << "error: " << db.status().message() << "\n";
    return 1;
  }
  query::Engine engine(db->get());
  query::ExecOptions exec;
  exec.timeout_ms = *timeout;
  for (const auto& stmt : statements) {
    auto cursor = engine.Execute(stmt, params, exec);
    if (!cursor.ok()) {
      io.err << "error: " << cursor.status().message() << "\n";
      return 1;
    }
    auto& c = **cursor;
    auto renderer = MakeRenderer(ropt, io.out);
    bool has_columns = !c.columns().empty();
    if (has_columns) renderer->Begin(c.columns());
    std::vector<query::QValue> row;
    while (c.Next(&row)) {
      if (has_columns) renderer->Row(row);
    }
    if (has_columns && (c.status().ok() || ModeStreams(ropt.mode))) renderer->End();
    io.out.flush();
    if (!c.status().ok()) {
      io.err << "error: " << c.status().message() << "\n";
      return 1;
    }
    if (c.stats().ContainsUpdates() && io.stderr_is_terminal) {
      io.err << c.stats().ToString() << "\n";
    }
  }
  return 0;
}

}  // namespace liner::cli
