#pragma once
// Helpers for algorithm tests: random graphs built both as a Snapshot and as a plain adjacency
// list, so a brute-force reference can be computed beside the real algorithm.

#include <memory>
#include <random>
#include <set>
#include <utility>
#include <vector>

#include "graph/snapshot.h"

namespace liner::graph::testing {

struct RandomGraph {
  int n = 0;
  std::vector<std::pair<int, int>> edges;  // directed src -> dst, node i has NodeId 100 + 3*i
  std::shared_ptr<const Snapshot> snap;

  static NodeId Id(int i) { return 100 + 3 * static_cast<NodeId>(i); }

  // Undirected simple adjacency (no self loops, no duplicates).
  std::vector<std::vector<int>> Undirected() const {
    std::vector<std::set<int>> s(n);
    for (auto [a, b] : edges) {
      if (a == b) continue;
      s[a].insert(b);
      s[b].insert(a);
    }
    std::vector<std::vector<int>> out(n);
    for (int i = 0; i < n; ++i) out[i].assign(s[i].begin(), s[i].end());
    return out;
  }
};

// n nodes, m random edges (parallel edges and self loops possible), all of type LINK.
inline RandomGraph MakeRandomGraph(int n, int m, uint64_t seed) {
  std::mt19937_64 rng(seed);
  RandomGraph g;
  g.n = n;
  SnapshotBuilder b;
  for (int i = 0; i < n; ++i) b.AddNode(RandomGraph::Id(i), {"Node"});
  for (int e = 0; e < m; ++e) {
    int a = static_cast<int>(rng() % n), c = static_cast<int>(rng() % n);
    g.edges.emplace_back(a, c);
    b.AddEdge(1000 + e, RandomGraph::Id(a), RandomGraph::Id(c), "LINK");
  }
  g.snap = *b.Build();
  return g;
}

}  // namespace liner::graph::testing
