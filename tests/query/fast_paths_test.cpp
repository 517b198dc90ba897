// The engine's fast paths must not change answers: IN against long integer lists (hash index),
// count(DISTINCT) over integers (flat set), lists shared between rows (copy on write), records
// and labels served from the engine's and the storage's caches.
#include <random>

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

namespace liner::query::testing {

// A small credits graph like the benchmark's (persons, songs, samples), with `id` values of
// other types mixed in (3.0, '7', a list) so that the integer columns must step aside.
static void BuildCredits(QueryFixture& f, unsigned seed) {
  f.Rows("UNWIND range(1, 40) AS i CREATE (:Person {id: i, name: 'p' + toString(i)})");
  f.Rows("UNWIND range(1, 60) AS i CREATE (:Song {id: 1000 + i, title: 't' + toString(i)})");
  f.Rows("UNWIND range(1, 10) AS i CREATE (:Sample {id: 2000 + i})");
  f.Rows("CREATE (:Person {id: 3.0}), (:Person {id: '7'}), (:Person {id: [1, 2]}), (:Person)");
  std::string credits = "UNWIND $pairs AS pr MATCH (p:Person {id: pr[0]}), (s:Song {id: pr[1]}) "
                        "CREATE (p)-[:CREDITED {role: 'x'}]->(s)";
  QList pairs;
  std::mt19937 rng(seed);
  for (int i = 0; i < 220; ++i) {
    int p = i < 30 ? 1 + (i % 3) : 1 + static_cast<int>(rng() % 40);  // persons 1-3 are hubs
    pairs.push_back(QValue(QList{QValue(int64_t{p}), QValue(static_cast<int64_t>(1001 + rng() % 60))}));
  }
  f.Rows(credits, {{"pairs", QValue(pairs)}});
  f.Rows("MATCH (x:Sample), (s:Song) WHERE s.id % 10 = x.id % 10 AND s.id % 3 = 0 "
         "CREATE (s)-[:HAS_SAMPLE]->(x)");
  f.Rows("MATCH (x:Sample), (s:Song) WHERE s.id % 10 = (x.id + 1) % 10 AND s.id % 4 = 0 "
         "CREATE (x)-[:SAMPLES]->(s)");
  f.Rows("MATCH (p:Person) WHERE p.id IS NULL OR NOT p.id IN range(4, 40) "
         "MATCH (s:Song) WHERE s.id IN [1001, 1002, 1003] CREATE (p)-[:CREDITED]->(s)");
}

TEST_CASE("benchmark-shaped queries give the same rows with and without the read caches",
          "[query]") {
  OpenOptions off;
  off.adjacency_cache = false;
  QueryFixture plain(off), cached;
  const unsigned seed = GENERATE(1u, 2u, 3u);
  BuildCredits(plain, seed);
  BuildCredits(cached, seed);
  REQUIRE(cached.db().WarmCaches().ok());
  REQUIRE(cached.db().cache_info().adjacency_ready);
  const std::vector<std::string> queries = {
      "MATCH (p:Person) WHERE p.name = $name RETURN p.id AS id",
      "MATCH (p:Person {id: $pid})-[:CREDITED]->(s:Song) RETURN DISTINCT s.id AS id ORDER BY id",
      "MATCH (p:Person {id: $pid})-[:CREDITED]->(:Song)<-[:CREDITED]-(q:Person) "
      "WHERE q.id <> $pid RETURN DISTINCT q.id AS id ORDER BY id",
      "MATCH (p:Person {id: $pid})-[:CREDITED]->(:Song)-[:HAS_SAMPLE]->(:Sample)-[:SAMPLES]->"
      "(:Song)<-[:CREDITED]-(q:Person) WHERE q.id <> $pid RETURN q.id AS id UNION "
      "MATCH (p:Person {id: $pid})-[:CREDITED]->(:Song)<-[:SAMPLES]-(:Sample)<-[:HAS_SAMPLE]-"
      "(:Song)<-[:CREDITED]-(q:Person) WHERE q.id <> $pid RETURN q.id AS id",
      "MATCH (p:Person {id: $pid})-[:CREDITED]->(:Song)<-[:CREDITED]-(c:Person) "
      "WHERE c.id <> $pid WITH DISTINCT c "
      "MATCH (c)-[:CREDITED]->(:Song)<-[:CREDITED]-(q:Person) "
      "WHERE q.id <> $pid AND q.id <> c.id RETURN count(DISTINCT q.id) AS n",
      "MATCH (p:Person {id: $pid})-[:CREDITED]->(:Song)<-[:CREDITED]-(c:Person) "
      "WHERE c.id <> $pid WITH collect(DISTINCT c.id) AS direct UNWIND direct AS cid "
      "MATCH (c:Person {id: cid})-[:CREDITED]->(:Song)<-[:CREDITED]-(q:Person) "
      "WHERE q.id <> $pid AND q.id <> cid AND NOT q.id IN direct "
      "RETURN q.id AS id, count(DISTINCT cid) AS score ORDER BY score DESC, id ASC LIMIT 10",
      "MATCH (p:Person {id: $pid}) RETURN p.id, p.name",
      "MATCH (p:Person)-[:CREDITED]->(s:Song) WHERE p.id = $pid OR p.id IS NULL "
      "RETURN p.id, count(*) ORDER BY toString(p.id)",
      "MATCH (p:Person) WHERE p.id = $pid RETURN count(p)",
  };
  for (const QValue& pid : {QValue(int64_t{1}), QValue(int64_t{2}), QValue(int64_t{3}),
                            QValue(int64_t{7}), QValue(3.0), QValue("7"), QValue(int64_t{17}),
                            QValue(int64_t{99})}) {
    Params params{{"pid", pid}, {"name", QValue("p" + pid.ToCypherString())}};
    for (const std::string& q : queries) {
      INFO(q << " with $pid = " << pid.ToCypherString());
      CHECK(cached.Rows(q, params) == plain.Rows(q, params));
    }
  }
  // Person 3 is found by 3 and by 3.0 (Cypher equality); '7' only by the string.
  CHECK(cached.One("MATCH (p:Person {id: 3}) RETURN count(p)") == "2");
  CHECK(cached.One("MATCH (p:Person {id: '7'}) RETURN count(p)") == "1");
}

}  // namespace liner::query::testing

