// NameCache: one scan of the label-0 name index into a hash table of names.
#include "storage/name_cache.h"

#include <bit>
#include <limits>
#include <memory>

#include "storage/key_codec.h"

namespace liner {

uint64_t NameCache::Hash(std::string_view s) {
  // FNV-1a, then a final mix so that the low bits (the table index) depend on every byte.
  uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ull;
  h ^= h >> 29;
  h *= 0xbf58476d1ce4e5b9ull;
  return h ^ (h >> 32);
}

bool NameCache::Fill(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* index,
                     const rocksdb::Snapshot* snapshot, NodeId node_limit,
                     const std::atomic<bool>* stop, Status* status) {
  ready_ = false;
  constexpr uint64_t kMax32 = std::numeric_limits<uint32_t>::max();
  if (node_limit > kMax32) return false;
  const std::string prefix = keys::NamePrefix(kNoToken, "", false);  // 'K' + label 0
  const std::string upper = keys::NamePrefix(1, "", false);
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot;
  ro.fill_cache = false;  // a one-off copy must not evict the hot blocks
  ro.readahead_size = 4 << 20;
  rocksdb::Slice upper_slice(upper);
  ro.iterate_upper_bound = &upper_slice;
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(ro, index));
  size_t n = 0;
  for (it->Seek(prefix); it->Valid(); it->Next()) {
    rocksdb::Slice k = it->key();
    std::string_view key(k.data(), k.size());
    if (key.size() < prefix.size() + 9 || key[key.size() - 9] != '\0') {
      *status = Status::Corruption("name index key without its 00 separator");
      return false;
    }
    NodeId node = keys::ReadU64(key, key.size() - 8);
    if (node >= node_limit) return false;
    std::string_view name = key.substr(prefix.size(), key.size() - 9 - prefix.size());
    if (name_end_.empty() || NameAt(static_cast<uint32_t>(name_end_.size() - 1)) != name) {
      if (text_.size() + name.size() > kMax32) return false;
      if (!name_end_.empty()) nodes_end_.push_back(static_cast<uint32_t>(nodes_.size()));
      text_.append(name);
      name_end_.push_back(static_cast<uint32_t>(text_.size()));
    }
    nodes_.push_back(static_cast<uint32_t>(node));
    if ((++n & 0xffff) == 0 && stop && stop->load(std::memory_order_relaxed)) return false;
  }
  if (!it->status().ok()) {
    *status = Status::IOError("name cache scan: " + it->status().ToString());
    return false;
  }
  if (!name_end_.empty()) nodes_end_.push_back(static_cast<uint32_t>(nodes_.size()));
  if (name_end_.size() >= kMax32 / 2) return false;
  // At most half full: linear probing stays short.
  size_t slots = std::bit_ceil(std::max<size_t>(16, name_end_.size() * 2));
  table_.assign(slots, 0);
  const uint64_t mask = slots - 1;
  for (uint32_t i = 0; i < name_end_.size(); ++i) {
    uint64_t h = Hash(NameAt(i)) & mask;
    while (table_[h]) h = (h + 1) & mask;
    table_[h] = i + 1;
  }
  text_.shrink_to_fit();
  nodes_.shrink_to_fit();
  ready_ = true;
  return true;
}

std::span<const uint32_t> NameCache::Find(std::string_view norm) const {
  if (!ready_ || table_.empty()) return {};
  const uint64_t mask = table_.size() - 1;
  for (uint64_t h = Hash(norm) & mask;; h = (h + 1) & mask) {
    uint32_t slot = table_[h];
    if (!slot) return {};
    uint32_t i = slot - 1;
    if (NameAt(i) == norm) {
      uint32_t b = i ? nodes_end_[i - 1] : 0;
      return std::span<const uint32_t>(nodes_.data() + b, nodes_end_[i] - b);
    }
  }
}

size_t NameCache::MemoryBytes() const {
  return text_.capacity() + name_end_.capacity() * 4 + nodes_end_.capacity() * 4 +
         nodes_.capacity() * 4 + table_.capacity() * 4;
}

}  // namespace liner
