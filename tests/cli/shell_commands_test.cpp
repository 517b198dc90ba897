// Shell commands that do not need the query engine: help from the table, settings, errors,
// completion, history.
#include <catch2/catch.hpp>

#include "tests/cli/shell_fixture.h"

using liner::testing::MusicDb;
using liner::testing::ShellHarness;

TEST_CASE(":help lists every command of the table and explains one command", "[cli]") {
  MusicDb m;
  ShellHarness h(m.db());
  REQUIRE(h.Run(":help") == 0);
  for (const auto& c : h.shell().commands().all()) {
    INFO(c.usage);
    CHECK(h.out().find(c.usage) != std::string::npos);
  }
  for (const char* verb : {":whois", ":credits", ":linked", ":path", ":lineage", ":why", ":show",
                           ":schema", ":param", ":explain", ":profile", ":history"}) {
    CHECK(h.out().find(verb) != std::string::npos);
  }
  ShellHarness one(m.db());
  REQUIRE(one.Run(":help path") == 0);
  CHECK(one.out().rfind(":path A B [--via V] [--all]\n  the shortest chain", 0) == 0);
}

TEST_CASE("commands may be shortened to a unique prefix; unknown ones are errors", "[cli]") {
  MusicDb m;
  ShellHarness h(m.db(), /*keep_going=*/true);
  CHECK(h.Run(":mo csv\n:mode") == 0);
  CHECK(h.out().rfind("mode: csv", 0) == 0);
  CHECK(h.Run(":frobnicate") == 1);
  CHECK(h.err() == "error: line 1: unknown command ':frobnicate' (':help' lists them)\n");
}

TEST_CASE(":mode, :timing, :maxrows and :width change the settings and check arguments",
          "[cli]") {
  MusicDb m;
  ShellHarness h(m.db(), /*keep_going=*/true);
  CHECK(h.Run(":mode markdown\n:timing on\n:maxrows 5\n:width 12") == 0);
  auto& o = h.shell().options();
  CHECK(o.render.mode == liner::cli::OutputMode::kMarkdown);
  CHECK(o.timing);
  CHECK(o.render.max_rows == 5);
  CHECK(o.render.max_width == 12);
  CHECK(h.Run(":mode xml") == 1);
  CHECK(h.Run(":timing maybe") == 1);
  CHECK(h.Run(":maxrows -3") == 1);
  CHECK(h.err().find("unknown output mode 'xml'") != std::string::npos);
  CHECK(h.err().find(":timing expects 'on' or 'off'") != std::string::npos);
}

TEST_CASE("a script stops at the first failing input unless keep-going is set", "[cli]") {
  MusicDb m;
  ShellHarness stop(m.db());
  CHECK(stop.Run(":mode csv\n:nope\n:mode json\n") == 1);
  CHECK(stop.shell().options().render.mode == liner::cli::OutputMode::kCsv);
  ShellHarness go(m.db(), /*keep_going=*/true);
  CHECK(go.Run(":mode csv\n:nope\n:mode json\n") == 1);
  CHECK(go.shell().options().render.mode == liner::cli::OutputMode::kJson);
  CHECK(go.err() == "error: line 2: unknown command ':nope' (':help' lists them)\n");
}

TEST_CASE(":schema counts labels, relationship types and property keys", "[cli]") {
  MusicDb m;
  ShellHarness h(m.db());
  h.shell().options().render.mode = liner::cli::OutputMode::kCsv;
  REQUIRE(h.Run(":schema") == 0);
  std::string out = h.out();
  CHECK(out.find("label,Person,4\n") != std::string::npos);
  CHECK(out.find("label,Song,3\n") != std::string::npos);
  CHECK(out.find("relationship type,CREDITED,4\n") != std::string::npos);
  CHECK(out.find("property key,source,9\n") != std::string::npos);
  CHECK(out.find("property key,born,3\n") != std::string::npos);
}

TEST_CASE(":source runs a file's commands and :history lists the inputs", "[cli]") {
  MusicDb m;
  std::string file = m.dir().Sub("setup.liner");
  {
    std::ofstream f(file);
    f << "// settings\n:mode tsv\n:maxrows 7\n";
  }
  ShellHarness h(m.db());
  REQUIRE(h.Run(":source " + file + "\n:history") == 0);
  CHECK(h.shell().options().render.mode == liner::cli::OutputMode::kTsv);
  CHECK(h.shell().options().render.max_rows == 7);
  CHECK(h.out() == "1  :source " + file + "\n2  :mode tsv\n3  :maxrows 7\n");
  ShellHarness missing(m.db());
  CHECK(missing.Run(":source /nonexistent/file") == 1);
  CHECK(missing.err().find("cannot read '/nonexistent/file'") != std::string::npos);
}

TEST_CASE("completion offers commands, modes, labels, types, keys, keywords and names",
          "[cli]") {
  MusicDb m;
  ShellHarness h(m.db());
  auto& s = h.shell();
  using V = std::vector<std::string>;
  CHECK(s.Complete(":mo").candidates == V{":mode"});
  CHECK(s.Complete(":mode j").candidates == V{"json", "jsonl"});
  CHECK(s.Complete(":help li").candidates == V{"lineage", "linked"});
  CHECK(s.Complete("MATCH (n:Per").candidates == V{"Person"});
  CHECK(s.Complete("MATCH ()-[:CRED").candidates == V{"CREDITED"});
  CHECK(s.Complete("MATCH (n) RETURN n.na").candidates == V{"name"});
  CHECK(s.Complete("MATCH (n) ret").candidates == V{"return"});
  CHECK(s.Complete("OPT").candidates == V{"OPTIONAL"});
  CHECK(s.Complete("MATCH p = (a)-[:CREDITED* SHO").candidates == V{"SHORTEST", "shortestPath"});
  auto quoted = s.Complete("MATCH (p {name: 'Florence W");
  CHECK(quoted.word == "Florence W");
  CHECK(quoted.candidates == V{"Florence Welch'"});
  CHECK(s.Complete("MATCH (p {name: \"flo").candidates ==
        V{"Florence Welch\"", "Florence and the Machine\""});
  CHECK(s.Complete(":whois Kendr").candidates == V{"Kendrick Lamar"});
  CHECK(s.Complete(":path 'Kendrick Lamar' 'We C").candidates == V{"We Cry Together'"});
}

TEST_CASE("statements entered at a reader are run as they complete", "[cli]") {
  MusicDb m;
  ShellHarness h(m.db());
  std::istringstream in(":mode csv\n:mode\n");
  auto reader = liner::cli::MakeStreamReader(in);
  CHECK(h.shell().RunReader(*reader) == 0);
  CHECK(h.out() == "mode: csv (available: box table csv tsv json jsonl markdown)\n");
}
