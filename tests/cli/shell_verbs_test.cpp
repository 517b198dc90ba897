// The shell's domain verbs over a small hand-built music graph.
#include <catch2/catch.hpp>

#include "tests/cli/shell_fixture.h"

using liner::testing::MusicDb;
using liner::testing::ShellHarness;

TEST_CASE(":path reads the shortest chain as a sentence with every hop's role", "[cli]") {
  MusicDb m;
  ShellHarness h(m.db());
  REQUIRE(h.Run(":path 'Kendrick Lamar' 'Florence Welch'") == 0);
  CHECK(h.out() ==
        "Kendrick Lamar — lead vocals on → We Cry Together — samples → June — written by → "
        "Florence Welch\n(1 path, 4 hops)\n");
}

TEST_CASE(":path accepts 'A -> B' without quotes and reports when no path exists", "[cli]") {
  MusicDb m;
  ShellHarness h(m.db(), /*keep_going=*/true);
  CHECK(h.Run(":path Kendrick Lamar -> June") == 0);
  CHECK(h.out().find("Kendrick Lamar — lead vocals on → We Cry Together — samples → June") !=
        std::string::npos);
  CHECK(h.Run(":path 'Kendrick Lamar' 'Florence Welch' --via writing") == 1);
  CHECK(h.err().find("no path between 'Kendrick Lamar' and 'Florence Welch'") !=
        std::string::npos);
}

TEST_CASE(":why lists each hop of the path with the edge's source", "[cli]") {
  MusicDb m;
  ShellHarness h(m.db());
  REQUIRE(h.Run(":why 'Kendrick Lamar' June") == 0);
  CHECK(h.out().find("lead vocals on") != std::string::npos);
  CHECK(h.out().find("Wikipedia: We Cry Together") != std::string::npos);
  CHECK(h.out().find("(3 rows)") != std::string::npos);
}

TEST_CASE(":lineage draws what a song samples and what samples it as a tree", "[cli]") {
  MusicDb m;
  ShellHarness h(m.db());
  REQUIRE(h.Run(":lineage We Cry Together") == 0);
  CHECK(h.out() == "We Cry Together\n├── samples June\n└── samples Valentine\n");
  ShellHarness up(m.db());
  REQUIRE(up.Run(":lineage June --depth 2") == 0);
  CHECK(up.out() == "June\n└── sampled by We Cry Together\n");
}

TEST_CASE(":credits groups a song's credits by category and lists its samples", "[cli]") {
  MusicDb m;
  ShellHarness h(m.db());
  REQUIRE(h.Run(":credits June") == 0);
  std::string out = h.out();
  auto perf = out.find("| performance | performer   | Florence and the Machine |");
  auto writing = out.find("| writing     | songwriting | Florence Welch           |");
  auto sampled = out.find("| sampled by  | June sample | We Cry Together          |");
  CHECK(perf != std::string::npos);
  CHECK(writing != std::string::npos);
  CHECK(sampled != std::string::npos);
  CHECK(perf < writing);
  CHECK(writing < sampled);
}

TEST_CASE(":linked answers the card's question through samples", "[cli]") {
  MusicDb m;
  ShellHarness h(m.db());
  h.shell().options().render.mode = liner::cli::OutputMode::kCsv;
  REQUIRE(h.Run(":linked Florence Welch") == 0);
  CHECK(h.out().rfind("name,roles,via\n", 0) == 0);
  CHECK(h.out().find("Kendrick Lamar,") != std::string::npos);
}

TEST_CASE(":whois lists every node of an ambiguous name with what tells them apart", "[cli]") {
  MusicDb m;
  ShellHarness h(m.db());
  h.shell().options().render.mode = liner::cli::OutputMode::kJsonl;
  REQUIRE(h.Run(":whois john smith") == 0);
  std::string out = h.out();
  CHECK(out.find("\"id\":\"#" + std::to_string(m.john1_) + "\"") != std::string::npos);
  CHECK(out.find("\"id\":\"#" + std::to_string(m.john2_) + "\"") != std::string::npos);
  CHECK(out.find("1950") != std::string::npos);
  CHECK(out.find("1990") != std::string::npos);
  CHECK(out.find("performer on Valentine") != std::string::npos);
}

TEST_CASE("an ambiguous name in a script fails and asks for an #ID, which then works",
          "[cli]") {
  MusicDb m;
  ShellHarness h(m.db(), /*keep_going=*/true);
  CHECK(h.Run(":path 'John Smith' June") == 1);
  CHECK(h.err().find("Several nodes are named 'John Smith'") != std::string::npos);
  CHECK(h.err().find("repeat with one of the #IDs") != std::string::npos);
  CHECK(h.Run(":path #" + std::to_string(m.john1_) + " June") == 0);
  CHECK(h.out().find("John Smith — performer on → Valentine — sampled by → We Cry Together — "
                     "samples → June") != std::string::npos);
}

TEST_CASE(":whois falls back to names starting with the text", "[cli]") {
  MusicDb m;
  ShellHarness h(m.db());
  REQUIRE(h.Run(":whois flor") == 0);
  CHECK(h.out().find("no exact match") != std::string::npos);
  CHECK(h.out().find("Florence Welch") != std::string::npos);
  CHECK(h.out().find("Florence and the Machine") != std::string::npos);
  ShellHarness none(m.db());
  CHECK(none.Run(":whois Nobody At All") == 1);
  CHECK(none.err() == "error: line 1: nothing is named 'Nobody At All'\n");
}

TEST_CASE(":show writes a Graphviz picture of a node's neighbourhood", "[cli]") {
  MusicDb m;
  ShellHarness h(m.db());
  REQUIRE(h.Run(":show We Cry Together") == 0);
  std::string out = h.out();
  REQUIRE(out.rfind("wrote ", 0) == 0);
  std::string path = out.substr(6, out.find(' ', 6) - 6);
  CHECK(std::filesystem::exists(path));
  std::filesystem::remove(path);
  std::string dot = path.substr(0, path.rfind('.')) + ".dot";
  std::filesystem::remove(dot);
}
