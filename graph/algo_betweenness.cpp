// Brandes' betweenness (one BFS + dependency accumulation per source) and weakly connected
// components (union-find over the projected edges).
#include <algorithm>
#include <numeric>
#include <random>

#include "graph/algo_centrality.h"
#include "graph/snapshot_impl.h"

namespace liner::graph {

namespace {
constexpr size_t kExactUpTo = 2000;
constexpr size_t kDefaultSamples = 128;

// The projected neighbours of v, each once (parallel edges collapse). `mark` is scratch of one
// slot per vertex and `*token` a fresh value per call, so deduplication costs O(degree).
void SimpleNeighbors(const Snapshot::Impl& s, const ProjectionFilter& f, Vertex v,
                     std::vector<uint64_t>* mark, uint64_t* token, std::vector<Vertex>* out) {
  out->clear();
  uint64_t t = ++*token;
  ForEachNeighbor(s, f, v, [&](Vertex u, const EdgeProps&) {
    if (u != v && (*mark)[u] != t) {
      (*mark)[u] = t;
      out->push_back(u);
    }
  });
}
}  // namespace

Result<std::vector<NodeScore>> Betweenness(const Snapshot& snap, const BetweennessOptions& o,
                                           const Interrupt* interrupt) {
  LINER_ASSIGN_OR_RETURN(ProjectionFilter f, ResolveProjection(snap, o.projection));
  const Snapshot::Impl& s = snap.impl();
  size_t n = s.ids.size();
  std::vector<Vertex> active;
  for (Vertex v = 0; v < n; ++v) {
    if (f.NodeOk(s, v)) active.push_back(v);
  }
  size_t samples = o.samples;
  if (samples == 0) samples = active.size() <= kExactUpTo ? active.size() : kDefaultSamples;
  samples = std::min(samples, active.size());
  std::vector<Vertex> sources = active;
  if (samples < active.size()) {
    // Partial Fisher-Yates with a fixed generator: the same seed picks the same sources.
    std::mt19937_64 rng(o.seed);
    for (size_t i = 0; i < samples; ++i) {
      std::uniform_int_distribution<size_t> pick(i, sources.size() - 1);
      std::swap(sources[i], sources[pick(rng)]);
    }
    sources.resize(samples);
    std::sort(sources.begin(), sources.end());
  }

  // Predecessors of w are its neighbours against the BFS direction.
  ProjectionFilter rf = f;
  rf.direction = f.direction == Direction::kOut  ? Direction::kIn
                 : f.direction == Direction::kIn ? Direction::kOut
                                                 : f.direction;
  std::vector<double> score(n, 0.0), sigma(n, 0.0), delta(n, 0.0);
  std::vector<int64_t> dist(n, -1);
  std::vector<uint64_t> mark(n, 0);
  uint64_t token = 0;
  std::vector<Vertex> order, nbrs;
  std::vector<Vertex> queue;
  uint64_t polls = 0;
  for (Vertex src : sources) {
    LINER_RETURN_IF_ERROR(interrupt ? interrupt->Check() : Status::OK());
    order.clear();
    queue.assign(1, src);
    dist[src] = 0;
    sigma[src] = 1;
    for (size_t qi = 0; qi < queue.size(); ++qi) {
      Vertex v = queue[qi];
      order.push_back(v);
      LINER_RETURN_IF_ERROR(PollInterrupt(interrupt, &polls));
      SimpleNeighbors(s, f, v, &mark, &token, &nbrs);
      for (Vertex w : nbrs) {
        if (dist[w] < 0) {
          dist[w] = dist[v] + 1;
          queue.push_back(w);
        }
        if (dist[w] == dist[v] + 1) sigma[w] += sigma[v];
      }
    }
    // Dependencies in reverse BFS order; predecessors recomputed from distances, which saves
    // keeping predecessor lists.
    for (size_t i = order.size(); i-- > 0;) {
      Vertex w = order[i];
      SimpleNeighbors(s, rf, w, &mark, &token, &nbrs);
      for (Vertex v : nbrs) {
        if (dist[v] >= 0 && dist[v] + 1 == dist[w]) {
          delta[v] += sigma[v] / sigma[w] * (1 + delta[w]);
        }
      }
      if (w != src) score[w] += delta[w];
    }
    for (Vertex v : order) {
      dist[v] = -1;
      sigma[v] = 0;
      delta[v] = 0;
    }
  }
  double scale = sources.empty() ? 0 : static_cast<double>(active.size()) / sources.size();
  if (f.direction == Direction::kBoth) scale /= 2;  // each pair was counted from both ends
  if (o.normalized && active.size() > 2) {
    double pairs = static_cast<double>(active.size() - 1) * (active.size() - 2);
    scale /= f.direction == Direction::kBoth ? pairs / 2 : pairs;
  }
  std::vector<NodeScore> out;
  out.reserve(active.size());
  for (Vertex v : active) out.push_back({s.ids[v], score[v] * scale});
  SortScores(&out, o.limit);
  return out;
}

Result<std::vector<ComponentOf>> Components(const Snapshot& snap, const Projection& projection,
                                            const Interrupt* interrupt) {
  LINER_ASSIGN_OR_RETURN(ProjectionFilter f, ResolveProjection(snap, projection));
  f.direction = Direction::kOut;  // each edge once; components ignore direction anyway
  const Snapshot::Impl& s = snap.impl();
  size_t n = s.ids.size();
  std::vector<Vertex> parent(n);
  std::iota(parent.begin(), parent.end(), 0);
  auto find = [&](Vertex x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  uint64_t polls = 0;
  for (Vertex v = 0; v < n; ++v) {
    LINER_RETURN_IF_ERROR(PollInterrupt(interrupt, &polls));
    if (!f.NodeOk(s, v)) continue;
    ForEachNeighbor(s, f, v, [&](Vertex u, const EdgeProps&) {
      Vertex a = find(v), b = find(u);
      // The smaller index becomes the root, so a root is its component's smallest NodeId.
      if (a < b) parent[b] = a;
      if (b < a) parent[a] = b;
    });
  }
  std::vector<ComponentOf> out;
  for (Vertex v = 0; v < n; ++v) {
    if (f.NodeOk(s, v)) out.push_back({s.ids[v], s.ids[find(v)]});
  }
  return out;
}

}  // namespace liner::graph