namespace liner::query::testing {

static std::string PlanOf(QueryFixture& f, const std::string& q) {
  std::string plan;
  for (const auto& line : f.Rows("EXPLAIN " + q)) plan += line + "\n";
  return plan;
}

// Random multigraph with self-loops and parallel edges of two types, labels A and B.
static void BuildRandomGraph(QueryFixture& f, unsigned seed) {
  std::mt19937 rng(seed);
  f.Rows("UNWIND range(0, 29) AS i CREATE (:N {id: i})");
  f.Rows("MATCH (n:N) WHERE n.id % 3 = 0 SET n:A");
  f.Rows("MATCH (n:N) WHERE n.id % 4 = 1 SET n:B");
  QList edges;
  for (int i = 0; i < 120; ++i) {
    int64_t a = rng() % 30, b = rng() % 30;
    if (i % 17 == 0) b = a;  // self-loops
    edges.push_back(QValue(QList{QValue(a), QValue(b), QValue(static_cast<int64_t>(rng() % 2))}));
  }
  f.Rows("UNWIND $e AS e WITH e WHERE e[2] = 0 MATCH (a:N {id: e[0]}), (b:N {id: e[1]}) "
         "CREATE (a)-[:T]->(b)", {{"e", QValue(edges)}});
  f.Rows("UNWIND $e AS e WITH e WHERE e[2] = 1 MATCH (a:N {id: e[0]}), (b:N {id: e[1]}) "
         "CREATE (a)-[:U]->(b)", {{"e", QValue(edges)}});
}

TEST_CASE("distinct ends of anonymous multi-hop chains equal the row-per-walk answers",
          "[query]") {
  QueryFixture f;
  const unsigned seed = GENERATE(1u, 2u, 3u, 4u);
  BuildRandomGraph(f, seed);
  REQUIRE(f.One("MATCH ()-[r]->() RETURN count(r)") == "120");
  // Each query with anonymous middles (folded) and the same with named ones (not folded).
  const std::vector<std::pair<std::string, std::string>> pairs = {
      {"MATCH (p:N)-[:T]->()<-[:T]-(q) RETURN DISTINCT p.id, q.id ORDER BY p.id, q.id",
       "MATCH (p:N)-[r1:T]->(m)<-[r2:T]-(q) RETURN DISTINCT p.id, q.id ORDER BY p.id, q.id"},
      {"MATCH (p:N)-[:T]->()<-[:T]-(q) RETURN DISTINCT p.id, q.id",
       "MATCH (p:N)-[r1:T]->(m)<-[r2:T]-(q) RETURN DISTINCT p.id, q.id"},
      {"MATCH (p:A)-[:T|U]-(:B)-[:U]->()-[:T]-(q:A) WHERE q.id <> p.id "
       "RETURN p.id, count(DISTINCT q.id), collect(DISTINCT q.id), min(q.id) ORDER BY p.id",
       "MATCH (p:A)-[r1:T|U]-(m1:B)-[r2:U]->(m2)-[r3:T]-(q:A) WHERE q.id <> p.id "
       "RETURN p.id, count(DISTINCT q.id), collect(DISTINCT q.id), min(q.id) ORDER BY p.id"},
      {"MATCH (p:N {id: 3})-[:T]->()-[:T]->()-[:T]->(q) RETURN count(DISTINCT q)",
       "MATCH (p:N {id: 3})-[r1:T]->(m1)-[r2:T]->(m2)-[r3:T]->(q) RETURN count(DISTINCT q)"},
      {"MATCH (p:N)-[r0:U]->(x)-[:T]->()<-[:T]-(q) RETURN DISTINCT x.id, q.id ORDER BY x.id, q.id",
       "MATCH (p:N)-[r0:U]->(x)-[r1:T]->(m)<-[r2:T]-(q) RETURN DISTINCT x.id, q.id "
       "ORDER BY x.id, q.id"},
      {"MATCH (p:N {id: 1})-[:T]-()-[:T]-(q) RETURN q.id AS id UNION "
       "MATCH (p:N {id: 2})-[:U]-()-[:U]-(q) RETURN q.id AS id",
       "MATCH (p:N {id: 1})-[r1:T]-(m)-[r2:T]-(q) RETURN q.id AS id UNION "
       "MATCH (p:N {id: 2})-[r1:U]-(m)-[r2:U]-(q) RETURN q.id AS id"},
      {"MATCH (p:N)-[:T]->()<-[:T]-(c) WITH DISTINCT p, c MATCH (c)-[:U]->()<-[:U]-(q) "
       "WHERE q <> p RETURN p.id, count(DISTINCT q.id) AS n ORDER BY p.id",
       "MATCH (p:N)-[r1:T]->(m)<-[r2:T]-(c) WITH DISTINCT p, c MATCH (c)-[r3:U]->(m2)<-[r4:U]-(q) "
       "WHERE q <> p RETURN p.id, count(DISTINCT q.id) AS n ORDER BY p.id"},
  };
  for (const auto& [folded, plain] : pairs) {
    INFO(folded);
    CHECK(PlanOf(f, folded).find("ExpandDistinctEnds") != std::string::npos);
    CHECK(PlanOf(f, plain).find("ExpandDistinctEnds") == std::string::npos);
    CHECK(f.Rows(folded) == f.Rows(plain));
  }
}

TEST_CASE("chains whose walk count or members are observable are not folded", "[query]") {
  QueryFixture f;
  BuildRandomGraph(f, 9);
  for (const std::string q : {
           "MATCH (p:N)-[:T]->()<-[:T]-(q) RETURN p.id, q.id",                   // no DISTINCT
           "MATCH (p:N)-[:T]->()<-[:T]-(q) RETURN q.id, count(*)",                // count(*)
           "MATCH (p:N)-[:T]->()<-[:T]-(q) RETURN count(q)",                      // not DISTINCT
           "MATCH x = (p:N)-[:T]->()<-[:T]-(q) RETURN DISTINCT length(x)",        // named path
           "MATCH (p:N)-[:T]->()<-[:T]-(q)-[:T]->() RETURN DISTINCT q.id",        // later uniqueness
           "MATCH (p:N)-[:T]->()<-[:T]-(q) WHERE q.id * rand() < 10 RETURN DISTINCT q.id",
           "MATCH (p:N)-[:T]->()<-[:T]-(q) WITH q LIMIT 5 RETURN DISTINCT q.id",  // LIMIT first
       }) {
    INFO(q);
    CHECK(PlanOf(f, q).find("ExpandDistinctEnds") == std::string::npos);
  }
  // Folded or not, counts of the same pattern agree.
  CHECK(f.One("MATCH (p:N)-[:T]->()<-[:T]-(q) WITH DISTINCT p, q RETURN count(*)") ==
        f.One("MATCH (p:N)-[:T]->()<-[:T]-(q) RETURN count(DISTINCT [p, q])"));
}

}  // namespace liner::query::testing

