// Shortest paths, all shortest paths, Yen's k shortest simple paths and k-hop, on hand-checked
// graphs and against brute-force enumeration on random graphs.
#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <random>
#include <set>

#include "graph/algo_paths.h"
#include "tests/graph/algo_testing.h"

namespace liner::graph {
namespace {

using testing::MakeRandomGraph;
using testing::RandomGraph;

// 1 - 2 - 4, 1 - 3 - 4 (a diamond), 4 - 5 - 6 - 7 and a long way round 1 - 8 - 9 - 7.
std::shared_ptr<const Snapshot> Diamond() {
  SnapshotBuilder b;
  for (NodeId i = 1; i <= 9; ++i) b.AddNode(i, {"Node"});
  EdgeId e = 100;
  for (auto [x, y] : std::vector<std::pair<NodeId, NodeId>>{
           {1, 3}, {1, 2}, {2, 4}, {3, 4}, {4, 5}, {5, 6}, {6, 7}, {1, 8}, {8, 9}, {9, 7}}) {
    b.AddEdge(e++, x, y, "LINK");
  }
  b.AddEdge(e++, 2, 4, "LINK");  // parallel edge 110: the path keeps the smaller id (102)
  return *b.Build();
}

TEST_CASE("the shortest path breaks ties by the smallest node ids", "[graph]") {
  auto g = Diamond();
  auto p = ShortestPath(*g, 1, 4, {});
  REQUIRE(p.ok());
  REQUIRE(p->has_value());
  CHECK((*p)->nodes == std::vector<NodeId>{1, 2, 4});
  CHECK((*p)->edges == std::vector<EdgeId>{101, 102});
  auto same = ShortestPath(*g, 5, 5, {});
  REQUIRE(same.ok());
  CHECK((*same)->nodes == std::vector<NodeId>{5});
}

TEST_CASE("all shortest paths come in node id order", "[graph]") {
  auto g = Diamond();
  auto all = AllShortestPaths(*g, 1, 5, {}, 10);
  REQUIRE(all.ok());
  REQUIRE(all->size() == 2);
  CHECK((*all)[0].nodes == std::vector<NodeId>{1, 2, 4, 5});
  CHECK((*all)[1].nodes == std::vector<NodeId>{1, 3, 4, 5});
  auto one = AllShortestPaths(*g, 1, 5, {}, 1);
  CHECK(one->size() == 1);
}

TEST_CASE("k shortest paths list simple paths by length then node ids", "[graph]") {
  auto g = Diamond();
  auto k = KShortestPaths(*g, 1, 7, 4, {});
  REQUIRE(k.ok());
  REQUIRE(k->size() == 3);  // only three simple paths exist
  CHECK((*k)[0].nodes == std::vector<NodeId>{1, 8, 9, 7});
  CHECK((*k)[1].nodes == std::vector<NodeId>{1, 2, 4, 5, 6, 7});
  CHECK((*k)[2].nodes == std::vector<NodeId>{1, 3, 4, 5, 6, 7});
}

TEST_CASE("paths honour direction, max hops and type filters", "[graph]") {
  auto g = Diamond();
  PathOptions out;
  out.projection.direction = Direction::kOut;
  CHECK(ShortestPath(*g, 1, 7, out)->has_value());
  CHECK_FALSE(ShortestPath(*g, 7, 1, out)->has_value());
  PathOptions in;
  in.projection.direction = Direction::kIn;
  CHECK(ShortestPath(*g, 7, 1, in)->has_value());
  PathOptions hops;
  hops.max_hops = 2;
  CHECK_FALSE(ShortestPath(*g, 1, 7, hops)->has_value());
  hops.max_hops = 3;
  CHECK(ShortestPath(*g, 1, 7, hops)->has_value());
  auto k = KShortestPaths(*g, 1, 7, 5, hops);
  REQUIRE(k.ok());
  CHECK(k->size() == 1);
}

TEST_CASE("k-hop lists nodes by depth then id", "[graph]") {
  auto g = Diamond();
  auto r = KHop(*g, 1, 2, {});
  REQUIRE(r.ok());
  std::vector<NodeDepth> want{{1, 0}, {2, 1}, {3, 1}, {8, 1}, {4, 2}, {9, 2}};
  CHECK(*r == want);
}

// Every simple path from a to b over the adjacency lists `adj` (no node twice), sorted by
// (length, sequence): the brute-force reference for the path algorithms.
std::vector<std::vector<int>> SimplePaths(const std::vector<std::vector<int>>& adj, int a, int b) {
  std::vector<std::vector<int>> out;
  std::vector<int> cur{a};
  std::vector<bool> on(adj.size(), false);
  on[a] = true;
  std::function<void(int)> dfs = [&](int v) {
    if (v == b) {
      out.push_back(cur);
      return;
    }
    for (int w : adj[v]) {
      if (on[w]) continue;
      on[w] = true;
      cur.push_back(w);
      dfs(w);
      cur.pop_back();
      on[w] = false;
    }
  };
  dfs(a);
  std::sort(out.begin(), out.end(), [](const auto& x, const auto& y) {
    return x.size() != y.size() ? x.size() < y.size() : x < y;
  });
  return out;
}

// Every simple path from a to b on the undirected simple graph, by (length, sequence).
std::vector<std::vector<int>> AllSimplePaths(const RandomGraph& g, int a, int b) {
  return SimplePaths(g.Undirected(), a, b);
}

std::vector<NodeId> Ids(const std::vector<int>& vs) {
  std::vector<NodeId> out;
  for (int v : vs) out.push_back(RandomGraph::Id(v));
  return out;
}

// The paths of `ref` (sorted by length) as long as its first, as snapshot ids.
std::vector<std::vector<NodeId>> ShortestOf(const std::vector<std::vector<int>>& ref) {
  std::vector<std::vector<NodeId>> out;
  for (const auto& p : ref) {
    if (p.size() == ref[0].size()) out.push_back(Ids(p));
  }
  return out;
}

template <typename Paths>
std::vector<std::vector<NodeId>> NodesOf(const Paths& paths) {
  std::vector<std::vector<NodeId>> out;
  for (const auto& p : paths) out.push_back(p.nodes);
  return out;
}

TEST_CASE("path algorithms agree with brute-force enumeration on random graphs", "[graph]") {
  for (uint64_t seed = 1; seed <= 40; ++seed) {
    RandomGraph g = MakeRandomGraph(8, 12, seed);
    for (int a = 0; a < g.n; a += 3) {
      for (int b = 1; b < g.n; b += 2) {
        if (a == b) continue;
        INFO("seed " << seed << " a " << a << " b " << b);
        auto ref = AllSimplePaths(g, a, b);
        NodeId ia = RandomGraph::Id(a), ib = RandomGraph::Id(b);
        auto sp = ShortestPath(*g.snap, ia, ib, {});
        REQUIRE(sp.ok());
        REQUIRE(sp->has_value() == !ref.empty());
        if (ref.empty()) continue;
        CHECK((*sp)->nodes == Ids(ref[0]));
        std::vector<std::vector<NodeId>> shortest = ShortestOf(ref);
        auto all = AllShortestPaths(*g.snap, ia, ib, {}, 1000);
        REQUIRE(all.ok());
        CHECK(NodesOf(*all) == shortest);
        auto k = KShortestPaths(*g.snap, ia, ib, 6, {});
        REQUIRE(k.ok());
        REQUIRE(k->size() == std::min<size_t>(6, ref.size()));
        for (size_t i = 0; i < k->size(); ++i) {
          CHECK((*k)[i].nodes == Ids(ref[i]));
          CHECK((*k)[i].edges.size() + 1 == (*k)[i].nodes.size());
        }
      }
    }
  }
}

// Directed, typed random graph: edge e has type LINK or SKIP at random. Returns the directed
// LINK-only simple adjacency beside the snapshot.
struct TypedGraph {
  std::shared_ptr<const Snapshot> snap;
  std::vector<std::vector<int>> link_out;  // sorted, no duplicates, no self loops
};

TypedGraph MakeTypedGraph(int n, int m, uint64_t seed) {
  std::mt19937_64 rng(seed);
  SnapshotBuilder b;
  for (int i = 0; i < n; ++i) b.AddNode(RandomGraph::Id(i), {"Node"});
  std::vector<std::set<int>> out(n);
  for (int e = 0; e < m; ++e) {
    int x = static_cast<int>(rng() % n), y = static_cast<int>(rng() % n);
    bool link = rng() % 3 != 0;
    b.AddEdge(1000 + e, RandomGraph::Id(x), RandomGraph::Id(y), link ? "LINK" : "SKIP");
    if (link && x != y) out[x].insert(y);
  }
  TypedGraph g;
  g.snap = *b.Build();
  for (auto& s : out) g.link_out.emplace_back(s.begin(), s.end());
  return g;
}

TEST_CASE("directed typed paths agree with brute-force enumeration on random graphs",
          "[graph]") {
  for (uint64_t seed = 1; seed <= 40; ++seed) {
    const int n = 10;
    TypedGraph g = MakeTypedGraph(n, 24, seed);
    PathOptions opt;
    opt.projection.types = {"LINK"};
    opt.projection.direction = Direction::kOut;
    for (int a = 0; a < n; a += 2) {
      for (int b = 1; b < n; b += 2) {
        INFO("seed " << seed << " a " << a << " b " << b);
        // Every directed simple LINK path a -> b by (length, sequence).
        std::vector<std::vector<int>> ref = SimplePaths(g.link_out, a, b);
        NodeId ia = RandomGraph::Id(a), ib = RandomGraph::Id(b);
        auto sp = ShortestPath(*g.snap, ia, ib, opt);
        REQUIRE(sp.ok());
        REQUIRE(sp->has_value() == !ref.empty());
        if (ref.empty()) continue;
        CHECK((*sp)->nodes == Ids(ref[0]));
        std::vector<std::vector<NodeId>> shortest = ShortestOf(ref);
        auto all = AllShortestPaths(*g.snap, ia, ib, opt, 1000);
        REQUIRE(all.ok());
        CHECK(NodesOf(*all) == shortest);
        // A limit keeps the first paths of the same order.
        auto two = AllShortestPaths(*g.snap, ia, ib, opt, 2);
        REQUIRE(two.ok());
        CHECK(two->size() == std::min<size_t>(2, shortest.size()));
        for (size_t i = 0; i < two->size(); ++i) CHECK((*two)[i].nodes == shortest[i]);
        auto k = KShortestPaths(*g.snap, ia, ib, 5, opt);
        REQUIRE(k.ok());
        REQUIRE(k->size() == std::min<size_t>(5, ref.size()));
        for (size_t i = 0; i < k->size(); ++i) CHECK((*k)[i].nodes == Ids(ref[i]));
        // max_hops cuts exactly the paths longer than it.
        PathOptions capped = opt;
        capped.max_hops = ref[0].size() - 1;
        auto at = ShortestPath(*g.snap, ia, ib, capped);
        REQUIRE(at.ok());
        CHECK(at->has_value());
        if (capped.max_hops > 1) {
          capped.max_hops -= 1;
          auto below = ShortestPath(*g.snap, ia, ib, capped);
          REQUIRE(below.ok());
          CHECK(!below->has_value());
        }
      }
    }
  }
}

TEST_CASE("k-hop agrees with a plain BFS on random graphs", "[graph]") {
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    RandomGraph g = MakeRandomGraph(30, 40, seed);
    auto adj = g.Undirected();
    std::vector<int> dist(g.n, -1);
    std::vector<int> q{0};
    dist[0] = 0;
    for (size_t i = 0; i < q.size(); ++i) {
      for (int w : adj[q[i]]) {
        if (dist[w] < 0) {
          dist[w] = dist[q[i]] + 1;
          q.push_back(w);
        }
      }
    }
    auto r = KHop(*g.snap, RandomGraph::Id(0), 3, {});
    REQUIRE(r.ok());
    size_t want = 0;
    for (int v = 0; v < g.n; ++v) want += dist[v] >= 0 && dist[v] <= 3;
    CHECK(r->size() == want);
    for (const auto& nd : *r) CHECK(dist[(nd.node - 100) / 3] == nd.depth);
  }
}

}  // namespace
}  // namespace liner::graph
