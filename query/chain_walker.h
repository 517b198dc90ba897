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

#include "query/flat_int_set.h"
#include "storage/adjacency_view.h"
#include "storage/types.h"

namespace liner::query {

class ExecState;
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

 private:
  struct Resolved {
    Direction dir = Direction::kBoth;
    std::vector<TokenId> types;        // kNoToken alone: any type; empty: no entry matches
    std::vector<TokenId> label_tokens;  // kNoToken inside: no node matches
    const RelSpec* rel = nullptr;
  };
  void WalkCached(ExecState& st, const AdjacencyView& v, NodeId node, size_t step);
  void WalkCursors(ExecState& st, NodeId node, size_t step);
  bool HasLabels(ExecState& st, NodeId node, size_t step);
  bool Used(EdgeId edge, size_t step) const;

  std::vector<Resolved> steps_;
  // Per walk (set by Walk).
  const std::vector<EdgeId>* banned_ = nullptr;
  std::vector<NodeId>* ends_ = nullptr;
  std::vector<EdgeId> path_;                     // edges of the current walk, per step
  // Cached walks: label masks per step (valid when labels_ok_[step]).
  std::vector<uint64_t> masks_;
  std::vector<char> labels_ok_;
  uint32_t* stamp_ = nullptr;  // node -> stamp_now_ once reached by this Walk
  uint32_t stamp_now_ = 0;
  // Cursor walks.
  std::vector<std::vector<AdjEntry>> adj_;  // per step, reused
  FlatIntSet seen_;
};

}  // namespace liner::query
