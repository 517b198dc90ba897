// End-to-end: the card's question on the seed dataset, asked through the built binary —
// `liner linked "Florence Welch" --via samples`, plus `liner stats` and `liner path` answers.
#include <catch2/catch.hpp>

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "tests/cli/seed_support.h"

namespace liner {
namespace {

using testing::RunOutput;
using testing::SeedDb;

// Runs a command on the imported seed and parses its --format json output.
nlohmann::json RunJson(const SeedDb& seed, const std::string& command,
                       std::vector<std::string> args) {
  {
    INFO("liner import stderr: " << seed.import_output().err);
    REQUIRE(seed.import_output().exit_code == 0);
  }
  args.push_back("--format");
  args.push_back("json");
  RunOutput r = seed.Run(command, args);
  INFO("liner " << command << " stdout: " << r.out << "\nstderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  nlohmann::json j = nlohmann::json::parse(r.out, nullptr, /*allow_exceptions=*/false);
  REQUIRE(j.is_array());
  return j;
}

std::set<std::string> Strings(const nlohmann::json& list) {
  std::set<std::string> out;
  for (const auto& v : list) out.insert(v.get<std::string>());
  return out;
}

// name -> row of a `liner linked --format json` answer.
std::map<std::string, nlohmann::json> ByName(const nlohmann::json& rows) {
  std::map<std::string, nlohmann::json> out;
  for (const auto& row : rows) out[row.at("name").get<std::string>()] = row;
  return out;
}

std::set<std::string> Keys(const std::map<std::string, nlohmann::json>& m) {
  std::set<std::string> out;
  for (const auto& [k, v] : m) out.insert(k);
  return out;
}

TEST_CASE("liner stats on the seed prints its counts by label and type as JSON", "[cli][seed]") {
  SeedDb seed;
  nlohmann::json rows = RunJson(seed, "stats", {});
  std::map<std::string, int> counts;
  for (const auto& row : rows) {
    counts[row.at("kind").get<std::string>() + " " + row.at("name").get<std::string>()] =
        row.at("count").get<int>();
  }
  std::map<std::string, int> expected = {
      {"label Person", 23},          {"label Group", 1},           {"label Song", 3},
      {"label Sample", 2},           {"label Album", 1},           {"label Label", 4},
      {"label Studio", 4},           {"relationship CREDITED", 34}, {"relationship HAS_SAMPLE", 2},
      {"relationship SAMPLES", 2},   {"relationship MEMBER_OF", 1}, {"relationship APPEARS_ON", 1},
      {"relationship RELEASED_BY", 4}, {"relationship RECORDED_AT", 2},
      {"relationship MIXED_AT", 1},  {"relationship MASTERED_AT", 1}, {"total nodes", 38},
      {"total relationships", 48}};
  CHECK(counts == expected);
}

TEST_CASE("Everyone credited on We Cry Together is linked to Florence Welch through samples",
          "[cli][seed]") {
  SeedDb seed;
  auto rows = ByName(RunJson(seed, "linked", {"Florence Welch", "--via", "samples"}));
  // "We Cry Together" samples "June", which Welch wrote and her group performed.
  const std::set<std::string> on_the_song = {
      "Kendrick Lamar",   "Taylour Paige",  "Whitney Alford",        "The Alchemist",
      "Bekon",            "J.Lbs",          "Gary Peacock",          "Emile Haynie",
      "Ray Charles Brown Jr.", "Johnathan Turner", "James Blunt",    "Matt Schaeffer",
      "Logan Haynes",     "Andrew Boyd",    "Tristan Bott",          "Derek Ali",
      "Cyrus Taghipour",  "Curtis Bye",     "Brandon Blatz",         "Emerson Mancini"};
  for (const auto& name : on_the_song) {
    INFO(name);
    REQUIRE(rows.count(name) == 1);
    CHECK(Strings(rows[name].at("via")).count("We Cry Together samples June") == 1);
  }
  // Welch is credited on "We Cry Together" herself, so the players of "Valentine", the other
  // song it samples, are linked too; Welch and her own group are not listed.
  std::set<std::string> expected = on_the_song;
  expected.insert({"Art Lande", "Eliot Zigmund"});
  CHECK(Keys(rows) == expected);

  CHECK(Strings(rows["Emerson Mancini"].at("roles")) == std::set<std::string>{"mastering"});
  CHECK(Strings(rows["Kendrick Lamar"].at("roles")) ==
        std::set<std::string>{"primary artist", "lead vocals", "songwriting"});
  CHECK(Strings(rows["Art Lande"].at("via")) ==
        std::set<std::string>{"We Cry Together samples Valentine"});
  CHECK(Strings(rows["Gary Peacock"].at("via")) ==
        std::set<std::string>{"We Cry Together samples June", "We Cry Together samples Valentine"});
}

TEST_CASE("Kendrick Lamar is linked through samples to the writers and players of both samples",
          "[cli][seed]") {
  SeedDb seed;
  auto rows = ByName(RunJson(seed, "linked", {"Kendrick Lamar", "--via", "samples"}));
  CHECK(Keys(rows) == std::set<std::string>{"Florence and the Machine", "Florence Welch",
                                            "Gary Peacock", "Art Lande", "Eliot Zigmund"});
  CHECK(Strings(rows["Florence and the Machine"].at("roles")) ==
        std::set<std::string>{"performer"});
  CHECK(Strings(rows["Gary Peacock"].at("roles")) ==
        std::set<std::string>{"performer", "songwriting"});
}

TEST_CASE("Taylour Paige is linked through production to the song's four producers",
          "[cli][seed]") {
  SeedDb seed;
  auto rows = ByName(RunJson(seed, "linked", {"Taylour Paige", "--via", "production"}));
  CHECK(Keys(rows) ==
        std::set<std::string>{"The Alchemist", "Bekon", "J.Lbs", "Emile Haynie"});
}

TEST_CASE("liner path joins the mastering engineer to Florence Welch through the song",
          "[cli][seed]") {
  SeedDb seed;
  nlohmann::json hops = RunJson(seed, "path", {"Emerson Mancini", "Florence Welch"});
  REQUIRE(hops.size() == 2);
  CHECK(hops[0].at("from") == "Emerson Mancini");
  CHECK(hops[0].at("relationship") == "CREDITED");
  CHECK(hops[0].at("role") == "mastering");
  CHECK(hops[0].at("to") == "We Cry Together");
  CHECK(hops[1].at("relationship") == "CREDITED");
  CHECK(hops[1].at("role") == "songwriting");
  CHECK(hops[1].at("to") == "Florence Welch");
  CHECK(hops[1].at("source") == "Wikipedia: We Cry Together");
}

}  // namespace
}  // namespace liner
