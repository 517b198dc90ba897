// The benchmark queries of ../shared/peers/queries/liner must parse and give the right answers;
// checked on a hand-built graph small enough to verify by hand.
#include <fstream>
#include <sstream>

#include "tests/query/query_test_util.h"

namespace liner::query::testing {
namespace {

// Persons 1 Ann, 2 Bob, 3 Cid, 4 Dee; songs 10, 11, 12; sample 20 (song 10 samples song 12).
void BuildBenchGraph(QueryFixture& f) {
  f.Rows(
      "CREATE (ann:Person {id: 1, name: 'Ann'}), (bob:Person {id: 2, name: 'Bob'}), "
      "(cid:Person {id: 3, name: 'Cid'}), (dee:Person {id: 4, name: 'Dee'}), "
      "(s10:Song {id: 10, title: 'Ten'}), (s11:Song {id: 11, title: 'Eleven'}), "
      "(s12:Song {id: 12, title: 'Twelve'}), (x:Sample {id: 20}), "
      "(ann)-[:CREDITED]->(s10), (bob)-[:CREDITED]->(s10), (bob)-[:CREDITED]->(s11), "
      "(cid)-[:CREDITED]->(s11), (dee)-[:CREDITED]->(s12), "
      "(s10)-[:HAS_SAMPLE]->(x), (x)-[:SAMPLES]->(s12)");
}

std::string ReadQuery(const std::string& name) {
  std::string dir = liner::testing::SharedDir();
  std::ifstream in(dir + "/peers/queries/liner/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> Sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace

TEST_CASE("the benchmark queries run and answer correctly on a tiny graph", "[query]") {
  if (liner::testing::SharedDir().empty()) {
    WARN("../shared is absent: skipping the benchmark queries");
    return;
  }
  QueryFixture f;
  BuildBenchGraph(f);
  auto q = [&](const char* file, Params p) { return f.Rows(ReadQuery(file), p); };
  CHECK(q("q1.cypher", {{"name", QValue("Ann")}}) == std::vector<std::string>{"1"});
  CHECK(Sorted(q("q2.cypher", {{"pid", QValue(2)}})) == std::vector<std::string>{"10", "11"});
  CHECK(Sorted(q("q3.cypher", {{"pid", QValue(2)}})) == std::vector<std::string>{"1", "3"});
  CHECK(Sorted(q("q4.cypher", {{"pid", QValue(1)}})) == std::vector<std::string>{"4"});
  CHECK(Sorted(q("q4.cypher", {{"pid", QValue(4)}})) == std::vector<std::string>{"1", "2"});
  CHECK(q("q5.cypher", {{"src", QValue(1)}, {"dst", QValue(3)}}) == std::vector<std::string>{"4"});
  CHECK(q("q5.cypher", {{"src", QValue(1)}, {"dst", QValue(4)}}).empty());
  CHECK(q("q6.cypher", {{"pid", QValue(1)}}) == std::vector<std::string>{"1"});
  CHECK(q("q7.cypher", {{"pid", QValue(1)}}) == std::vector<std::string>{"3 | 1"});
}

TEST_CASE("the benchmark queries use index seeks, not label scans", "[query]") {
  if (liner::testing::SharedDir().empty()) {
    WARN("../shared is absent: skipping the benchmark queries");
    return;
  }
  QueryFixture f;
  for (const char* file : {"q1.cypher", "q2.cypher", "q3.cypher", "q5.cypher", "q6.cypher",
                           "q7.cypher"}) {
    auto stmt = f.engine().Prepare(ReadQuery(file));
    INFO(file);
    REQUIRE(stmt.ok());
    std::string plan = (*stmt)->PlanString();
    INFO(plan);
    CHECK(plan.find("Seek") != std::string::npos);
    CHECK(plan.find("NodeByLabelScan") == std::string::npos);
  }
}

}  // namespace liner::query::testing
