#pragma once
// The `liner` command line: one table of subcommands, each a function over streams so that
// tests can run any command in-process. Thread-compatible.

#include <iosfwd>
#include <string>
#include <vector>

namespace liner::cli {

// Streams a command reads from and writes to; the binary passes std::cin/cout/cerr.
struct Io {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
  bool stdin_is_terminal = false;
  bool stdout_is_terminal = false;
  bool stderr_is_terminal = false;
};

// A subcommand: `args` excludes the program and subcommand names. Returns the exit code.
using CommandFn = int (*)(const std::vector<std::string>& args, Io& io);

struct CommandSpec {
  const char* name;
  const char* usage;    // e.g. "liner query --db DIR [--format F] 'CYPHER'"
  const char* summary;  // one line for `liner --help`
  CommandFn fn;
};

// Every subcommand, in the order `liner --help` lists them (cli/commands.cpp).
const std::vector<CommandSpec>& Commands();

// Entry point shared by main() and tests: dispatches argv[1] to its subcommand.
int RunCli(const std::vector<std::string>& argv, Io& io);

}  // namespace liner::cli
