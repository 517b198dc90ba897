#pragma once
// ShortestPathSearch: the bidirectional breadth-first search behind shortestPath and
// allShortestPaths (ShortestPathOp without a whole-path predicate). Internal to query/.
//
// It stops at the first contact between the two sides, expands the side whose frontier has
// fewer relationships to walk (degree sum from the adjacency cache when it is warm, frontier
// size otherwise), keeps its marks in generation-stamped flat tables reused from one search to
// the next, and keeps one parent per node for shortestPath (all of them only for
// allShortestPaths). Results are deterministic for the same database.
//
// Thread-compatible: one instance per thread (ShortestPaths uses a thread-local one).

#include <cstdint>
#include <functional>
#include <vector>

#include "query/node_marks.h"
#include "query/plan.h"

namespace liner::query {

struct ShortestSearchSpec {
  NodeId src = 0, dst = 0;  // distinct nodes that pass node_ok
  int max_hops = 0;         // the paths' length bound
  int min_hops = 1;         // no path when the shortest is shorter than this
  bool all = false;         // allShortestPaths: every shortest path, else one
  const RelSpec* rel = nullptr;  // types and direction (src -> dst); props checked by rel_ok
  // Per-relationship / per-node conditions; null when there are none.
  const std::function<bool(const AdjEntry&)>* rel_ok = nullptr;
  const std::function<bool(NodeId)>* node_ok = nullptr;
};

// Appends the shortest path(s) from spec.src to spec.dst to *out (nothing when there is none
// within the bounds). Counts the work with st.CountExpansion (which throws past the limit or
// the timeout).
void ShortestPaths(ExecState& st, const ShortestSearchSpec& spec, std::vector<QPath>* out);

}  // namespace liner::query
