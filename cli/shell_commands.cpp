// The shell's general commands: help, settings, parameters, schema, scripts, plans, history.
#include <algorithm>
#include <map>
#include <ostream>

#include "cli/json_value.h"
#include "cli/render_width.h"
#include "cli/shell.h"

namespace liner::cli {
namespace {

Status Help(Shell& shell, const std::string& args) {
  auto& out = shell.out();
  if (!args.empty()) {
    std::string name = args[0] == ':' ? args.substr(1) : args;
    const ShellCommand* c = shell.commands().Find(name);
    if (c == nullptr) return Status::NotFound("no command ':" + name + "'");
    out << c->usage << "\n  " << c->summary << "\n";
    if (!c->help.empty()) out << "\n" << c->help << "\n";
    return Status::OK();
  }
  size_t width = 0;
  for (const auto& c : shell.commands().all()) width = std::max(width, DisplayWidth(c.usage));
  width = std::min<size_t>(width, 34);
  out << "Enter Cypher statements ending with ';' (they may span lines), or a command:\n";
  for (const auto& c : shell.commands().all()) {
    out << "  " << c.usage;
    if (DisplayWidth(c.usage) > width) {
      out << "\n  " << std::string(width, ' ');
    } else {
      out << std::string(width - DisplayWidth(c.usage), ' ');
    }
    out << "  " << c.summary << "\n";
  }
  out << "Names with spaces may be quoted: :path 'Kendrick Lamar' 'Florence Welch'. "
         "':help COMMAND' says more.\n";
  return Status::OK();
}

Status Mode(Shell& shell, const std::string& args) {
  if (args.empty()) {
    shell.out() << "mode: " << ModeName(shell.options().render.mode) << " (available:";
    for (OutputMode m : AllModes()) shell.out() << " " << ModeName(m);
    shell.out() << ")\n";
    return Status::OK();
  }
  auto mode = ParseOutputMode(args);
  if (!mode.ok()) return mode.status();
  shell.options().render.mode = *mode;
  return Status::OK();
}

Result<bool> ParseOnOff(const std::string& args, bool current, const char* what) {
  if (args.empty()) return !current;
  if (args == "on" || args == "true" || args == "1") return true;
  if (args == "off" || args == "false" || args == "0") return false;
  return Status::InvalidArgument(std::string(what) + " expects 'on' or 'off', got '" + args + "'");
}

Status Timing(Shell& shell, const std::string& args) {
  auto on = ParseOnOff(args, shell.options().timing, ":timing");
  if (!on.ok()) return on.status();
  shell.options().timing = *on;
  shell.out() << "timing " << (*on ? "on" : "off") << "\n";
  return Status::OK();
}

Result<size_t> ParseCount(const std::string& args, const char* what) {
  char* end = nullptr;
  long long n = std::strtoll(args.c_str(), &end, 10);
  if (args.empty() || *end != '\0' || n < 0) {
    return Status::InvalidArgument(std::string(what) + " expects a number >= 0 (0 = no limit)");
  }
  return static_cast<size_t>(n);
}

Status MaxRows(Shell& shell, const std::string& args) {
  if (args.empty()) {
    shell.out() << "maxrows " << shell.options().render.max_rows << "\n";
    return Status::OK();
  }
  auto n = ParseCount(args, ":maxrows");
  if (!n.ok()) return n.status();
  shell.options().render.max_rows = *n;
  return Status::OK();
}

Status Width(Shell& shell, const std::string& args) {
  if (args.empty()) {
    shell.out() << "width " << shell.options().render.max_width << "\n";
    return Status::OK();
  }
  auto n = ParseCount(args, ":width");
  if (!n.ok()) return n.status();
  shell.options().render.max_width = *n == 1 ? 2 : *n;  // one column could not hold the "…"
  return Status::OK();
}

// :param NAME => VALUE, where VALUE is any Cypher expression (evaluated once, now).
Status Param(Shell& shell, const std::string& args) {
  size_t arrow = args.find("=>");
  if (arrow == std::string::npos) {
    return Status::InvalidArgument("usage: :param NAME => VALUE   (e.g. :param who => 'June')");
  }
  std::string name(Trim(std::string_view(args).substr(0, arrow)));
  std::string expr(Trim(std::string_view(args).substr(arrow + 2)));
  if (!name.empty() && name[0] == '$') name.erase(0, 1);
  if (name.empty() || expr.empty()) {
    return Status::InvalidArgument("usage: :param NAME => VALUE   (e.g. :param who => 'June')");
  }
  auto result = shell.Query("RETURN " + expr + " AS value", shell.params());
  if (!result.ok()) {
    auto json = ParseJsonValue(expr);  // JSON is accepted too: {"a": 1}
    if (!json.ok()) return result.status();
    shell.params()[name] = *json;
  } else {
    if (result->rows.size() != 1) return Status::InvalidArgument(":param: no value");
    shell.params()[name] = result->rows[0][0];
  }
  shell.out() << "$" << name << " = " << shell.params()[name].ToCypherString() << "\n";
  return Status::OK();
}

Status Params(Shell& shell, const std::string& args) {
  if (args == "clear") {
    shell.params().clear();
    return Status::OK();
  }
  if (!args.empty()) return Status::InvalidArgument("usage: :params [clear]");
  std::vector<std::vector<query::QValue>> rows;
  for (const auto& [k, v] : shell.params()) rows.push_back({query::QValue("$" + k), v});
  shell.Print({"name", "value"}, rows);
  return Status::OK();
}

Status Source(Shell& shell, const std::string& args) {
  auto words = SplitArgs(args);
  if (words.size() != 1) return Status::InvalidArgument("usage: :source FILE");
  return SourceFile(shell, words[0]);
}

Status Explain(Shell& shell, const std::string& args) {
  if (args.empty()) return Status::InvalidArgument("usage: :explain QUERY");
  std::string q(Trim(args));
  if (!q.empty() && q.back() == ';') q.pop_back();
  auto stmt = shell.engine()->Prepare(q);
  if (!stmt.ok()) return stmt.status();
  shell.out() << (*stmt)->PlanString();
  if (!(*stmt)->PlanString().empty() && (*stmt)->PlanString().back() != '\n') shell.out() << "\n";
  return Status::OK();
}

Status Profile(Shell& shell, const std::string& args) {
  if (args.empty()) return Status::InvalidArgument("usage: :profile QUERY");
  std::string q(Trim(args));
  if (!q.empty() && q.back() == ';') q.pop_back();
  query::ExecOptions exec;
  exec.cancel = shell.interrupt_flag();
  auto cursor = shell.engine()->Execute(q, shell.params(), exec);
  if (!cursor.ok()) return cursor.status();
  std::vector<std::vector<query::QValue>> rows;
  std::vector<query::QValue> row;
  while ((*cursor)->Next(&row)) rows.push_back(row);
  if (!(*cursor)->status().ok()) return (*cursor)->status();
  if (!(*cursor)->columns().empty()) shell.Print((*cursor)->columns(), rows);
  std::string profile = (*cursor)->ProfileString();
  shell.out() << profile;
  if (!profile.empty() && profile.back() != '\n') shell.out() << "\n";
  return Status::OK();
}

Status History(Shell& shell, const std::string& args) {
  std::vector<std::string> entries;
  if (shell.reader() != nullptr) entries = shell.reader()->History();
  if (entries.empty()) {
    entries = shell.session_history();
    if (!entries.empty()) entries.pop_back();  // this :history itself
  }
  size_t n = entries.size();
  size_t first = n > 100 ? n - 100 : 0;
  for (size_t i = first; i < n; ++i) shell.out() << i + 1 << "  " << entries[i] << "\n";
  return Status::OK();
}

// Labels, relationship types and property keys with how often each is used.
Status Schema(Shell& shell, const std::string& args) {
  GraphCounts counts = shell.db()->Counts();
  std::vector<std::vector<query::QValue>> rows;
  for (const auto& [label, n] : counts.by_label) {
    rows.push_back({query::QValue("label"), query::QValue(label), query::QValue(int64_t(n))});
  }
  for (const auto& [type, n] : counts.by_type) {
    rows.push_back({query::QValue("relationship type"), query::QValue(type),
                    query::QValue(int64_t(n))});
  }
  // Property keys: counted by scanning, so a huge database is sampled.
  constexpr uint64_t kScanLimit = 200000;
  auto txn = shell.db()->BeginRead();
  std::map<TokenId, int64_t> key_counts;
  uint64_t seen = 0;
  auto cursor = txn->ScanNodes();
  for (; cursor->Valid() && seen < kScanLimit; cursor->Next(), ++seen) {
    auto node = txn->GetNode(cursor->id());
    if (!node.ok() || !node->has_value()) continue;
    for (const auto& [key, v] : (*node)->props.entries()) ++key_counts[key];
  }
  LINER_RETURN_IF_ERROR(cursor->status());
  bool sampled = seen >= kScanLimit;
  uint64_t edges_seen = 0;
  LINER_RETURN_IF_ERROR(txn->ForEachEdge([&](const EdgeRecord& e) {
    for (const auto& [key, v] : e.props.entries()) ++key_counts[key];
    return ++edges_seen < kScanLimit;
  }));
  sampled = sampled || edges_seen >= kScanLimit;
  for (const auto& [key, n] : key_counts) {
    rows.push_back({query::QValue("property key"),
                    query::QValue(txn->TokenName(TokenKind::kPropertyKey, key)),
                    query::QValue(int64_t(n))});
  }
  shell.Print({"kind", "name", "count"}, rows);
  if (sampled) {
    shell.out() << "(property key counts are from the first " << kScanLimit
                << " nodes and relationships)\n";
  }
  return Status::OK();
}

}  // namespace

void RegisterCoreCommands(ShellCommandTable& t) {
  t.Add({"help", ":help [COMMAND]", "list the commands, or show one command's help", "",
         ShellArg::kCommand, Help});
  t.Add({"quit", ":quit", "leave the shell (also Ctrl-D)", "", ShellArg::kNone,
         [](Shell& s, const std::string&) {
           s.RequestQuit();
           return Status::OK();
         }});
  t.Add({"mode", ":mode [NAME]",
         "output mode: box, table, csv, tsv, json, jsonl or markdown",
         "box and table align columns and cut long cells (see :width), csv/tsv/json/jsonl stream "
         "every row as it comes.",
         ShellArg::kMode, Mode});
  t.Add({"timing", ":timing [on|off]", "show the elapsed time after each result", "",
         ShellArg::kOnOff, Timing});
  t.Add({"maxrows", ":maxrows [N]", "box/table/markdown show at most N rows (0 = all)",
         "A larger result shows its first N/2 and last N/2 rows with a '…' row between and says "
         "how many it left out; only those rows are kept in memory. csv, tsv, json and jsonl "
         "always stream every row. The default is 40 at the prompt, all in scripts.",
         ShellArg::kText, MaxRows});
  t.Add({"width", ":width [N]", "box/table cut cells longer than N columns (0 = never)", "",
         ShellArg::kText, Width});
  t.Add({"param", ":param NAME => VALUE", "set the query parameter $NAME to a Cypher value",
         "VALUE is any Cypher expression, evaluated once: :param names => ['June', 'Valentine']",
         ShellArg::kText, Param});
  t.Add({"params", ":params [clear]", "list the query parameters (or forget them all)", "",
         ShellArg::kText, Params});
  t.Add({"schema", ":schema", "labels, relationship types and property keys with counts", "",
         ShellArg::kNone, Schema});
  t.Add({"source", ":source FILE", "run the statements and commands of a file", "",
         ShellArg::kFile, Source});
  t.Add({"explain", ":explain QUERY", "show the plan of a query without running it", "",
         ShellArg::kCypher, Explain});
  t.Add({"profile", ":profile QUERY", "run a query and show its plan with rows per operator",
         "", ShellArg::kCypher, Profile});
  t.Add({"history", ":history", "list the statements entered so far", "", ShellArg::kNone,
         History});
}

}  // namespace liner::cli
