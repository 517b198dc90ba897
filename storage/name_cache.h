#pragma once
// NameCache: part of the read caches (see AdjacencyCache and storage/FORMAT.md, "Name index
// cache"). An in-memory copy of the name index under label 0 (every named node): normalised
// name -> the nodes carrying it, ascending, in an open-addressing hash table over one text
// arena. FindByName answers from it (plus the cache's label bits for a label) with the same
// nodes in the same order as the RocksDB prefix scan, without a seek. Private to storage/
// (include only from storage/*.cpp).
//
// Thread safety: built once by Fill (one thread), then immutable and safe to share.

#include <rocksdb/db.h>

#include <atomic>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "storage/status.h"
#include "storage/types.h"

namespace liner {

class NameCache {
 public:
  // Copies the label-0 name index keys ('K' + u32 0 + name + 00 + u64 node) of `index` at
  // `snapshot`. Returns false (not an error) when a node id is >= node_limit, the names add up
  // to 4 GiB or more, or `stop` was set; then ready() stays false.
  bool Fill(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* index, const rocksdb::Snapshot* snapshot,
            NodeId node_limit, const std::atomic<bool>* stop, Status* status);

  // Whether Fill completed: only then does Find answer.
  bool ready() const { return ready_; }

  // The nodes whose normalised name is `norm` (NormalizeName output), ascending; empty when
  // none.
  std::span<const uint32_t> Find(std::string_view norm) const;

  size_t MemoryBytes() const;

 private:
  std::string_view NameAt(uint32_t i) const {
    uint32_t b = i ? name_end_[i - 1] : 0;
    return std::string_view(text_.data() + b, name_end_[i] - b);
  }
  static uint64_t Hash(std::string_view s);

  bool ready_ = false;
  std::string text_;                 // every distinct name, in key order
  std::vector<uint32_t> name_end_;   // name i ends at name_end_[i] in text_
  std::vector<uint32_t> nodes_end_;  // name i's nodes end at nodes_end_[i] in nodes_
  std::vector<uint32_t> nodes_;
  std::vector<uint32_t> table_;      // name index + 1, 0 = empty; a power of two
};

}  // namespace liner
