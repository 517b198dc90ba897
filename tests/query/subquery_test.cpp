// EXISTS { ... } and COUNT { ... } subqueries: a pattern with WHERE, or full clauses (MATCH,
// WITH, aggregation, RETURN), correlated with the outer row; no updates inside.
#include <string>
#include <vector>

#include "tests/query/query_test_util.h"

namespace liner::query::testing {
namespace {

// Ann wrote two songs, Bob produced one of them, Cid wrote a song that samples Ann's.
void Seed(QueryFixture& f) {
  f.Rows(
      "CREATE (a:Person {name: 'Ann'}), (b:Person {name: 'Bob'}), (c:Person {name: 'Cid'}), "
      "(d:Person {name: 'Dee'}), "
      "(s1:Song {title: 'One', year: 2001}), (s2:Song {title: 'Two', year: 2010}), "
      "(s3:Song {title: 'Three', year: 2020}), "
      "(a)-[:CREDITED {role: 'writer'}]->(s1), (a)-[:CREDITED {role: 'writer'}]->(s2), "
      "(b)-[:CREDITED {role: 'producer'}]->(s1), (c)-[:CREDITED {role: 'writer'}]->(s3), "
      "(s3)-[:SAMPLES]->(s1)");
}

}  // namespace

TEST_CASE("EXISTS with full clauses sees the outer row", "[query]") {
  QueryFixture f;
  Seed(f);
  CHECK(f.Rows("MATCH (p:Person) WHERE EXISTS { MATCH (p)-[:CREDITED]->(s:Song) "
               "WHERE s.year > 2005 RETURN s } RETURN p.name ORDER BY p.name") ==
        std::vector<std::string>{"'Ann'", "'Cid'"});
  // Aggregation inside: people with at least two credits.
  CHECK(f.Rows("MATCH (p:Person) WHERE EXISTS { MATCH (p)-[:CREDITED]->(s) "
               "WITH p, count(s) AS n WHERE n >= 2 RETURN n } RETURN p.name") ==
        std::vector<std::string>{"'Ann'"});
  // Several pattern parts and a second MATCH.
  CHECK(f.Rows("MATCH (p:Person) WHERE EXISTS { MATCH (p)-->(s:Song), (s)<-[:SAMPLES]-(t) "
               "MATCH (t)<-[:CREDITED]-(q) WHERE q <> p } RETURN p.name ORDER BY p.name") ==
        std::vector<std::string>{"'Ann'", "'Bob'"});
  CHECK(f.Rows("MATCH (p:Person) WHERE NOT EXISTS { MATCH (p)-->() } RETURN p.name") ==
        std::vector<std::string>{"'Dee'"});
  // Nested, both correlated.
  CHECK(f.Rows("MATCH (p:Person) WHERE EXISTS { MATCH (s:Song) WHERE EXISTS { "
               "MATCH (p)-->(s)<-[:SAMPLES]-() RETURN 1 } RETURN s } RETURN p.name "
               "ORDER BY p.name") == std::vector<std::string>{"'Ann'", "'Bob'"});
  // As a value, and the pattern form.
  CHECK(f.Rows("MATCH (p:Person) RETURN p.name, EXISTS { (p)-[:CREDITED {role: 'producer'}]->() } "
               "AS producer ORDER BY p.name") ==
        std::vector<std::string>{"'Ann' | false", "'Bob' | true", "'Cid' | false",
                                 "'Dee' | false"});
  // A variable of the subquery does not leak out.
  CHECK(ErrorDetail(f.Error("MATCH (p:Person) WHERE EXISTS { MATCH (p)-->(s) } RETURN s")) ==
        "UndefinedVariable");
}

TEST_CASE("COUNT counts the rows of a pattern or of clauses per outer row", "[query]") {
  QueryFixture f;
  Seed(f);
  CHECK(f.Rows("MATCH (p:Person) RETURN p.name, COUNT { (p)-[:CREDITED]->() } AS n "
               "ORDER BY p.name") ==
        std::vector<std::string>{"'Ann' | 2", "'Bob' | 1", "'Cid' | 1", "'Dee' | 0"});
  CHECK(f.Rows("MATCH (p:Person) WHERE COUNT { (p)-->(s) WHERE s.year < 2015 } = 2 "
               "RETURN p.name") == std::vector<std::string>{"'Ann'"});
  CHECK(f.One("MATCH (s:Song {title: 'One'}) RETURN COUNT { MATCH (s)<-[:CREDITED]-(p) "
              "RETURN DISTINCT p.name }") == "2");
  CHECK(f.One("MATCH (p:Person {name: 'Ann'}) RETURN COUNT { MATCH (p)-->(s) "
              "UNWIND [1, 2, 3] AS x RETURN x }") == "6");
  // A variable named count with a map projection is still a map projection.
  CHECK(f.One("WITH {a: 1} AS count RETURN count {.a}") == "{a: 1}");
}

TEST_CASE("a subquery that updates the graph is rejected before running", "[query]") {
  QueryFixture f;
  Seed(f);
  Status s = f.Error("MATCH (p) WHERE EXISTS { MATCH (p)-->(m) SET m.x = 1 } RETURN p");
  CHECK(ErrorDetail(s) == "InvalidClauseComposition");
  s = f.Error("MATCH (p) RETURN COUNT { MATCH (p)-->(m) CREATE (m)-[:X]->(p) }");
  CHECK(ErrorDetail(s) == "InvalidClauseComposition");
  CHECK(f.One("MATCH (s:Song) WHERE s.x = 1 RETURN count(*)") == "0");
}

TEST_CASE("EXPLAIN lists the plan of each subquery", "[query]") {
  QueryFixture f;
  std::string plan;
  for (const auto& line :
       f.Rows("EXPLAIN MATCH (p:Person) WHERE EXISTS { MATCH (p)-[:CREDITED]->(s) RETURN s } "
              "RETURN p"))
    plan += line + "\n";
  CHECK(plan.find("Subplan #0") != std::string::npos);
  CHECK(plan.find("Expand(p)-[:CREDITED]->(s)") != std::string::npos);
}

}  // namespace liner::query::testing
