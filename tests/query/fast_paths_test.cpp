// The engine's fast paths must not change answers: IN against long integer lists (hash index),
// count(DISTINCT) over integers (flat set), lists shared between rows (copy on write), records
// and labels served from the engine's and the storage's caches.
#include "tests/query/query_test_util.h"

namespace liner::query::testing {

TEST_CASE("IN against a long list keeps Cypher's null and number rules", "[query]") {
  QueryFixture f;
  CHECK(f.One("WITH range(1, 100) AS l UNWIND range(-5, 105) AS y "
              "RETURN count(CASE WHEN y IN l THEN 1 END)") == "100");
  CHECK(f.One("WITH range(1, 40) AS l RETURN 2.0 IN l") == "true");
  CHECK(f.One("WITH range(1, 40) AS l RETURN 2.5 IN l") == "false");
  CHECK(f.One("WITH [null] + range(1, 40) AS l RETURN 50 IN l") == "null");
  CHECK(f.One("WITH [null] + range(1, 40) AS l RETURN 5 IN l") == "true");
  CHECK(f.One("WITH ['a'] + range(1, 40) AS l RETURN 5 IN l") == "true");
  CHECK(f.One("WITH range(1, 40) AS l RETURN null IN l") == "null");
  CHECK(f.One("WITH range(1, 40) AS l UNWIND [3, 300] AS y WITH y, l "
              "RETURN collect(NOT y IN l)") == "[false, true]");
}

TEST_CASE("count(DISTINCT) treats 1 and 1.0 as one value when types mix", "[query]") {
  QueryFixture f;
  CHECK(f.One("UNWIND [1, 2, 2, 3] AS x RETURN count(DISTINCT x)") == "3");
  CHECK(f.One("UNWIND [1, 2, 1.0, 'a', 'a', 2] AS x RETURN count(DISTINCT x)") == "3");
  CHECK(f.One("UNWIND range(1, 1000) + range(1, 1000) AS x RETURN count(DISTINCT x)") == "1000");
  CHECK(f.One("UNWIND [1, null, 1] AS x RETURN count(DISTINCT x)") == "1");
  CHECK(f.One("UNWIND [3, 1, 3] AS x RETURN sum(DISTINCT x)") == "4");
}

TEST_CASE("grouping by one integer key merges 1 and 1.0 when types mix", "[query]") {
  QueryFixture f;
  auto rows = f.Rows("UNWIND [1, 2, 1.0, 'a', 2, 3] AS x RETURN x AS k, count(*) AS n ORDER BY n DESC, k");
  REQUIRE(rows.size() == 4);
  CHECK((rows[0] == "1 | 2" || rows[0] == "1.0 | 2"));
  CHECK(rows[1] == "2 | 2");
  CHECK(f.One("UNWIND range(1, 5000) AS x WITH x % 100 AS k RETURN count(DISTINCT k)") == "100");
  CHECK(f.One("UNWIND range(1, 5000) AS x WITH x % 100 AS k, x AS v "
              "WITH k, sum(v) AS s RETURN sum(s)") == "12502500");
}

TEST_CASE("a list carried by many rows is not changed by an expression of one row", "[query]") {
  QueryFixture f;
  auto rows = f.Rows("WITH [1, 2] AS a UNWIND [3, 4] AS i WITH i, a, a + [i] AS b "
                     "RETURN a, b ORDER BY i");
  REQUIRE(rows.size() == 2);
  CHECK(rows[0] == "[1, 2] | [1, 2, 3]");
  CHECK(rows[1] == "[1, 2] | [1, 2, 4]");
  CHECK(f.One("WITH [1, 2, 3] AS a UNWIND a AS x WITH a, x RETURN collect(a[x - 1])") ==
        "[1, 2, 3]");
}

TEST_CASE("matches give the same rows with the read caches warm", "[query]") {
  QueryFixture f;
  f.Rows("UNWIND range(1, 30) AS i CREATE (:Person {id: i})-[:CREDITED {role: 'x'}]->"
         "(:Song {id: i % 7})");
  f.Rows("MATCH (s:Song) WITH s.id AS k, collect(s) AS ss WITH ss[0] AS keep, ss "
         "UNWIND ss AS s WITH keep, s WHERE s <> keep MATCH (p)-[r]->(s) "
         "CREATE (p)-[:CREDITED {role: r.role}]->(keep) DELETE r");
  const std::string q =
      "MATCH (p:Person {id: 3})-[:CREDITED]->(:Song)<-[:CREDITED]-(c:Person) "
      "WHERE c.id <> 3 WITH collect(DISTINCT c.id) AS direct "
      "MATCH (q:Person)-[:CREDITED]->(s:Song) WHERE NOT q.id IN direct "
      "RETURN count(DISTINCT q.id) AS n, count(DISTINCT s) AS songs";
  auto cold = f.Rows(q);
  REQUIRE(f.db().WarmCaches().ok());
  REQUIRE(f.db().cache_info().adjacency_ready);
  CHECK(f.Rows(q) == cold);
  CHECK(f.Rows(q) == cold);  // and again, from the engine's record cache
  CHECK(cold == std::vector<std::string>{"27 | 7"});
}

}  // namespace liner::query::testing
