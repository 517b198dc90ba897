#pragma once
// FlatIntSet: an open-addressing (linear probing) hash set of int64 values, for DISTINCT over
// integers (ids, counts), the common case in graph queries. No allocation per element, one
// cache line per probe, unlike std::unordered_set<QValue>. Internal to query/.
// Thread-compatible.

#include <algorithm>
#include <cstdint>
#include <vector>

namespace liner::query {

class FlatIntSet {
 public:
  // True when `v` was not in the set.
  bool Insert(int64_t v) {
    if ((size_ + 1) * 4 > slots_.size() * 3) Grow();
    return InsertNoGrow(v);
  }
  bool Contains(int64_t v) const {
    if (slots_.empty()) return false;
    size_t mask = slots_.size() - 1;
    for (size_t i = Mix(static_cast<uint64_t>(v)) & mask;; i = (i + 1) & mask) {
      if (!used_[i]) return false;
      if (slots_[i] == v) return true;
    }
  }
  size_t size() const { return size_; }
  // Makes room for `n` elements in all, so that inserting them does not rehash.
  void Reserve(size_t n) {
    size_t want = slots_.empty() ? 16 : slots_.size();
    while (n * 4 > want * 3) want *= 2;
    if (want > slots_.size()) Rehash(want);
  }
  template <typename Fn>
  void ForEach(Fn&& fn) const {
    for (size_t i = 0; i < slots_.size(); ++i)
      if (used_[i]) fn(slots_[i]);
  }
  // Empties the set, keeping its capacity while that is at most 4x what it held (so a set
  // reused per input row costs O(its elements), not O(the largest it ever was)).
  void Clear() {
    if (size_ == 0) return;
    if (slots_.size() > 64 && size_ * 16 < slots_.size()) {
      slots_.clear();
      used_.clear();
      slots_.shrink_to_fit();
      used_.shrink_to_fit();
    } else {
      std::fill(used_.begin(), used_.end(), 0);
    }
    size_ = 0;
  }

 private:
  static uint64_t Mix(uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return x;
  }
  bool InsertNoGrow(int64_t v) {
    size_t mask = slots_.size() - 1;
    for (size_t i = Mix(static_cast<uint64_t>(v)) & mask;; i = (i + 1) & mask) {
      if (!used_[i]) {
        used_[i] = 1;
        slots_[i] = v;
        ++size_;
        return true;
      }
      if (slots_[i] == v) return false;
    }
  }
  void Grow() { Rehash(slots_.empty() ? 16 : slots_.size() * 2); }
  void Rehash(size_t n) {  // n: a power of two
    std::vector<int64_t> old_slots = std::move(slots_);
    std::vector<uint8_t> old_used = std::move(used_);
    slots_.assign(n, 0);
    used_.assign(n, 0);
    size_ = 0;
    for (size_t i = 0; i < old_slots.size(); ++i)
      if (old_used[i]) InsertNoGrow(old_slots[i]);
  }

  std::vector<int64_t> slots_;
  std::vector<uint8_t> used_;
  size_t size_ = 0;
};

// FlatIntMap: int64 -> uint32 with the same open addressing, for GROUP BY one integer key.
class FlatIntMap {
 public:
  // The value of `k`, inserting `v` when absent; `*inserted` says which.
  uint32_t FindOrInsert(int64_t k, uint32_t v, bool* inserted) {
    if ((size_ + 1) * 4 > keys_.size() * 3) Grow();
    size_t mask = keys_.size() - 1;
    for (size_t i = Mix(static_cast<uint64_t>(k)) & mask;; i = (i + 1) & mask) {
      if (vals_[i] == kEmpty) {
        keys_[i] = k;
        vals_[i] = v;
        ++size_;
        *inserted = true;
        return v;
      }
      if (keys_[i] == k) {
        *inserted = false;
        return vals_[i];
      }
    }
  }
  template <typename Fn>
  void ForEach(Fn&& fn) const {
    for (size_t i = 0; i < keys_.size(); ++i)
      if (vals_[i] != kEmpty) fn(keys_[i], vals_[i]);
  }

 private:
  static constexpr uint32_t kEmpty = 0xffffffffu;
  static uint64_t Mix(uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return x;
  }
  void Grow() {
    std::vector<int64_t> old_keys = std::move(keys_);
    std::vector<uint32_t> old_vals = std::move(vals_);
    size_t n = old_keys.empty() ? 16 : old_keys.size() * 2;
    keys_.assign(n, 0);
    vals_.assign(n, kEmpty);
    size_ = 0;
    bool ignored;
    for (size_t i = 0; i < old_keys.size(); ++i)
      if (old_vals[i] != kEmpty) FindOrInsert(old_keys[i], old_vals[i], &ignored);
  }

  std::vector<int64_t> keys_;
  std::vector<uint32_t> vals_;
  size_t size_ = 0;
};

}  // namespace liner::query
