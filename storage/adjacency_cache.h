#pragma once
// AdjacencyCache: an immutable in-memory copy of the `out` and `in` column families and of the
// label index, for one database generation. Private to storage/ (include only from
// storage/*.cpp).
//
// Read transactions that have not written serve Neighbors/Degree/HasLabel (and integer
// properties and equality seeks, from its IntColumns) from it instead of
// RocksDB prefix scans: the same entries in the same order (per node: type, other node, edge),
// but an array walk instead of a seek. It is built by one sequential scan of each column family
// (keys only, already sorted by node, so no sort), in compressed sparse row form with 32-bit ids:
// about 10 bytes per adjacency entry (20 per edge) plus 8 per node. A graph whose ids or tokens
// do not fit (ids >= 2^32, type tokens >= 2^16) is simply not cached.
//
// Thread safety: a built cache is immutable and safe to share; Build is a pure function.

#include <rocksdb/db.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "storage/adjacency_view.h"
#include "storage/int_columns.h"
#include "storage/name_cache.h"
#include "storage/status.h"
#include "storage/types.h"

namespace liner {

class AdjacencyCache {
 public:
  // One direction (the `out` or the `in` column family).
  struct Side {
    std::vector<uint32_t> offsets;  // node -> first entry; offsets[node + 1] ends it
    std::vector<uint32_t> other;    // the node at the other end
    std::vector<uint32_t> edge;
    std::vector<uint16_t> type;
  };

  struct Inputs {
    rocksdb::DB* db = nullptr;
    rocksdb::ColumnFamilyHandle* out = nullptr;
    rocksdb::ColumnFamilyHandle* in = nullptr;
    rocksdb::ColumnFamilyHandle* index = nullptr;
    rocksdb::ColumnFamilyHandle* nodes = nullptr;  // for the integer columns
    std::vector<TokenId> int_keys;                 // property keys to keep integer columns of
    std::vector<TokenId> string_keys;              // ... and string columns of (name keys)
    bool names = false;                            // also copy the name index (NameCache)
    const rocksdb::Snapshot* snapshot = nullptr;  // what to copy
    NodeId node_limit = 0;                        // every node id is below this
    uint64_t edges_hint = 0;                      // expected edge count (for reserve)
    uint64_t generation = 0;
    const std::atomic<bool>* stop = nullptr;      // abandons the build when set
  };

  // Builds the cache (three threads: `out`, `in` and the node records in parallel). Returns nullptr, not an error,
  // when the graph does not fit the compact form or `stop` was set.
  static Result<std::unique_ptr<AdjacencyCache>> Build(const Inputs& in);

  uint64_t generation() const { return generation_; }
  NodeId node_limit() const { return node_limit_; }
  size_t MemoryBytes() const;
  double build_ms() const { return build_ms_; }

  // Entries [begin, end) of `node` in `side`, restricted to `type` unless it is kNoToken.
  // Empty when the node has none (or is out of range).
  std::pair<uint32_t, uint32_t> Range(const Side& side, NodeId node, TokenId type) const;
  const Side& out() const { return out_; }
  const Side& in() const { return in_; }

  // Whether `node` carries `label`; nullopt when the label is not one of the (at most 64)
  // labels the cache tracks, so the caller must read the record.
  std::optional<bool> HasLabel(NodeId node, TokenId label) const;

  // Integer property columns of `int_keys` (see IntColumns).
  const IntColumns& columns() const { return columns_; }
  // The name index (see NameCache); not ready() when Inputs::names was false.
  const NameCache& names() const { return names_; }

  // The same arrays as raw spans (see AdjacencyView), for the query engine's walks.
  const AdjacencyView& view() const { return view_; }

 private:
  AdjacencyCache() = default;
  uint64_t generation_ = 0;
  NodeId node_limit_ = 0;
  double build_ms_ = 0;
  Side out_, in_;
  std::vector<uint64_t> label_bits_;  // node -> bit i set when it has label label_tokens_[i]
  std::vector<int8_t> label_bit_of_;  // label token -> bit index, or -1
  // Per type token, the labels every other end of an `out` / `in` entry carries (SureLabels).
  std::vector<uint64_t> out_sure_, in_sure_;
  IntColumns columns_;
  std::vector<TokenId> view_keys_;
  std::vector<AdjacencyView::IntColumn> view_columns_;
  AdjacencyView view_;  // points into the members above; filled once Build is done
  NameCache names_;
};

}  // namespace liner
