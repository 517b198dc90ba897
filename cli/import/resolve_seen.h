#pragma once
// SeenFilter: a fixed-size Bloom filter of the keys an import has written (external ids, name
// keys, edge identities). While the resolver's exact in-memory maps are complete they answer
// every question; once they have been dropped to bound memory, a key the filter has never seen
// was certainly not written by this import, so for a label that was empty when the import
// began the index lookups can still be skipped. A false positive only costs a lookup.
// Memory: 2^log2_bits bits (16 MiB by default), whatever the input size.
// Not thread-safe.

#include <sys/mman.h>

#include <cstdint>
#include <functional>
#include <new>
#include <string_view>

namespace liner::import {

class SeenFilter {
 public:
  // log2_bits >= 9 (one block).
  explicit SeenFilter(unsigned log2_bits = 27)
      : bytes_((uint64_t{1} << log2_bits) / 8), mask_((uint64_t{1} << log2_bits) - 1) {
    // Anonymous pages, 2 MiB-aligned, in transparent huge pages where the system allows it:
    // every probe is a random cache line of 16 MiB, so with 4 KiB pages nearly every one also
    // missed the TLB, and the first touch of each page faulted (4,096 faults instead of 8).
    // Untouched pages stay zero and cost nothing.
    map_bytes_ = bytes_ + kHuge;
    map_ = ::mmap(nullptr, map_bytes_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (map_ == MAP_FAILED) throw std::bad_alloc();
    const auto base = reinterpret_cast<uintptr_t>(map_);
    words_ = reinterpret_cast<uint64_t*>((base + kHuge - 1) & ~(kHuge - 1));
#ifdef MADV_HUGEPAGE
    ::madvise(words_, bytes_, MADV_HUGEPAGE);  // a hint: without it the filter still works
#endif
  }
  ~SeenFilter() { ::munmap(map_, map_bytes_); }
  SeenFilter(const SeenFilter&) = delete;
  SeenFilter& operator=(const SeenFilter&) = delete;

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
  uint64_t* Block(uint64_t h) { return words_ + ((h & mask_) >> 9) * 8; }
  static uint64_t Inner(uint64_t h) { return ((h >> 32) | (h << 32)) * 0x9E3779B97F4A7C15ull; }

  static constexpr uint64_t kHuge = uint64_t{2} << 20;
  uint64_t bytes_;
  uint64_t mask_;
  void* map_ = nullptr;
  uint64_t map_bytes_ = 0;
  uint64_t* words_ = nullptr;
};

}  // namespace liner::import
