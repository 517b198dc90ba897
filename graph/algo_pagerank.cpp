// Degree and (personalized) PageRank: push-style power iteration over the projected CSR.
#include <algorithm>
#include <cmath>

#include "graph/algo_centrality.h"
#include "graph/snapshot_impl.h"

namespace liner::graph {

namespace {

// Allowed-edge counts per vertex (0 for vertices outside the projection).
Result<std::vector<uint32_t>> Degrees(const Snapshot::Impl& s, const ProjectionFilter& f,
                                      const Interrupt* interrupt) {
  std::vector<uint32_t> deg(s.ids.size(), 0);
  uint64_t polls = 0;
  for (Vertex v = 0; v < s.ids.size(); ++v) {
    LINER_RETURN_IF_ERROR(PollInterrupt(interrupt, &polls));
    if (!f.NodeOk(s, v)) continue;
    uint32_t d = 0;
    ForEachNeighbor(s, f, v, [&](Vertex, const EdgeProps&) { ++d; });
    deg[v] = d;
  }
  return deg;
}

Result<std::vector<NodeScore>> RunPageRank(const Snapshot& snap, const ProjectionFilter& f,
                                           const std::vector<double>& teleport,
                                           const PageRankOptions& o, const Interrupt* intr) {
  if (o.iterations < 0) return Status::InvalidArgument("iterations must be >= 0");
  if (!(o.damping >= 0 && o.damping < 1)) {
    return Status::InvalidArgument("damping must be in [0, 1)");
  }
  const Snapshot::Impl& s = snap.impl();
  size_t n = s.ids.size();
  LINER_ASSIGN_OR_RETURN(std::vector<uint32_t> deg, Degrees(s, f, intr));
  std::vector<double> rank = teleport, next(n);
  uint64_t polls = 0;
  for (int it = 0; it < o.iterations; ++it) {
    double dangling = 0;
    std::fill(next.begin(), next.end(), 0.0);
    for (Vertex v = 0; v < n; ++v) {
      LINER_RETURN_IF_ERROR(PollInterrupt(intr, &polls, 1 << 16));
      if (rank[v] == 0 || !f.NodeOk(s, v)) continue;
      if (deg[v] == 0) {
        dangling += rank[v];
        continue;
      }
      double share = rank[v] / deg[v];
      ForEachNeighbor(s, f, v, [&](Vertex u, const EdgeProps&) { next[u] += share; });
    }
    double change = 0;
    for (Vertex v = 0; v < n; ++v) {
      double r = o.damping * (next[v] + dangling * teleport[v]) + (1 - o.damping) * teleport[v];
      change += std::fabs(r - rank[v]);
      next[v] = r;
    }
    rank.swap(next);
    if (o.tolerance > 0 && change < o.tolerance) break;
  }
  std::vector<NodeScore> out;
  for (Vertex v = 0; v < n; ++v) {
    if (f.NodeOk(s, v)) out.push_back({s.ids[v], rank[v]});
  }
  SortScores(&out, o.limit);
  return out;
}

}  // namespace

Result<std::vector<NodeScore>> Degree(const Snapshot& snap, const Projection& projection,
                                      const Interrupt* interrupt) {
  LINER_ASSIGN_OR_RETURN(ProjectionFilter f, ResolveProjection(snap, projection));
  const Snapshot::Impl& s = snap.impl();
  LINER_ASSIGN_OR_RETURN(std::vector<uint32_t> deg, Degrees(s, f, interrupt));
  std::vector<NodeScore> out;
  for (Vertex v = 0; v < s.ids.size(); ++v) {
    if (f.NodeOk(s, v)) out.push_back({s.ids[v], static_cast<double>(deg[v])});
  }
  SortScores(&out, 0);
  return out;
}

Result<std::vector<NodeScore>> PageRank(const Snapshot& snap, const PageRankOptions& options,
                                        const Interrupt* interrupt) {
  LINER_ASSIGN_OR_RETURN(ProjectionFilter f, ResolveProjection(snap, options.projection));
  const Snapshot::Impl& s = snap.impl();
  size_t active = 0;
  for (Vertex v = 0; v < s.ids.size(); ++v) active += f.NodeOk(s, v);
  std::vector<double> teleport(s.ids.size(), 0.0);
  for (Vertex v = 0; v < s.ids.size(); ++v) {
    if (f.NodeOk(s, v)) teleport[v] = 1.0 / static_cast<double>(active);
  }
  return RunPageRank(snap, f, teleport, options, interrupt);
}

Result<std::vector<NodeScore>> PersonalizedPageRank(const Snapshot& snap,
                                                    const std::vector<NodeId>& seeds,
                                                    const PageRankOptions& options,
                                                    const Interrupt* interrupt) {
  LINER_ASSIGN_OR_RETURN(ProjectionFilter f, ResolveProjection(snap, options.projection));
  const Snapshot::Impl& s = snap.impl();
  if (seeds.empty()) return Status::InvalidArgument("personalized PageRank needs a seed node");
  std::vector<Vertex> vs;
  for (NodeId id : seeds) {
    LINER_ASSIGN_OR_RETURN(Vertex v, RequireNode(snap, id, "seed"));
    if (!f.NodeOk(s, v)) {
      return Status::InvalidArgument("seed: node " + std::to_string(id) +
                                     " is outside the projection's labels");
    }
    vs.push_back(v);
  }
  std::sort(vs.begin(), vs.end());
  vs.erase(std::unique(vs.begin(), vs.end()), vs.end());
  std::vector<double> teleport(s.ids.size(), 0.0);
  for (Vertex v : vs) teleport[v] = 1.0 / static_cast<double>(vs.size());
  return RunPageRank(snap, f, teleport, options, interrupt);
}

}  // namespace liner::graph
