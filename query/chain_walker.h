#pragma once
// ChainWalker: the distinct end nodes of an anonymous multi-hop chain such as
// (c)-[:CREDITED]->(:Song)<-[:CREDITED]-(q) from one start node, for ExpandChainOp and the
// aggregation fused above it (op_chain.cpp, op_chain_aggregate.cpp). When the transaction can
// read the adjacency cache's arrays (Transaction::CachedAdjacency) it walks them directly: a
// span of neighbour ids per node and type, labels as bit masks, and a stamp per node for "this
// walk already reached it" (no cursor, no allocation, no hash set). Otherwise it walks the
// transaction's cursors. Both give the same ends in the same order (first reach), with
// relationship uniqueness: a walk never uses an edge twice, nor one of `banned`.
// Internal to query/; one per operator instance, not thread-safe.

#include <cstdint>
#include <string>
#include <vector>

#include "query/exec_context.h"
#include "query/flat_int_set.h"
#include "storage/adjacency_view.h"
#include "storage/types.h"

namespace liner::query {

struct RelSpec;

class ChainWalker {
 public:
  struct Step {
    const RelSpec* rel = nullptr;              // types and direction (no property map)
    const std::vector<std::string>* labels = nullptr;  // of the node reached
  };

  // Resolves the steps' tokens (call from the operator's Open).
  void Prepare(ExecState& st, const std::vector<Step>& steps);

  // Replaces *ends with the distinct nodes the chain reaches from `start` (the last step's labels
  // checked), in the order the walks first reach them.
  void Walk(ExecState& st, NodeId start, const std::vector<EdgeId>& banned,
            std::vector<NodeId>* ends);

  // For callers that keep their own per-node state: the adjacency cache's arrays when they can
  // serve this transaction and `start` (else nullptr: use Walk), with the label masks set up.
  const AdjacencyView* Cached(ExecState& st, NodeId start);
  // Calls visit(end) at the end of every walk from `start` over `v` (from Cached): an end
  // reached by k walks is visited k times, and its labels are not checked (EndMatches does).
  // `st` is the ExecState or, on another thread, anything with CheckInterrupt() (it may throw
  // to stop the walk). A copy of a prepared walker can walk on another thread.
  // A visitor with Skip(node), Settled(end) and Exhausted(node) lets the walk skip the last
  // step from a node it reached before: after a last step from `node` whose every entry's end
  // was Settled (checked after visiting it; also the entries the walk could not use),
  // Exhausted(node) is called, and the last step from a node for which Skip(node) is true is
  // not taken (for callers to whom a settled end adds nothing, such as DISTINCT counts).
  template <typename Interrupt, typename Visit>
  void WalkAll(Interrupt& st, const AdjacencyView& v, NodeId start,
               const std::vector<EdgeId>& banned, Visit&& visit) {
    banned_ = &banned;
    nodes_[0] = start;
    Rec(st, v, start, 0, visit);
  }
  // Whether `end` carries the last step's labels.
  bool EndMatches(const AdjacencyView& v, NodeId end) const {
    return labels_ok_.back() && (masks_.back() == 0 || v.HasLabels(end, masks_.back()));
  }
  // Whether EndMatches can be false (else every end matches: no label to read).
  bool EndChecksLabels() const { return !labels_ok_.back() || masks_.back() != 0; }

 private:
  struct Resolved {
    Direction dir = Direction::kBoth;
    std::vector<TokenId> types;        // kNoToken alone: any type; empty: no entry matches
    std::vector<TokenId> label_tokens;  // kNoToken inside: no node matches
    const RelSpec* rel = nullptr;
  };
  template <typename Interrupt, typename Visit>
  void Rec(Interrupt& st, const AdjacencyView& v, NodeId node, size_t step, Visit& visit);
  void WalkCursors(ExecState& st, NodeId node, size_t step);
  bool HasLabels(ExecState& st, NodeId node, size_t step);
  bool Used(EdgeId edge, size_t step) const;
  // Whether the entry node -> other at `step` may reuse an edge of the walk or a banned one:
  // an edge of the walk joins two of its nodes, so `other` must be one of them.
  bool MayBeUsed(NodeId other, size_t step) const {
    if (!banned_->empty()) return true;
    for (size_t i = 0; i <= step; ++i)
      if (nodes_[i] == other) return true;
    return false;
  }

