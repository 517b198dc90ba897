// Bidirectional BFS with level lists, then the shortest-path DAG walked in node-index order
// (= NodeId order), which yields paths lexicographically smallest first.
#include "graph/algo_paths.h"

#include <algorithm>
#include <set>
#include <unordered_set>

#include "graph/algo_scratch.h"
#include "graph/snapshot_impl.h"

namespace liner::graph {

namespace {

uint64_t PairKey(Vertex x, Vertex y) { return uint64_t{x} << 32 | y; }

Direction Reverse(Direction d) {
  return d == Direction::kOut ? Direction::kIn : d == Direction::kIn ? Direction::kOut : d;
}

// One search between two vertices. Banned vertices (slot 3) and banned directed vertex pairs
// are skipped; Yen uses them, plain searches leave them empty.
class PathSearch {
 public:
  PathSearch(const Snapshot::Impl& s, const ProjectionFilter& f, size_t max_hops, const Interrupt* intr,
             const std::unordered_set<uint64_t>* banned_pairs, bool use_banned_nodes)
      : s_(s), fwd_(f), bwd_(f), max_hops_(max_hops), intr_(intr), banned_pairs_(banned_pairs),
        use_banned_(use_banned_nodes), da_(ThreadScratch(0)), db_(ThreadScratch(1)),
        good_(ThreadScratch(2)), ban_(ThreadScratch(3)) {
    bwd_.direction = Reverse(f.direction);
  }

  // Runs the BFS. Returns false (with status_ OK) when b is unreachable.
  bool Run(Vertex a, Vertex b) {
    size_t n = s_.ids.size();
    da_.Reset(n);
    db_.Reset(n);
    good_.Reset(n);
    a_ = a;
    b_ = b;
    if (!fwd_.NodeOk(s_, a) || !fwd_.NodeOk(s_, b) || Banned(a) || Banned(b)) return false;
    levels_a_.assign(1, {a});
    levels_b_.assign(1, {b});
    da_.Set(a, 0);
    db_.Set(b, 0);
    if (a == b) {
      meet_ = {a};
      good_.Set(a, 1);
      return true;
    }
    while (!levels_a_.back().empty() && !levels_b_.back().empty()) {
      if (max_hops_ != 0 && levels_a_.size() + levels_b_.size() - 2 >= max_hops_) return false;
      // Expand the side with fewer edges to walk (not fewer vertices: a frontier of a few
      // hubs costs more than many ordinary people).
      bool from_a = Volume(levels_a_.back()) <= Volume(levels_b_.back());
      if (!Expand(from_a)) return false;
      if (!meet_.empty()) break;
    }
    if (meet_.empty()) return false;
    MarkGood();
    return true;
  }

  const Status& status() const { return status_; }

  // The lexicographically smallest shortest path (after a successful Run()).
  std::vector<Vertex> SmallestPath() const {
    std::vector<Vertex> path{a_};
    while (path.back() != b_) path.push_back(Successors(path.back()).front());
    return path;
  }

  // Every shortest path in lexicographic order, at most `limit`.
  std::vector<std::vector<Vertex>> AllPaths(size_t limit) {
    std::vector<std::vector<Vertex>> out;
    std::vector<Vertex> cur{a_};
    Enumerate(&cur, &out, limit);
    return out;
  }

  // The smallest edge id of an allowed x -> y edge (forward direction).
  EdgeId EdgeBetween(Vertex x, Vertex y) const {
    EdgeId best = UINT64_MAX;
    ForEachNeighbor(s_, fwd_, x, [&](Vertex u, const EdgeProps& p) {
      if (u == y && p.id < best) best = p.id;
    });
    return best;
  }

 private:
  bool Banned(Vertex v) const { return use_banned_ && ban_.Has(v); }
  // Edges (of any type, both directions) incident to a frontier: the cost of expanding it.
  uint64_t Volume(const std::vector<Vertex>& level) const {
    uint64_t sum = 0;
    for (Vertex v : level) sum += boost::out_degree(v, s_.g) + boost::in_degree(v, s_.g);
    return sum;
  }
  bool PairBanned(Vertex x, Vertex y) const {
    return banned_pairs_ != nullptr && !banned_pairs_->empty() &&
           banned_pairs_->count(PairKey(x, y)) != 0;
  }

  // Expands one whole level of one side; records meeting vertices of minimal total length.
  bool Expand(bool from_a) {
    auto& levels = from_a ? levels_a_ : levels_b_;
    StampedArray& mine = from_a ? da_ : db_;
    StampedArray& other = from_a ? db_ : da_;
    const ProjectionFilter& f = from_a ? fwd_ : bwd_;
    uint32_t depth = static_cast<uint32_t>(levels.size());
    std::vector<Vertex> next;
    uint32_t best = UINT32_MAX;
    for (Vertex x : levels.back()) {
      status_ = PollInterrupt(intr_, &polls_, 256);
      if (!status_.ok()) return false;
      ForEachNeighbor(s_, f, x, [&](Vertex y, const EdgeProps&) {
        if (Banned(y) || (from_a ? PairBanned(x, y) : PairBanned(y, x))) return;
        if (!mine.Has(y)) {
          mine.Set(y, depth);
          next.push_back(y);
          if (other.Has(y)) best = std::min(best, other.Get(y));
        }
      });
    }
    // No sort: a level's order changes no distance and no result (paths are read off the
    // distance marks in index order), and sorting a 10^5-vertex frontier costs milliseconds.
    levels.push_back(std::move(next));
    if (best != UINT32_MAX) {
      for (Vertex y : levels.back()) {
        if (other.Has(y) && other.Get(y) == best) meet_.push_back(y);
      }
    }
    return true;
  }

