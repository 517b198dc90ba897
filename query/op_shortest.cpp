// shortestPath / allShortestPaths: bidirectional breadth-first search between two bound nodes,
// honouring relationship types, direction, and per-relationship / per-node predicates taken
// from the WHERE clause (all(r IN relationships(p) WHERE ...), all(n IN nodes(p) WHERE ...)),
// and any other predicate on the path, trying longer paths when the shortest ones fail it.
// The search without a whole-path predicate is in query/shortest_bfs.cpp.
#include <algorithm>
#include <functional>
#include <unordered_map>
#include <unordered_set>

#include "query/plan.h"
#include "query/shortest_bfs.h"

namespace liner::query {
namespace {

Direction Reverse(Direction d) {
  return d == Direction::kOut ? Direction::kIn : d == Direction::kIn ? Direction::kOut : d;
}

}  // namespace

void ShortestPathOp::Open(ExecState& st) {
  Op::Open(st);
  results_.clear();
  next_ = 0;
}

void ShortestPathOp::Search(ExecState& st, Row& scratch) {
  results_.clear();
  next_ = 0;
  const QValue &a = input_[from_slot], &b = input_[to_slot];
  if (!a.is_node() || !b.is_node()) return;
  NodeId src = a.as_node().id, dst = b.as_node().id;
  int max = single_hop_pattern ? 1 : (max_hops >= 0 ? max_hops : st.options.max_var_length);
  auto node_ok = [&](NodeId id) {
    if (!node_pred) return true;
    scratch[node_pred_slot] = QValue(NodeRef(id));
    return IsTrue(Eval(*node_pred, scratch, st));
  };
  const bool has_props = rel.props != nullptr;
  if (has_props) rel_props_ = EvalProps(rel.props, input_, st);
  auto rel_ok = [&](const AdjEntry& e) {
    if (has_props && !RelPropsMatch(st, e.edge, rel_props_)) return false;
    if (!rel_pred) return true;
    scratch[rel_pred_slot] = QValue(RelFromAdj(e));
    return IsTrue(Eval(*rel_pred, scratch, st));
  };
  if (!node_ok(src) || !node_ok(dst)) return;
  if (path_pred) {
    SearchWithPathPredicate(st, scratch, src, dst, max, node_ok, rel_ok);
    return;
  }
  if (src == dst) {
    if (min_hops == 0) {
      QPath p;
      p.nodes.push_back(NodeRef(src));
      results_.push_back(std::move(p));
    }
    return;
  }
  // Only the conditions there are, so that the search skips the calls otherwise.
  std::function<bool(const AdjEntry&)> rel_check;
  std::function<bool(NodeId)> node_check;
  if (has_props || rel_pred) rel_check = rel_ok;
  if (node_pred) node_check = node_ok;
  ShortestSearchSpec spec;
  spec.src = src;
  spec.dst = dst;
  spec.max_hops = max;
  spec.min_hops = min_hops;
  spec.all = all;
  spec.rel = &rel;
  spec.rel_ok = rel_check ? &rel_check : nullptr;
  spec.node_ok = node_check ? &node_check : nullptr;
  ShortestPaths(st, spec, &results_);
}

void ShortestPathOp::SetPathSlots(Row& row, const QPath& p) const {
  if (rel_slot >= 0) {
    QList rels;
    for (const auto& r : p.rels) rels.push_back(QValue(r));
    row[rel_slot] = QValue(std::move(rels));
  }
  if (path_slot >= 0) row[path_slot] = QValue(p);
}

// Paths of length k = d(src, dst), d + 1, ... up to max, each enumerated depth first (no
// relationship twice, pruned by the distance to dst); the first length with a path that
// satisfies path_pred gives the answer (one path, or all of that length).
void ShortestPathOp::SearchWithPathPredicate(
    ExecState& st, Row& scratch, NodeId src, NodeId dst, int max,
    const std::function<bool(NodeId)>& node_ok,
    const std::function<bool(const AdjEntry&)>& rel_ok) {
  // Distances to dst over the relationships and nodes the per-element predicates allow.
  RelSpec back = rel;
  back.dir = Reverse(rel.dir);
  std::unordered_map<NodeId, int> to_dst{{dst, 0}};
  std::vector<NodeId> frontier{dst}, next;
  std::vector<AdjEntry> adj;
  for (int d = 1; d <= max && !frontier.empty(); ++d) {
    for (NodeId u : frontier) {
      CollectAdjacency(st, u, back, &adj);
      st.CountExpansion(adj.size() + 1);
      for (const AdjEntry& e : adj) {
        if (to_dst.count(e.other) || !rel_ok(e) || !node_ok(e.other)) continue;
        to_dst[e.other] = d;
        next.push_back(e.other);
      }
    }
    frontier.swap(next);
    next.clear();
  }
  auto it = to_dst.find(src);
  if (it == to_dst.end()) return;
  if (src == dst && min_hops > 0) return;  // as without a path predicate: no closed paths
  std::vector<AdjEntry> path;
  std::unordered_set<EdgeId> used;
  bool done = false;
  std::function<void(NodeId, int)> dfs = [&](NodeId u, int left) {
    if (left == 0) {
      if (u != dst) return;
      QPath p;
      p.nodes.push_back(NodeRef(src));
      for (const AdjEntry& e : path) {
        p.rels.push_back(RelFromAdj(e));
        p.nodes.push_back(NodeRef(e.other));
      }
      SetPathSlots(scratch, p);
      if (IsTrue(Eval(*path_pred, scratch, st))) {
        results_.push_back(std::move(p));
        if (!all) done = true;
      }
      return;
    }
    std::vector<AdjEntry> out;
    CollectAdjacency(st, u, rel, &out);
    for (const AdjEntry& e : out) {
      if (done) return;
      st.CountExpansion();
      auto d = to_dst.find(e.other);
      if (d == to_dst.end() || d->second > left - 1 || used.count(e.edge)) continue;
      if (!rel_ok(e)) continue;
      used.insert(e.edge);
      path.push_back(e);
      dfs(e.other, left - 1);
      path.pop_back();
      used.erase(e.edge);
    }
  };
  for (int k = std::max(it->second, min_hops); k <= max && results_.empty(); ++k) dfs(src, k);
}

bool ShortestPathOp::Next(ExecState& st, Row& row) {
  while (next_ >= results_.size()) {
    if (!child()->Next(st, input_)) return false;
    Row scratch = input_;
    Search(st, scratch);
  }
  row = input_;
  SetPathSlots(row, results_[next_++]);
  ++rows_produced;
  return true;
}

std::string ShortestPathOp::Describe() const {
  std::string t;
  for (size_t i = 0; i < rel.types.size(); ++i) t += (i ? "|" : ":") + rel.types[i];
  return std::string(all ? "AllShortestPaths" : "ShortestPath") + "(BFS " + t + ")";
}

}  // namespace liner::query
