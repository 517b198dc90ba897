// Bidirectional breadth-first search for shortestPath / allShortestPaths.
//
// Why stopping at the first contact is exact: the two sides expand whole levels and share no
// node before the contact. When side S (levels 0..Ls complete) expanding its frontier reaches a
// node y marked by side O (levels 0..Lo complete), the distance was more than Ls + Lo before
// this level (no shared node), and the path through y has length Ls + 1 + dO(y) <= Ls + 1 + Lo,
// so dO(y) = Lo and every shortest path has length D = Ls + 1 + Lo. Each shortest path is then
// a chain of S's parents down to a node x of S's frontier, one relationship x -> y with y on
// O's frontier, and a chain of O's parents from y: the level being built at the contact is not
// needed, so shortestPath abandons it at the first contact, and allShortestPaths only scans the
// rest of S's frontier for the other contact relationships.
#include "query/shortest_bfs.h"

#include <utility>

namespace liner::query {
namespace {

constexpr uint32_t kNone = 0xffffffffu;

Direction Reverse(Direction d) {
  return d == Direction::kOut ? Direction::kIn : d == Direction::kIn ? Direction::kOut : d;
}

// One parent of a visited node: the relationship from the parent (as seen from the parent's
// node, so via.other is the child), and the next parent of the same child.
struct Link {
  AdjEntry via;
  uint32_t parent;  // visit index
  uint32_t next;    // link index, kNone at the end
};

struct Visit {
  NodeId node;
  uint32_t depth;
  uint32_t links;  // first parent link, kNone for the root
};

struct Side {
  NodeMarks marks;  // node -> visit index
  std::vector<Visit> visits;
  std::vector<Link> links;
  std::vector<uint32_t> frontier, next;  // visit indexes
  uint32_t depth = 0;
  // Relationships to walk to expand frontier[0, volume_pos) (with the adjacency cache only),
  // summed lazily, only as far as choosing the side to expand needs.
  uint64_t volume = 0;
  size_t volume_pos = 0;
  Direction dir = Direction::kBoth;

  void Reset(NodeId root, Direction d) {
    marks.Clear();
    visits.clear();
    links.clear();
    frontier.assign(1, 0);
    next.clear();
    depth = 0;
    volume = 0;
    volume_pos = 0;
    dir = d;
    visits.push_back(Visit{root, 0, kNone});
    marks.Insert(root, 0);
  }
  // Gives back the memory of a search far larger than usual (a thread keeps its Searcher).
  void Trim(size_t max_nodes) {
    if (marks.capacity() <= max_nodes) return;
    marks = NodeMarks();
    visits = std::vector<Visit>();
    links = std::vector<Link>();
    frontier = std::vector<uint32_t>();
    next = std::vector<uint32_t>();
  }
  void AddLink(uint32_t child, uint32_t parent, const AdjEntry& via) {
    links.push_back(Link{via, parent, visits[child].links});
    visits[child].links = static_cast<uint32_t>(links.size() - 1);
  }
};

// A relationship between the frontiers: `via` seen from `x`, a node of the side that was
// expanding (a when from_a), reaching `y` on the other side's frontier.
struct Contact {
  bool from_a;
  uint32_t x, y;  // visit indexes in their sides
  AdjEntry via;
};

class Searcher {
 public:
  bool busy = false;

  void Run(ExecState& st, const ShortestSearchSpec& spec, std::vector<QPath>* out) {
    spec_ = &spec;
    st_ = &st;
    any_type_ = spec.rel->types.empty();
    tokens_.clear();
    for (const auto& t : spec.rel->types) {
      TokenId tok = st.Token(TokenKind::kRelType, t);
      if (tok != kNoToken) tokens_.push_back(tok);
    }
    if (!any_type_ && tokens_.empty()) return;
    // Degrees are array lookups only when the adjacency cache serves this transaction.
    cheap_degree_ = !st.txn->dirty() && st.db->cache_info().adjacency_ready;
    a_.Reset(spec.src, spec.rel->dir);
    b_.Reset(spec.dst, Reverse(spec.rel->dir));
    rejected_.Clear();
    contacts_.clear();
    const uint32_t max = spec.max_hops < 0 ? 0 : static_cast<uint32_t>(spec.max_hops);
    while (!a_.frontier.empty() && !b_.frontier.empty() && a_.depth + b_.depth < max) {
      bool from_a = ExpandA();
      if (Expand(from_a ? a_ : b_, from_a ? b_ : a_, from_a)) break;
    }
    if (contacts_.empty()) return;
    if (static_cast<int>(a_.depth + b_.depth + 1) < spec.min_hops) return;
    for (const Contact& c : contacts_) {
      Emit(c, out);
      if (!spec.all && !out->empty()) return;
    }
  }