namespace liner::query::testing {

// count(DISTINCT) over chain ends fused with the filters (ChainAggregateOp) must give the rows
// of the general plan, which runs when the middle node is named (no chain, so no fusion).
TEST_CASE("count(DISTINCT) fused over chain ends equals the general plan on random graphs",
          "[query]") {
  QueryFixture f;
  const unsigned seed = GENERATE(1u, 2u, 3u);
  const bool mixed = GENERATE(false, true);
  BuildRandomGraph(f, seed);
  if (mixed) {  // ids the integer columns cannot hold, reached by the walks
    f.Rows("CREATE (:N {id: 3.0}), (:N {id: 'x'}), (:N)");
    f.Rows("MATCH (a:N), (b:N) WHERE a.id IN [1, 2, 5] AND (b.id IS NULL OR NOT b.id IN range(0, 29)) "
           "CREATE (a)-[:T]->(b), (b)-[:T]->(a)");
  }
  REQUIRE(f.db().WarmCaches().ok());
  REQUIRE(f.db().cache_info().adjacency_ready);
  const std::vector<std::pair<std::string, std::string>> pairs = {
      {"MATCH (p:N {id: $pid})-[:T]-()-[:T]-(c) WHERE c.id <> $pid WITH DISTINCT c "
       "MATCH (c)-[:T]->()<-[:T]-(q) WHERE q.id <> $pid AND q.id <> c.id "
       "RETURN count(DISTINCT q.id) AS n",
       "MATCH (p:N {id: $pid})-[:T]-()-[:T]-(c) WHERE c.id <> $pid WITH DISTINCT c "
       "MATCH (c)-[:T]->(m)<-[:T]-(q) WHERE q.id <> $pid AND q.id <> c.id "
       "RETURN count(DISTINCT q.id) AS n"},
      {"MATCH (p:N {id: $pid})-[:T]-()-[:T]-(c) WHERE c.id <> $pid "
       "WITH collect(DISTINCT c.id) AS direct UNWIND direct AS cid "
       "MATCH (c:N {id: cid})-[:T]-()-[:U]-(q) WHERE q.id <> $pid AND q.id <> cid "
       "AND NOT q.id IN direct RETURN q.id AS id, count(DISTINCT cid) AS score",
       "MATCH (p:N {id: $pid})-[:T]-()-[:T]-(c) WHERE c.id <> $pid "
       "WITH collect(DISTINCT c.id) AS direct UNWIND direct AS cid "
       "MATCH (c:N {id: cid})-[:T]-(m)-[:U]-(q) WHERE q.id <> $pid AND q.id <> cid "
       "AND NOT q.id IN direct RETURN q.id AS id, count(DISTINCT cid) AS score"},
      {"MATCH (c:N)-[:T|U]->(:A)<-[:T]-(q:N) WHERE q:B OR q.id IN [1, 4, 7, 10, 13] "
       "RETURN count(DISTINCT q) AS a, count(DISTINCT q.id) AS b",
       "MATCH (c:N)-[:T|U]->(m:A)<-[:T]-(q:N) WHERE q:B OR q.id IN [1, 4, 7, 10, 13] "
       "RETURN count(DISTINCT q) AS a, count(DISTINCT q.id) AS b"},
      {"MATCH (c:N)-[:T]->()-[:T]->(q) WHERE q.id = c.id + 1 OR q.id = $pid "
       "RETURN q.id AS k, count(DISTINCT c.id) AS n ORDER BY k",
       "MATCH (c:N)-[:T]->(m)-[:T]->(q) WHERE q.id = c.id + 1 OR q.id = $pid "
       "RETURN q.id AS k, count(DISTINCT c.id) AS n ORDER BY k"},
      {"MATCH (c:N)-[:U]-()-[:U]-(q) WHERE q.id IN [c.id, 2, 3] RETURN count(DISTINCT c.id) AS n",
       "MATCH (c:N)-[:U]-(m)-[:U]-(q) WHERE q.id IN [c.id, 2, 3] RETURN count(DISTINCT c.id) AS n"},
      {"UNWIND [1, 1, 2, $pid, 3, 3] AS cid MATCH (c:N {id: cid})-[:T]-()-[:T]-(q) "
       "WHERE q.id <> cid RETURN q.id AS k, count(DISTINCT cid) AS n",  // repeated cid values
       "UNWIND [1, 1, 2, $pid, 3, 3] AS cid MATCH (c:N {id: cid})-[:T]-(m)-[:T]-(q) "
       "WHERE q.id <> cid RETURN q.id AS k, count(DISTINCT cid) AS n"},
      {"MATCH (c:N {id: $pid})-[:T]->()-[:T]->(q) WHERE NOT q.id IN [] AND q.id <> 'x' "
       "RETURN count(DISTINCT q.id) AS n",
       "MATCH (c:N {id: $pid})-[:T]->(m)-[:T]->(q) WHERE NOT q.id IN [] AND q.id <> 'x' "
       "RETURN count(DISTINCT q.id) AS n"},
  };
  for (const auto& [fused, general] : pairs) {
    INFO(fused);
    CHECK(PlanOf(f, fused).find("ChainAggregate") != std::string::npos);
    CHECK(PlanOf(f, general).find("ChainAggregate") == std::string::npos);
    for (int64_t pid : {0, 1, 2, 5, 12, 99}) {
      INFO("$pid = " << pid);
      Params params{{"pid", QValue(pid)}};
      CHECK(f.Rows(fused, params) == f.Rows(general, params));  // same rows, same order
    }
  }
}

TEST_CASE("aggregations whose values depend on both ends are not fused", "[query]") {
  QueryFixture f;
  BuildRandomGraph(f, 5);
  for (const std::string q : {
           "MATCH (p:N)-[:T]->()<-[:T]-(q) RETURN p.id, count(DISTINCT q.id)",  // key of the input
           "MATCH (p:N)-[:T]->()<-[:T]-(q) RETURN count(DISTINCT q.id), count(DISTINCT p.id)",
           "MATCH (p:N)-[:T]->()<-[:T]-(q) RETURN count(DISTINCT q.id + p.id)",
           "MATCH (p:N)-[:T]->()<-[:T]-(q) RETURN collect(DISTINCT q.id)",
           "MATCH (p:N)-[:T]->()<-[:T]-(q) RETURN sum(DISTINCT q.id)",
           "MATCH (p:N)-[:T]->()<-[:T]-(q) RETURN q.id % 2 AS k, count(DISTINCT p.id)",
           "MATCH (p:N)-[:T]->()<-[:T]-(q) RETURN q.id AS k, q.id + 1 AS k2, count(DISTINCT p.id)",
       }) {
    INFO(q);
    CHECK(PlanOf(f, q).find("ExpandDistinctEnds") != std::string::npos);
    CHECK(PlanOf(f, q).find("ChainAggregate") == std::string::npos);
  }
}

}  // namespace liner::query::testing

