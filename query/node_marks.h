#pragma once
// NodeMarks: an open-addressing (linear probing) map from node id to a uint32 value, emptied in
// O(1) by a generation stamp, for searches that run many times (shortestPath once per input
// row): the table is allocated once and reused, with no allocation per node and one cache line
// per probe, unlike std::unordered_map<NodeId, ...>. Internal to query/.
// Thread-compatible.

#include <cstdint>
#include <vector>

namespace liner::query {

class NodeMarks {
 public:
  // Forgets every entry (keeps the memory).
  void Clear() {
    size_ = 0;
    if (++stamp_ == 0) {  // wrapped: old stamps could look current again
      for (Slot& s : slots_) s.stamp = 0;
      stamp_ = 1;
    }
  }
  // The value of `key`, or nullptr when absent. Valid until the next Insert.
  const uint32_t* Find(uint64_t key) const {
    if (slots_.empty()) return nullptr;
    size_t mask = slots_.size() - 1;
    for (size_t i = Mix(key) & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.stamp != stamp_) return nullptr;
      if (s.key == key) return &s.val;
    }
  }
  // Adds `key` -> `val`; `key` must be absent.
  void Insert(uint64_t key, uint32_t val) {
    if ((size_ + 1) * 4 > slots_.size() * 3) Grow();
    InsertNoGrow(key, val);
  }
  size_t size() const { return size_; }
  size_t capacity() const { return slots_.size(); }

 private:
  struct Slot {
    uint64_t key = 0;
    uint32_t val = 0;
    uint32_t stamp = 0;  // the entry is live when stamp == stamp_
  };
  static uint64_t Mix(uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return x;
  }
  void InsertNoGrow(uint64_t key, uint32_t val) {
    size_t mask = slots_.size() - 1;
    size_t i = Mix(key) & mask;
    while (slots_[i].stamp == stamp_) i = (i + 1) & mask;
    slots_[i] = Slot{key, val, stamp_};
    ++size_;
  }
  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : old.size() * 2, Slot{});
    uint32_t live = stamp_;
    stamp_ = 1;
    size_ = 0;
    for (const Slot& s : old)
      if (s.stamp == live) InsertNoGrow(s.key, s.val);
  }

  std::vector<Slot> slots_;
  uint32_t stamp_ = 1;
  size_t size_ = 0;
};

}  // namespace liner::query