  // good = on some shortest path, for vertices of a's side (levels_a_ up to the meeting level).
  void MarkGood() {
    // Every meeting vertex has the same distance from a: that level cuts every shortest path.
    size_t la = da_.Get(meet_.front());
    meet_level_ = static_cast<uint32_t>(la);
    for (Vertex m : meet_) good_.Set(m, 1);
    for (size_t i = la; i-- > 0;) {
      for (Vertex x : levels_a_[i]) {
        bool ok = false;
        ForEachNeighbor(s_, fwd_, x, [&](Vertex y, const EdgeProps&) {
          if (!ok && good_.Has(y) && da_.Has(y) && da_.Get(y) == i + 1 && !PairBanned(x, y)) {
            ok = true;
          }
        });
        if (ok) good_.Set(x, 1);
      }
    }
  }

  // Next vertices on shortest paths from x, ascending.
  std::vector<Vertex> Successors(Vertex x) const {
    std::vector<Vertex> out;
    bool a_side = good_.Has(x) && da_.Has(x) && da_.Get(x) < meet_level_;
    ForEachNeighbor(s_, fwd_, x, [&](Vertex y, const EdgeProps&) {
      if (PairBanned(x, y) || Banned(y)) return;
      if (a_side) {
        if (good_.Has(y) && da_.Has(y) && da_.Get(y) == da_.Get(x) + 1) out.push_back(y);
      } else if (db_.Has(y) && db_.Has(x) && db_.Get(y) + 1 == db_.Get(x)) {
        out.push_back(y);
      }
    });
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  void Enumerate(std::vector<Vertex>* cur, std::vector<std::vector<Vertex>>* out, size_t limit) {
    if (out->size() >= limit) return;
    if (cur->back() == b_) {
      out->push_back(*cur);
      return;
    }
    for (Vertex y : Successors(cur->back())) {
      cur->push_back(y);
      Enumerate(cur, out, limit);
      cur->pop_back();
      if (out->size() >= limit) return;
    }
  }

  const Snapshot::Impl& s_;
  ProjectionFilter fwd_, bwd_;
  size_t max_hops_;
  const Interrupt* intr_;
  const std::unordered_set<uint64_t>* banned_pairs_;
  bool use_banned_;
  StampedArray &da_, &db_, &good_, &ban_;
  Vertex a_ = 0, b_ = 0;
  std::vector<std::vector<Vertex>> levels_a_, levels_b_;
  std::vector<Vertex> meet_;
  uint32_t meet_level_ = 0;
  uint64_t polls_ = 0;
  Status status_;
};

NodePath ToPath(const Snapshot::Impl& s, const PathSearch& search, const std::vector<Vertex>& vs) {
  NodePath p;
  for (size_t i = 0; i < vs.size(); ++i) {
    p.nodes.push_back(s.ids[vs[i]]);
    if (i > 0) p.edges.push_back(search.EdgeBetween(vs[i - 1], vs[i]));
  }
  return p;
}

struct Endpoints {
  ProjectionFilter filter;
  Vertex a = 0, b = 0;
};

Result<Endpoints> Prepare(const Snapshot& snap, NodeId a, NodeId b, const Projection& proj) {
  Endpoints e;
  LINER_ASSIGN_OR_RETURN(e.filter, ResolveProjection(snap, proj));
  LINER_ASSIGN_OR_RETURN(e.a, RequireNode(snap, a, "start node"));
  LINER_ASSIGN_OR_RETURN(e.b, RequireNode(snap, b, "end node"));
  return e;
}

}  // namespace

Result<std::optional<NodePath>> ShortestPath(const Snapshot& snap, NodeId a, NodeId b,
                                         const PathOptions& options, const Interrupt* interrupt) {
  LINER_ASSIGN_OR_RETURN(Endpoints e, Prepare(snap, a, b, options.projection));
  PathSearch search(snap.impl(), e.filter, options.max_hops, interrupt, nullptr, false);
  bool found = search.Run(e.a, e.b);
  LINER_RETURN_IF_ERROR(search.status());
  if (!found) return std::optional<NodePath>();
  return std::optional<NodePath>(ToPath(snap.impl(), search, search.SmallestPath()));
}

Result<std::vector<NodePath>> AllShortestPaths(const Snapshot& snap, NodeId a, NodeId b,
                                           const PathOptions& options, size_t limit,
                                           const Interrupt* interrupt) {
  LINER_ASSIGN_OR_RETURN(Endpoints e, Prepare(snap, a, b, options.projection));
  PathSearch search(snap.impl(), e.filter, options.max_hops, interrupt, nullptr, false);
  bool found = search.Run(e.a, e.b);
  LINER_RETURN_IF_ERROR(search.status());
  std::vector<NodePath> out;
  if (!found) return out;
  for (const auto& vs : search.AllPaths(limit)) out.push_back(ToPath(snap.impl(), search, vs));
  return out;
}

Result<std::vector<NodePath>> KShortestPaths(const Snapshot& snap, NodeId a, NodeId b, size_t k,
                                         const PathOptions& options,
                                         const Interrupt* interrupt) {
  LINER_ASSIGN_OR_RETURN(Endpoints e, Prepare(snap, a, b, options.projection));
  const Snapshot::Impl& s = snap.impl();
  std::vector<std::vector<Vertex>> found;
  if (k == 0) return std::vector<NodePath>();
  {
    PathSearch first(s, e.filter, options.max_hops, interrupt, nullptr, false);
    bool ok = first.Run(e.a, e.b);
    LINER_RETURN_IF_ERROR(first.status());
    if (!ok) return std::vector<NodePath>();
    found.push_back(first.SmallestPath());
  }
  // Candidates ordered by (length, node sequence).
  auto shorter = [](const std::vector<Vertex>& x, const std::vector<Vertex>& y) {
    return x.size() != y.size() ? x.size() < y.size() : x < y;
  };
  std::set<std::vector<Vertex>, decltype(shorter)> candidates(shorter);
  std::unordered_set<uint64_t> banned_pairs;
  bool undirected = e.filter.direction == Direction::kBoth;
  while (found.size() < k) {
    const std::vector<Vertex> prev = found.back();
    for (size_t i = 0; i + 1 < prev.size(); ++i) {
      LINER_RETURN_IF_ERROR(interrupt ? interrupt->Check() : Status::OK());
      Vertex spur = prev[i];
      banned_pairs.clear();
      for (const auto& p : found) {
        if (p.size() > i + 1 && std::equal(prev.begin(), prev.begin() + i + 1, p.begin())) {
          banned_pairs.insert(PairKey(p[i], p[i + 1]));
          if (undirected) banned_pairs.insert(PairKey(p[i + 1], p[i]));
        }
      }
      StampedArray& ban = ThreadScratch(3);
      ban.Reset(s.ids.size());
      for (size_t j = 0; j < i; ++j) ban.Set(prev[j], 1);
      size_t hops_left = options.max_hops == 0 ? 0 : options.max_hops - i;
      if (options.max_hops != 0 && hops_left == 0) continue;
      PathSearch search(s, e.filter, hops_left, interrupt, &banned_pairs, true);
      bool ok = search.Run(spur, e.b);
      LINER_RETURN_IF_ERROR(search.status());
      if (!ok) continue;
      std::vector<Vertex> total(prev.begin(), prev.begin() + i);
      auto tail = search.SmallestPath();
      total.insert(total.end(), tail.begin(), tail.end());
      if (std::find(found.begin(), found.end(), total) == found.end()) candidates.insert(total);
    }
    if (candidates.empty()) break;
    found.push_back(*candidates.begin());
    candidates.erase(candidates.begin());
  }
  std::vector<NodePath> out;
  PathSearch edges(s, e.filter, 0, nullptr, nullptr, false);
  for (const auto& vs : found) out.push_back(ToPath(s, edges, vs));
  return out;
}

Result<std::vector<NodeDepth>> KHop(const Snapshot& snap, NodeId start, int depth,
                                    const Projection& projection, const Interrupt* interrupt) {
  LINER_ASSIGN_OR_RETURN(ProjectionFilter f, ResolveProjection(snap, projection));
  LINER_ASSIGN_OR_RETURN(Vertex v0, RequireNode(snap, start, "start node"));
  if (depth < 0) return Status::InvalidArgument("depth must be >= 0");
  const Snapshot::Impl& s = snap.impl();
  StampedArray& seen = ThreadScratch(0);
  seen.Reset(s.ids.size());
  std::vector<NodeDepth> out{{start, 0}};
  std::vector<Vertex> frontier{v0};
  seen.Set(v0, 0);
  uint64_t polls = 0;
  for (int d = 1; d <= depth && !frontier.empty(); ++d) {
    std::vector<Vertex> next;
    for (Vertex x : frontier) {
      LINER_RETURN_IF_ERROR(PollInterrupt(interrupt, &polls, 256));
      ForEachNeighbor(s, f, x, [&](Vertex y, const EdgeProps&) {
        if (!seen.Has(y)) {
          seen.Set(y, d);
          next.push_back(y);
        }
      });
    }
    std::sort(next.begin(), next.end());
    for (Vertex y : next) out.push_back({s.ids[y], d});
    frontier = std::move(next);
  }
  return out;
}

}  // namespace liner::graph
