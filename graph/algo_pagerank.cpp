// Degree and (personalized) PageRank: pull-style power iteration over the projected graph,
// flattened once per call.
#include <algorithm>
#include <cmath>
#include <thread>

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
  // The projected graph flattened once into pull lists: in[v] holds every u whose projected
  // neighbours include v (with multiplicity), so an iteration is
  //   next[v] = Σ over u in in[v] of rank[u] / deg[u]
  // — reads only, split over two threads by vertex range (each sum in a fixed order, so the
  // result does not depend on the split).
  std::vector<uint32_t> deg(n, 0);
  std::vector<uint64_t> in_start(n + 1, 0);
  uint64_t polls = 0;
  for (Vertex v = 0; v < n; ++v) {
    LINER_RETURN_IF_ERROR(PollInterrupt(intr, &polls));
    if (!f.NodeOk(s, v)) continue;
    ForEachNeighbor(s, f, v, [&](Vertex u, const EdgeProps&) {
      ++deg[v];
      ++in_start[u + 1];
    });
  }
  for (size_t v = 0; v < n; ++v) in_start[v + 1] += in_start[v];
  std::vector<Vertex> in(in_start[n]);
  {
    std::vector<uint64_t> fill(in_start.begin(), in_start.end() - 1);
    for (Vertex v = 0; v < n; ++v) {
      LINER_RETURN_IF_ERROR(PollInterrupt(intr, &polls));
      if (!f.NodeOk(s, v)) continue;
      ForEachNeighbor(s, f, v, [&](Vertex u, const EdgeProps&) { in[fill[u]++] = v; });
    }
  }
  std::vector<double> rank = teleport, next(n), contrib(n);
  // Half of the pull work on each thread.
  size_t mid = static_cast<size_t>(
      std::lower_bound(in_start.begin(), in_start.end(), in_start[n] / 2) - in_start.begin());
  mid = std::min(mid, n);
  auto pull = [&](size_t lo, size_t hi) {
    for (size_t v = lo; v < hi; ++v) {
      double sum = 0;
      for (uint64_t i = in_start[v]; i < in_start[v + 1]; ++i) sum += contrib[in[i]];
      next[v] = sum;
    }
  };
  for (int it = 0; it < o.iterations; ++it) {
    LINER_RETURN_IF_ERROR(intr != nullptr ? intr->Check() : Status::OK());
    double dangling = 0;
    for (Vertex v = 0; v < n; ++v) {
      contrib[v] = 0;
      if (rank[v] == 0 || !f.NodeOk(s, v)) continue;
      if (deg[v] == 0) {
        dangling += rank[v];
      } else {
        contrib[v] = rank[v] / deg[v];
      }
    }
    if (in.size() >= (1u << 16)) {
      std::thread other([&] { pull(mid, n); });
      pull(0, mid);
      other.join();
    } else {
      pull(0, n);
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
