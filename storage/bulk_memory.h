#pragma once
// HugeArray<T>: a growable array of trivially copyable T in its own anonymous mapping, backed
// by transparent huge pages where the kernel allows it (madvise MADV_HUGEPAGE), for the bulk
// loader's big per-edge arrays (private to storage/bulk_*.cpp). Fresh memory is costly on a
// VM: one fault per 2 MiB page instead of one per 4 KiB page makes first touches several
// times cheaper. Growth moves the mapping with mremap (no copy). Not thread-safe, except that
// distinct elements may be written by different threads and Populate() may run on a helper
// thread meanwhile.

#include <sys/mman.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <new>
#include <type_traits>
#include <utility>

namespace liner::bulk {

template <typename T>
class HugeArray {
  static_assert(std::is_trivially_copyable_v<T>, "HugeArray holds trivially copyable types");

 public:
  HugeArray() = default;
  ~HugeArray() { Free(); }
  HugeArray(HugeArray&& o) noexcept { *this = std::move(o); }
  HugeArray& operator=(HugeArray&& o) noexcept {
    if (this != &o) {
      Free();
      data_ = std::exchange(o.data_, nullptr);
      size_ = std::exchange(o.size_, 0);
      high_ = std::exchange(o.high_, 0);
      bytes_ = std::exchange(o.bytes_, 0);
    }
    return *this;
  }
  HugeArray(const HugeArray&) = delete;
  HugeArray& operator=(const HugeArray&) = delete;

  // Capacity for at least n elements (address space only: pages are taken when touched).
  void reserve(size_t n) {
    size_t want = RoundUp(n * sizeof(T));
    if (want <= bytes_) return;
    std::lock_guard<std::mutex> lock(grow_mu_);  // a helper may be in Populate()
    void* p = data_ == nullptr
                  ? ::mmap(nullptr, want, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                           -1, 0)
                  : ::mremap(data_, bytes_, want, MREMAP_MAYMOVE);
    if (p == MAP_FAILED) throw std::bad_alloc();
    if (want >= kHugeFrom) ::madvise(p, want, MADV_HUGEPAGE);
    data_ = static_cast<T*>(p);
    bytes_ = want;
  }
  // n elements; new ones are zero (fresh anonymous pages) unless the array shrank before.
  void resize(size_t n) {
    reserve(n);
    if (n > size_ && size_ < high_) {
      size_t upto = n < high_ ? n : high_;
      std::memset(static_cast<void*>(data_ + size_), 0, (upto - size_) * sizeof(T));
    }
    size_ = n;
    if (n > high_) high_ = n;
  }
  void push_back(const T& v) {
    if ((size_ + 1) * sizeof(T) > bytes_) reserve(size_ < 512 ? 512 : size_ * 2);
    data_[size_++] = v;
    if (size_ > high_) high_ = size_;
  }
  // Takes (zeroed) pages for the first n elements' capacity now, without changing any element,
  // so that later first touches do not fault. Meant for a helper thread while another thread
  // writes and grows the array (growth waits for the step being populated; the pages already
  // taken move with the mapping), but not while release() or the destructor run. Returns
  // early once `stop` is set. Best effort: does nothing where the kernel cannot (before Linux
  // 5.14).
  void Populate(size_t n, const std::atomic<bool>& stop) const {
    for (size_t at = 0; !stop.load(std::memory_order_relaxed) && PopulateStep(n, &at);) {
    }
  }
  // One step of Populate(): up to 16 MiB from byte *at on; false when there is nothing left.
  bool PopulateStep(size_t n, size_t* at) const {
    constexpr size_t kStep = size_t{16} << 20;
    std::lock_guard<std::mutex> lock(grow_mu_);
    size_t bytes = RoundUp(n * sizeof(T));
    if (bytes > bytes_) bytes = bytes_;
    if (*at >= bytes) return false;
    size_t len = bytes - *at < kStep ? bytes - *at : kStep;
#ifdef MADV_POPULATE_WRITE
    if (::madvise(reinterpret_cast<char*>(data_) + *at, len, MADV_POPULATE_WRITE) != 0) {
      return false;
    }
#else
    return false;
#endif
    *at += len;
    return true;
  }
  size_t capacity() const { return bytes_ / sizeof(T); }
  void clear() { size_ = 0; }
  // Gives the memory back.
  void release() {
    Free();
    size_ = 0;
  }

  T* data() { return data_; }
  const T* data() const { return data_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T& operator[](size_t i) { return data_[i]; }
  const T& operator[](size_t i) const { return data_[i]; }
  T* begin() { return data_; }
  T* end() { return data_ + size_; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }

 private:
  // Small arrays stay on ordinary pages (a huge page is zeroed whole on its first touch).
  static constexpr size_t kHuge = size_t{2} << 20, kHugeFrom = size_t{8} << 20;
  static size_t RoundUp(size_t b) {
    size_t unit = b >= kHugeFrom ? kHuge : size_t{4096};
    return (b + unit - 1) / unit * unit;
  }
  void Free() {
    if (data_ != nullptr) ::munmap(data_, bytes_);
    data_ = nullptr;
    bytes_ = 0;
    high_ = 0;
  }

  T* data_ = nullptr;
  size_t size_ = 0;
  size_t high_ = 0;  // elements ever written since the mapping was made (beyond: still zero)
  size_t bytes_ = 0;
  // Held while the mapping is made or moved, and by each Populate() step.
  mutable std::mutex grow_mu_;
};

}  // namespace liner::bulk
