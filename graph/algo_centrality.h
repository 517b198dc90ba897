#pragma once
// Centrality and structure on a Snapshot: degree, PageRank, personalized PageRank (random walk
// with restart), betweenness (Brandes, sampled on large graphs) and connected components.
//
// Every function works on a Projection. Nodes outside the projection's labels get no score and
// are not returned. With Direction::kBoth (the default) edges are walked both ways, which is
// what a collaboration graph wants (a person's credit edge points at the song, yet the song
// "votes" for the person as much as the other way round).
//
// Results are deterministic for the same snapshot: sorted by score descending, ties by NodeId.
// Thread safety: reentrant; only reads the snapshot.

#include <cstdint>
#include <vector>

#include "graph/algo_control.h"
#include "graph/snapshot.h"

namespace liner::graph {

// Number of allowed edges at each node (parallel edges counted), sorted by degree desc.
Result<std::vector<NodeScore>> Degree(const Snapshot& snap, const Projection& projection,
                                      const Interrupt* interrupt = nullptr);

struct PageRankOptions {
  Projection projection;
  int iterations = 20;
  double damping = 0.85;
  double tolerance = 0;  // stop early when the L1 change of an iteration is below this
  size_t limit = 0;      // 0 = every node; else only the top `limit`
};

// PageRank by power iteration; dangling nodes' mass is spread like the teleport vector.
// Scores sum to 1 over the projected nodes.
Result<std::vector<NodeScore>> PageRank(const Snapshot& snap, const PageRankOptions& options,
                                        const Interrupt* interrupt = nullptr);

// Personalized PageRank: teleports (and dangling mass) go to `seeds` only.
// InvalidArgument when a seed is unknown or outside the projection.
Result<std::vector<NodeScore>> PersonalizedPageRank(const Snapshot& snap,
                                                    const std::vector<NodeId>& seeds,
                                                    const PageRankOptions& options,
                                                    const Interrupt* interrupt = nullptr);

struct BetweennessOptions {
  Projection projection;
  // Number of BFS sources. 0 = exact (every node) up to 2,000 nodes, else 128 sampled sources.
  size_t samples = 0;
  uint64_t seed = 42;  // sampling is deterministic for a seed
  size_t limit = 0;    // 0 = every node
  bool normalized = false;  // divide by (n-1)(n-2) (times 2 when directed)
};

// Brandes' betweenness on unweighted shortest paths between distinct nodes (parallel edges
// count once). Sampled runs scale by n / samples (an unbiased estimate). Undirected runs count
// each pair once.
Result<std::vector<NodeScore>> Betweenness(const Snapshot& snap,
                                           const BetweennessOptions& options,
                                           const Interrupt* interrupt = nullptr);

struct ComponentOf {
  NodeId node = 0;
  NodeId component = 0;  // the smallest NodeId in the component
};

// Weakly connected components (edge direction ignored), by node id.
Result<std::vector<ComponentOf>> Components(const Snapshot& snap, const Projection& projection,
                                            const Interrupt* interrupt = nullptr);

}  // namespace liner::graph
