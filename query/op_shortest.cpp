// shortestPath / allShortestPaths: bidirectional breadth-first search between two bound nodes,
// honouring relationship types, direction, and per-relationship / per-node predicates taken
// from the WHERE clause (all(r IN relationships(p) WHERE ...), all(n IN nodes(p) WHERE ...)),
// and any other predicate on the path, trying longer paths when the shortest ones fail it.
#include <algorithm>
#include <functional>
#include <unordered_map>
#include <unordered_set>

#include "query/plan.h"

namespace liner::query {
namespace {

struct Parent {
  NodeId node;   // the node one step closer to this side's root
  AdjEntry via;  // as seen from `node`
};

struct Side {
  std::unordered_map<NodeId, int> dist;
  std::unordered_map<NodeId, std::vector<Parent>> parents;
  std::vector<NodeId> frontier;
  int depth = 0;
};


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
  Side fwd, bwd;
  fwd.dist[src] = 0;
  fwd.frontier = {src};
  bwd.dist[dst] = 0;
  bwd.frontier = {dst};
  RelSpec back = rel;
  back.dir = Reverse(rel.dir);
  std::vector<AdjEntry> adj;
  std::vector<NodeId> meet;
  while (!fwd.frontier.empty() && !bwd.frontier.empty() && fwd.depth + bwd.depth < max) {
    bool forward = fwd.frontier.size() <= bwd.frontier.size();
    Side& s = forward ? fwd : bwd;
    Side& other = forward ? bwd : fwd;
    std::vector<NodeId> next;
    int nd = s.depth + 1;
    for (NodeId u : s.frontier) {
      CollectAdjacency(st, u, forward ? rel : back, &adj);
      st.CountExpansion(adj.size() + 1);
      for (const AdjEntry& e : adj) {
        NodeId v = e.other;
        auto it = s.dist.find(v);
        if (it != s.dist.end() && it->second < nd) continue;
        if (!rel_ok(e)) continue;
        if (it == s.dist.end()) {
          if (!node_ok(v)) continue;
          s.dist[v] = nd;
          next.push_back(v);
        }
        s.parents[v].push_back(Parent{u, e});
      }
    }
    s.frontier = std::move(next);
    s.depth = nd;
    for (NodeId v : s.frontier)
      if (other.dist.count(v)) meet.push_back(v);
    if (!meet.empty()) break;
  }
  if (meet.empty()) return;
  int total = fwd.depth + bwd.depth;
  if (total < min_hops) return;
  // Half paths from each root to a meeting node, following parents.
  std::function<void(Side&, NodeId, std::vector<AdjEntry>&, std::vector<std::vector<AdjEntry>>&)>
      walk = [&](Side& s, NodeId v, std::vector<AdjEntry>& acc,
                 std::vector<std::vector<AdjEntry>>& out) {
        auto it = s.parents.find(v);
        if (it == s.parents.end()) {
          out.push_back(acc);
          return;
        }
        for (const Parent& p : it->second) {
          acc.push_back(p.via);
          walk(s, p.node, acc, out);
          acc.pop_back();
          if (!all && !out.empty()) return;
          st.CountExpansion();
        }
      };
  std::sort(meet.begin(), meet.end());
  for (NodeId m : meet) {
    std::vector<std::vector<AdjEntry>> left, right;
    std::vector<AdjEntry> acc;
    walk(fwd, m, acc, left);   // entries from m back to src (each seen from the parent)
    walk(bwd, m, acc, right);  // entries from m forward to dst
    for (auto& l : left) {
      for (auto& r : right) {
        QPath p;
        p.nodes.push_back(NodeRef(src));
        for (auto it = l.rbegin(); it != l.rend(); ++it) {
          p.rels.push_back(RelFromAdj(*it));
          p.nodes.push_back(NodeRef(it->other));
        }
        for (const AdjEntry& e : r) {
          p.rels.push_back(RelFromAdj(e));
          p.nodes.push_back(NodeRef(e.node));
        }
        results_.push_back(std::move(p));
        if (!all) return;
      }
    }
  }
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
