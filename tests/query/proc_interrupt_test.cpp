// The statement's time limit and cancel flag reach the liner.* procedures: a whole-graph
// computation that would run for seconds stops with Timeout / Cancelled instead.
#include <atomic>
#include <chrono>
#include <random>

#include "graph/snapshot_cache.h"
#include "tests/query/query_test_util.h"

namespace liner::query {
namespace {

// 3,000 nodes and 15,000 random edges: exact betweenness is 3,000 breadth-first searches
// (seconds), far beyond the limits used below.
void FillRandomGraph(Database& db) {
  auto w = db.Begin().value();
  TokenId label = w->GetOrCreateToken(TokenKind::kLabel, "N").value();
  TokenId type = w->GetOrCreateToken(TokenKind::kRelType, "E").value();
  std::vector<NodeId> nodes;
  for (int i = 0; i < 3000; ++i) nodes.push_back(w->CreateNode({label}, {}).value());
  std::mt19937_64 rng(7);
  for (int i = 0; i < 15000; ++i) {
    REQUIRE(w->CreateEdge(nodes[rng() % nodes.size()], nodes[rng() % nodes.size()], type, {}).ok());
  }
  REQUIRE(w->Commit().ok());
}

const char* kBetweenness = "CALL liner.betweenness({samples: 3000}) YIELD node, score "
                           "RETURN count(*)";

}  // namespace

TEST_CASE("the query timeout stops liner.betweenness on a big random graph quickly", "[query]") {
  testing::QueryFixture f;
  FillRandomGraph(f.db());
  ExecOptions opts;
  opts.timeout_ms = 30;
  auto t0 = std::chrono::steady_clock::now();
  auto r = RunQuery(f.engine(), kBetweenness, {}, opts);
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                  .count();
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Status::Code::kTimeout);
  CHECK(ms < 2000);  // the computation alone takes seconds; stopping is prompt
  graph::ClearSnapshotCache();
}

TEST_CASE("a set cancel flag stops liner.pagerank and liner.betweenness", "[query]") {
  testing::QueryFixture f;
  FillRandomGraph(f.db());
  std::atomic<bool> cancel{true};
  ExecOptions opts;
  opts.cancel = &cancel;
  for (const char* q : {kBetweenness,
                        "CALL liner.pagerank({iterations: 100000, tolerance: 0}) YIELD node "
                        "RETURN count(*)"}) {
    INFO(q);
    auto r = RunQuery(f.engine(), q, {}, opts);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == Status::Code::kCancelled);
  }
  graph::ClearSnapshotCache();
}

}  // namespace liner::query
