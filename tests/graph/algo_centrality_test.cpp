// PageRank, personalized PageRank, betweenness, components and degree: hand-checked graphs and
// brute-force references on random graphs.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>

#include "graph/algo_centrality.h"
#include "tests/graph/algo_testing.h"

namespace liner::graph {
namespace {

using testing::MakeRandomGraph;
using testing::RandomGraph;

std::map<NodeId, double> ToMap(const std::vector<NodeScore>& v) {
  std::map<NodeId, double> m;
  for (const auto& s : v) m[s.node] = s.score;
  return m;
}

// Dense reference: PageRank on the undirected multigraph (each edge both ways, self loops
// twice), dangling mass spread uniformly, iterated to convergence.
std::vector<double> ReferencePageRank(const RandomGraph& g, double d, int iterations) {
  std::vector<std::vector<int>> out(g.n);
  for (auto [a, b] : g.edges) {
    out[a].push_back(b);
    out[b].push_back(a);
  }
  std::vector<double> r(g.n, 1.0 / g.n);
  for (int it = 0; it < iterations; ++it) {
    std::vector<double> next(g.n, 0.0);
    double dangling = 0;
    for (int v = 0; v < g.n; ++v) {
      if (out[v].empty()) dangling += r[v];
      for (int u : out[v]) next[u] += r[v] / out[v].size();
    }
    for (int v = 0; v < g.n; ++v) next[v] = d * (next[v] + dangling / g.n) + (1 - d) / g.n;
    r = next;
  }
  return r;
}

TEST_CASE("PageRank matches a dense reference on random graphs", "[graph]") {
  for (uint64_t seed = 1; seed <= 10; ++seed) {
    RandomGraph g = MakeRandomGraph(40, 70, seed);
    PageRankOptions o;
    o.iterations = 100;
    auto pr = PageRank(*g.snap, o);
    REQUIRE(pr.ok());
    auto ref = ReferencePageRank(g, 0.85, 300);
    auto m = ToMap(*pr);
    double sum = 0;
    for (int v = 0; v < g.n; ++v) {
      CHECK(std::fabs(m[RandomGraph::Id(v)] - ref[v]) < 1e-6);
      sum += m[RandomGraph::Id(v)];
    }
    CHECK(std::fabs(sum - 1) < 1e-9);
  }
}

TEST_CASE("PageRank ranks a star's centre first and orders ties by node id", "[graph]") {
  SnapshotBuilder b;
  for (NodeId i = 1; i <= 5; ++i) b.AddNode(i, {"Person"});
  for (NodeId i = 2; i <= 5; ++i) b.AddEdge(i, 1, i, "LINK");
  auto snap = *b.Build();
  auto pr = PageRank(*snap, {});
  REQUIRE(pr.ok());
  REQUIRE(pr->size() == 5);
  CHECK((*pr)[0].node == 1);
  CHECK((*pr)[1].node == 2);
  CHECK((*pr)[4].node == 5);
  CHECK((*pr)[1].score == (*pr)[4].score);
  PageRankOptions bad;
  bad.damping = 1.5;
  CHECK(PageRank(*snap, bad).status().message().find("damping") != std::string::npos);
}

TEST_CASE("PageRank with a limit keeps the head of the full ranking, ties by node id",
          "[graph]") {
  for (uint64_t seed = 1; seed <= 10; ++seed) {
    RandomGraph g = MakeRandomGraph(40, 50, seed);  // sparse: isolated nodes tie
    PageRankOptions all;
    auto full = PageRank(*g.snap, all);
    REQUIRE(full.ok());
    for (size_t k : {size_t{1}, size_t{5}, size_t{39}}) {
      PageRankOptions o;
      o.limit = k;
      auto top = PageRank(*g.snap, o);
      REQUIRE(top.ok());
      REQUIRE(top->size() == k);
      for (size_t i = 0; i < k; ++i) {
        CHECK((*top)[i].node == (*full)[i].node);
        CHECK((*top)[i].score == (*full)[i].score);
      }
    }
  }
}

TEST_CASE("personalized PageRank stays in the seed's component", "[graph]") {
  SnapshotBuilder b;
  for (NodeId i = 1; i <= 6; ++i) b.AddNode(i, {"Person"});
  b.AddEdge(1, 1, 2, "LINK");
  b.AddEdge(2, 2, 3, "LINK");
  b.AddEdge(3, 4, 5, "LINK");
  b.AddEdge(4, 5, 6, "LINK");
  auto snap = *b.Build();
  PageRankOptions o;
  o.iterations = 300;
  o.tolerance = 1e-14;
  auto pr = PersonalizedPageRank(*snap, {1}, o);
  REQUIRE(pr.ok());
  auto m = ToMap(*pr);
  // r1 = 0.15 + 0.85 r2/2, r2 = 0.85 (r1 + r3), r3 = 0.85 r2/2  =>  r2 = 1.3307 r1.
  CHECK(m[2] / m[1] == Approx(0.85 / (1 - 0.85 * 0.425)));
  CHECK(m[1] > m[3]);
  CHECK(m[4] == 0);
  CHECK(m[6] == 0);
  CHECK_FALSE(PersonalizedPageRank(*snap, {42}, {}).ok());
}

// Brute force: for every pair s<t, the fraction of shortest s-t paths through v.
std::vector<double> ReferenceBetweenness(const RandomGraph& g) {
  auto adj = g.Undirected();
  int n = g.n;
  std::vector<std::vector<int>> dist(n, std::vector<int>(n, -1));
  std::vector<std::vector<double>> sigma(n, std::vector<double>(n, 0));
  for (int s = 0; s < n; ++s) {
    std::vector<int> q{s};
    dist[s][s] = 0;
    sigma[s][s] = 1;
    for (size_t i = 0; i < q.size(); ++i) {
      int v = q[i];
      for (int w : adj[v]) {
        if (dist[s][w] < 0) {
          dist[s][w] = dist[s][v] + 1;
          q.push_back(w);
        }
        if (dist[s][w] == dist[s][v] + 1) sigma[s][w] += sigma[s][v];
      }
    }
  }
  std::vector<double> bc(n, 0);
  for (int s = 0; s < n; ++s) {
    for (int t = s + 1; t < n; ++t) {
      if (dist[s][t] < 0) continue;
      for (int v = 0; v < n; ++v) {
        if (v == s || v == t || dist[s][v] < 0 || dist[v][t] < 0) continue;
        if (dist[s][v] + dist[v][t] == dist[s][t]) {
          bc[v] += sigma[s][v] * sigma[v][t] / sigma[s][t];
        }
      }
    }
  }
  return bc;
}

TEST_CASE("exact betweenness matches brute force on random graphs", "[graph]") {
  for (uint64_t seed = 1; seed <= 15; ++seed) {
    RandomGraph g = MakeRandomGraph(25, 40, seed);
    auto bc = Betweenness(*g.snap, {});
    REQUIRE(bc.ok());
    auto ref = ReferenceBetweenness(g);
    auto m = ToMap(*bc);
    for (int v = 0; v < g.n; ++v) CHECK(std::fabs(m[RandomGraph::Id(v)] - ref[v]) < 1e-9);
  }
}

TEST_CASE("sampled betweenness is deterministic for a seed", "[graph]") {
  RandomGraph g = MakeRandomGraph(200, 400, 7);
  BetweennessOptions o;
  o.samples = 20;
  auto a = Betweenness(*g.snap, o);
  auto b = Betweenness(*g.snap, o);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  for (size_t i = 0; i < a->size(); ++i) {
    CHECK((*a)[i].node == (*b)[i].node);
    CHECK((*a)[i].score == (*b)[i].score);
  }
}

TEST_CASE("betweenness of a path's middle node counts each pair once", "[graph]") {
  SnapshotBuilder b;
  for (NodeId i = 1; i <= 3; ++i) b.AddNode(i, {"Person"});
  b.AddEdge(1, 1, 2, "LINK");
  b.AddEdge(2, 2, 3, "LINK");
  auto bc = Betweenness(**b.Build(), {});
  REQUIRE(bc.ok());
  CHECK((*bc)[0].node == 2);
  CHECK((*bc)[0].score == 1.0);
}

TEST_CASE("components are labelled by their smallest node id", "[graph]") {
  for (uint64_t seed = 1; seed <= 15; ++seed) {
    RandomGraph g = MakeRandomGraph(50, 35, seed);
    auto adj = g.Undirected();
    std::vector<int> comp(g.n, -1);
    for (int s = 0; s < g.n; ++s) {
      if (comp[s] >= 0) continue;
      std::vector<int> q{s};
      comp[s] = s;
      for (size_t i = 0; i < q.size(); ++i) {
        for (int w : adj[q[i]]) {
          if (comp[w] < 0) {
            comp[w] = s;
            q.push_back(w);
          }
        }
      }
    }
    auto c = Components(*g.snap, {});
    REQUIRE(c.ok());
    REQUIRE(c->size() == static_cast<size_t>(g.n));
    for (int v = 0; v < g.n; ++v) {
      CHECK((*c)[v].node == RandomGraph::Id(v));
      CHECK((*c)[v].component == RandomGraph::Id(comp[v]));
    }
  }
}

TEST_CASE("degree counts projected edges and only projected nodes", "[graph]") {
  SnapshotBuilder b;
  b.AddNode(1, {"Person"});
  b.AddNode(2, {"Song"});
  b.AddNode(3, {"Song"});
  b.AddEdge(1, 1, 2, "CREDITED", "producer");
  b.AddEdge(2, 1, 3, "CREDITED", "mastering");
  auto snap = *b.Build();
  Projection p;
  p.categories = {"production"};
  p.labels = {"Person", "Song"};
  auto d = Degree(*snap, p);
  REQUIRE(d.ok());
  CHECK(ToMap(*d) == std::map<NodeId, double>{{1, 1.0}, {2, 1.0}, {3, 0.0}});
  p.labels = {"Person"};
  auto only = Degree(*snap, p);
  CHECK(ToMap(*only) == std::map<NodeId, double>{{1, 0.0}});
}

}  // namespace
}  // namespace liner::graph
