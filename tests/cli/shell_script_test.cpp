// `liner shell` in script mode (-c, -f, piped stdin) running Cypher through the engine.
#include <catch2/catch.hpp>

#include <algorithm>

#include "tests/cli/shell_fixture.h"

using liner::testing::MusicDb;
using liner::testing::RunLinerInProcess;
using liner::testing::TempDir;

TEST_CASE("liner shell -c runs statements and prints a table with the row count", "[cli]") {
  TempDir dir;
  auto r = RunLinerInProcess({"shell", "--db", dir.Sub("db"), "-c",
                              "CREATE (:Person {name: 'Björk'});\n"
                              "MATCH (p:Person) RETURN p.name AS name, 1 + 1 AS two;"});
  INFO(r.err);
  CHECK(r.rc == 0);
  CHECK(r.out ==
        "(Nodes created: 1, Properties set: 1, Labels added: 1)\n"
        "+-------+-----+\n"
        "| name  | two |\n"
        "+-------+-----+\n"
        "| Björk |   2 |\n"
        "+-------+-----+\n"
        "(1 row)\n");
}

TEST_CASE("a script stops at a syntax error with exit code 1; --keep-going runs the rest",
          "[cli]") {
  TempDir dir;
  std::string script = "RETURN 1 AS a;\nRETURN (1 AS b;\nRETURN 3 AS c;";
  auto stop = RunLinerInProcess({"shell", "--db", dir.Sub("db"), "--mode", "csv", "-c", script});
  CHECK(stop.rc == 1);
  CHECK(stop.out == "a\n1\n");
  CHECK(stop.err.rfind("error: line 2: ", 0) == 0);
  auto go = RunLinerInProcess(
      {"shell", "--db", dir.Sub("db"), "--mode", "csv", "--keep-going", "-c", script});
  CHECK(go.rc == 1);
  CHECK(go.out == "a\n1\nc\n3\n");
}

TEST_CASE("statements piped on stdin run like a script, errors included", "[cli]") {
  TempDir dir;
  auto r = RunLinerInProcess({"shell", "--db", dir.Sub("db"), "--mode", "jsonl"},
                             "RETURN 'x' AS v;\nRETURN nosuchvariable;\nRETURN 2 AS w;\n");
  CHECK(r.rc == 1);
  CHECK(r.out == "{\"v\":\"x\"}\n");
  CHECK(r.err.find("error: ") == 0);
}

TEST_CASE("liner shell -f runs a file whose statements span lines", "[cli]") {
  TempDir dir;
  std::string file = dir.Sub("script.cypher");
  {
    std::ofstream f(file);
    f << "// a comment; with a semicolon\n:mode tsv\nUNWIND [1, 2, 3] AS x\nRETURN x,\n"
         "       'a;b' AS s\nORDER BY x DESC;\n";
  }
  auto r = RunLinerInProcess({"shell", "--db", dir.Sub("db"), "-f", file});
  INFO(r.err);
  CHECK(r.rc == 0);
  CHECK(r.out == "x\ts\n3\ta;b\n2\ta;b\n1\ta;b\n");
}

TEST_CASE(":param sets a parameter from a Cypher value that queries then use", "[cli]") {
  MusicDb m;
  liner::testing::ShellHarness h(m.db());
  REQUIRE(h.Run(":param who => 'June'\n:params\n:mode csv\n"
                "MATCH (s:Song {title: $who}) RETURN s.title AS title;") == 0);
  CHECK(h.out() ==
        "$who = 'June'\n"
        "+------+-------+\n| name | value |\n+------+-------+\n| $who | June  |\n"
        "+------+-------+\n(1 row)\n"
        "title\nJune\n");
}

TEST_CASE(":explain prints a plan without running the query; :profile runs it", "[cli]") {
  MusicDb m;
  liner::testing::ShellHarness h(m.db());
  REQUIRE(h.Run(":explain MATCH (p:Person) RETURN p.name") == 0);
  CHECK_FALSE(h.out().empty());
  liner::testing::ShellHarness p(m.db());
  REQUIRE(p.Run(":profile MATCH (p:Person) RETURN count(*) AS n") == 0);
  CHECK(p.out().find("| 4 |") != std::string::npos);
}

TEST_CASE("liner with no command runs the shell on stdin", "[cli]") {
  TempDir dir;
  setenv("LINER_DB", dir.Sub("db").c_str(), 1);
  auto r = RunLinerInProcess({}, ":mode csv\nRETURN 42 AS answer;\n");
  unsetenv("LINER_DB");
  INFO(r.err);
  CHECK(r.rc == 0);
  CHECK(r.out == "answer\n42\n");
}

TEST_CASE("a large result is capped in box mode with the count of rows left out, and streams "
          "whole in csv",
          "[cli]") {
  MusicDb m;
  liner::testing::ShellHarness box(m.db());
  box.shell().options().render.mode = liner::cli::OutputMode::kBox;
  box.shell().options().render.max_rows = 40;
  REQUIRE(box.Run("UNWIND range(1, 100000) AS x RETURN x;") == 0);
  std::string out = box.out();
  size_t lines = std::count(out.begin(), out.end(), '\n');
  CHECK(lines == 4 + 40 + 1 + 2);  // rules and header, 40 rows and the gap, two notes
  CHECK(out.find("│     20 │\n│      … │\n│  99981 │\n") != std::string::npos);
  CHECK(out.find("│ 100000 │\n└") != std::string::npos);
  CHECK(out.find("(99960 of 100000 rows left out at the …; ':maxrows 0' shows all)\n"
                 "(100000 rows)\n") != std::string::npos);

  liner::testing::ShellHarness csv(m.db());
  csv.shell().options().render.mode = liner::cli::OutputMode::kCsv;
  csv.shell().options().render.max_rows = 40;
  REQUIRE(csv.Run("UNWIND range(1, 100000) AS x RETURN x;") == 0);
  std::string all = csv.out();
  CHECK(std::count(all.begin(), all.end(), '\n') == 100001);
  CHECK(all.substr(all.size() - 7) == "100000\n");
}
