#pragma once
// RecordCache: decoded node records shared by every execution of one Engine, for one database
// generation. Executions that have not written read records through it, so a batch of queries
// over the same neighbourhoods decodes each record once instead of once per query. A commit
// moves the generation and the next lookup starts an empty cache. Bounded: when it holds
// `capacity` records it is cleared (cheap, and a read-mostly working set refills it).
// Internal to query/. Thread-safe.

#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "storage/types.h"

namespace liner::query {

class RecordCache {
 public:
  explicit RecordCache(size_t capacity = 2'000'000) : capacity_(capacity) {}

  // True and `*rec` (null when the node does not exist) on a hit.
  bool Find(uint64_t generation, NodeId id, std::shared_ptr<const NodeRecord>* rec) {
    std::lock_guard lock(mu_);
    if (generation != generation_) return false;
    auto it = nodes_.find(id);
    if (it == nodes_.end()) return false;
    *rec = it->second;
    return true;
  }
  void Put(uint64_t generation, NodeId id, std::shared_ptr<const NodeRecord> rec) {
    std::lock_guard lock(mu_);
    if (generation != generation_) {
      if (generation < generation_) return;
      nodes_.clear();
      generation_ = generation;
    }
    if (nodes_.size() >= capacity_) nodes_.clear();
    nodes_.emplace(id, std::move(rec));
  }

 private:
  std::mutex mu_;
  size_t capacity_;
  uint64_t generation_ = 0;
  std::unordered_map<NodeId, std::shared_ptr<const NodeRecord>> nodes_;
};

}  // namespace liner::query
