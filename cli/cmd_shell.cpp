// liner shell: the interactive Cypher shell, or a script runner with -c / -f / piped stdin.
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/db_open.h"
#include "cli/shell.h"

namespace liner::cli {
namespace {

std::string HistoryPath() {
  const char* home = std::getenv("HOME");
  return home != nullptr && *home != '\0' ? std::string(home) + "/.liner_history" : "";
}

}  // namespace

int CmdShell(const std::vector<std::string>& args, Io& io) {
  Flags flags("liner shell");
  flags.Value("db").Value("c").Value("f").Value("mode").Value("width").Value("maxrows");
  flags.Switch("keep-going").Switch("timing");
  Status st = flags.Parse(args);
  if (st.ok() && !flags.positionals().empty()) {
    st = Status::InvalidArgument("liner shell: unexpected argument '" + flags.positionals()[0] +
                                 "' (statements go in -c '...' or a file given with -f)");
  }
  bool script = flags.Has("c") || flags.Has("f");
  bool interactive = !script && io.stdin_is_terminal && &io.in == &std::cin;

  ShellOptions options;
  options.interactive = interactive;
  options.keep_going = flags.Has("keep-going");
  options.timing = interactive || flags.Has("timing");
  const char* no_color = std::getenv("NO_COLOR");  // no-color.org: set and not empty
  options.color = io.stdout_is_terminal && (no_color == nullptr || *no_color == '\0');
  options.render.mode = io.stdout_is_terminal ? OutputMode::kBox : OutputMode::kTable;
  // At the prompt a grid shows the first and last 20 rows of a large result (as DuckDB does).
  options.render.max_rows = interactive ? 40 : 0;
  options.render.max_width = io.stdout_is_terminal ? 40 : 0;
  if (st.ok() && flags.Has("mode")) {
    auto mode = ParseOutputMode(flags.Get("mode"));
    if (mode.ok()) options.render.mode = *mode; else st = mode.status();
  }
  auto width = flags.GetInt("width", static_cast<long long>(options.render.max_width));
  auto maxrows = flags.GetInt("maxrows", static_cast<long long>(options.render.max_rows));
  if (st.ok() && !width.ok()) st = width.status();
  if (st.ok() && !maxrows.ok()) st = maxrows.status();
  if (!st.ok()) {
    io.err << "error: " << st.message() << "\n";
    return 2;
  }
  options.render.max_width = static_cast<size_t>(std::max(0LL, *width));
  options.render.max_rows = static_cast<size_t>(std::max(0LL, *maxrows));

  auto db = OpenDatabase(flags, io, /*read_only=*/false, /*create=*/true);
  if (!db.ok()) {
    io.err << "error: " << db.status().message() << "\n";
    return 1;
  }
  query::Engine engine(db->get());
  if (interactive) options.history_file = HistoryPath();
  Shell shell(db->get(), &engine, io, options);

  if (script) {
    int rc = 0;
    for (const auto& file : flags.GetAll("f")) {
      std::ifstream in(file, std::ios::binary);
      if (!in) {
        io.err << "error: cannot read '" << file << "'\n";
        return 1;
      }
      std::stringstream text;
      text << in.rdbuf();
      rc = shell.RunScript(text.str());
      if (rc != 0 && !options.keep_going) return rc;
    }
    for (const auto& text : flags.GetAll("c")) {
      int r = shell.RunScript(text);
      if (r != 0) rc = r;
      if (rc != 0 && !options.keep_going) return rc;
    }
    return rc;
  }
  if (!interactive) {
    auto reader = MakeStreamReader(io.in);
    return shell.RunReader(*reader);
  }
  io.out << "Liner " << LINER_VERSION << " on " << (*db)->path()
         << "\nEnd statements with ';'. ':help' lists the commands, Ctrl-D leaves.\n";
  io.out.flush();
  auto reader = MakeEditLineReader(
      options.history_file, [&shell](const std::string& line) { return shell.Complete(line); },
      shell.interrupt_flag());
  return shell.RunReader(*reader);
}

}  // namespace liner::cli
