// VarReachOp: variable-length expansion as a breadth-first search when only the end nodes
// matter. Same answer as VarExpandOp followed by DISTINCT on the end node, in O(edges) per start.
//
// Why it is the same answer (min_hops <= 1, relationships unique within a path):
// - a node v != start is the end of a trail of 1..max hops exactly when its BFS distance is at
//   most max (a shortest walk is a simple path, hence a trail);
// - start itself is the end of such a trail when a closed trail of at most max hops passes
//   through it; the shortest one is a simple cycle. Directed: an edge back into start from a
//   node at depth d gives d + 1. Undirected: label every node with the first edge of its BFS
//   tree path (its branch); a non-tree edge between different branches (start is a branch of
//   its own) closes a cycle of d(u) + d(v) + 1, and the shortest cycle has such an edge.
#include <limits>
#include <unordered_map>
#include <unordered_set>

#include "query/plan.h"

namespace liner::query {

void VarReachOp::Open(ExecState& st) {
  Op::Open(st);
  reached_.clear();
  next_ = 0;
}

void VarReachOp::Search(ExecState& st, NodeId start) {
  reached_.clear();
  next_ = 0;
  const int max = max_hops >= 0 ? max_hops : st.options.max_var_length;
  if (min_hops > max) return;
  std::unordered_set<EdgeId> banned;
  for (int s : unique_rel_slots) {
    const QValue& v = input_[s];
    if (v.is_rel()) banned.insert(v.as_rel().id);
    else if (v.is_list())
      for (const auto& r : v.as_list())
        if (r.is_rel()) banned.insert(r.as_rel().id);
  }
  QMap rel_props;
  const bool has_rel_props = rel.props != nullptr;
  if (has_rel_props) rel_props = EvalProps(rel.props, input_, st);
  const bool undirected = rel.dir == Direction::kBoth;
  const NodeId target = to_bound && input_[to_slot].is_node() ? input_[to_slot].as_node().id : 0;
  if (to_bound && !input_[to_slot].is_node()) return;

  constexpr EdgeId kNone = std::numeric_limits<EdgeId>::max();
  struct Seen {
    EdgeId parent;  // the BFS tree edge into the node (kNone for start)
    EdgeId branch;  // the first edge of its tree path (kNone for start)
    int depth;
  };
  std::unordered_map<NodeId, Seen> seen;
  seen.emplace(start, Seen{kNone, kNone, 0});
  bool start_again = min_hops == 0;  // start is an answer
  std::vector<NodeId> frontier{start}, next, found;
  std::vector<AdjEntry> adj;
  for (int depth = 0; depth < max && !frontier.empty(); ++depth) {
    for (NodeId u : frontier) {
      CollectAdjacency(st, u, rel, &adj);
      const Seen su = seen.at(u);
      for (const AdjEntry& e : adj) {
        st.CheckInterrupt();
        if (!banned.empty() && banned.count(e.edge)) continue;
        if (has_rel_props && !RelPropsMatch(st, e.edge, rel_props)) continue;
        st.CountExpansion();
        auto it = seen.find(e.other);
        if (it == seen.end()) {
          seen.emplace(e.other, Seen{e.edge, u == start ? e.edge : su.branch, depth + 1});
          next.push_back(e.other);
          found.push_back(e.other);
          if (to_bound && e.other == target) {
            reached_.push_back(target);
            return;
          }
          continue;
        }
        if (start_again) continue;
        if (!undirected || e.other == u) {
          // Directed, or a self-loop: only an edge into start closes a trail through it.
          if (e.other == start) start_again = true;
          continue;
        }
        const Seen& sv = it->second;
        if (e.edge == su.parent || e.edge == sv.parent || su.branch == sv.branch) continue;
        if (su.depth + sv.depth + 1 <= max) start_again = true;
      }
    }
    frontier.swap(next);
    next.clear();
  }
  if (to_bound) {
    if (target == start && start_again) reached_.push_back(start);
    return;
  }
  if (start_again) reached_.push_back(start);
  reached_.insert(reached_.end(), found.begin(), found.end());
}

bool VarReachOp::Next(ExecState& st, Row& row) {
  while (true) {
    while (next_ < reached_.size()) {
      NodeId id = reached_[next_++];
      if (!to_bound &&
          !NodeMatches(st, id, to_check, input_, has_to_props_ ? &to_props_ : nullptr))
        continue;
      row = input_;
      if (!to_bound) row[to_slot] = QValue(NodeRef(id));
      ++rows_produced;
      return true;
    }
    if (!child()->Next(st, input_)) return false;
    reached_.clear();
    next_ = 0;
    const QValue& from = input_[from_slot];
    if (!from.is_node()) {
      if (!from.is_null()) Throw("TypeError(VariableTypeConflict)", "expected a node to expand from");
      continue;
    }
    has_to_props_ = to_check.props != nullptr;
    if (has_to_props_) to_props_ = EvalProps(to_check.props, input_, st);
    Search(st, from.as_node().id);
  }
}

}  // namespace liner::query
