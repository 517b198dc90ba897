// liner batch: one prepared statement per parameter line, in-process through RunCli, with the
// exact output shape the benchmark harness (bench_liner.py) reads.
#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/command.h"
#include "cli/import/native_import.h"
#include "tests/support/temp_dir.h"

using liner::testing::TempDir;
using nlohmann::json;

namespace {

std::string Write(const TempDir& dir, const std::string& name, const std::string& text) {
  std::string path = dir.Sub(name);
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// A tiny credits graph: persons 0..2, songs 0..1, as the benchmark lays it out.
std::string MakeDb(const TempDir& d) {
  auto p = Write(d, "p.csv", "id:ID(Person),name\n0,Florence Welch\n1,Kendrick Lamar\n2,Sam Dew\n");
  auto s = Write(d, "s.csv", "id:ID(Song),title,year:int\n0,June,2009\n1,We Cry Together,2022\n");
  auto c = Write(d, "c.csv", ":START_ID(Person),:END_ID(Song),role\n0,0,writer\n1,1,performer\n"
                             "2,1,writer\n0,1,writer\n");
  auto db = liner::Database::Open(d.Sub("db"));
  REQUIRE(db.ok());
  using liner::import::NativeInput;
  std::vector<NativeInput> inputs(3);
  inputs[0].kind = inputs[1].kind = NativeInput::Kind::kNodes;
  inputs[0].names = {"Person"};
  inputs[0].files = {p};
  inputs[1].names = {"Song"};
  inputs[1].files = {s};
  inputs[2].kind = NativeInput::Kind::kRelationships;
  inputs[2].names = {"CREDITED"};
  inputs[2].files = {c};
  liner::import::NativeOptions o;
  o.id_type = liner::import::IdType::kInteger;
  REQUIRE(liner::import::ImportNative(**db, inputs, o).ok());
  return d.Sub("db");
}

struct Run {
  int code;
  std::string err;
  std::vector<json> lines;
};

Run Batch(const TempDir& d, const std::string& db, const std::string& query,
          const std::string& params, std::vector<std::string> extra = {}) {
  std::vector<std::string> argv = {"liner", "batch", "--db", db, "--query",
                                   Write(d, "q.cypher", query), "--params",
                                   Write(d, "p.jsonl", params), "--out", d.Sub("out.jsonl")};
  argv.insert(argv.end(), extra.begin(), extra.end());
  std::istringstream in;
  std::ostringstream out, err;
  liner::cli::Io io{in, out, err};
  Run r;
  r.code = liner::cli::RunCli(argv, io);
  r.err = err.str();
  std::ifstream results(d.Sub("out.jsonl"));
  std::string line;
  while (std::getline(results, line)) r.lines.push_back(json::parse(line));
  return r;
}

}  // namespace

TEST_CASE("batch runs the prepared query once per binding and writes ms and rows per line",
          "[cli]") {
  TempDir d;
  std::string db = MakeDb(d);
  auto r = Batch(d, db,
                 "// collaborators\nMATCH (p:Person {id: $pid})-[:CREDITED]->(:Song)"
                 "<-[:CREDITED]-(q:Person) WHERE q.id <> $pid RETURN DISTINCT q.id AS id "
                 "ORDER BY id;\n",
                 "{\"pid\": 0}\n{\"pid\": 2}\n\n{\"pid\": 99}\n");
  REQUIRE(r.code == 0);
  REQUIRE(r.lines.size() == 3);
  CHECK(r.lines[0]["rows"] == json::parse("[[1],[2]]"));
  CHECK(r.lines[1]["rows"] == json::parse("[[0],[1]]"));
  CHECK(r.lines[2]["rows"] == json::array());
  for (const auto& l : r.lines) {
    CHECK(l["ms"].is_number());
    CHECK(l["ms"].get<double>() >= 0);
    CHECK_FALSE(l.contains("error"));
  }
}

TEST_CASE("a bad binding gives an error line and the batch goes on", "[cli]") {
  TempDir d;
  std::string db = MakeDb(d);
  auto r = Batch(d, db, "MATCH (p:Person) WHERE p.name = $name RETURN p.id",
                 "{\"name\": \"Sam Dew\"}\nnot json\n{\"name\": \"Nobody\"}\n");
  REQUIRE(r.code == 0);
  REQUIRE(r.lines.size() == 3);
  CHECK(r.lines[0]["rows"] == json::parse("[[2]]"));
  CHECK(r.lines[1].contains("error"));
  CHECK(r.lines[2]["rows"] == json::array());
}

TEST_CASE("a query past --timeout-ms is reported as a timeout line", "[cli]") {
  TempDir d;
  std::string db = MakeDb(d);
  auto r = Batch(d, db, "UNWIND range(1, 2000000000) AS x RETURN count(x) AS n",
                 "{}\n", {"--timeout-ms", "50"});
  REQUIRE(r.code == 0);
  REQUIRE(r.lines.size() == 1);
  CHECK(r.lines[0]["timeout"] == true);
  CHECK(r.lines[0]["ms"].get<double>() < 10000);
}

TEST_CASE("batch with --max-seconds stops running bindings once the time is spent", "[cli]") {
  TempDir d;
  std::string db = MakeDb(d);
  auto r = Batch(d, db, "UNWIND range(1, 2000000000) AS x RETURN count(x) AS n",
                 "{}\n{}\n{}\n", {"--timeout-ms", "100", "--max-seconds", "0.05"});
  REQUIRE(r.code == 0);
  CHECK(r.lines.size() == 1);
  CHECK_THAT(r.err, Catch::Contains("2 not run"));
}

TEST_CASE("batch refuses a query that does not parse, naming the file", "[cli]") {
  TempDir d;
  std::string db = MakeDb(d);
  auto r = Batch(d, db, "MATCH (p:Person RETURN p", "{}\n");
  CHECK(r.code == 1);
  CHECK_THAT(r.err, Catch::Contains("q.cypher"));
}

TEST_CASE("batch writes every value type as nlohmann-json would, byte for byte", "[cli]") {
  TempDir d;
  std::string db = MakeDb(d);
  auto r = Batch(d, db,
                 "MATCH (p:Person {id: 0}) RETURN 1, -5, 9223372036854775807, 'plain', "
                 "'é \"q\"\\n\\\\', [1, 'a', null, [2.5, true]], {b: 1, a: [false]}, 1.5, 1e300, "
                 "0.1 + 0.2, null, p.name, [p.id]",
                 "{}\n");
  REQUIRE(r.code == 0);
  std::ifstream results(d.Sub("out.jsonl"));
  std::string line;
  REQUIRE(std::getline(results, line));
  size_t at = line.find(",\"rows\":");
  REQUIRE(at != std::string::npos);
  REQUIRE(line.back() == '}');
  std::string rows = line.substr(at + 8, line.size() - at - 9);
  CHECK(rows == nlohmann::ordered_json::parse(rows).dump());
  CHECK(nlohmann::json::parse(rows)[0][3] == "plain");
  CHECK(nlohmann::json::parse(rows)[0][4] == "é \"q\"\n\\");
}
