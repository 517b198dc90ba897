// Bidirectional BFS that stops at the first contact, then the shortest-path DAG walked depth
// first in node-index order (= NodeId order), which yields paths lexicographically smallest
// first.
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

// One search between two vertices: a bidirectional BFS that stops at the first contact, then a
// lazy depth-first walk in index order that reads the paths off the distance marks.
//
// Why stopping at the first contact is exact: the two sides expand whole levels and never share
// a vertex before the contact, so when side A (levels 0..La complete) expanding its frontier
// reaches a vertex y marked by side B, y is on B's frontier (db(y) = Lb; had B reached y
// earlier, B would have marked A's frontier vertex too). Every shortest path therefore has
// length D = La + 1 + Lb, and the same holds with the sides swapped. The vertices at position
// p <= La of a shortest path are those with da = p, and the vertex after position La lies on
// B's frontier; past it, db decreases by one per hop down to b. Neither rule needs the level
// being built at the contact, so that level is abandoned half-way.
//
// Banned vertices (slot 3) and banned directed vertex pairs are skipped; Yen uses them, plain
// searches leave them empty.
class PathSearch {
 public:
  PathSearch(const Snapshot::Impl& s, const ProjectionFilter& f, size_t max_hops,
             const Interrupt* intr, const std::unordered_set<uint64_t>* banned_pairs,
             bool use_banned_nodes)
      : s_(s), fwd_(f), bwd_(f), max_hops_(max_hops), intr_(intr), banned_pairs_(banned_pairs),
        use_banned_(use_banned_nodes), da_(ThreadScratch(0)), db_(ThreadScratch(1)),
        dead_(ThreadScratch(2)), ban_(ThreadScratch(3)) {
    bwd_.direction = Reverse(f.direction);
  }

  // Runs the BFS. Returns false (with status_ OK) when b is unreachable.
  bool Run(Vertex a, Vertex b) {
    size_t n = s_.ids.size();
    da_.Reset(n);
    db_.Reset(n);
    dead_.Reset(n);
    a_ = a;
    b_ = b;
    if (!fwd_.NodeOk(s_, a) || !fwd_.NodeOk(s_, b) || Banned(a) || Banned(b)) return false;
    frontier_a_.assign(1, a);
    frontier_b_.assign(1, b);
    la_ = lb_ = 0;
    vol_a_ = Degree(a);
    vol_b_ = Degree(b);
    da_.Set(a, 0);
    db_.Set(b, 0);
    if (a == b) {
      length_ = 0;
      return true;
    }
    while (!frontier_a_.empty() && !frontier_b_.empty()) {
      if (max_hops_ != 0 && la_ + lb_ >= max_hops_) return false;
      // Expand the side with fewer edges to walk (not fewer vertices: a frontier of a few
      // hubs costs more than many ordinary people).
      bool from_a = vol_a_ <= vol_b_;
      bool met = false;
      if (!Expand(from_a, &met)) return false;
      if (met) {
        length_ = la_ + lb_ + 1;
        return true;
      }
    }
    return false;
  }

  const Status& status() const { return status_; }

  // The lexicographically smallest shortest path (after a successful Run()).
  std::vector<Vertex> SmallestPath() {
    auto all = AllPaths(1);
    return all.front();
  }

