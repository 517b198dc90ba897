// The shell's domain verbs over a small hand-built music graph.
#include <catch2/catch.hpp>

#include <sstream>

#include "cli/name_suggest.h"
#include "tests/cli/shell_fixture.h"

using liner::testing::MusicDb;
using liner::testing::ShellHarness;
using liner::NodeId;

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

TEST_CASE(":whois tells nodes apart by their groups and their credits grouped by collaborator",
          "[cli]") {
  MusicDb m;
  ShellHarness h(m.db());
  h.shell().options().render.mode = liner::cli::OutputMode::kCsv;
  REQUIRE(h.Run(":whois Florence Welch\n:whois June\n:whois Florence and the Machine") == 0);
  std::string out = h.out();
  CHECK(out.find("member of Florence and the Machine") != std::string::npos);
  CHECK(out.find("songwriting on June") != std::string::npos);
  CHECK(out.find("Florence Welch (songwriting); Florence and the Machine (performer)") !=
        std::string::npos);
  CHECK(out.find("members Florence Welch") != std::string::npos);
  // The same summary helps choose between candidates.
  ShellHarness choose(m.db());
  CHECK(choose.Run(":path 'John Smith' June") == 1);
  CHECK(choose.err().find("; performer on Valentine") != std::string::npos);
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

TEST_CASE(":whois without an exact hit suggests names by prefix, words and edits, and says why",
          "[cli]") {
  MusicDb m;
  auto whois = [&](const std::string& text) {
    ShellHarness h(m.db());
    h.shell().options().render.mode = liner::cli::OutputMode::kCsv;
    REQUIRE(h.Run(":whois " + text) == 0);
    std::string out = h.out();
    CHECK(out.rfind("No node is named '" + text +
                        "'. Suggestions, closest first (they are not matches):\n"
                        "id,labels,name,why suggested,details,credits,top credits\n",
                    0) == 0);
    CHECK(out.find("(':whois #ID' or the exact name picks one)") != std::string::npos);
    return out;
  };
  auto row = [](NodeId id, const std::string& name, const std::string& why) {
    return "#" + std::to_string(id) + ",Person," + name + "," + why + ",";
  };
  // Names starting with the text come first, then the better-known one among equals.
  std::string flor = whois("flor");
  CHECK(flor.find("Florence Welch,starts with 'flor'") != std::string::npos);
  CHECK(flor.find("Florence and the Machine,starts with 'flor'") != std::string::npos);
  // Every word, in any order, with a slip in a long word.
  CHECK(whois("Smith John").find(row(m.john1_, "John Smith", "has the words")) !=
        std::string::npos);
  CHECK(whois("Smith John").find(row(m.john2_, "John Smith", "has the words")) !=
        std::string::npos);
  CHECK(whois("Welch").find(row(m.florence_, "Florence Welch", "has the words")) !=
        std::string::npos);
  CHECK(whois("lamar kendrik")
            .find(row(m.kendrick_, "Kendrick Lamar", "\"has the words, 1 slip\"")) !=
        std::string::npos);
  CHECK(whois("Florance").find(row(m.florence_, "Florence Welch", "\"has the words, 1 slip\"")) !=
        std::string::npos);
  std::string typos = whois("Kendrik Lamarr");
  CHECK(typos.find(row(m.kendrick_, "Kendrick Lamar", "\"has the words, 2 slips\"")) !=
        std::string::npos);
  CHECK(typos.find("John Smith") == std::string::npos);
  // A few edits from the whole name (a missing space, a short word misspelt).
  CHECK(whois("Kendricklamar").find(row(m.kendrick_, "Kendrick Lamar", "1 edit away")) !=
        std::string::npos);
  std::string jon = whois("Jon Smith");
  CHECK(jon.find(row(m.john1_, "John Smith", "1 edit away")) != std::string::npos);
  CHECK(jon.find(row(m.john2_, "John Smith", "1 edit away")) != std::string::npos);
  // Nothing close: an error, not a list of everything.
  ShellHarness none(m.db());
  CHECK(none.Run(":whois Nobody At All") == 1);
  CHECK(none.err() == "error: line 1: nothing is named 'Nobody At All', and no name is close to it\n");
}

TEST_CASE("a misspelt name in :path lists suggestions and fails in a script, and asks which one "
          "at the prompt",
          "[cli]") {
  MusicDb m;
  ShellHarness script(m.db());
  CHECK(script.Run(":path 'Kendrik Lamar' 'Florence Welch'") == 1);
  CHECK(script.err().find("Nothing is named 'Kendrik Lamar'. Did you mean:\n  1. #" +
                          std::to_string(m.kendrick_) + " :Person Kendrick Lamar") !=
        std::string::npos);
  CHECK(script.err().find("repeat with one of the #IDs above or the exact name") !=
        std::string::npos);
  CHECK(script.out().empty());

  ShellHarness prompt(m.db());
  prompt.shell().options().interactive = true;
  std::istringstream typed(":path 'Kendrik Lamar' 'Florence Welch'\n1\n");
  auto reader = liner::cli::MakeStreamReader(typed);
  CHECK(prompt.shell().RunReader(*reader) == 0);
  CHECK(prompt.err().find("Did you mean:") != std::string::npos);
  CHECK(prompt.out().find("Kendrick Lamar — lead vocals on → We Cry Together — samples → June — "
                          "written by → Florence Welch") != std::string::npos);
}

TEST_CASE("Ctrl-C during the search for similar names cancels :whois and :path", "[cli]") {
  MusicDb m;
  ShellHarness h(m.db(), /*keep_going=*/true);
  h.shell().interrupt_flag()->store(true);  // as the SIGINT handler does
  CHECK(h.Run(":whois Florance\n:path Florance June") == 1);
  CHECK(h.err() == "error: line 1: cancelled: interrupted\nerror: line 2: cancelled: interrupted\n");
  CHECK(h.out().empty());
}

TEST_CASE("edit distance counts insertions, deletions, substitutions and swaps, up to a bound",
          "[cli]") {
  using liner::cli::EditDistance;
  CHECK(EditDistance("kendrick", "kendrick", 3) == 0);
  CHECK(EditDistance("kendrik", "kendrick", 3) == 1);
  CHECK(EditDistance("florance", "florence", 3) == 1);
  CHECK(EditDistance("welhc", "welch", 3) == 1);  // a swap is one edit
  CHECK(EditDistance("", "abc", 3) == 3);
  CHECK(EditDistance("abcdefgh", "zzzzzzzz", 2) == 3);  // past the bound: bound + 1
  CHECK(EditDistance("a", "abcdef", 2) == 3);
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
