// shortestPath / allShortestPaths: bidirectional breadth-first search between two bound nodes,
// honouring relationship types, direction, and per-relationship / per-node predicates taken
// from the WHERE clause (all(r IN relationships(p) WHERE ...), all(n IN nodes(p) WHERE ...)).
#include <algorithm>
#include <unordered_map>

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
  auto rel_ok = [&](const AdjEntry& e) {
    if (!rel_pred) return true;
    scratch[rel_pred_slot] = QValue(RelFromAdj(e));
    return IsTrue(Eval(*rel_pred, scratch, st));
  };
  if (!node_ok(src) || !node_ok(dst)) return;
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

bool ShortestPathOp::Next(ExecState& st, Row& row) {
  while (next_ >= results_.size()) {
    if (!child()->Next(st, input_)) return false;
    Row scratch = input_;
    Search(st, scratch);
  }
  row = input_;
  QPath& p = results_[next_++];
  if (rel_slot >= 0) {
    QList rels;
    for (const auto& r : p.rels) rels.push_back(QValue(r));
    row[rel_slot] = QValue(std::move(rels));
  }
  if (path_slot >= 0) row[path_slot] = QValue(p);
  ++rows_produced;
  return true;
}

std::string ShortestPathOp::Describe() const {
  std::string t;
  for (size_t i = 0; i < rel.types.size(); ++i) t += (i ? "|" : ":") + rel.types[i];
  return std::string(all ? "AllShortestPaths" : "ShortestPath") + "(BFS " + t + ")";
}

}  // namespace liner::query