  void Trim() {
    constexpr size_t kKeep = size_t{1} << 20;  // nodes' worth of tables kept between searches
    a_.Trim(kKeep);
    b_.Trim(kKeep);
    if (rejected_.capacity() > kKeep) rejected_ = NodeMarks();
  }

 private:
  bool RelOk(const AdjEntry& e) const { return !spec_->rel_ok || (*spec_->rel_ok)(e); }
  bool NodeOk(NodeId n) const { return !spec_->node_ok || (*spec_->node_ok)(n); }

  // Adjacency of `node` in direction `dir` along the pattern's types; an undirected self-loop
  // once (as CollectAdjacency, with the type tokens resolved once per search).
  void Collect(NodeId node, Direction dir) {
    adj_.clear();
    auto scan = [&](TokenId type) {
      auto cur = st_->txn->Neighbors(node, dir, type);
      for (; cur->Valid(); cur->Next()) {
        const AdjEntry& e = cur->entry();
        if (dir == Direction::kBoth && e.other == node && !e.outgoing) continue;
        adj_.push_back(e);
      }
      if (!cur->status().ok()) ThrowStatus(cur->status());
    };
    if (any_type_) {
      scan(kNoToken);
    } else {
      for (TokenId t : tokens_) scan(t);
    }
  }

  // The cost of expanding `node`: its degree along the pattern, plus one.
  uint64_t Volume(NodeId node, Direction dir) {
    uint64_t n = 1;
    auto one = [&](TokenId t) {
      if (dir != Direction::kIn) n += st_->txn->Degree(node, Direction::kOut, t);
      if (dir != Direction::kOut) n += st_->txn->Degree(node, Direction::kIn, t);
    };
    if (any_type_) {
      one(kNoToken);
    } else {
      for (TokenId t : tokens_) one(t);
    }
    return n;
  }

  // Whether to expand a's frontier rather than b's: the one with fewer relationships to walk
  // (a frontier of a few hubs costs more than many ordinary nodes); ties go forward. The
  // degrees are summed only until one side's whole frontier is known to be the cheaper.
  bool ExpandA() {
    if (!cheap_degree_) return a_.frontier.size() <= b_.frontier.size();
    for (;;) {
      const bool a_done = a_.volume_pos == a_.frontier.size();
      const bool b_done = b_.volume_pos == b_.frontier.size();
      if (a_done && a_.volume <= b_.volume) return true;  // a's total <= b's partial sum
      if (b_done && b_.volume < a_.volume) return false;
      Side& s = !a_done && (b_done || a_.volume <= b_.volume) ? a_ : b_;
      s.volume += Volume(s.visits[s.frontier[s.volume_pos++]].node, s.dir);
    }
  }

