// liner generate: the synthetic graph generator draws Python's random stream, is deterministic,
// writes consistent files and rejects bad arguments.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/gen_graph.h"
#include "tests/support/temp_dir.h"

namespace {

using liner::cli::PyRandom;

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> Lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

struct Run {
  int code;
  std::string out, err;
};

Run Generate(std::vector<std::string> args) {
  args.insert(args.begin(), {"liner", "generate"});
  std::istringstream in;
  std::ostringstream out, err;
  liner::cli::Io io{in, out, err};
  int code = liner::cli::RunCli(args, io);
  return {code, out.str(), err.str()};
}

const char* const kFiles[] = {"persons.csv",    "songs.csv",        "samples.csv", "credits.csv",
                              "has_sample.csv", "samples_song.csv", "params.json"};

}  // namespace

TEST_CASE("PyRandom draws the same numbers as CPython's random.Random", "[cli][generate]") {
  // Values printed by: python3 -c 'import random; r=random.Random(S); print(r.random(), ...)'
  struct Case {
    __int128 seed;
    double first[3];
  };
  const Case cases[] = {
      {42, {0.6394267984578837, 0.025010755222666936, 0.27502931836911926}},
      {0, {0.8444218515250481, 0.7579544029403025, 0.420571580830845}},
      {-7, {0.32383276483316237, 0.15084917392450192, 0.6509344730398537}},
      {(__int128{1} << 40) + 5, {0.5043802970418443, 0.2686044399723282, 0.9257865475671585}},
  };
  for (const Case& c : cases) {
    PyRandom r(c.seed);
    for (double want : c.first) CHECK(r.Random() == want);
  }
}

TEST_CASE("Generating the small scale twice writes identical files with the script's counts",
          "[cli][generate]") {
  liner::testing::TempDir dir;
  Run a = Generate({"--scale", "small", "--out", dir.Sub("a")});
  Run b = Generate({"--scale=small", "--seed", "42", "--out", dir.Sub("b")});
  REQUIRE(a.code == 0);
  REQUIRE(b.code == 0);
  CHECK(a.out.find("10063 edges") != std::string::npos);
  for (const char* f : kFiles) {
    INFO(f);
    std::string x = Slurp(dir.Sub("a") + "/" + f);
    CHECK(!x.empty());
    CHECK(x == Slurp(dir.Sub("b") + "/" + f));
  }
  // Counts of gen_graph.py --scale small --seed 42 (header row included).
  CHECK(Lines(dir.Sub("a") + "/persons.csv").size() == 1201);
  CHECK(Lines(dir.Sub("a") + "/songs.csv").size() == 1401);
  CHECK(Lines(dir.Sub("a") + "/samples.csv").size() == 306);
  CHECK(Lines(dir.Sub("a") + "/has_sample.csv").size() == 306);
  CHECK(Lines(dir.Sub("a") + "/samples_song.csv").size() == 306);
  CHECK(Lines(dir.Sub("a") + "/credits.csv").size() == 9454);
  auto persons = Lines(dir.Sub("a") + "/persons.csv");
  CHECK(persons[0] == "id,name");
  CHECK(persons[1] == "0,Florence Welch");
  std::string stats = Slurp(dir.Sub("a") + "/stats.json");
  CHECK(stats.find("\"credit_edges\": 9453,") != std::string::npos);
  CHECK(stats.find("\"max\": 353,") != std::string::npos);
  CHECK(stats.find("\"most_sampled_song_times\": 48,") != std::string::npos);
  CHECK(stats.find("\"florence_welch_credits\": 26,") != std::string::npos);
}

TEST_CASE("Another seed gives another graph with the same shape", "[cli][generate]") {
  liner::testing::TempDir dir;
  REQUIRE(Generate({"--persons", "300", "--songs", "400", "--out", dir.Sub("a")}).code == 0);
  REQUIRE(
      Generate({"--persons", "300", "--songs", "400", "--seed", "7", "--out", dir.Sub("b")}).code ==
      0);
  CHECK(Slurp(dir.Sub("a") + "/credits.csv") != Slurp(dir.Sub("b") + "/credits.csv"));
  CHECK(Lines(dir.Sub("b") + "/persons.csv").size() == 301);
  CHECK(Lines(dir.Sub("b") + "/songs.csv").size() == 401);
  // Every credit names a generated person and song and one of the seven roles.
  for (const auto& line : Lines(dir.Sub("b") + "/credits.csv")) {
    if (line == "person_id,song_id,role") continue;
    int p = -1, s = -1;
    char role[32] = {};
    REQUIRE(std::sscanf(line.c_str(), "%d,%d,%31s", &p, &s, role) == 3);
    CHECK(p >= 0);
    CHECK(p < 300);
    CHECK(s >= 0);
    CHECK(s < 400);
    CHECK(std::string("performer featured writer producer engineer mixer mastering").find(role) !=
          std::string::npos);
  }
}

TEST_CASE("Generate rejects missing sizes, an unknown scale and a missing --out",
          "[cli][generate]") {
  liner::testing::TempDir dir;
  Run none = Generate({"--out", dir.Sub("x")});
  CHECK(none.code == 2);
  CHECK(none.err.find("--scale") != std::string::npos);
  Run scale = Generate({"--scale", "huge", "--out", dir.Sub("x")});
  CHECK(scale.code == 2);
  CHECK(scale.err.find("'huge'") != std::string::npos);
  Run out = Generate({"--scale", "small"});
  CHECK(out.code == 2);
  CHECK(out.err.find("--out") != std::string::npos);
  Run bad = Generate({"--persons", "ten", "--songs", "5", "--out", dir.Sub("x")});
  CHECK(bad.code == 2);
  CHECK(bad.err.find("--persons") != std::string::npos);
}

TEST_CASE("Tiny graphs the Python script cannot make are generated without a crash or a hang",
          "[cli][generate]") {
  // gen_graph.py fails with an IndexError when a role group has nobody of its own, and never
  // ends looking for a pair of two different people when only one is credited.
  liner::testing::TempDir dir;
  for (auto [persons, songs] : {std::pair{"1", "1"}, std::pair{"7", "5"}, std::pair{"3", "40"}}) {
    INFO(persons << " persons, " << songs << " songs");
    std::string out = dir.Sub(std::string("g") + persons + "-" + songs);
    Run r = Generate({"--persons", persons, "--songs", songs, "--out", out});
    REQUIRE(r.code == 0);
    CHECK(Lines(out + "/persons.csv").size() == static_cast<size_t>(std::stoi(persons)) + 1);
    CHECK(Lines(out + "/credits.csv").size() > 1);
    CHECK(!Slurp(out + "/params.json").empty());
  }
}
