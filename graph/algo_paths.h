#pragma once
// Path algorithms on a Snapshot: single shortest path, all shortest paths, k shortest simple
// paths (Yen) and k-hop neighbourhoods, all over a Projection (types, roles, categories,
// labels, direction).
//
// Paths are unweighted (hop counts). Determinism: among equally short paths the one whose node
// id sequence is lexicographically smallest comes first; parallel edges between two nodes
// collapse to the one with the smallest edge id. Searches are bidirectional BFS over the CSR
// with per-thread scratch arrays (no O(n) clearing per query).
//
// Thread safety: functions are reentrant; they only read the snapshot.

#include <optional>
#include <vector>

#include "graph/algo_control.h"
#include "graph/snapshot.h"

namespace liner::graph {

struct PathOptions {
  Projection projection;
  size_t max_hops = 0;  // 0 = unlimited
};

// The shortest path from `a` to `b`, or nullopt when none exists within max_hops.
// InvalidArgument when a node is unknown or the projection names something unknown.
Result<std::optional<NodePath>> ShortestPath(const Snapshot& snap, NodeId a, NodeId b,
                                         const PathOptions& options,
                                         const Interrupt* interrupt = nullptr);

// Every shortest path from `a` to `b`, in lexicographic node-id order, at most `limit`.
Result<std::vector<NodePath>> AllShortestPaths(const Snapshot& snap, NodeId a, NodeId b,
                                           const PathOptions& options, size_t limit,
                                           const Interrupt* interrupt = nullptr);

// The k shortest simple (loopless) paths from `a` to `b` by Yen's algorithm, ordered by length
// then node-id sequence.
Result<std::vector<NodePath>> KShortestPaths(const Snapshot& snap, NodeId a, NodeId b, size_t k,
                                         const PathOptions& options,
                                         const Interrupt* interrupt = nullptr);

struct NodeDepth {
  NodeId node = 0;
  int depth = 0;
  bool operator==(const NodeDepth& o) const { return node == o.node && depth == o.depth; }
};

// Nodes within `depth` hops of `start` (start itself at depth 0), by depth then id.
Result<std::vector<NodeDepth>> KHop(const Snapshot& snap, NodeId start, int depth,
                                    const Projection& projection,
                                    const Interrupt* interrupt = nullptr);

}  // namespace liner::graph