  std::vector<Resolved> steps_;
  // Per walk (set by Walk).
  const std::vector<EdgeId>* banned_ = nullptr;
  std::vector<NodeId>* ends_ = nullptr;
  std::vector<EdgeId> path_;                     // edges of the current walk, per step
  std::vector<NodeId> nodes_;                    // nodes of the current walk, start first
  const AdjacencyView* masks_view_ = nullptr;    // the view masks_ were computed for
  // Cached walks: label masks per step (valid when labels_ok_[step]); 0 when the cache shows
  // that every node the step can reach carries them (AdjacencyView::SureLabels): not read.
  std::vector<uint64_t> masks_;
  std::vector<char> labels_ok_;
  // Cursor walks.
  std::vector<std::vector<AdjEntry>> adj_;  // per step, reused
  FlatIntSet seen_;
};

template <typename Interrupt, typename Visit>
void ChainWalker::Rec(Interrupt& st, const AdjacencyView& v, NodeId node, size_t step,
                      Visit& visit) {
  st.CheckInterrupt();
  const Resolved& r = steps_[step];
  const bool last = step + 1 == steps_.size();
  constexpr bool kSettles = requires(Visit& vis, NodeId n) {
    vis.Skip(n);
    vis.Settled(n);
    vis.Exhausted(n);
  };
  if constexpr (kSettles) {
    if (last && visit.Skip(node)) return;
  }
  bool settled = true;
  const bool labels_ok = labels_ok_[step];
  const uint64_t mask = masks_[step];
  const Direction next_dir = last ? Direction::kBoth : steps_[step + 1].dir;
  // The same order as CollectAdjacency: per type, outgoing entries then incoming ones (an
  // undirected self-loop once, from its outgoing entry).
  for (TokenId type : r.types) {
    for (int side = 0; side < 2; ++side) {
      if ((side == 0 && r.dir == Direction::kIn) || (side == 1 && r.dir == Direction::kOut))
        continue;
      const AdjacencyView::Side& sd = side == 0 ? v.out : v.in;
      const bool skip_loops = side == 1 && r.dir == Direction::kBoth;
      const AdjacencyView::Range range = v.Of(sd, node, type);
      if (!last) {
        // The nodes of this range are read at random next (labels, then their own ranges):
        // ask for all of them at once instead of one miss after the other.
        for (uint32_t i = range.begin; i < range.end; ++i) {
          const NodeId o = sd.other[i];
          if (mask) __builtin_prefetch(v.label_bits + o);
          if (next_dir != Direction::kIn) __builtin_prefetch(v.out.offsets + o);
          if (next_dir != Direction::kOut) __builtin_prefetch(v.in.offsets + o);
        }
      }
      const AdjacencyView::Side* next_side =
          next_dir == Direction::kIn ? &v.in : next_dir == Direction::kOut ? &v.out : nullptr;
      for (uint32_t i = range.begin; i < range.end; ++i) {
        if (!last && next_side && i + 4 < range.end) {
          // Four entries ahead, whose offsets were asked for above: their types and ends.
          const uint32_t b = next_side->offsets[sd.other[i + 4]];
          __builtin_prefetch(next_side->type + b);
          __builtin_prefetch(next_side->other + b);
        }
        const NodeId other = sd.other[i];
        if (skip_loops && other == node) continue;
        if (MayBeUsed(other, step) && Used(sd.edge[i], step)) {
          if constexpr (kSettles) settled = settled && (!last || visit.Settled(other));
          continue;
        }
        if (last) {
          visit(other);
          if constexpr (kSettles) settled = settled && visit.Settled(other);
          continue;
        }
        if (!labels_ok || (mask && !v.HasLabels(other, mask))) continue;
        path_[step] = sd.edge[i];
        nodes_[step + 1] = other;
        Rec(st, v, other, step + 1, visit);
      }
    }
  }
  if constexpr (kSettles) {
    if (last && settled) visit.Exhausted(node);
  }
}

}  // namespace liner::query