  // Every shortest path in lexicographic order, at most `limit` (after a successful Run()).
  // Depth-first in index order; a vertex of a's side whose subtree held no path is marked dead
  // and never walked again, so the walk costs at most one pass over a's levels.
  std::vector<std::vector<Vertex>> AllPaths(size_t limit) {
    std::vector<std::vector<Vertex>> out;
    struct Frame {
      Vertex v;
      std::vector<Vertex> next;
      size_t i = 0;
      bool found = false;
    };
    std::vector<Frame> stack;
    stack.push_back({a_, Successors(a_, 0)});
    while (!stack.empty() && out.size() < limit) {
      Frame& top = stack.back();
      if (top.v == b_ && stack.size() == length_ + 1) {
        std::vector<Vertex> path;
        for (const Frame& f : stack) path.push_back(f.v);
        out.push_back(std::move(path));
        stack.pop_back();
        if (!stack.empty()) stack.back().found = true;
        continue;
      }
      if (top.i == top.next.size()) {
        bool found = top.found;
        if (!found) dead_.Set(top.v, 1);
        stack.pop_back();
        if (found && !stack.empty()) stack.back().found = true;
        continue;
      }
      Vertex y = top.next[top.i++];
      size_t pos = stack.size();  // y's position on the path
      if (pos <= la_ && dead_.Has(y)) continue;
      stack.push_back({y, Successors(y, pos)});
    }
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
  // Edges (of any type, both directions) incident to v: its share of a frontier's cost.
  uint64_t Degree(Vertex v) const {
    const auto& fw = s_.g.m_forward;
    const auto& bw = s_.g.m_backward;
    return uint64_t{fw.m_rowstart[v + 1]} - fw.m_rowstart[v] + bw.m_rowstart[v + 1] -
           bw.m_rowstart[v];
  }
  bool PairBanned(Vertex x, Vertex y) const {
    return banned_pairs_ != nullptr && !banned_pairs_->empty() &&
           banned_pairs_->count(PairKey(x, y)) != 0;
  }

  // Expands one level of one side; stops at the first vertex the other side has marked (*met).
  bool Expand(bool from_a, bool* met) {
    std::vector<Vertex>& frontier = from_a ? frontier_a_ : frontier_b_;
    StampedArray& mine = from_a ? da_ : db_;
    StampedArray& other = from_a ? db_ : da_;
    const ProjectionFilter& f = from_a ? fwd_ : bwd_;
    uint32_t depth = (from_a ? la_ : lb_) + 1;
    next_.clear();
    uint64_t volume = 0;
    bool check_pairs = banned_pairs_ != nullptr && !banned_pairs_->empty();
    for (Vertex x : frontier) {
      status_ = PollInterrupt(intr_, &polls_, 256);
      if (!status_.ok()) return false;
      ForEachNeighborVertex(s_, f, x, [&](Vertex y) {
        if (*met || mine.Has(y) || Banned(y)) return;
        if (check_pairs && (from_a ? PairBanned(x, y) : PairBanned(y, x))) return;
        if (other.Has(y)) {
          *met = true;
          return;
        }
        mine.Set(y, depth);
        next_.push_back(y);
        volume += Degree(y);
      });
      if (*met) return true;
    }
    frontier.swap(next_);
    (from_a ? la_ : lb_) = depth;
    (from_a ? vol_a_ : vol_b_) = volume;
    return true;
  }

  // Next vertices, ascending, after x at position `pos` of a shortest path: on a's side those
  // one level further from a, from a's frontier on those one level closer to b.
  std::vector<Vertex> Successors(Vertex x, size_t pos) const {
    std::vector<Vertex> out;
    if (pos >= length_) return out;
    bool a_side = pos < la_;
    uint32_t want = a_side ? static_cast<uint32_t>(pos + 1)
                           : static_cast<uint32_t>(length_ - pos - 1);
    const StampedArray& marks = a_side ? da_ : db_;
    ForEachNeighborVertex(s_, fwd_, x, [&](Vertex y) {
      if (!marks.Has(y) || marks.Get(y) != want || Banned(y) || PairBanned(x, y)) return;
      out.push_back(y);
    });
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  const Snapshot::Impl& s_;
  ProjectionFilter fwd_, bwd_;
  size_t max_hops_;
  const Interrupt* intr_;
  const std::unordered_set<uint64_t>* banned_pairs_;
  bool use_banned_;
  StampedArray &da_, &db_, &dead_, &ban_;
  Vertex a_ = 0, b_ = 0;
  std::vector<Vertex> frontier_a_, frontier_b_, next_;
  size_t la_ = 0, lb_ = 0;  // depth of each side's frontier (its levels are complete up to it)
  uint64_t vol_a_ = 0, vol_b_ = 0;
  size_t length_ = 0;       // hops of every shortest path, after a successful Run()
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
      ForEachNeighborVertex(s, f, x, [&](Vertex y) {
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
