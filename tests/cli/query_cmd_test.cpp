// `liner query`: one-shot Cypher with formats, parameters, stdin and errors.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "tests/cli/shell_fixture.h"

using liner::testing::MusicDb;
using liner::testing::RunLinerInProcess;

TEST_CASE("liner query --format json prints nodes and relationships as objects", "[cli]") {
  MusicDb m;
  m.Close();
  auto r = RunLinerInProcess({"query", "--db", m.path(), "--format", "json",
                              "MATCH (p:Person {name: 'Kendrick Lamar'})-[c:CREDITED]->(s) "
                              "RETURN p, c, s.title AS title"});
  INFO(r.err);
  REQUIRE(r.rc == 0);
  auto json = nlohmann::json::parse(r.out);
  REQUIRE(json.is_array());
  REQUIRE(json.size() == 1);
  CHECK(json[0]["p"]["labels"] == nlohmann::json::array({"Person"}));
  CHECK(json[0]["p"]["properties"]["name"] == "Kendrick Lamar");
  CHECK(json[0]["p"]["id"] == m.kendrick_);
  CHECK(json[0]["c"]["type"] == "CREDITED");
  CHECK(json[0]["c"]["start"] == m.kendrick_);
  CHECK(json[0]["c"]["end"] == m.wct_);
  CHECK(json[0]["c"]["properties"]["role"] == "lead vocals");
  CHECK(json[0]["title"] == "We Cry Together");
}

TEST_CASE("liner query returns paths as alternating lists in jsonl", "[cli]") {
  MusicDb m;
  m.Close();
  auto r = RunLinerInProcess({"query", "--db", m.path(), "--format", "jsonl",
                              "MATCH p = (:Person {name: 'Florence Welch'})-[:MEMBER_OF]->(g) "
                              "RETURN p"});
  INFO(r.err);
  REQUIRE(r.rc == 0);
  auto row = nlohmann::json::parse(r.out);
  REQUIRE(row["p"].size() == 3);
  CHECK(row["p"][1]["type"] == "MEMBER_OF");
  CHECK(row["p"][2]["properties"]["name"] == "Florence and the Machine");
}

TEST_CASE("liner query takes JSON parameters and reads the query from stdin", "[cli]") {
  MusicDb m;
  m.Close();
  auto r = RunLinerInProcess({"query", "--db", m.path(), "--format", "csv", "--param",
                              "titles=[\"June\", \"Valentine\"]", "-"},
                             "MATCH (s:Song) WHERE s.title IN $titles\n"
                             "RETURN s.title AS title ORDER BY title;\n");
  INFO(r.err);
  CHECK(r.rc == 0);
  CHECK(r.out == "title\nJune\nValentine\n");
}

TEST_CASE("liner query reports a syntax error with a caret on stderr and exits 1", "[cli]") {
  MusicDb m;
  m.Close();
  auto r = RunLinerInProcess({"query", "--db", m.path(), "MATCH (a:Person RETURN a"});
  CHECK(r.rc == 1);
  CHECK(r.out.empty());
  CHECK(r.err.rfind("error: ", 0) == 0);
  CHECK(r.err.find("line 1, column") != std::string::npos);
  CHECK(r.err.find("^") != std::string::npos);
}

TEST_CASE("liner query rejects bad parameters and formats before opening anything", "[cli]") {
  auto bad_json = RunLinerInProcess({"query", "--db", "/nonexistent", "--param", "x=June",
                                     "RETURN $x"});
  CHECK(bad_json.rc == 2);
  CHECK(bad_json.err.find("--param x: invalid JSON") != std::string::npos);
  auto bad_format = RunLinerInProcess({"query", "--db", "/nonexistent", "--format", "xml",
                                       "RETURN 1"});
  CHECK(bad_format.rc == 2);
  CHECK(bad_format.err == "error: unknown output mode 'xml' (choose one of box, table, csv, "
                          "tsv, json, jsonl, markdown)\n");
  auto command = RunLinerInProcess({"query", "--db", "/nonexistent", ":help"});
  CHECK(command.rc == 2);
}
