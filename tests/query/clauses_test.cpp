#include "tests/query/query_test_util.h"

namespace liner::query::testing {
namespace {

// A tiny music graph: two people credited on songs, one song sampling another.
void Seed(QueryFixture& f) {
  f.Rows(
      "CREATE (a:Person {id: 1, name: 'Ann'}), (b:Person {id: 2, name: 'Bob'}), "
      "(c:Person {id: 3, name: 'Cid'}), "
      "(s1:Song {id: 10, title: 'One'}), (s2:Song {id: 11, title: 'Two'}), "
      "(x:Sample {id: 20}), "
      "(a)-[:CREDITED {role: 'writer'}]->(s1), (b)-[:CREDITED {role: 'producer'}]->(s1), "
      "(c)-[:CREDITED {role: 'writer'}]->(s2), "
      "(s1)-[:HAS_SAMPLE]->(x), (x)-[:SAMPLES]->(s2)");
}

}  // namespace

TEST_CASE("MATCH with labels, properties, directions and WHERE", "[query]") {
  QueryFixture f;
  Seed(f);
  CHECK(f.Rows("MATCH (p:Person) RETURN p.name ORDER BY p.name") ==
        std::vector<std::string>{"'Ann'", "'Bob'", "'Cid'"});
  CHECK(f.One("MATCH (p:Person {name: 'Ann'})-[:CREDITED]->(s) RETURN s.title") == "'One'");
  CHECK(f.One("MATCH (s:Song)<-[r:CREDITED]-(p) WHERE r.role = 'producer' RETURN p.name") ==
        "'Bob'");
  CHECK(f.Rows("MATCH (a:Person)-[:CREDITED]->(:Song)<-[:CREDITED]-(b) "
               "RETURN a.name, b.name ORDER BY a.name") ==
        std::vector<std::string>{"'Ann' | 'Bob'", "'Bob' | 'Ann'"});
  CHECK(f.One("MATCH (n) RETURN count(n)") == "6");
  CHECK(f.One("MATCH ()-[r]->() RETURN count(r)") == "5");
  CHECK(f.One("MATCH (a)-[:CREDITED|HAS_SAMPLE]->(b) RETURN count(*)") == "4");
}

TEST_CASE("a returned node carries its labels and properties", "[query]") {
  QueryFixture f;
  Seed(f);
  CHECK(f.One("MATCH (p:Person {id: 1}) RETURN p") == "(:Person {id: 1, name: 'Ann'})");
  CHECK(f.One("MATCH (:Person {id: 1})-[r]->() RETURN r") == "[:CREDITED {role: 'writer'}]");
}

TEST_CASE("variable-length paths and named paths", "[query]") {
  QueryFixture f;
  Seed(f);
  CHECK(f.One("MATCH (a:Person {id: 1})-[*1..4]->(s:Song {id: 11}) RETURN count(*)") == "1");
  CHECK(f.One("MATCH p = (a:Person {id: 1})-[*]->(s:Song {id: 11}) RETURN length(p)") == "3");
  CHECK(f.One("MATCH p = (a:Person {id: 1})-[:CREDITED]->(s) RETURN p") ==
        "<(:Person {id: 1, name: 'Ann'})-[:CREDITED {role: 'writer'}]->(:Song {id: 10, title: 'One'})>");
  CHECK(f.One("MATCH (a {id: 3})<-[*0..1]-(b) RETURN count(b)") == "1");
}

TEST_CASE("shortestPath honours types, direction and predicates", "[query]") {
  QueryFixture f;
  Seed(f);
  CHECK(f.One("MATCH (a:Person {id: 1}), (b:Person {id: 3}) "
              "MATCH p = shortestPath((a)-[*]-(b)) RETURN length(p)") == "4");
  CHECK(f.Rows("MATCH (a:Person {id: 1}), (b:Person {id: 3}) "
               "MATCH p = shortestPath((a)-[:CREDITED*]-(b)) RETURN length(p)")
            .empty());
  CHECK(f.One("MATCH (a:Person {id: 1}), (b:Person {id: 2}) "
              "MATCH p = allShortestPaths((a)-[:CREDITED*]-(b)) RETURN count(p)") == "1");
  CHECK(f.Rows("MATCH (a:Person {id: 1}), (b:Person {id: 3}) "
               "MATCH p = shortestPath((a)-[*]-(b)) "
               "WHERE none(r IN relationships(p) WHERE type(r) = 'SAMPLES') RETURN p")
            .empty());
}

TEST_CASE("OPTIONAL MATCH yields nulls when nothing matches", "[query]") {
  QueryFixture f;
  Seed(f);
  CHECK(f.Rows("MATCH (p:Person) OPTIONAL MATCH (p)-[:CREDITED]->(s:Song {id: 11}) "
               "RETURN p.name, s.title ORDER BY p.name") ==
        std::vector<std::string>{"'Ann' | null", "'Bob' | null", "'Cid' | 'Two'"});
}

TEST_CASE("WITH, aggregation, DISTINCT, ORDER BY, SKIP and LIMIT", "[query]") {
  QueryFixture f;
  Seed(f);
  CHECK(f.Rows("MATCH (p:Person)-[r:CREDITED]->() RETURN r.role AS role, count(*) AS n "
               "ORDER BY n DESC, role") ==
        std::vector<std::string>{"'writer' | 2", "'producer' | 1"});
  CHECK(f.One("MATCH (p:Person) WITH p ORDER BY p.name DESC LIMIT 1 RETURN p.name") == "'Cid'");
  CHECK(f.One("MATCH (p:Person) RETURN collect(p.name)") == "['Ann', 'Bob', 'Cid']");
  CHECK(f.Rows("MATCH (p:Person) RETURN p.name ORDER BY p.name SKIP 1 LIMIT 1") ==
        std::vector<std::string>{"'Bob'"});
  CHECK(f.Rows("UNWIND [1, 1, 2] AS x RETURN DISTINCT x") == std::vector<std::string>{"1", "2"});
  CHECK(f.One("UNWIND [1, 2, 3, null] AS x RETURN sum(x), avg(x), min(x), max(x), count(x)") ==
        "6 | 2.0 | 1 | 3 | 3");
  CHECK(f.One("UNWIND [1, 1, 2] AS x RETURN count(DISTINCT x)") == "2");
  CHECK(f.One("MATCH (n:Nothing) RETURN count(n)") == "0");
  CHECK(f.Rows("MATCH (p:Person) WITH p.name AS name WHERE name > 'Ann' RETURN name ORDER BY name") ==
        std::vector<std::string>{"'Bob'", "'Cid'"});
}

TEST_CASE("UNION removes duplicates, UNION ALL keeps them", "[query]") {
  QueryFixture f;
  CHECK(f.Rows("RETURN 1 AS x UNION RETURN 1 AS x").size() == 1);
  CHECK(f.Rows("RETURN 1 AS x UNION ALL RETURN 1 AS x").size() == 2);
  CHECK(ErrorDetail(f.Error("RETURN 1 AS x UNION RETURN 2 AS y")) == "DifferentColumnsInUnion");
}

TEST_CASE("CREATE, SET, REMOVE and DELETE change the graph", "[query]") {
  QueryFixture f;
  auto r = RunQuery(f.engine(), "CREATE (a:A {x: 1})-[:T {w: 2}]->(b:B) RETURN a.x");
  REQUIRE(r.ok());
  CHECK(r->stats.nodes_created == 2);
  CHECK(r->stats.relationships_created == 1);
  CHECK(r->stats.properties_set == 2);
  f.Rows("MATCH (a:A) SET a.y = 'new', a:Extra");
  CHECK(f.One("MATCH (a:A) RETURN a") == "(:A:Extra {x: 1, y: 'new'})");
  f.Rows("MATCH (a:A) SET a += {z: true} REMOVE a.x, a:Extra");
  CHECK(f.One("MATCH (a:A) RETURN a") == "(:A {y: 'new', z: true})");
  f.Rows("MATCH (a:A) SET a = {only: 1}");
  CHECK(f.One("MATCH (a:A) RETURN properties(a)") == "{only: 1}");
  CHECK(ErrorDetail(f.Error("MATCH (a:A) DELETE a")) == "DeleteConnectedNode");
  f.Rows("MATCH (a:A) DETACH DELETE a");
  CHECK(f.One("MATCH (n) RETURN count(n)") == "1");
  f.Rows("MATCH (n) DELETE n");
  CHECK(f.One("MATCH (n) RETURN count(n)") == "0");
}

TEST_CASE("MERGE matches or creates, with ON CREATE and ON MATCH", "[query]") {
  QueryFixture f;
  f.Rows("MERGE (a:P {name: 'x'}) ON CREATE SET a.created = true");
  f.Rows("MERGE (a:P {name: 'x'}) ON MATCH SET a.matched = true");
  CHECK(f.One("MATCH (a:P) RETURN a") == "(:P {created: true, matched: true, name: 'x'})");
  f.Rows("MATCH (a:P) MERGE (a)-[:R]->(b:Q {k: 1})");
  f.Rows("MATCH (a:P) MERGE (a)-[:R]->(b:Q {k: 1})");
  CHECK(f.One("MATCH ()-[r:R]->() RETURN count(r)") == "1");
  f.Rows("UNWIND [1, 2, 1] AS k MERGE (:K {k: k})");
  CHECK(f.One("MATCH (n:K) RETURN count(n)") == "2");
}

TEST_CASE("a failing statement leaves nothing behind", "[query]") {
  QueryFixture f;
  auto s = f.Error("CREATE (:A) WITH 1 AS x RETURN 1 / 0");
  CHECK(ErrorClass(s) == "ArithmeticError");
  CHECK(f.One("MATCH (n) RETURN count(n)") == "0");
  {
    // Destroying a cursor before the end rolls back.
    auto cur = f.engine().Execute("UNWIND [1, 2] AS x CREATE (:B) RETURN x");
    REQUIRE(cur.ok());
    std::vector<QValue> row;
    CHECK((*cur)->Next(&row));
  }
  CHECK(f.One("MATCH (n) RETURN count(n)") == "0");
}

TEST_CASE("CALL of built-in procedures", "[query]") {
  QueryFixture f;
  f.Rows("CREATE (:A)-[:T {k: 1}]->(:B)");
  CHECK(f.Rows("CALL db.labels()") == std::vector<std::string>{"'A'", "'B'"});
  CHECK(f.Rows("CALL db.relationshipTypes() YIELD relationshipType AS t RETURN t") ==
        std::vector<std::string>{"'T'"});
  CHECK(ErrorDetail(f.Error("CALL no.such()")) == "ProcedureNotFound");
}

TEST_CASE("syntax errors give line, column and a caret", "[query]") {
  QueryFixture f;
  Status s = f.Error("MATCH (a:Person RETURN a");
  CHECK(ErrorClass(s) == "SyntaxError");
  CHECK(s.message().find("line 1, column 17: expected ')' to close the node pattern") !=
        std::string::npos);
  CHECK(s.message().find("\n                  ^") != std::string::npos);
  CHECK(ErrorDetail(f.Error("RETURN x")) == "UndefinedVariable");
  CHECK(ErrorDetail(f.Error("MATCH (n) RETURN foo(n)")) == "UnknownFunction");
  CHECK(ErrorDetail(f.Error("CREATE (a)-[:A|B]->(b)")) == "NoSingleRelationshipType");
}

TEST_CASE("a timeout stops a long query", "[query]") {
  QueryFixture f;
  ExecOptions opts;
  opts.timeout_ms = 50;
  auto r = RunQuery(f.engine(),
                    "UNWIND range(1, 100000000) AS x WITH x WHERE x < 0 RETURN count(*)", {}, opts);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Status::Code::kTimeout);
}

