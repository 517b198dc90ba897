// Errors the planner reports before running anything (the TCK's "at compile time"), and the
// valid neighbours of each that must keep working.
#include <string>
#include <vector>

#include "tests/query/query_test_util.h"

namespace liner::query::testing {
namespace {

std::string Detail(QueryFixture& f, const std::string& q) { return ErrorDetail(f.Error(q)); }

}  // namespace

TEST_CASE("an expression next to an aggregate may reuse only simple grouping keys", "[query]") {
  QueryFixture f;
  f.Rows("CREATE (:P {age: 30})-[:K]->(:P {age: 40}), (:A {name: 'x'})<-[:F]-(:C {name: 'k'})");
  CHECK(Detail(f, "MATCH (me:P)--(you:P) RETURN me.age + you.age, me.age + you.age + count(*)") ==
        "AmbiguousAggregationExpression");
  CHECK(Detail(f, "MATCH (me:P)--(you:P) WITH me.age + you.age AS g, "
                  "me.age + you.age + count(*) AS a RETURN *") ==
        "AmbiguousAggregationExpression");
  CHECK(Detail(f, "MATCH (me:P)--(you:P) RETURN me.age + you.age, count(*) AS c "
                  "ORDER BY me.age + you.age + count(*)") == "AmbiguousAggregationExpression");
  CHECK(Detail(f, "MATCH (me:P)--(you:P) RETURN me.age + count(*)") ==
        "AmbiguousAggregationExpression");
  CHECK(f.Rows("MATCH (me:P)--(you:P) RETURN me.age, me.age + count(you.age) AS n "
               "ORDER BY me.age") == std::vector<std::string>{"30 | 31", "40 | 41"});
  CHECK(f.One("MATCH (a:A)<-[:F]-(c) RETURN a.name, {foo: a.name = 'x', kids: collect(c.name)}") ==
        "'x' | {foo: true, kids: ['k']}");
  CHECK(Detail(f, "MATCH (a:A)<-[:F]-(c) RETURN {foo: a.name = 'x', kids: collect(c.name)}") ==
        "AmbiguousAggregationExpression");
  CHECK(f.One("MATCH (me:P) RETURN me, count(*) + 1 AS n ORDER BY me.age LIMIT 1") ==
        "(:P {age: 30}) | 2");
}

TEST_CASE("aggregates and rand() are refused where they cannot be computed", "[query]") {
  QueryFixture f;
  CHECK(Detail(f, "RETURN count(rand())") == "NonConstantExpression");
  CHECK(Detail(f, "MATCH (n) RETURN [x IN [1, 2, 3] | count(*)]") == "InvalidAggregation");
  CHECK(Detail(f, "UNWIND [1, 2] AS y RETURN any(x IN [1] WHERE x = sum(y))") ==
        "InvalidAggregation");
  CHECK(f.One("UNWIND [1, 2, 3] AS y RETURN [x IN collect(y) WHERE x > 1 | x * 10]") ==
        "[20, 30]");
  CHECK(f.One("UNWIND [1, 2, 3] AS y RETURN reduce(s = sum(y), x IN collect(y) | s + x)") == "12");
}

TEST_CASE("variables are used as what they are", "[query]") {
  QueryFixture f;
  f.Rows("CREATE (:A {name: 'a'})-[:T]->(:B)-[:T]->(:C)");
  CHECK(Detail(f, "MATCH (n) WITH [n] AS users MATCH (users)-->(m) RETURN m") ==
        "VariableTypeConflict");
  CHECK(Detail(f, "MATCH (n) MATCH r = (n)-[*]->() WHERE r.name = 'apa' RETURN r") ==
        "InvalidArgumentType");
  CHECK(Detail(f, "MATCH (n) WHERE (n) RETURN n") == "InvalidArgumentType");
  CHECK(Detail(f, "MATCH (n) SET n.prop = head(nodes(head((n)-[:T]->()))).foo") ==
        "UnexpectedSyntax");
  CHECK(Detail(f, "CREATE (a:Foo) MERGE (a)-[r:KNOWS]->(a:Bar)") == "VariableAlreadyBound");
  CHECK(f.One("CREATE (a:Foo) MERGE (a)-[r:KNOWS]->(a) RETURN count(r)") == "1");
  // The relationships of a variable-length pattern are a list.
  CHECK(f.One("MATCH (:A)-[r*]->(:C) RETURN size(r)") == "2");
  CHECK(f.One("MATCH (a)-[:T|:T]->(b:B) RETURN count(*)") == "1");
}

TEST_CASE("a list of relationships from an earlier clause is matched as that exact path",
          "[query]") {
  QueryFixture f;
  f.Rows("CREATE (a:A)-[:Y]->(b:B)-[:Y]->(c:C), (a)-[:Y]->(c)");
  CHECK(f.Rows("MATCH (:A)-[r1]->(:B)-[r2]->(:C) WITH [r1, r2] AS rs "
               "MATCH (first)-[rs*]->(second) RETURN labels(first), labels(second)") ==
        std::vector<std::string>{"['A'] | ['C']"});
  CHECK(f.Rows("MATCH (x:A)-[r1]->(:B)-[r2]->(y:C) WITH [r1, r2] AS rs, x AS second, y AS first "
               "MATCH (first)-[rs*]->(second) RETURN first")
            .empty());
  CHECK(f.One("MATCH (:A)-[r*]->(:C) WITH r MATCH (a)-[r*]->(b) RETURN count(*)") == "2");
}

}  // namespace liner::query::testing
