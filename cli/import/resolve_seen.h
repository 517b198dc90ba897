#pragma once
// SeenFilter: a fixed-size Bloom filter of the keys an import has written (external ids, name
// keys, edge identities). While the resolver's exact in-memory maps are complete they answer
// every question; once they have been dropped to bound memory, a key the filter has never seen
// was certainly not written by this import, so for a label that was empty when the import
// began the index lookups can still be skipped. A false positive only costs a lookup.
// Memory: 2^log2_bits bits (16 MiB by default), whatever the input size.
// Not thread-safe.

#include <cstdint>
#include <cstdlib>
#include <functional>
#include <memory>
#include <new>
#include <string_view>

namespace liner::import {

class SeenFilter {
 public:
  explicit SeenFilter(unsigned log2_bits = 27)
      : words_(static_cast<uint64_t*>(std::calloc((uint64_t{1} << log2_bits) / 64, 8)),
               &std::free),
        mask_((uint64_t{1} << log2_bits) - 1) {
    if (!words_) throw std::bad_alloc();
  }
  // log2_bits >= 9 (one block).

  void Add(std::string_view key) { AddHash(std::hash<std::string_view>{}(key)); }
  bool MaybeContains(std::string_view key) const {
    return MaybeContainsHash(std::hash<std::string_view>{}(key));
  }
  // The same for a key given by a well-mixed 64-bit hash of it. The probes of one key fall in
  // one 512-bit block (one cache line): one cache miss per key instead of one per probe.
  void AddHash(uint64_t h) {
    uint64_t* block = Block(h);
    const uint64_t g = Inner(h);
    for (int i = 0; i < kProbes; ++i) {
      const uint64_t bit = (g >> (9 * i)) & 511;
      block[bit >> 6] |= uint64_t{1} << (bit & 63);
    }
  }
  bool MaybeContainsHash(uint64_t h) const {
    const uint64_t* block = const_cast<SeenFilter*>(this)->Block(h);
    const uint64_t g = Inner(h);
    for (int i = 0; i < kProbes; ++i) {
      const uint64_t bit = (g >> (9 * i)) & 511;
      if (!(block[bit >> 6] & (uint64_t{1} << (bit & 63)))) return false;
    }
    return true;
  }

 private:
  static constexpr int kProbes = 3;
  uint64_t* Block(uint64_t h) { return words_.get() + ((h & mask_) >> 9) * 8; }
  static uint64_t Inner(uint64_t h) { return ((h >> 32) | (h << 32)) * 0x9E3779B97F4A7C15ull; }

  // calloc, not a vector: the zero pages come from the system untouched, so an import that
  // sets few bits does not pay for clearing 16 MiB.
  std::unique_ptr<uint64_t, decltype(&std::free)> words_;
  uint64_t mask_;
};

}  // namespace liner::import