TEST_CASE("a cancel flag stops a running query", "[query]") {
  QueryFixture f;
  std::atomic<bool> cancel{true};
  ExecOptions opts;
  opts.cancel = &cancel;
  auto r = RunQuery(f.engine(), "UNWIND range(1, 10000000) AS x RETURN count(*)", {}, opts);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Status::Code::kCancelled);
}

TEST_CASE("variable-length expansion stops at the configured limit", "[query]") {
  QueryFixture f;
  f.Rows("UNWIND range(1, 30) AS i CREATE (:N {i: i})");
  f.Rows("MATCH (a:N), (b:N) WHERE a.i <> b.i CREATE (a)-[:E]->(b)");
  ExecOptions opts;
  opts.max_expansion = 10000;
  auto r = RunQuery(f.engine(), "MATCH (a:N {i: 1})-[:E*]->(b) RETURN count(*)", {}, opts);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Status::Code::kLimitExceeded);
}

TEST_CASE("prepared statements run again with new parameters", "[query]") {
  QueryFixture f;
  Seed(f);
  auto stmt = f.engine().Prepare("MATCH (p:Person {id: $id}) RETURN p.name");
  REQUIRE(stmt.ok());
  for (auto [id, name] : std::vector<std::pair<int, std::string>>{{1, "Ann"}, {3, "Cid"}}) {
    auto cur = f.engine().Execute(*stmt, {{"id", QValue(id)}});
    REQUIRE(cur.ok());
    std::vector<QValue> row;
    REQUIRE((*cur)->Next(&row));
    CHECK(row[0].as_string() == name);
  }
  CHECK((*stmt)->PlanString().find("NodeIndexSeek") != std::string::npos);
}

