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
    if (slots_.size() != n) {
      slots_.assign(n, Slot{});
      epoch_ = 0;
    }
    if (++epoch_ == 0) {  // wrapped: clear for real once every 2^32 resets
      std::fill(slots_.begin(), slots_.end(), Slot{});
      epoch_ = 1;
    }
  }
  bool Has(uint32_t i) const { return slots_[i].stamp == epoch_; }
  uint32_t Get(uint32_t i) const { return slots_[i].value; }
  void Set(uint32_t i, uint32_t v) { slots_[i] = Slot{epoch_, v}; }

 private:
  // Stamp and value side by side: one cache line per lookup on big graphs.
  struct Slot {
    uint32_t stamp = 0, value = 0;
  };
  std::vector<Slot> slots_;
  uint32_t epoch_ = 0;
};

// Up to four independent arrays per thread (paths use dist-from-a, dist-from-b, good, banned).
inline StampedArray& ThreadScratch(int slot) {
  thread_local StampedArray arrays[4];
  return arrays[slot];
}

}  // namespace liner::graph
