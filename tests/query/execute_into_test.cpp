// Engine::ExecuteInto reuses one cursor (operators reopened, caches and read transaction kept)
// for many runs of a statement: every run must give exactly the rows a fresh Execute gives,
// including after a commit between runs, after an error, and for write statements.
#include <random>

#include "tests/query/query_test_util.h"

namespace liner::query::testing {
namespace {

std::vector<std::string> Text(const std::vector<std::vector<QValue>>& rows) {
  std::vector<std::string> out;
  for (const auto& row : rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) line += (i ? " | " : "") + row[i].ToCypherString();
    out.push_back(line);
  }
  return out;
}

// The rows of one run through ExecuteInto (an error as its message).
std::vector<std::string> RunInto(Engine& e, const std::shared_ptr<const PreparedStatement>& stmt,
                                 const Params& params, std::unique_ptr<ResultCursor>* cursor) {
  Status st = e.ExecuteInto(stmt, params, ExecOptions(), cursor);
  if (!st.ok()) return {"error: " + st.message()};
  std::vector<std::vector<QValue>> rows;
  std::vector<QValue> row;
  while ((*cursor)->Next(&row)) rows.push_back(row);
  if (!(*cursor)->status().ok()) return {"error: " + (*cursor)->status().message()};
  return Text(rows);
}

std::vector<std::string> RunFresh(Engine& e, const std::shared_ptr<const PreparedStatement>& stmt,
                                  const Params& params) {
  auto cur = e.Execute(stmt, params);
  if (!cur.ok()) return {"error: " + cur.status().message()};
  std::vector<std::vector<QValue>> rows;
  std::vector<QValue> row;
  while ((*cur)->Next(&row)) rows.push_back(row);
  if (!(*cur)->status().ok()) return {"error: " + (*cur)->status().message()};
  return Text(rows);
}

}  // namespace

TEST_CASE("ExecuteInto gives the rows of a fresh Execute for every binding of a statement",
          "[query]") {
  QueryFixture f;
  f.Rows(
      "UNWIND range(1, 60) AS i CREATE (:Person {id: i, name: 'P' + toString(i % 7)})"
      "-[:CREDITED]->(:Song {id: 1000 + i % 9})");
  const std::vector<std::string> queries = {
      "MATCH (p:Person) WHERE p.name = $name RETURN p.id AS id ORDER BY id",
      "MATCH (p:Person {id: $pid})-[:CREDITED]->(:Song)<-[:CREDITED]-(q:Person) "
      "WHERE q.id <> $pid RETURN DISTINCT q.id AS id",
      "MATCH (p:Person {id: $pid})-[:CREDITED]->(s:Song) RETURN DISTINCT s.id AS id "
      "UNION MATCH (p:Person {id: $pid}) RETURN p.id AS id",
      "UNWIND range(1, $pid) AS x RETURN x % 3 AS k, count(*) AS n ORDER BY k",
      "MATCH (p:Person) WHERE p.id > $pid RETURN count(*) AS n",
      "MATCH (p:Person {id: $pid})-[:CREDITED]->(:Song)<-[:CREDITED]-(q:Person) "
      "WHERE q <> p RETURN count(DISTINCT q.id) AS n",
      "MATCH (p:Person {id: $pid})-[:CREDITED]->(:Song)<-[:CREDITED]-(c:Person)"
      "-[:CREDITED]->(:Song)<-[:CREDITED]-(q:Person) WHERE q <> p AND q <> c "
      "RETURN q.id AS id, count(DISTINCT c.id) AS n ORDER BY n DESC, id LIMIT 5",
  };
  std::mt19937 rng(3);
  for (const std::string& q : queries) {
    auto stmt = f.engine().Prepare(q);
    REQUIRE(stmt.ok());
    std::unique_ptr<ResultCursor> cursor;
    for (int i = 0; i < 40; ++i) {
      Params params;
      params["pid"] = QValue(static_cast<int64_t>(rng() % 70));
      params["name"] = QValue("P" + std::to_string(rng() % 9));
      INFO(q << " run " << i);
      CHECK(RunInto(f.engine(), *stmt, params, &cursor) == RunFresh(f.engine(), *stmt, params));
      if (i == 20) f.Rows("CREATE (:Person {id: 5, name: 'P5'})-[:CREDITED]->(:Song {id: 1003})");
    }
  }
}

TEST_CASE("ExecuteInto recovers from a failed run and runs write statements afresh", "[query]") {
  QueryFixture f;
  auto read = f.engine().Prepare("UNWIND [1, 2] AS x RETURN x / $d AS q");
  REQUIRE(read.ok());
  std::unique_ptr<ResultCursor> cursor;
  Params one{{"d", QValue(int64_t{1})}};
  Params zero{{"d", QValue(int64_t{0})}};
  Params missing;
  CHECK(RunInto(f.engine(), *read, one, &cursor) == std::vector<std::string>{"1", "2"});
  CHECK(RunInto(f.engine(), *read, zero, &cursor) == RunFresh(f.engine(), *read, zero));
  CHECK(RunInto(f.engine(), *read, missing, &cursor) == RunFresh(f.engine(), *read, missing));
  CHECK(RunInto(f.engine(), *read, one, &cursor) == std::vector<std::string>{"1", "2"});

  auto write = f.engine().Prepare("CREATE (n:Thing {v: $v}) RETURN n.v AS v");
  REQUIRE(write.ok());
  for (int64_t v = 0; v < 5; ++v) {
    Params p{{"v", QValue(v)}};
    CHECK(RunInto(f.engine(), *write, p, &cursor) == std::vector<std::string>{std::to_string(v)});
  }
  CHECK(f.One("MATCH (n:Thing) RETURN count(*)") == "5");
  // Back to the read statement on the same cursor variable.
  CHECK(RunInto(f.engine(), *read, one, &cursor) == std::vector<std::string>{"1", "2"});
}

}  // namespace liner::query::testing
