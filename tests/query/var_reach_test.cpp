// Variable-length patterns whose paths are not observable (DISTINCT end nodes, count(DISTINCT),
// pattern predicates) run as a breadth-first reachability search (VarLengthReach) instead of
// enumerating every path: same answers, far less work.
#include <string>
#include <vector>

#include "tests/query/query_test_util.h"

namespace liner::query::testing {
namespace {

// Eight nodes with cycles of both directions, a 2-cycle, parallel edges, self-loops and two
// relationship types.
void SeedTangle(QueryFixture& f) {
  f.Rows("UNWIND range(0, 7) AS i CREATE (:V {id: i})");
  const char* edges[][3] = {
      {"0", "1", "A"}, {"1", "2", "A"}, {"2", "0", "A"}, {"2", "3", "B"}, {"3", "4", "A"},
      {"4", "3", "A"}, {"4", "5", "B"}, {"5", "5", "A"}, {"1", "6", "A"}, {"1", "6", "A"},
      {"6", "7", "B"}, {"0", "0", "B"}, {"7", "4", "A"}, {"3", "6", "A"}};
  for (const auto& e : edges)
    f.Rows(std::string("MATCH (a:V {id: ") + e[0] + "}), (b:V {id: " + e[1] + "}) CREATE (a)-[:" +
           e[2] + "]->(b)");
}

std::string Plan(QueryFixture& f, const std::string& q) {
  std::string out;
  for (const auto& line : f.Rows("EXPLAIN " + q)) out += line + "\n";
  return out;
}

}  // namespace

TEST_CASE("DISTINCT end nodes of a variable-length match equal those of path enumeration",
          "[query]") {
  QueryFixture f;
  SeedTangle(f);
  const std::vector<std::string> arrows = {"-[%]->", "<-[%]-", "-[%]-"};
  const std::vector<std::string> ranges = {"*0..1", "*1", "*1..2", "*..3", "*0..5", "*1..6",
                                           "*", "*1..0", "*0"};
  const std::vector<std::string> types = {"", ":A", ":A|B", ":B"};
  int checked = 0;
  for (int start = 0; start < 8; ++start)
    for (const auto& arrow : arrows)
      for (const auto& range : ranges)
        for (const auto& type : types) {
          std::string rel = arrow;
          rel.replace(rel.find('%'), 1, type + range);
          std::string tail = "(b) RETURN DISTINCT b.id ORDER BY b.id";
          std::string head = "MATCH (a:V {id: " + std::to_string(start) + "})" + rel;
          std::string reach = head + tail;
          std::string paths = "MATCH p = (a:V {id: " + std::to_string(start) + "})" + rel + tail;
          INFO(reach);
          CHECK(f.Rows(reach) == f.Rows(paths));
          // The start node again, reached by a closed trail (or not).
          std::string back = "MATCH (a:V {id: " + std::to_string(start) + "}) MATCH (a)" + rel +
                             "(a) RETURN DISTINCT a.id";
          std::string back_paths = "MATCH (a:V {id: " + std::to_string(start) + "}) MATCH p = (a)" +
                                   rel + "(a) RETURN DISTINCT a.id";
          INFO(back);
          CHECK(f.Rows(back) == f.Rows(back_paths));
          ++checked;
        }
  CHECK(checked == 8 * 3 * 9 * 4);
  CHECK(Plan(f, "MATCH (a:V {id: 0})-[:A*1..3]->(b) RETURN DISTINCT b").find("VarLengthReach") !=
        std::string::npos);
  CHECK(Plan(f, "MATCH p = (a:V {id: 0})-[:A*1..3]->(b) RETURN DISTINCT b")
            .find("VarLengthReach") == std::string::npos);
}

TEST_CASE("the reachability search is planned only where paths cannot be observed", "[query]") {
  QueryFixture f;
  SeedTangle(f);
  auto reach = [&](const std::string& q) {
    return Plan(f, q).find("VarLengthReach") != std::string::npos;
  };
  CHECK(reach("MATCH (a:V {id: 0})-[*1..6]->(b) RETURN count(DISTINCT b)"));
  CHECK(reach("MATCH (a:V {id: 0})-[*1..6]->(b) WITH DISTINCT b RETURN b.id"));
  CHECK(reach("MATCH (a:V {id: 0})-[*1..6]->(b) WHERE b.id > 2 RETURN min(b.id), max(b.id)"));
  CHECK(reach("MATCH (a:V)-[r*1..6]->(b) WITH a, b MATCH (b)-->(c) RETURN DISTINCT a, c"));
  CHECK(reach("MATCH (a:V) WHERE (a)-[:A*1..6]->({id: 7}) RETURN a.id"));
  CHECK(reach("MATCH (a:V) WHERE EXISTS { (a)-[:A*]->(b) WHERE b.id = 7 } RETURN a.id"));
  CHECK(reach("MATCH (a:V {id: 0})-[*1..6]->(b) RETURN b.id AS x "
              "UNION MATCH (a:V {id: 1}) RETURN a.id AS x"));
  CHECK(f.Rows("MATCH (a:V {id: 0})-[*1..6]->(b) RETURN b.id AS x "
               "UNION MATCH (a:V {id: 1}) RETURN a.id AS x") ==
        f.Rows("MATCH (a:V {id: 0})-[*1..6]->(b) RETURN DISTINCT b.id AS x"));
  // Bag semantics: one row per path.
  CHECK_FALSE(reach("MATCH (a:V {id: 0})-[*1..6]->(b) RETURN b.id AS x "
                    "UNION ALL MATCH (a:V {id: 1}) RETURN a.id AS x"));
  CHECK_FALSE(reach("MATCH (a:V {id: 0})-[*1..6]->(b) RETURN b"));
  CHECK_FALSE(reach("MATCH (a:V {id: 0})-[*1..6]->(b) RETURN count(b)"));
  CHECK_FALSE(reach("MATCH (a:V {id: 0})-[*1..6]->(b) RETURN count(DISTINCT b), count(*)"));
  CHECK_FALSE(reach("MATCH (a:V {id: 0})-[*1..6]->(b) WITH b LIMIT 3 RETURN DISTINCT b"));
  CHECK_FALSE(reach("MATCH (a:V {id: 0})-[*1..6]->(b) RETURN [(a)-[*1..2]->(c) | c.id]"));
  // The relationships, the path, or a later hop's uniqueness are read.
  CHECK_FALSE(reach("MATCH (a:V {id: 0})-[r*1..6]->(b) RETURN DISTINCT b, r"));
  CHECK_FALSE(reach("MATCH p = (a:V {id: 0})-[*1..6]->(b) RETURN DISTINCT b"));
  CHECK_FALSE(reach("MATCH (a:V {id: 0})-[r*1..6]->(b) RETURN DISTINCT *"));
  CHECK_FALSE(reach("MATCH (a:V {id: 0})-[*1..6]->(b)-[:B]->(c) RETURN DISTINCT c"));
  CHECK_FALSE(reach("MATCH (a:V {id: 0})-[*2..6]->(b) RETURN DISTINCT b"));
  // The last hop of the chain may be a search, earlier ones are enumerated.
  std::string chain = Plan(f, "MATCH (a:V {id: 0})-[:A]->(m)-[*1..3]->(b) RETURN DISTINCT b");
  CHECK(chain.find("VarLengthReach") != std::string::npos);
  CHECK(f.Rows("MATCH (a:V {id: 0})-[:A]->(m)-[*1..3]->(b) RETURN DISTINCT b.id ORDER BY b.id") ==
        f.Rows("MATCH p = (a:V {id: 0})-[:A]->(m)-[*1..3]->(b) RETURN DISTINCT b.id ORDER BY b.id"));
  // A later hop whose types exclude the path's cannot reuse one of its relationships.
  for (const char* q : {"MATCH (a:V {id: 0})-[:A*1..3]->(m)-[:B]->(c) RETURN DISTINCT c.id ORDER BY c.id",
                        "MATCH (a:V {id: 0})-[:A*1..3]->(m), (m)-[:B]->(c) RETURN DISTINCT c.id ORDER BY c.id",
                        "MATCH (c)<-[:B]-(m)<-[:A*1..3]-(a:V {id: 0}) RETURN DISTINCT c.id ORDER BY c.id"}) {
    INFO(q);
    CHECK(reach(q));
    std::string with_path = std::string(q).replace(0, 6, "MATCH p = ");
    CHECK(f.Rows(q) == f.Rows(with_path));
    CHECK_FALSE(f.Rows(q).empty());
  }
  CHECK_FALSE(reach("MATCH (a:V {id: 0})-[:A*1..3]->(m)-[:A|B]->(c) RETURN DISTINCT c"));
  CHECK_FALSE(reach("MATCH (a:V {id: 0})-[*1..3]->(m)-[:B]->(c) RETURN DISTINCT c"));
  CHECK(f.Rows("MATCH (a:V {id: 0})-[:A*1..3]->(m)-[:A]->(c) RETURN DISTINCT c.id ORDER BY c.id") ==
        f.Rows("MATCH p = (a:V {id: 0})-[:A*1..3]->(m)-[:A]->(c) RETURN DISTINCT c.id ORDER BY c.id"));
  // Relationships bound earlier in the MATCH stay excluded from the search.
  CHECK(f.Rows("MATCH (a:V {id: 4})-[r:A]->(m)-[*1..3]-(b) RETURN DISTINCT b.id ORDER BY b.id") ==
        f.Rows("MATCH p = (a:V {id: 4})-[r:A]->(m)-[*1..3]-(b) RETURN DISTINCT b.id ORDER BY b.id"));
  CHECK(f.Rows("MATCH (a:V) WHERE (a)-[:A*1..6]->({id: 6}) RETURN a.id ORDER BY a.id") ==
        std::vector<std::string>{"0", "1", "2", "3", "4", "7"});
  // Only 5's own self-loop leads to 5 along :A.
  CHECK(f.Rows("MATCH (a:V) WHERE EXISTS { (a)-[:A*]->(b) WHERE b.id = 5 } RETURN a.id") ==
        std::vector<std::string>{"5"});
}

TEST_CASE("DISTINCT end nodes answer where enumerating the paths exceeds the expansion limit",
          "[query]") {
  QueryFixture f;
  // A start node and six layers of four nodes, every node linked to all of the next layer:
  // 4 + 16 + ... + 4^6 = 5460 paths, 84 relationships.
  f.Rows("CREATE (:N {layer: 0, i: 0, name: 'start'})");
  f.Rows("UNWIND range(1, 6) AS l UNWIND range(0, 3) AS i CREATE (:N {layer: l, i: i})");
  f.Rows("MATCH (a:N), (b:N) WHERE b.layer = a.layer + 1 CREATE (a)-[:T]->(b)");
  ExecOptions options;
  options.max_expansion = 1000;
  auto paths = RunQuery(f.engine(), "MATCH ({name: 'start'})-[:T*1..6]->(b) RETURN b", {}, options);
  REQUIRE_FALSE(paths.ok());
  CHECK(paths.status().message().find("variable-length expansion visited more than 1000") !=
        std::string::npos);
  auto distinct = RunQuery(f.engine(),
                           "MATCH ({name: 'start'})-[:T*1..6]->(b) RETURN count(DISTINCT b), "
                           "max(b.layer)",
                           {}, options);
  REQUIRE(distinct.ok());
  REQUIRE(distinct->rows.size() == 1);
  CHECK(distinct->rows[0][0].ToCypherString() == "24");
  CHECK(distinct->rows[0][1].ToCypherString() == "6");
  auto with = RunQuery(f.engine(),
                       "MATCH ({name: 'start'})-[:T*1..6]->(b) WITH DISTINCT b "
                       "RETURN b.layer AS layer, count(*) AS n ORDER BY layer",
                       {}, options);
  REQUIRE(with.ok());
  CHECK(with->rows.size() == 6);
  auto none = RunQuery(f.engine(),
                       "MATCH (a {name: 'start'}) WHERE NOT (a)-[:T*1..6]->({layer: 7}) "
                       "RETURN count(*)",
                       {}, options);
  REQUIRE(none.ok());
  CHECK(none->rows[0][0].ToCypherString() == "1");
  // Without the limit the enumeration agrees.
  CHECK(f.One("MATCH ({name: 'start'})-[:T*1..6]->(b) RETURN count(*)") == "5460");
}

}  // namespace liner::query::testing
