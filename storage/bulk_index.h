#pragma once
// BulkIndex: the index column family entries of one bulk load (private to storage/bulk_*.cpp):
// name entries ('K'), label entries ('L') and equality entries ('X'), see storage/FORMAT.md.
//
// Each node's names and indexed values are recorded once, with the node's label set; Write()
// sorts them once and emits the keys of label 0 (any label) and of every label from the same
// sorted order, so a node with one label costs one sort entry per name instead of two keys.
// Sorting compares fixed-width fields and names' first 16 bytes, not whole key strings.
// Not thread-safe; Write() may run on another thread than the Add calls (not concurrently).

#include <atomic>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "storage/bulk_memory.h"
#include "storage/bulk_sst.h"

namespace liner::bulk {

class BulkIndex {
 public:
  // The id of a (sorted, unique) label set; cheap when nodes repeat the previous node's labels.
  uint32_t LabelSet(const std::vector<TokenId>& labels);
  const std::vector<TokenId>& labels(uint32_t set) const { return sets_[set]; }

  // Room for about `nodes` more nodes' entries.
  void Reserve(uint64_t nodes) {
    names_.reserve(names_.size() + nodes);
    values_.reserve(values_.size() + nodes);
  }
  void AddLabels(uint32_t set, NodeId node);
  // One normalised name of a node (the caller passes each distinct name once).
  void AddName(uint32_t set, std::string_view norm, NodeId node);
  // One indexed property value, already encoded by keys::EncodeIndexValue.
  void AddValue(uint32_t set, TokenId key, std::string_view encoded, NodeId node);

  // Takes the memory of about `nodes` nodes' name and value entries ahead (a step of each in
  // turn), from a helper thread while Add calls run; see HugeArray::Populate.
  void Populate(uint64_t nodes, const std::atomic<bool>& stop) const {
    size_t names_at = 0, values_at = 0;
    bool more = true;
    while (more && !stop.load(std::memory_order_relaxed)) {
      more = names_.PopulateStep(nodes, &names_at);
      more = values_.PopulateStep(nodes, &values_at) || more;
    }
  }
  // Frees the entries once they are written (the label sets stay).
  void Release() {
    names_.release();
    values_.release();
    std::string().swap(text_);
    label_nodes_.clear();
  }
  // Label 0 and every label of a label set, ascending: the labels keys are written under.
  std::vector<TokenId> AllLabels() const;
  // The name entries ('K'), and the label and equality entries ('L' < 'X'): two key ranges
  // that do not overlap, so two threads may write them into two files at once (they touch
  // different members; no Add call may run meanwhile).
  Status WriteNames(SstOut* sst, const std::vector<TokenId>& all_labels);
  Status WriteLabelsAndValues(SstOut* sst, const std::vector<TokenId>& all_labels);

 private:
  struct NameEntry {
    // The first 16 bytes of the name, big-endian, zero-padded: names of up to 16 bytes (most)
    // are sorted and written from here without touching text_.
    uint64_t head[2];
    uint64_t offset;  // into text_
    NodeId node;
    uint32_t size;
    uint32_t set;
  };
  struct ValueEntry {
    uint64_t num;     // 'b' 0/1, 'i' and 'f' the encoded u64, 's' the length
    uint64_t offset;  // 's': into text_
    NodeId node;
    TokenId key;
    uint32_t set;
    char tag;  // 'b', 'f', 'i' or 's'
  };
  std::string_view Text(uint64_t offset, uint32_t size) const {
    return std::string_view(text_.data() + offset, size);
  }
  // Whether entries of `set` are emitted under `label` (label 0: every set).
  bool InSet(uint32_t set, TokenId label) const;

  std::vector<std::vector<TokenId>> sets_;
  std::map<std::vector<TokenId>, uint32_t> set_ids_;
  uint32_t last_set_ = UINT32_MAX;
  std::map<TokenId, HugeArray<NodeId>> label_nodes_;
  std::string text_;
  HugeArray<NameEntry> names_;
  HugeArray<ValueEntry> values_;
};

}  // namespace liner::bulk
