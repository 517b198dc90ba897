// Degree and (personalized) PageRank: pull-style power iteration over the projected graph
// (the CSR itself when unfiltered, else flattened once per call), one fused pass per iteration
// on two threads.
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
    ForEachNeighborVertex(s, f, v, [&](Vertex) { ++d; });
    deg[v] = d;
  }
  return deg;
}

// Sum of contrib over col[start[v] .. start[v + 1]).
template <typename Offset>
inline double SumRange(const Offset* start, const Vertex* col, size_t v, const double* contrib,
                       const Offset* limit) {
  double sum = 0;
  for (Offset i = start[v], end = start[v + 1]; i < end; ++i) {
    // The reads of contrib are random over megabytes: ask for the ones a few edges ahead.
    if (i + 16 < *limit) __builtin_prefetch(&contrib[col[i + 16]]);
    sum += contrib[col[i]];
  }
  return sum;
}

// Runs fn(lo, hi) over [0, n) split at `mid` on two threads when `parallel`.
template <typename Fn>
void Split(bool parallel, size_t n, size_t mid, Fn&& fn) {
  if (!parallel) {
    fn(size_t{0}, n, 0);
    return;
  }
  std::thread other([&] { fn(mid, n, 1); });
  fn(size_t{0}, mid, 0);
  other.join();
}

