#pragma once
// FlatMap64: an open-addressing hash table from 64-bit keys to 64-bit values, for the
// resolver's maps (resolve_graph.h), whose keys are well-mixed 64-bit hashes of what they
// stand for (an external id, a name key, an edge identity).
//
// One flat array of (key, value) slots, linear probing, grown at half load: a lookup is one or
// two cache lines, an insert allocates nothing until the table grows, and Clear() keeps the
// array (the resolver clears its maps whenever they reach their bound, so the array's size is
// bounded by that bound). Key 0 marks an empty slot; a key of 0 is stored as 1 (hashes only).
// Memory: 16 bytes per slot, 2-4 slots per entry.
// Not thread-safe.

#include <cstdint>
#include <cstring>
#include <memory>

namespace liner::import {

class FlatMap64 {
 public:
  // The value of `key`, or nullptr.
  const uint64_t* Find(uint64_t key) const {
    if (size_ == 0) return nullptr;
    key = Fix(key);
    for (uint64_t i = key & mask_;; i = (i + 1) & mask_) {
      if (slots_[i].key == key) return &slots_[i].value;
      if (slots_[i].key == 0) return nullptr;
    }
  }
  bool Contains(uint64_t key) const { return Find(key) != nullptr; }
  // Inserts key -> value unless `key` is present. Returns whether it inserted.
  bool Insert(uint64_t key, uint64_t value) {
    if (2 * (size_ + 1) > capacity_) Grow();
    key = Fix(key);
    for (uint64_t i = key & mask_;; i = (i + 1) & mask_) {
      if (slots_[i].key == key) return false;
      if (slots_[i].key == 0) {
        slots_[i] = Slot{key, value};
        ++size_;
        return true;
      }
    }
  }
  uint64_t size() const { return size_; }
  // Empties the map, keeping its array.
  void Clear() {
    if (size_ == 0) return;
    std::memset(slots_.get(), 0, capacity_ * sizeof(Slot));
    size_ = 0;
  }

 private:
  struct Slot {
    uint64_t key;
    uint64_t value;
  };
  static uint64_t Fix(uint64_t key) { return key == 0 ? 1 : key; }
  void Grow() {
    const uint64_t old_capacity = capacity_;
    std::unique_ptr<Slot[]> old = std::move(slots_);
    capacity_ = old_capacity == 0 ? 1024 : 2 * old_capacity;
    mask_ = capacity_ - 1;
    slots_.reset(new Slot[capacity_]());
    for (uint64_t j = 0; j < old_capacity; ++j) {
      if (old[j].key == 0) continue;
      for (uint64_t i = old[j].key & mask_;; i = (i + 1) & mask_) {
        if (slots_[i].key == 0) {
          slots_[i] = old[j];
          break;
        }
      }
    }
  }

  std::unique_ptr<Slot[]> slots_;
  uint64_t capacity_ = 0;
  uint64_t mask_ = 0;
  uint64_t size_ = 0;
};

}  // namespace liner::import
