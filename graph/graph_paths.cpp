// Shortest paths: bidirectional breadth-first search, expanding the smaller frontier one level
// at a time, and all shortest paths through the layered distance sets of both ends.
#include <algorithm>
#include <functional>
#include <unordered_map>

#include "graph/graph.h"

namespace liner::graph {

namespace {

struct Step {
  NodeId prev = 0;  // the node one step closer to this side's origin
  EdgeId edge = 0;
  bool forward = true;  // edge points from the a-side node to the b-side node
  int depth = 0;
};

Direction Reverse(Direction d) {
  return d == Direction::kOut ? Direction::kIn : d == Direction::kIn ? Direction::kOut : d;
}

}  // namespace

Result<std::optional<Path>> Graph::ShortestPath(NodeId a, NodeId b, const EdgeFilter& filter,
                                                const TraversalLimits& limits) {
  LINER_ASSIGN_OR_RETURN(auto types, TypeTokens(filter));
  if (!filter.types.empty() && types.empty() && a != b) return std::optional<Path>();
  if (a == b) return std::optional<Path>(Path{a, {}});
  TokenId one_type = types.size() == 1 ? types[0] : kNoToken;

  std::unordered_map<NodeId, Step> seen_a{{a, Step{}}}, seen_b{{b, Step{}}};
  std::vector<NodeId> front_a{a}, front_b{b};
  int depth_a = 0, depth_b = 0;
  NodeId meet = 0;
  int best = -1;

  while (!front_a.empty() && !front_b.empty() && depth_a + depth_b < limits.max_hops) {
    bool from_a = front_a.size() <= front_b.size();
    auto& front = from_a ? front_a : front_b;
    auto& seen = from_a ? seen_a : seen_b;
    auto& other = from_a ? seen_b : seen_a;
    int& depth = from_a ? depth_a : depth_b;
    Direction dir = from_a ? filter.direction : Reverse(filter.direction);
    std::vector<NodeId> next;
    for (NodeId u : front) {
      if (limits.cancel && limits.cancel->load()) return Status::Cancelled("shortest path search");
      for (auto c = txn_->Neighbors(u, dir, one_type); c->Valid(); c->Next()) {
        const AdjEntry& e = c->entry();
        EdgeRecord rec;
        bool loaded;
        if (!Passes(e, filter, types, &rec, &loaded)) continue;
        if (seen.count(e.other)) continue;
        // From the a side an outgoing edge points a->b; from the b side an outgoing edge of u
        // points away from b, i.e. b-side node -> a-side node.
        bool forward = from_a ? e.outgoing : !e.outgoing;
        seen.emplace(e.other, Step{u, e.edge, forward, depth + 1});
        next.push_back(e.other);
        auto hit = other.find(e.other);
        if (hit != other.end()) {
          int total = depth + 1 + hit->second.depth;
          if (best < 0 || total < best) {
            best = total;
            meet = e.other;
          }
        }
      }
      if (seen.size() > limits.max_visited) {
        return Status::LimitExceeded("shortest path search visited more than " +
                                     std::to_string(limits.max_visited) + " nodes");
      }
    }
    ++depth;
    front = std::move(next);
    if (best >= 0) break;
  }
  if (best < 0 || best > limits.max_hops) return std::optional<Path>();

  // Stitch: a ... meet from seen_a (walking back), meet ... b from seen_b (walking forward).
  Path path{a, {}};
  std::vector<std::tuple<NodeId, NodeId, EdgeId, bool>> hops;  // from, to, edge, forward
  {
    NodeId n = meet;
    std::vector<std::tuple<NodeId, NodeId, EdgeId, bool>> rev;
    while (n != a) {
      const Step& s = seen_a.at(n);
      rev.emplace_back(s.prev, n, s.edge, s.forward);
      n = s.prev;
    }
    hops.assign(rev.rbegin(), rev.rend());
    n = meet;
    while (n != b) {
      const Step& s = seen_b.at(n);
      hops.emplace_back(n, s.prev, s.edge, s.forward);
      n = s.prev;
    }
  }
  for (auto& [from, to, edge, forward] : hops) {
    LINER_ASSIGN_OR_RETURN(auto rec, txn_->GetEdge(edge));
    if (!rec) return Status::Internal("edge vanished during path search");
    path.hops.push_back(Hop{std::move(*rec), from, to, forward});
  }
  return std::optional<Path>(std::move(path));
}

Result<std::vector<Path>> Graph::AllShortestPaths(NodeId a, NodeId b, const EdgeFilter& filter,
                                                  size_t max_paths,
                                                  const TraversalLimits& limits) {
  LINER_ASSIGN_OR_RETURN(auto first, ShortestPath(a, b, filter, limits));
  std::vector<Path> out;
  if (!first) return out;
  int len = static_cast<int>(first->hops.size());
  if (len == 0) {
    out.push_back(*first);
    return out;
  }
  LINER_ASSIGN_OR_RETURN(auto types, TypeTokens(filter));
  TokenId one_type = types.size() == 1 ? types[0] : kNoToken;
  // Distance from b (reverse direction) up to len.
  std::unordered_map<NodeId, int> dist_b{{b, 0}};
  std::vector<NodeId> front{b};
  for (int d = 1; d <= len && !front.empty(); ++d) {
    std::vector<NodeId> next;
    for (NodeId u : front) {
      for (auto c = txn_->Neighbors(u, Reverse(filter.direction), one_type); c->Valid();
           c->Next()) {
        EdgeRecord rec;
        bool loaded;
        if (!Passes(c->entry(), filter, types, &rec, &loaded)) continue;
        if (dist_b.emplace(c->entry().other, d).second) next.push_back(c->entry().other);
      }
    }
    front = std::move(next);
  }
  // Depth-first from a, stepping only to nodes one closer to b.
  std::vector<Hop> stack;
  std::function<Status(NodeId, int)> walk = [&](NodeId u, int remaining) -> Status {
    if (out.size() >= max_paths) return Status::OK();
    if (remaining == 0) {
      if (u == b) out.push_back(Path{a, stack});
      return Status::OK();
    }
    for (auto c = txn_->Neighbors(u, filter.direction, one_type); c->Valid(); c->Next()) {
      const AdjEntry e = c->entry();
      auto it = dist_b.find(e.other);
      if (it == dist_b.end() || it->second != remaining - 1) continue;
      EdgeRecord rec;
      bool loaded;
      if (!Passes(e, filter, types, &rec, &loaded)) continue;
      if (!loaded) {
        LINER_ASSIGN_OR_RETURN(auto r, txn_->GetEdge(e.edge));
        if (!r) continue;
        rec = std::move(*r);
      }
      stack.push_back(Hop{std::move(rec), u, e.other, e.outgoing});
      LINER_RETURN_IF_ERROR(walk(e.other, remaining - 1));
      stack.pop_back();
    }
    return Status::OK();
  };
  LINER_RETURN_IF_ERROR(walk(a, len));
  return out;
}

}  // namespace liner::graph