TEST_CASE("EXPLAIN shows the plan without running it", "[query]") {
  QueryFixture f;
  auto rows = f.Rows("EXPLAIN MATCH (p:Person) WHERE p.name = 'Ann' RETURN p");
  REQUIRE_FALSE(rows.empty());
  bool seek = false;
  for (auto& r : rows) seek |= r.find("NodeByNameSeek") != std::string::npos;
  CHECK(seek);
}

}  // namespace liner::query::testing

namespace liner::query::testing {

TEST_CASE("Kuzu's [* SHORTEST lo..hi] and [* ALL SHORTEST lo..hi] are shortest paths", "[query]") {
  QueryFixture f;
  f.Rows("CREATE (a:P {id: 1})-[:C]->(:S)<-[:C]-(b:P {id: 2}), (a)-[:C]->(:S)<-[:C]-(b), "
         "(b)-[:C]->(:S)<-[:C]-(:P {id: 3})");
  CHECK(f.One("MATCH p = (a:P)-[:C* SHORTEST 1..12]-(b:P) WHERE a.id = 1 AND b.id = 3 "
              "RETURN length(p)") == "4");
  CHECK(f.One("MATCH p = (a:P)-[:C* ALL SHORTEST 1..12]-(b:P) WHERE a.id = 1 AND b.id = 3 "
              "RETURN count(p)") == "2");
  CHECK(f.Rows("MATCH p = (a:P)-[:C* SHORTEST 1..3]-(b:P) WHERE a.id = 1 AND b.id = 3 "
               "RETURN p")
            .empty());
  CHECK(ErrorClass(f.Error("MATCH (a)-[:C* SHORTEST]->()-->(b) RETURN a")) == "SyntaxError");
}

TEST_CASE("a path predicate that no shortest path satisfies stops at the expansion limit",
          "[query]") {
  QueryFixture f;
  // Six nodes, all linked: trails between two of them are many, the shortest is one hop.
  f.Rows("UNWIND range(1, 6) AS i CREATE (:K {id: i})");
  f.Rows("MATCH (a:K), (b:K) WHERE a.id < b.id CREATE (a)-[:E]->(b)");
  ExecOptions options;
  options.max_expansion = 20000;
  auto r = RunQuery(f.engine(),
                    "MATCH (a:K {id: 1}), (b:K {id: 2}) MATCH p = shortestPath((a)-[*]-(b)) "
                    "WHERE length(p) > 40 RETURN p",
                    {}, options);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message().find("visited more than 20000") != std::string::npos);
  auto ok = RunQuery(f.engine(),
                     "MATCH (a:K {id: 1}), (b:K {id: 2}) MATCH p = shortestPath((a)-[*]-(b)) "
                     "WHERE length(p) > 5 RETURN length(p) AS n",
                     {}, options);
  REQUIRE(ok.ok());
  REQUIRE(ok->rows.size() == 1);
  CHECK(ok->rows[0][0].ToCypherString() == "6");
}

}  // namespace liner::query::testing
