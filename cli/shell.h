#pragma once
// Shell: the interactive Cypher shell (`liner shell`) and its script mode (-c, -f, piped stdin).
//
// The shell reads lines, cuts them into statements and `:commands` (StatementSplitter), runs
// statements through the query engine and prints results with a Renderer. Commands come from
// one table (ShellCommandTable) that `:help` is generated from; other files add commands
// through Register* functions (shell_commands.cpp, shell_verbs.cpp, shell_algo_verbs.cpp).
//
// Errors: at the prompt an error is printed and the shell goes on; in a script the first error
// stops it with exit code 1 unless keep_going is set.
// Thread-compatible: one Shell per thread; Ctrl-C reaches it through the interrupt flag only.

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cli/command.h"
#include "cli/render.h"
#include "cli/shell_input.h"
#include "cli/statement_split.h"
#include "query/engine.h"
#include "storage/database.h"

namespace liner::cli {

class Shell;

// What a command's argument is, for tab completion.
enum class ShellArg { kNone, kText, kName, kMode, kOnOff, kFile, kCypher, kCommand };

struct ShellCommand {
  std::string name;     // without the colon: "mode"
  std::string usage;    // ":mode [NAME]"
  std::string summary;  // one line for :help
  std::string help;     // more detail for `:help NAME` ("" = none)
  ShellArg arg = ShellArg::kNone;
  // Runs the command with the text after its name (trimmed). A non-OK status is printed as
  // the error and counts as a failed input.
  std::function<Status(Shell& shell, const std::string& args)> run;
};

// The table `:help` is generated from. Commands keep their registration order.
class ShellCommandTable {
 public:
  void Add(ShellCommand command);
  // Exact name, or a unique prefix of one; nullptr otherwise.
  const ShellCommand* Find(std::string_view name) const;
  const std::vector<ShellCommand>& all() const { return commands_; }

 private:
  std::vector<ShellCommand> commands_;
};

// :help :quit :mode :timing :maxrows :width :param :params :schema :source :explain :profile
// :history (shell_commands.cpp).
void RegisterCoreCommands(ShellCommandTable& table);
// :whois :credits :linked :path :lineage :why :show (shell_verbs.cpp).
void RegisterDomainVerbs(ShellCommandTable& table);
// :recommend :similar :pagerank ... (shell_algo_verbs.cpp, the algorithms engineer's file).
void RegisterAlgorithmVerbs(ShellCommandTable& table);

struct ShellOptions {
  bool interactive = false;  // a person at a terminal: prompt, history, errors never stop
  bool keep_going = false;   // scripts: go on after an error
  bool timing = false;       // print elapsed time after each result
  bool color = false;
  RenderOptions render;
  std::string history_file;  // interactive only; "" = none
};

class Shell {
 public:
  // `db` and `engine` must outlive the shell.
  Shell(Database* db, query::Engine* engine, Io& io, ShellOptions options);
  ~Shell();

  // Runs every input in `text` (a -c argument or a file's contents). Returns the exit code:
  // 0, or 1 when an input failed (at the first failure unless keep_going).
  int RunScript(std::string_view text);
  // Reads inputs from `reader` until end of input or :quit. Returns the exit code.
  int RunReader(LineReader& reader);
  // Runs one statement or command and prints its result or error. Returns its status.
  Status RunInput(const ShellInput& input);

  // ---- for commands ----
  // Runs `cypher` with the session parameters plus `extra` and prints the result.
  Status RunCypher(std::string_view cypher, const query::Params& extra = {});
  // Runs `cypher` to the end (honouring Ctrl-C) and returns its rows without printing.
  Result<query::QueryResult> Query(std::string_view cypher, const query::Params& params = {});
  // Prints rows in the current output mode, followed by the row count.
  void Print(const std::vector<std::string>& columns,
             const std::vector<std::vector<query::QValue>>& rows);
  // Resolves a name or title to one node: `#ID`, an exact (normalised) name, else a unique
  // prefix. With several candidates, or when only similar names exist (SuggestNames), it lists
  // them and, at the prompt, asks which one; in a script it fails and says to use `#ID`.
  // `labels` (may be empty) prefers nodes with them.
  Result<NodeId> ResolveNode(const std::string& name, const std::vector<std::string>& labels);
  // The node's name or title, or "#ID".
  std::string NodeName(NodeId id);

  std::ostream& out() { return io_.out; }
  std::ostream& err() { return io_.err; }
  Database* db() { return db_; }
  query::Engine* engine() { return engine_; }
  ShellOptions& options() { return options_; }
  query::Params& params() { return params_; }
  const ShellCommandTable& commands() const { return commands_; }
  const std::vector<std::string>& session_history() const { return session_history_; }
  LineReader* reader() { return reader_; }
  void RequestQuit() { quit_ = true; }
  // Set by Ctrl-C (the SIGINT handler); every query and traversal polls it as its cancel flag.
  // RunReader clears it before reading each new input line and nothing else does, so a Ctrl-C
  // typed at any moment after Enter cancels what that line started.
  std::atomic<bool>* interrupt_flag() { return &interrupted_; }

  // Completion candidates for the text before the cursor (keywords, labels, types, property
  // keys, :commands, names inside quotes).
  Completion Complete(const std::string& line);

 private:
  Status RunCommand(const ShellInput& input);
  Status RunStatement(const ShellInput& input);
  void ReportError(const ShellInput& input, const Status& status);
  // "(3 rows, Nodes created: 1, 2.5 ms)"; ms < 0 leaves the time out.
  std::string Footer(size_t rows, bool has_columns, const std::string& stats, double ms) const;

  Database* db_;
  query::Engine* engine_;
  Io& io_;
  ShellOptions options_;
  ShellCommandTable commands_;
  query::Params params_;
  std::vector<std::string> session_history_;
  LineReader* reader_ = nullptr;
  std::atomic<bool> interrupted_{false};
  bool quit_ = false;
  int source_depth_ = 0;
  friend Status SourceFile(Shell& shell, const std::string& path);
};

// Runs a file's inputs in `shell` (for :source); stops at its first error.
Status SourceFile(Shell& shell, const std::string& path);

// Splits command arguments on whitespace, honouring '..' and ".." quoting.
std::vector<std::string> SplitArgs(std::string_view text);

}  // namespace liner::cli
