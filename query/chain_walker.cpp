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
  nodes_.assign(steps_.size() + 1, 0);
  adj_.assign(steps_.size(), {});
  masks_view_ = nullptr;
}

bool ChainWalker::Used(EdgeId edge, size_t step) const {
  for (size_t i = 0; i < step; ++i)
    if (path_[i] == edge) return true;
  for (EdgeId b : *banned_)
    if (b == edge) return true;
  return false;
}

const AdjacencyView* ChainWalker::Cached(ExecState& st, NodeId start) {
  const AdjacencyView* v = st.txn->CachedAdjacency();
  if (!v || start >= v->node_limit) return nullptr;
  if (v != masks_view_) {
    masks_view_ = v;
    masks_.assign(steps_.size(), 0);
    labels_ok_.assign(steps_.size(), 1);
    for (size_t i = 0; i < steps_.size(); ++i) {
      const Resolved& r = steps_[i];
      for (TokenId t : r.label_tokens)
        if (!v->AddLabel(t, &masks_[i])) labels_ok_[i] = 0;
      // The labels every node this step can reach carries, by its types and direction.
      uint64_t sure = ~uint64_t{0};
      for (TokenId t : r.types) {
        if (r.dir != Direction::kIn) sure &= v->SureLabels(v->out, t);
        if (r.dir != Direction::kOut) sure &= v->SureLabels(v->in, t);
      }
      if ((masks_[i] & ~sure) == 0) masks_[i] = 0;
    }
  }
  return v;
}

void ChainWalker::Walk(ExecState& st, NodeId start, const std::vector<EdgeId>& banned,
                       std::vector<NodeId>* ends) {
  ends->clear();
  banned_ = &banned;
  ends_ = ends;
  if (const AdjacencyView* v = Cached(st, start)) {
    Stamps& s = tls_stamps;
    if (s.stamp.size() < v->node_limit) s.stamp.assign(v->node_limit, 0);
    if (++s.now == 0) {  // wrapped: forget every earlier walk
      std::fill(s.stamp.begin(), s.stamp.end(), 0);
      s.now = 1;
    }
    uint32_t* stamp = s.stamp.data();
    const uint32_t now = s.now;
    // Labels are checked once, when a walk first reaches the node.
    WalkAll(st, *v, start, banned, [&](NodeId end) {
      if (stamp[end] == now) return;
      stamp[end] = now;
      if (EndMatches(*v, end)) ends->push_back(end);
    });
    return;
  }
  seen_.Clear();
  WalkCursors(st, start, 0);
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