#include <chrono>

#include "query/chain_aggregate_parallel.h"

namespace liner::query::testing {

// Sets the work from which ChainAggregateOp runs on two threads, for one test.
class ParallelWorkFor {
 public:
  explicit ParallelWorkFor(uint64_t entries) : old_(ParallelChainWork()) {
    SetParallelChainWork(entries);
  }
  ~ParallelWorkFor() { SetParallelChainWork(old_); }

 private:
  uint64_t old_;
};

// Random multigraph of `nodes` N nodes (labels A, B) and `edges` edges of types T and U, with
// hubs (the first nodes take a share of the edges) and, when `mixed`, ids the integer columns
// cannot hold.
static void BuildHubGraph(QueryFixture& f, unsigned seed, int nodes, int edges, bool mixed) {
  std::mt19937 rng(seed);
  f.Rows("UNWIND range(0, $n - 1) AS i CREATE (:N {id: i})", {{"n", QValue(int64_t{nodes})}});
  f.Rows("MATCH (n:N) WHERE n.id % 3 = 0 SET n:A");
  f.Rows("MATCH (n:N) WHERE n.id % 4 = 1 SET n:B");
  QList list;
  for (int i = 0; i < edges; ++i) {
    int64_t a = i % 5 == 0 ? rng() % 4 : rng() % nodes, b = rng() % nodes;
    list.push_back(QValue(QList{QValue(a), QValue(b), QValue(static_cast<int64_t>(rng() % 2))}));
  }
  for (const char* type : {"T", "U"})
    f.Rows(std::string("UNWIND $e AS e WITH e WHERE e[2] = ") + (type[0] == 'T' ? "0" : "1") +
               " MATCH (a:N {id: e[0]}), (b:N {id: e[1]}) CREATE (a)-[:" + type + "]->(b)",
           {{"e", QValue(list)}});
  if (mixed) {
    f.Rows("CREATE (:N {id: 3.0}), (:N {id: 'x'}), (:N)");
    f.Rows("MATCH (a:N), (b:N) WHERE a.id IN [1, 2, 5] AND (b.id IS NULL OR NOT b.id IN "
           "range(0, $n - 1)) CREATE (a)-[:T]->(b), (b)-[:T]->(a)",
           {{"n", QValue(int64_t{nodes})}});
  }
  REQUIRE(f.db().WarmCaches().ok());
  REQUIRE(f.db().cache_info().adjacency_ready);
}

// The same queries as the one-thread test above (fused against the general plan), on larger
// graphs with hubs, with the two-thread run forced for every execution.
TEST_CASE("count(DISTINCT) fused over chain ends on two threads equals the general plan",
          "[query]") {
  QueryFixture f;
  const unsigned seed = GENERATE(1u, 2u, 3u);
  const bool mixed = GENERATE(false, true);
  BuildHubGraph(f, seed, 120, 900, mixed);
  ParallelWorkFor force(0);
  const std::vector<std::pair<std::string, std::string>> pairs = {
      {"MATCH (p:N {id: $pid})-[:T]-()-[:T]-(c) WHERE c.id <> $pid WITH DISTINCT c "
       "MATCH (c)-[:T]->()<-[:T]-(q) WHERE q.id <> $pid AND q.id <> c.id "
       "RETURN count(DISTINCT q.id) AS n",
       "MATCH (p:N {id: $pid})-[:T]-()-[:T]-(c) WHERE c.id <> $pid WITH DISTINCT c "
       "MATCH (c)-[:T]->(m)<-[:T]-(q) WHERE q.id <> $pid AND q.id <> c.id "
       "RETURN count(DISTINCT q.id) AS n"},
      {"MATCH (p:N {id: $pid})-[:T]-()-[:T]-(c) WHERE c.id <> $pid "
       "WITH collect(DISTINCT c.id) AS direct UNWIND direct AS cid "
       "MATCH (c:N {id: cid})-[:T]-()-[:U]-(q) WHERE q.id <> $pid AND q.id <> cid "
       "AND NOT q.id IN direct RETURN q.id AS id, count(DISTINCT cid) AS score",
       "MATCH (p:N {id: $pid})-[:T]-()-[:T]-(c) WHERE c.id <> $pid "
       "WITH collect(DISTINCT c.id) AS direct UNWIND direct AS cid "
       "MATCH (c:N {id: cid})-[:T]-(m)-[:U]-(q) WHERE q.id <> $pid AND q.id <> cid "
       "AND NOT q.id IN direct RETURN q.id AS id, count(DISTINCT cid) AS score"},
      {"MATCH (p:N {id: $pid})-[:T]-()-[:T]-(c) WHERE c.id <> $pid "
       "WITH collect(DISTINCT c.id) AS direct UNWIND direct AS cid "
       "MATCH (c:N {id: cid})-[:T]-()-[:T]-(q:A) WHERE q.id <> cid AND NOT q.id IN direct "
       "RETURN count(DISTINCT cid) AS n",
       "MATCH (p:N {id: $pid})-[:T]-()-[:T]-(c) WHERE c.id <> $pid "
       "WITH collect(DISTINCT c.id) AS direct UNWIND direct AS cid "
       "MATCH (c:N {id: cid})-[:T]-(m)-[:T]-(q:A) WHERE q.id <> cid AND NOT q.id IN direct "
       "RETURN count(DISTINCT cid) AS n"},
      {"MATCH (c:N)-[:T|U]->(:A)<-[:T]-(q:N) WHERE q.id IN [1, 4, 7, 10, 13, $pid] "
       "RETURN count(DISTINCT q) AS a, count(DISTINCT q.id) AS b",
       "MATCH (c:N)-[:T|U]->(m:A)<-[:T]-(q:N) WHERE q.id IN [1, 4, 7, 10, 13, $pid] "
       "RETURN count(DISTINCT q) AS a, count(DISTINCT q.id) AS b"},
      {"MATCH (c:N)-[:U]-()-[:U]-(q) WHERE q.id IN [c.id, 2, 3] RETURN count(DISTINCT c.id) AS n",
       "MATCH (c:N)-[:U]-(m)-[:U]-(q) WHERE q.id IN [c.id, 2, 3] RETURN count(DISTINCT c.id) AS n"},
      {"MATCH (c:N)-[:T]->()-[:T]->(q) WHERE q.id = c.id + 1 OR q.id = $pid "
       "RETURN q.id AS k, count(DISTINCT c.id) AS n ORDER BY k",  // a filter on rows
       "MATCH (c:N)-[:T]->(m)-[:T]->(q) WHERE q.id = c.id + 1 OR q.id = $pid "
       "RETURN q.id AS k, count(DISTINCT c.id) AS n ORDER BY k"},
      {"UNWIND [1, 1, 2, $pid, 3, 3] AS cid MATCH (c:N {id: cid})-[:T]-()-[:T]-(q) "
       "WHERE q.id <> cid RETURN q.id AS k, count(DISTINCT cid) AS n",  // repeated cid values
       "UNWIND [1, 1, 2, $pid, 3, 3] AS cid MATCH (c:N {id: cid})-[:T]-(m)-[:T]-(q) "
       "WHERE q.id <> cid RETURN q.id AS k, count(DISTINCT cid) AS n"},
  };
  const uint64_t runs = ParallelChainRuns();
  for (const auto& [fused, general] : pairs) {
    INFO(fused);
    CHECK(PlanOf(f, fused).find("ChainAggregate") != std::string::npos);
    for (int64_t pid : {0, 1, 2, 5, 12, 99}) {
      INFO("$pid = " << pid);
      Params params{{"pid", QValue(pid)}};
      CHECK(f.Rows(fused, params) == f.Rows(general, params));  // same rows, same order
    }
  }
  if (!mixed) CHECK(ParallelChainRuns() > runs);  // with mixed ids, many give up
}

// A chain with millions of walks (every node on the same two songs) for the stop tests.
static void BuildDenseGraph(QueryFixture& f) {
  f.Rows("CREATE (:Song {id: -1}), (:Song {id: -2})");
  f.Rows("MATCH (s:Song) UNWIND range(1, 2000) AS i MERGE (p:Person {id: i}) "
         "CREATE (p)-[:CREDITED]->(s)");
  REQUIRE(f.db().WarmCaches().ok());
  REQUIRE(f.db().cache_info().adjacency_ready);
}

TEST_CASE("a timeout or a cancel stops both threads of a chain aggregation", "[query]") {
  QueryFixture f;
  BuildDenseGraph(f);
  ParallelWorkFor force(0);
  const std::string q =
      "MATCH (p:Person {id: 1})-[:CREDITED]->(:Song)<-[:CREDITED]-(c:Person) "
      "WHERE c.id <> 1 WITH collect(DISTINCT c.id) AS direct UNWIND direct AS cid "
      "MATCH (c:Person {id: cid})-[:CREDITED]->(:Song)<-[:CREDITED]-(q:Person) "
      "WHERE q.id <> cid RETURN q.id AS id, count(DISTINCT cid) AS score";
  using Clock = std::chrono::steady_clock;
  uint64_t runs = ParallelChainRuns();
  const auto t0 = Clock::now();
  CHECK(f.Rows(q).size() == 2000);  // 1999 rows, each reaching 2 x 2000 ends
  const auto full = Clock::now() - t0;
  CHECK(ParallelChainRuns() == runs + 1);
  {
    ExecOptions opts;
    opts.timeout_ms = 1;
    runs = ParallelChainRuns();
    const auto t1 = Clock::now();
    auto r = RunQuery(f.engine(), q, {}, opts);
    const auto stopped = Clock::now() - t1;
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == Status::Code::kTimeout);
    CHECK(stopped < full);
  }
  {
    // Few input rows: the statement's thread checks the flag only every few hundred steps,
    // so the walks' threads are the first to see it.
    const std::string few =
        "UNWIND [1, 2, 3] AS cid MATCH (c:Person {id: cid})-[:CREDITED]->(:Song)"
        "<-[:CREDITED]-(q:Person) WHERE q.id <> cid RETURN q.id AS id, count(DISTINCT cid) AS n";
    runs = ParallelChainRuns();
    CHECK(f.Rows(few).size() == 2000);
    CHECK(ParallelChainRuns() == runs + 1);
    std::atomic<bool> cancel{true};
    ExecOptions opts;
    opts.cancel = &cancel;
    auto r = RunQuery(f.engine(), few, {}, opts);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == Status::Code::kCancelled);
    CHECK(ParallelChainRuns() == runs + 1);  // stopped inside the walks
  }
  CHECK(f.Rows(q).size() == 2000);  // and runs again after the stops
}

}  // namespace liner::query::testing

