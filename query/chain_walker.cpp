// ChainWalker: distinct ends of anonymous chains, over the adjacency cache's arrays when it can.
#include "query/chain_walker.h"

#include <algorithm>

#include "query/plan.h"

namespace liner::query {
namespace {

// Per thread, one stamp per node of the largest cache seen: "reached by walk number N". Shared
// by the walkers of one thread (a walk runs to completion before another starts), so a batch of
// bindings does not allocate and clear a node-sized array per binding.
struct Stamps {
  std::vector<uint32_t> stamp;
  uint32_t now = 0;
};
thread_local Stamps tls_stamps;

}  // namespace

void ChainWalker::Prepare(ExecState& st, const std::vector<Step>& steps) {
  steps_.clear();
  for (const Step& s : steps) {
    Resolved r;
    r.rel = s.rel;
    r.dir = s.rel->dir;
    if (s.rel->types.empty()) {
      r.types.push_back(kNoToken);
    } else {
      for (const auto& t : s.rel->types) {
        TokenId tok = st.Token(TokenKind::kRelType, t);
        if (tok != kNoToken) r.types.push_back(tok);
      }
    }
    for (const auto& l : *s.labels) r.label_tokens.push_back(st.Token(TokenKind::kLabel, l));
    steps_.push_back(std::move(r));
  }
  path_.assign(steps_.size(), 0);
  adj_.assign(steps_.size(), {});
}

bool ChainWalker::Used(EdgeId edge, size_t step) const {
  for (size_t i = 0; i < step; ++i)
    if (path_[i] == edge) return true;
  for (EdgeId b : *banned_)
    if (b == edge) return true;
  return false;
}

void ChainWalker::Walk(ExecState& st, NodeId start, const std::vector<EdgeId>& banned,
                       std::vector<NodeId>* ends) {
  ends->clear();
  banned_ = &banned;
  ends_ = ends;
  const AdjacencyView* v = st.txn->CachedAdjacency();
  if (v && start < v->node_limit) {
    masks_.assign(steps_.size(), 0);
    labels_ok_.assign(steps_.size(), 1);
    for (size_t i = 0; i < steps_.size(); ++i)
      for (TokenId t : steps_[i].label_tokens)
        if (!v->AddLabel(t, &masks_[i])) labels_ok_[i] = 0;
    Stamps& s = tls_stamps;
    if (s.stamp.size() < v->node_limit) s.stamp.assign(v->node_limit, 0);
    if (++s.now == 0) {  // wrapped: forget every earlier walk
      std::fill(s.stamp.begin(), s.stamp.end(), 0);
      s.now = 1;
    }
    stamp_ = s.stamp.data();
    stamp_now_ = s.now;
    WalkCached(st, *v, start, 0);
    return;
  }
  seen_.Clear();
  WalkCursors(st, start, 0);
}

void ChainWalker::WalkCached(ExecState& st, const AdjacencyView& v, NodeId node, size_t step) {
  st.CheckInterrupt();
  const Resolved& r = steps_[step];
  const bool last = step + 1 == steps_.size();
  const bool labels_ok = labels_ok_[step];
  const uint64_t mask = masks_[step];
  // The same order as CollectAdjacency: per type, outgoing entries then incoming ones (an
  // undirected self-loop once, from its outgoing entry).
  for (TokenId type : r.types) {
    for (int side = 0; side < 2; ++side) {
      if ((side == 0 && r.dir == Direction::kIn) || (side == 1 && r.dir == Direction::kOut))
        continue;
      const AdjacencyView::Side& sd = side == 0 ? v.out : v.in;
      const bool skip_loops = side == 1 && r.dir == Direction::kBoth;
      const AdjacencyView::Range range = v.Of(sd, node, type);
      for (uint32_t i = range.begin; i < range.end; ++i) {
        const NodeId other = sd.other[i];
        if (skip_loops && other == node) continue;
        if (last) {
          // Labels are checked once, when a walk first reaches the node; a walk that would
          // reuse an edge does not count as reaching it.
          if (stamp_[other] == stamp_now_ || Used(sd.edge[i], step)) continue;
          stamp_[other] = stamp_now_;
          if (labels_ok && v.HasLabels(other, mask)) ends_->push_back(other);
          continue;
        }
        if (!labels_ok || !v.HasLabels(other, mask) || Used(sd.edge[i], step)) continue;
        path_[step] = sd.edge[i];
        WalkCached(st, v, other, step + 1);
      }
    }
  }
}

bool ChainWalker::HasLabels(ExecState& st, NodeId node, size_t step) {
  for (TokenId t : steps_[step].label_tokens) {
    if (t == kNoToken) return false;
    auto has = st.txn->HasLabel(node, t);
    if (!has.ok()) ThrowStatus(has.status());
    if (!*has) return false;
  }
  return true;
}

void ChainWalker::WalkCursors(ExecState& st, NodeId node, size_t step) {
  std::vector<AdjEntry>& adj = adj_[step];
  CollectAdjacency(st, node, *steps_[step].rel, &adj);
  const bool last = step + 1 == steps_.size();
  for (size_t i = 0; i < adj.size(); ++i) {
    const AdjEntry& e = adj[i];
    st.CheckInterrupt();
    if (Used(e.edge, step)) continue;
    if (last) {
      if (seen_.Insert(static_cast<int64_t>(e.other)) && HasLabels(st, e.other, step))
        ends_->push_back(e.other);
      continue;
    }
    if (!HasLabels(st, e.other, step)) continue;
    path_[step] = e.edge;
    WalkCursors(st, e.other, step + 1);  // reuses adj_[step + 1], never adj_[step]
  }
}

}  // namespace liner::query
