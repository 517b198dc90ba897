// The table of `liner` subcommands. Add a command by writing cli/cmd_<name>.cpp with a
// function `int Cmd<Name>(const std::vector<std::string>&, Io&)` and one row below.
#include <iostream>

#include "cli/command.h"

namespace liner::cli {

int CmdStats(const std::vector<std::string>& args, Io& io);
int CmdLinked(const std::vector<std::string>& args, Io& io);
int CmdPath(const std::vector<std::string>& args, Io& io);
int CmdImport(const std::vector<std::string>& args, Io& io);
int CmdBatch(const std::vector<std::string>& args, Io& io);
int CmdExport(const std::vector<std::string>& args, Io& io);
int CmdShell(const std::vector<std::string>& args, Io& io);
int CmdQuery(const std::vector<std::string>& args, Io& io);
int CmdGenerate(const std::vector<std::string>& args, Io& io);

namespace {
int CmdHelp(const std::vector<std::string>& args, Io& io);
int CmdVersion(const std::vector<std::string>&, Io& io) {
  io.out << "liner " << LINER_VERSION << "\n";
  return 0;
}
}  // namespace

const std::vector<CommandSpec>& Commands() {
  static const std::vector<CommandSpec> kCommands = {
      {"shell", "liner shell [--db DIR] [-c 'STATEMENTS'] [-f FILE] [--keep-going] [--mode M]",
       "the interactive Cypher shell (the default command); runs scripts with -c/-f/stdin",
       CmdShell},
      {"query",
       "liner query --db DIR [--format table|csv|json|jsonl] [--param NAME=JSON]... 'CYPHER'|-",
       "run Cypher statements once and print the results", CmdQuery},
      {"linked", "liner linked --db DIR NAME [--via samples|CATEGORY] [--format table|csv|json]",
       "who is linked to NAME through samples or a shared role category", CmdLinked},
      {"path", "liner path --db DIR A B [--via TYPES|CATEGORIES] [--format table|csv|json]",
       "shortest chain between two people, with every hop's relationship and role", CmdPath},
      {"export",
       "liner export --db DIR --format graphml|dot|edgelist [--query CYPHER] [--out FILE]",
       "write the graph (or a query's nodes and relationships) for other tools", CmdExport},
      {"import",
       "liner import --db DIR [--format csv|jsonl|musicbrainz|discogs|music-routes] [--skip-bad] "
       "[--id-type string|integer] [--nodes=[LABEL[:LABEL]=]FILES] [--relationships=[TYPE=]FILES] "
       "[PATH...]",
       "import native CSV/JSONL (neo4j-admin style) or MusicBrainz/Discogs/music-routes data",
       CmdImport},
      {"batch",
       "liner batch --db DIR --query FILE --params BINDINGS.jsonl --out RESULTS.jsonl "
       "[--timeout-ms N] [--max-seconds S]",
       "run one prepared query once per JSON parameter line, one JSON result line each",
       CmdBatch},
      {"generate",
       "liner generate (--scale small|medium|large | --persons N --songs M) [--seed S] "
       "[--nparams K] --out DIR",
       "write a synthetic music-credits graph (the peer benchmark's CSVs) for experiments",
       CmdGenerate},
      {"stats", "liner stats --db DIR [--format table|csv|json]",
       "counts of nodes by label and edges by type", CmdStats},
      {"version", "liner version", "print the version", CmdVersion},
      {"help", "liner help [COMMAND]", "list commands, or show one command's usage", CmdHelp},
  };
  return kCommands;
}

namespace {
int CmdHelp(const std::vector<std::string>& args, Io& io) {
  if (!args.empty()) {
    for (const auto& c : Commands()) {
      if (args[0] == c.name) {
        io.out << "usage: " << c.usage << "\n  " << c.summary << "\n";
        return 0;
      }
    }
    io.err << "liner: unknown command '" << args[0] << "'\n";
    return 2;
  }
  io.out << "Liner " << LINER_VERSION
         << " — an embedded graph database of music collaboration credits\n\nusage: liner "
            "COMMAND [OPTIONS]\n\ncommands:\n";
  for (const auto& c : Commands()) {
    std::string name = c.name;
    io.out << "  " << name << std::string(name.size() < 10 ? 10 - name.size() : 1, ' ')
           << c.summary << "\n";
  }
  io.out << "\n'liner help COMMAND' shows a command's options.\n";
  return 0;
}
}  // namespace

int RunCli(const std::vector<std::string>& argv, Io& io) {
  if (argv.size() < 2) {
    // No command: the interactive shell when it exists, else help.
    for (const auto& c : Commands()) {
      if (std::string(c.name) == "shell") return c.fn({}, io);
    }
    return Commands().back().fn({}, io);
  }
  std::string name = argv[1];
  std::vector<std::string> rest(argv.begin() + 2, argv.end());
  if (name == "--help" || name == "-h") name = "help";
  if (name == "--version" || name == "-V") name = "version";
  for (const auto& c : Commands()) {
    if (name == c.name) {
      for (const auto& a : rest) {
        if (a == "--help" || a == "-h") {
          io.out << "usage: " << c.usage << "\n  " << c.summary << "\n";
          return 0;
        }
      }
      return c.fn(rest, io);
    }
  }
  io.err << "liner: unknown command '" << name << "' (see 'liner help')\n";
  return 2;
}

}  // namespace liner::cli