namespace liner::query::testing {

// RETURN DISTINCT of an end node's property over chains, fused (ChainDistinctOp), must give the
// rows of the general plan (same rows, same order), which runs when a middle node is named.
TEST_CASE("DISTINCT of a chain end's property fused over the cache equals the general plan",
          "[query]") {
  OpenOptions off;
  off.adjacency_cache = false;
  QueryFixture f, plain(off);
  const unsigned seed = GENERATE(1u, 2u, 3u);
  const bool mixed = GENERATE(false, true);
  for (QueryFixture* x : {&f, &plain}) {
    BuildRandomGraph(*x, seed);
    x->Rows("MATCH (n:N) WHERE n.id % 5 <> 2 SET n.w = n.id % 7");  // w: absent on some
    if (mixed) {  // ids the integer column cannot hold, and no id at all, reached by the walks
      x->Rows("CREATE (:N:A {id: 3.0}), (:N {id: 'x'}), (:N:A)");
      x->Rows("MATCH (a:N), (b:N) WHERE a.id IN [1, 2, 5] AND "
              "(b.id IS NULL OR NOT b.id IN range(0, 29)) CREATE (a)-[:T]->(b), (b)-[:T]->(a)");
      // Without it every T edge joins two :N nodes, and the walks need not read the labels
      // of the nodes they reach (AdjacencyView::SureLabels); with it they must.
      x->Rows("MATCH (a:N) WHERE a.id IN [1, 2, 3] CREATE (a)-[:T]->(:A {id: 40})-[:T]->(a)");
    }
  }
  REQUIRE(f.db().WarmCaches().ok());
  REQUIRE(f.db().cache_info().adjacency_ready);
  const std::vector<std::pair<std::string, std::string>> pairs = {
      {"MATCH (p:N {id: $pid})-[:T]->()<-[:T]-(q:N) WHERE q.id <> $pid RETURN DISTINCT q.id AS id",
       "MATCH (p:N {id: $pid})-[:T]->(m)<-[:T]-(q:N) WHERE q.id <> $pid RETURN DISTINCT q.id AS id"},
      {"MATCH (p:N {id: $pid})-[:T|U]-(:B)-[:U]->()-[:T]-(q:A) RETURN DISTINCT q.id AS id",
       "MATCH (p:N {id: $pid})-[:T|U]-(m:B)-[:U]->(m2)-[:T]-(q:A) RETURN DISTINCT q.id AS id"},
      {"MATCH (p:N)-[:T]->()-[:T]->(q) WHERE q.id IN [1, 2, 3, 5, 8, 13, $pid] OR q.id = 'x' "
       "RETURN DISTINCT q.id AS id",
       "MATCH (p:N)-[:T]->(m)-[:T]->(q) WHERE q.id IN [1, 2, 3, 5, 8, 13, $pid] OR q.id = 'x' "
       "RETURN DISTINCT q.id AS id"},
      {"MATCH (p:N)-[:U]-()-[:T]-(q) WHERE NOT q.id IN [p.id, 4] AND toString(q.id) < '5' "
       "RETURN DISTINCT q.id AS id",
       "MATCH (p:N)-[:U]-(m)-[:T]-(q) WHERE NOT q.id IN [p.id, 4] AND toString(q.id) < '5' "
       "RETURN DISTINCT q.id AS id"},
      {"MATCH (p:A)-[:T]->()<-[:U]-(q) RETURN DISTINCT q.w AS w",  // no column: general plan
       "MATCH (p:A)-[:T]->(m)<-[:U]-(q) RETURN DISTINCT q.w AS w"},
      {"MATCH (p:N {id: $pid})-[r:U]->(x)-[:T]->()<-[:T]-(q) WHERE q.id <> x.id "
       "RETURN DISTINCT q.id AS id",  // r bound before the chain: not reused by its walks
       "MATCH (p:N {id: $pid})-[r:U]->(x)-[r1:T]->(m)<-[r2:T]-(q) WHERE q.id <> x.id "
       "RETURN DISTINCT q.id AS id"},
      {"MATCH (p:N {id: $pid})-[:T]->()-[:U]->(:A)<-[:T]-(q:N) WHERE q.id <> $pid RETURN q.id AS id "
       "UNION MATCH (p:N {id: $pid})<-[:T]-()<-[:U]-()-[:T]->(q:B) WHERE q.id <> $pid "
       "RETURN q.id AS id",
       "MATCH (p:N {id: $pid})-[:T]->(m)-[:U]->(m2:A)<-[:T]-(q:N) WHERE q.id <> $pid "
       "RETURN q.id AS id UNION MATCH (p:N {id: $pid})<-[:T]-(m)<-[:U]-(m2)-[:T]->(q:B) "
       "WHERE q.id <> $pid RETURN q.id AS id"},
      {"UNWIND [1, 1, $pid, 7] AS i MATCH (p:N {id: i})-[:T]-()-[:T]-(q:C) RETURN DISTINCT q.id AS id",
       "UNWIND [1, 1, $pid, 7] AS i MATCH (p:N {id: i})-[:T]-(m)-[:T]-(q:C) "
       "RETURN DISTINCT q.id AS id"},  // a label no node carries
  };
  for (const auto& [fused, general] : pairs) {
    INFO(fused);
    CHECK(PlanOf(f, fused).find("ChainDistinct") != std::string::npos);
    CHECK(PlanOf(f, general).find("ChainDistinct") == std::string::npos);
    for (const QValue& pid : {QValue(int64_t{0}), QValue(int64_t{1}), QValue(int64_t{2}),
                              QValue(int64_t{5}), QValue(int64_t{12}), QValue(int64_t{99}),
                              QValue(3.0), QValue("x"), QValue()}) {
      INFO("$pid = " << pid.ToCypherString());
      Params params{{"pid", pid}};
      const auto expected = f.Rows(general, params);
      CHECK(f.Rows(fused, params) == expected);  // same rows, same order
      CHECK(plain.Rows(fused, params) == expected);  // no cache: the plan below runs
    }
  }
}

TEST_CASE("DISTINCT projections of chains that are not one end property are not fused",
          "[query]") {
  QueryFixture f;
  BuildRandomGraph(f, 6);
  for (const std::string q : {
           "MATCH (p:N)-[:T]->()<-[:T]-(q) RETURN DISTINCT q.id, p.id",
           "MATCH (p:N)-[:T]->()<-[:T]-(q) RETURN DISTINCT q",
           "MATCH (p:N)-[:T]->()<-[:T]-(q) RETURN DISTINCT q.id + 1 AS k",
           "MATCH (p:N)-[:T]->()<-[:T]-(q) RETURN DISTINCT p.id",
           "MATCH (p:N)-[:T]->()<-[:T]-(q) RETURN q.id AS id UNION ALL "
           "MATCH (p:N)-[:U]->()<-[:U]-(q) RETURN q.id AS id",
           "MATCH (p:N)-[:T]->()<-[:T]-(q) RETURN q.id AS id UNION MATCH (q:N) RETURN q.id AS id",
       }) {
    INFO(q);
    CHECK(PlanOf(f, q).find("ChainDistinct") == std::string::npos);
  }
}

}  // namespace liner::query::testing