  // Expands one level of `s`. Returns true at a contact with `o` (recorded in contacts_).
  bool Expand(Side& s, Side& o, bool from_a) {
    const bool all = spec_->all;
    const uint32_t nd = s.depth + 1;
    s.next.clear();
    bool met = false;
    for (size_t fi = 0; fi < s.frontier.size(); ++fi) {
      const uint32_t xi = s.frontier[fi];
      Collect(s.visits[xi].node, s.dir);
      st_->CountExpansion(adj_.size() + 1);
      for (const AdjEntry& e : adj_) {
        const NodeId y = e.other;
        if (const uint32_t* vi = s.marks.Find(y)) {
          // Known to this side: only allShortestPaths wants its other parents on this level.
          const uint32_t yi = *vi;
          if (all && !met && s.visits[yi].depth == nd && RelOk(e)) s.AddLink(yi, xi, e);
          continue;
        }
        if (const uint32_t* oi = o.marks.Find(y)) {
          if (!RelOk(e)) continue;
          contacts_.push_back(Contact{from_a, xi, *oi, e});
          if (!all) return true;
          met = true;
          continue;
        }
        if (met) continue;  // the level is abandoned: only contact relationships matter now
        if (spec_->node_ok && rejected_.Find(y)) continue;
        if (!RelOk(e)) continue;
        if (!NodeOk(y)) {
          rejected_.Insert(y, 0);
          continue;
        }
        const uint32_t yi = static_cast<uint32_t>(s.visits.size());
        s.visits.push_back(Visit{y, nd, kNone});
        s.marks.Insert(y, yi);
        s.AddLink(yi, xi, e);
        s.next.push_back(yi);
      }
    }
    if (met) return true;
    s.frontier.swap(s.next);
    s.depth = nd;
    s.volume = 0;
    s.volume_pos = 0;
    return false;
  }

  // Every chain of parent links from visit `v` of `s` back to its root (one chain unless
  // allShortestPaths), each as the relationships from v towards the root.
  void Chains(const Side& s, uint32_t v, std::vector<AdjEntry>* acc,
              std::vector<std::vector<AdjEntry>>* chains) {
    uint32_t link = s.visits[v].links;
    if (link == kNone) {
      chains->push_back(*acc);
      return;
    }
    for (; link != kNone; link = s.links[link].next) {
      const Link& l = s.links[link];
      acc->push_back(l.via);
      Chains(s, l.parent, acc, chains);
      acc->pop_back();
      st_->CountExpansion();
      if (!spec_->all) return;
    }
  }

  void Emit(const Contact& c, std::vector<QPath>* out) {
    // a's half ends at node `a_end`, b's half starts at `b_start`; `c.via` joins them.
    const uint32_t a_end = c.from_a ? c.x : c.y;
    const uint32_t b_start = c.from_a ? c.y : c.x;
    std::vector<std::vector<AdjEntry>> left, right;
    std::vector<AdjEntry> acc;
    Chains(a_, a_end, &acc, &left);    // entries from a_end back to src (seen from the parent)
    Chains(b_, b_start, &acc, &right);  // entries from b_start on to dst (seen from the parent)
    for (const auto& l : left) {
      for (const auto& r : right) {
        QPath p;
        p.nodes.reserve(l.size() + r.size() + 2);
        p.rels.reserve(l.size() + r.size() + 1);
        p.nodes.push_back(NodeRef(spec_->src));
        for (auto it = l.rbegin(); it != l.rend(); ++it) {
          p.rels.push_back(RelFromAdj(*it));
          p.nodes.push_back(NodeRef(it->other));
        }
        p.rels.push_back(RelFromAdj(c.via));
        p.nodes.push_back(NodeRef(c.from_a ? c.via.other : c.via.node));
        for (const AdjEntry& e : r) {
          p.rels.push_back(RelFromAdj(e));
          p.nodes.push_back(NodeRef(e.node));
        }
        out->push_back(std::move(p));
        if (!spec_->all) return;
      }
    }
  }

  const ShortestSearchSpec* spec_ = nullptr;
  ExecState* st_ = nullptr;
  bool any_type_ = true, cheap_degree_ = false;
  std::vector<TokenId> tokens_;
  Side a_, b_;
  NodeMarks rejected_;  // nodes node_ok refused
  std::vector<Contact> contacts_;
  std::vector<AdjEntry> adj_;
};

}  // namespace

void ShortestPaths(ExecState& st, const ShortestSearchSpec& spec, std::vector<QPath>* out) {
  // Reused from one search to the next (tables keep their memory); a nested search (a
  // predicate that itself runs shortestPath) gets a fresh one.
  thread_local Searcher shared;
  if (shared.busy) {
    Searcher nested;
    nested.busy = true;
    nested.Run(st, spec, out);
    return;
  }
  shared.busy = true;
  struct Release {
    Searcher& s;
    ~Release() {
      s.Trim();
      s.busy = false;
    }
  } release{shared};
  shared.Run(st, spec, out);
}

}  // namespace liner::query