Result<std::vector<NodeScore>> RunPageRank(const Snapshot& snap, const ProjectionFilter& f,
                                           const std::vector<double>& teleport_list,
                                           double uniform,
                                           const PageRankOptions& o, const Interrupt* intr) {
  if (o.iterations < 0) return Status::InvalidArgument("iterations must be >= 0");
  if (!(o.damping >= 0 && o.damping < 1)) {
    return Status::InvalidArgument("damping must be in [0, 1)");
  }
  const Snapshot::Impl& s = snap.impl();
  size_t n = s.ids.size();
  // Pull lists: in[v] holds every u whose projected neighbours include v (with multiplicity),
  // so an iteration is  next[v] = Σ over u in in[v] of rank[u] / deg[u]  — reads only, split
  // over two threads by vertex range (each sum in a fixed order, so the result does not depend
  // on the split). Unfiltered and undirected (the default), in[v] is v's own adjacency: the
  // CSR's two columns are pulled from directly. Otherwise the projection is flattened once.
  const auto& fw = s.g.m_forward;
  const auto& bw = s.g.m_backward;
  bool direct = f.all_types && f.all_roles && f.all_categories && f.all_labels &&
                f.direction == Direction::kBoth;
  std::vector<uint32_t> deg(n, 0);
  std::vector<uint64_t> in_start;
  std::vector<Vertex> in;
  uint64_t polls = 0;
  if (direct) {
    for (Vertex v = 0; v < n; ++v) {
      deg[v] = fw.m_rowstart[v + 1] - fw.m_rowstart[v] + bw.m_rowstart[v + 1] - bw.m_rowstart[v];
    }
  } else {
    in_start.assign(n + 1, 0);
    for (Vertex v = 0; v < n; ++v) {
      LINER_RETURN_IF_ERROR(PollInterrupt(intr, &polls));
      if (!f.NodeOk(s, v)) continue;
      ForEachNeighborVertex(s, f, v, [&](Vertex u) {
        ++deg[v];
        ++in_start[u + 1];
      });
    }
    for (size_t v = 0; v < n; ++v) in_start[v + 1] += in_start[v];
    ReserveHuge(&in, in_start[n]);
    in.resize(in_start[n]);
    std::vector<uint64_t> fill(in_start.begin(), in_start.end() - 1);
    for (Vertex v = 0; v < n; ++v) {
      LINER_RETURN_IF_ERROR(PollInterrupt(intr, &polls));
      if (!f.NodeOk(s, v)) continue;
      ForEachNeighborVertex(s, f, v, [&](Vertex u) { in[fill[u]++] = v; });
    }
  }
  auto pull_size = [&](size_t v) -> uint64_t {
    return direct ? uint64_t{fw.m_rowstart[v]} + bw.m_rowstart[v] : in_start[v];
  };
  uint64_t total = pull_size(n);
  // Half of the pull work on each thread: the first vertex whose prefix reaches half.
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t m = (lo + hi) / 2;
    if (pull_size(m) < total / 2) {
      lo = m + 1;
    } else {
      hi = m;
    }
  }
  size_t mid = lo;
  bool parallel = total >= (1u << 16);

  // One fused pass per iteration: pull, new rank, its change, the next contributions and the
  // dangling mass, each thread on its range with its own partial sums (added in thread order).
  // The teleport vector: `teleport_list` (personalized), else `uniform` on the projected nodes.
  auto teleport = [&](size_t v) -> double {
    if (!teleport_list.empty()) return teleport_list[v];
    return f.NodeOk(s, static_cast<Vertex>(v)) ? uniform : 0;
  };
  std::vector<double> rank(n), next(n), contrib(n), next_contrib(n);
  for (size_t v = 0; v < n; ++v) rank[v] = teleport(v);
  double dangling = 0;
  for (Vertex v = 0; v < n; ++v) {
    if (rank[v] == 0 || !f.NodeOk(s, v)) continue;
    if (deg[v] == 0) {
      dangling += rank[v];
    } else {
      contrib[v] = rank[v] / deg[v];
    }
  }
  for (int it = 0; it < o.iterations; ++it) {
    LINER_RETURN_IF_ERROR(intr != nullptr ? intr->Check() : Status::OK());
    double change_part[2] = {0, 0}, dangling_part[2] = {0, 0};
    Split(parallel, n, mid, [&](size_t begin, size_t end, int t) {
      double change = 0, dangle = 0;
      for (size_t v = begin; v < end; ++v) {
        double sum = direct ? SumRange(fw.m_rowstart.data(), fw.m_column.data(), v,
                                       contrib.data(), &fw.m_rowstart[n]) +
                                  SumRange(bw.m_rowstart.data(), bw.m_column.data(), v,
                                           contrib.data(), &bw.m_rowstart[n])
                            : SumRange(in_start.data(), in.data(), v, contrib.data(),
                                       &in_start[n]);
        double t = teleport(v);
        double r = o.damping * (sum + dangling * t) + (1 - o.damping) * t;
        change += std::fabs(r - rank[v]);
        next[v] = r;
        if (r == 0 || deg[v] == 0) {
          dangle += r;
          next_contrib[v] = 0;
        } else {
          next_contrib[v] = r / deg[v];
        }
      }
      change_part[t] = change;
      dangling_part[t] = dangle;
    });
    rank.swap(next);
    contrib.swap(next_contrib);
    dangling = dangling_part[0] + dangling_part[1];
    if (o.tolerance > 0 && change_part[0] + change_part[1] < o.tolerance) break;
  }
  std::vector<NodeScore> out;
  if (o.limit != 0 && o.limit < n) {
    // The top `limit` through a bounded heap (its top is the worst kept): no list of every node.
    auto better = [](const NodeScore& a, const NodeScore& b) {
      return a.score != b.score ? a.score > b.score : a.node < b.node;
    };
    for (Vertex v = 0; v < n; ++v) {
      if (!f.NodeOk(s, v)) continue;
      NodeScore c{s.ids[v], rank[v]};
      if (out.size() < o.limit) {
        out.push_back(c);
        std::push_heap(out.begin(), out.end(), better);
      } else if (better(c, out.front())) {
        std::pop_heap(out.begin(), out.end(), better);
        out.back() = c;
        std::push_heap(out.begin(), out.end(), better);
      }
    }
    std::sort_heap(out.begin(), out.end(), better);
    return out;
  }
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
  return RunPageRank(snap, f, {}, active == 0 ? 0 : 1.0 / static_cast<double>(active), options,
                     interrupt);
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
  return RunPageRank(snap, f, teleport, 0, options, interrupt);
}

}  // namespace liner::graph
