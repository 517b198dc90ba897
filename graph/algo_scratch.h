#pragma once
// Private to graph/: per-thread scratch arrays indexed by dense node index, reset in O(1) by
// bumping an epoch instead of clearing (a query on a million-node snapshot must not memset
// megabytes). Not thread-safe by design: one instance per thread (ThreadScratch()).

#include <cstdint>
#include <vector>

namespace liner::graph {

class StampedArray {
 public:
  // Makes every slot unset; sizes the array for `n` nodes.
  void Reset(size_t n) {
    if (stamp_.size() != n) {
      stamp_.assign(n, 0);
      value_.assign(n, 0);
      epoch_ = 0;
    }
    if (++epoch_ == 0) {  // wrapped: clear for real once every 2^32 resets
      std::fill(stamp_.begin(), stamp_.end(), 0);
      epoch_ = 1;
    }
  }
  bool Has(uint32_t i) const { return stamp_[i] == epoch_; }
  uint32_t Get(uint32_t i) const { return value_[i]; }
  void Set(uint32_t i, uint32_t v) {
    stamp_[i] = epoch_;
    value_[i] = v;
  }

 private:
  std::vector<uint32_t> stamp_, value_;
  uint32_t epoch_ = 0;
};

// Up to four independent arrays per thread (paths use dist-from-a, dist-from-b, good, banned).
inline StampedArray& ThreadScratch(int slot) {
  thread_local StampedArray arrays[4];
  return arrays[slot];
}

}  // namespace liner::graph
