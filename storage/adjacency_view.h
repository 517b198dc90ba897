#pragma once
// AdjacencyView: a read-only window on the in-memory adjacency cache (storage/FORMAT.md,
// "Adjacency cache") for operators that walk many nodes: the neighbours of a node as spans of
// 32-bit ids (no cursor, no allocation), labels as 64-bit masks, and the integer property
// columns as plain arrays. Transaction::CachedAdjacency() hands one out when the cache shows
// exactly what the transaction sees; it stays valid while that transaction is alive and has not
// written (fetch it again after any write). Nodes at or past node_limit are not covered: use the
// Transaction's own methods for them.
//
// Thread safety: immutable; safe to read from several threads.

#include <algorithm>
#include <cstdint>

#include "storage/types.h"

namespace liner {

struct AdjacencyView {
  // One direction of the cache: per node, entries [offsets[n], offsets[n + 1]) sorted by
  // (type, other, edge), as the `out` or `in` column family.
  struct Side {
    const uint32_t* offsets = nullptr;
    const uint32_t* other = nullptr;
    const uint32_t* edge = nullptr;
    const uint16_t* type = nullptr;
  };
  // Entries [begin, end) of one node in one side.
  struct Range {
    uint32_t begin = 0, end = 0;
    uint32_t size() const { return end - begin; }
  };
  // The integer column of one property key: kind[n] is an IntPropKind, value[n] the integer
  // when kind[n] is kInt; `size` nodes (ids at or past it are not covered).
  struct IntColumn {
    const uint8_t* kind = nullptr;
    const int64_t* value = nullptr;
    NodeId size = 0;
  };

  Side out, in;
  NodeId node_limit = 0;
  const uint64_t* label_bits = nullptr;  // node -> mask of its labels
  const int8_t* label_bit_of = nullptr;  // label token -> bit in the mask, or -1
  uint32_t label_tokens = 0;             // entries of label_bit_of

  // Entries of `node` (below node_limit) in `side`, restricted to `type` unless kNoToken.
  __attribute__((always_inline)) Range Of(const Side& side, NodeId node, TokenId type) const {
    uint32_t b = side.offsets[node], e = side.offsets[node + 1];
    if (type == kNoToken || b == e) return {b, e};
    if (type > 0xffff) return {b, b};
    const uint16_t* t = side.type;
    const uint16_t want = static_cast<uint16_t>(type);
    if (t[b] == want && t[e - 1] == want) return {b, e};  // the common single-type node
    uint32_t lo = static_cast<uint32_t>(std::lower_bound(t + b, t + e, want) - t);
    uint32_t hi = static_cast<uint32_t>(std::upper_bound(t + lo, t + e, want) - t);
    return {lo, hi};
  }

  // Adds the bit of `label` to *mask (a node carries every label of a mask when
  // HasLabels(node, mask)); false when no covered node carries `label` (or it is kNoToken).
  bool AddLabel(TokenId label, uint64_t* mask) const {
    if (label == kNoToken || label >= label_tokens || label_bit_of[label] < 0) return false;
    *mask |= uint64_t{1} << label_bit_of[label];
    return true;
  }
  bool HasLabels(NodeId node, uint64_t mask) const { return (label_bits[node] & mask) == mask; }

  // The labels that every node at the other end of an entry of `side` with `type` carries
  // (kNoToken: any type): the AND of their masks, all ones when there is no such entry. A walk
  // need not read the labels of the nodes it reaches when these already include them.
  uint64_t SureLabels(const Side& s, TokenId type) const {
    const uint64_t* sure = &s == &out ? out_sure : in_sure;
    if (type == kNoToken) return sure_any[&s == &out ? 0 : 1];
    return type < sure_types ? sure[type] : ~uint64_t{0};
  }
  const uint64_t* out_sure = nullptr;  // per type token below sure_types (see SureLabels)
  const uint64_t* in_sure = nullptr;
  uint32_t sure_types = 0;
  uint64_t sure_any[2] = {0, 0};       // out, in: over every type

  // The integer column of `key`, or nullptr when the key has none.
  const IntColumn* Column(TokenId key) const {
    for (uint32_t i = 0; i < num_columns; ++i)
      if (column_keys[i] == key) return &columns[i];
    return nullptr;
  }
  const TokenId* column_keys = nullptr;
  const IntColumn* columns = nullptr;
  uint32_t num_columns = 0;
};

}  // namespace liner
