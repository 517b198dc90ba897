#include "storage/bulk_index.h"

#include <algorithm>
#include <cstring>

#include "storage/bulk_encode.h"
#include "storage/key_codec.h"

namespace liner::bulk {

namespace {

// Sorts [first, last). Entries usually arrive as a few ascending runs (the ids of each input
// file in file order): those are merged, in O(n log runs); otherwise a plain sort.
template <typename T, typename Less>
void SortRuns(T* first, T* last, Less less) {
  constexpr size_t kMaxRuns = 64;
  std::vector<T*> bounds{first};
  for (T* it = first; it + 1 < last; ++it) {
    if (less(it[1], it[0])) {
      bounds.push_back(it + 1);
      if (bounds.size() > kMaxRuns) {
        std::sort(first, last, less);
        return;
      }
    }
  }
  bounds.push_back(last);
  while (bounds.size() > 2) {
    std::vector<T*> merged{bounds[0]};
    size_t i = 0;
    for (; i + 2 < bounds.size(); i += 2) {
      std::inplace_merge(bounds[i], bounds[i + 1], bounds[i + 2], less);
      merged.push_back(bounds[i + 2]);
    }
    if (i + 1 < bounds.size()) merged.push_back(bounds[i + 1]);
    bounds.swap(merged);
  }
}

}  // namespace

uint32_t BulkIndex::LabelSet(const std::vector<TokenId>& labels) {
  if (last_set_ != UINT32_MAX && sets_[last_set_] == labels) return last_set_;
  auto [it, added] = set_ids_.emplace(labels, static_cast<uint32_t>(sets_.size()));
  if (added) sets_.push_back(labels);
  last_set_ = it->second;
  return last_set_;
}

void BulkIndex::AddLabels(uint32_t set, NodeId node) {
  for (TokenId l : sets_[set]) label_nodes_[l].push_back(node);
}

void BulkIndex::AddName(uint32_t set, std::string_view norm, NodeId node) {
  NameEntry e{{0, 0}, text_.size(), node, static_cast<uint32_t>(norm.size()), set};
  for (size_t i = 0; i < 16; ++i) {
    e.head[i / 8] =
        (e.head[i / 8] << 8) | (i < norm.size() ? static_cast<unsigned char>(norm[i]) : 0u);
  }
  names_.push_back(e);
  if (norm.size() > 16) text_.append(norm);
}

void BulkIndex::AddValue(uint32_t set, TokenId key, std::string_view enc, NodeId node) {
  ValueEntry e{0, 0, node, key, set, enc[0]};
  if (e.tag == 's') {
    e.num = keys::ReadU32(enc, 1);
    e.offset = text_.size();
    text_.append(enc.substr(5));
  } else if (e.tag == 'b') {
    e.num = static_cast<unsigned char>(enc[1]);
  } else {
    e.num = keys::ReadU64(enc, 1);
  }
  values_.push_back(e);
}

bool BulkIndex::InSet(uint32_t set, TokenId label) const {
  if (label == kNoToken) return true;
  const auto& s = sets_[set];
  return std::binary_search(s.begin(), s.end(), label);
}

std::vector<TokenId> BulkIndex::AllLabels() const {
  std::vector<TokenId> all_labels{kNoToken};
  for (const auto& s : sets_) all_labels.insert(all_labels.end(), s.begin(), s.end());
  std::sort(all_labels.begin(), all_labels.end());
  all_labels.erase(std::unique(all_labels.begin(), all_labels.end()), all_labels.end());
  return all_labels;
}

// 'K' + label + name + 0x00 + node: for one label, the order of (name bytes, node), a name
// sorting before every longer name it is a prefix of (0x00 is below any name byte).
Status BulkIndex::WriteNames(SstOut* sst, const std::vector<TokenId>& all_labels) {
  // Names hold no 0x00 byte, so equal heads mean equal names when both fit in the head.
  SortRuns(names_.begin(), names_.end(), [&](const NameEntry& a, const NameEntry& b) {
    if (a.head[0] != b.head[0]) return a.head[0] < b.head[0];
    if (a.head[1] != b.head[1]) return a.head[1] < b.head[1];
    if (a.size > 16 || b.size > 16) {
      if (a.size <= 16) return true;  // a is a proper prefix of b
      if (b.size <= 16) return false;
      int c = Text(a.offset, a.size).compare(Text(b.offset, b.size));
      if (c != 0) return c < 0;
    }
    return a.node < b.node;
  });
  std::string key;
  for (TokenId label : all_labels) {
    for (const NameEntry& e : names_) {
      if (!InSet(e.set, label)) continue;
      const size_t size = 1 + 4 + std::max<size_t>(e.size, 16) + 1 + 8;
      if (key.size() < size) key.resize(size);
      char* p = key.data();
      *p++ = static_cast<char>(keys::KeyTag::kName);
      p = StoreBe(p, label, 4);
      if (e.size <= 16) {
        StoreBe(p, e.head[0], 8);
        StoreBe(p + 8, e.head[1], 8);
      } else {
        std::memcpy(p, text_.data() + e.offset, e.size);
      }
      p += e.size;
      *p++ = '\0';
      p = StoreBe(p, e.node, 8);
      LINER_RETURN_IF_ERROR(sst->Put(std::string_view(key.data(), p - key.data()), ""));
    }
  }
  return Status::OK();
}

// 'X' + label + key + encoded value + node: for one label, the order of (key, tag, value,
// node); values of one tag compare as their fixed-width number, strings by length then bytes.
Status BulkIndex::WriteLabelsAndValues(SstOut* sst, const std::vector<TokenId>& all_labels) {
  std::string key;
  for (const auto& [label, nodes] : label_nodes_) {  // std::map: label order; nodes ascend
    char k[1 + 4 + 8];
    k[0] = static_cast<char>(keys::KeyTag::kLabel);
    StoreBe(k + 1, label, 4);
    for (NodeId n : nodes) {
      StoreBe(k + 5, n, 8);
      LINER_RETURN_IF_ERROR(sst->Put(std::string_view(k, sizeof k), ""));
    }
  }
  SortRuns(values_.begin(), values_.end(), [&](const ValueEntry& a, const ValueEntry& b) {
    if (a.key != b.key) return a.key < b.key;
    if (a.tag != b.tag)
      return static_cast<unsigned char>(a.tag) < static_cast<unsigned char>(b.tag);
    if (a.num != b.num) return a.num < b.num;
    if (a.tag == 's') {
      int c = Text(a.offset, static_cast<uint32_t>(a.num))
                  .compare(Text(b.offset, static_cast<uint32_t>(b.num)));
      if (c != 0) return c < 0;
    }
    return a.node < b.node;
  });
  for (TokenId label : all_labels) {
    for (const ValueEntry& e : values_) {
      if (!InSet(e.set, label)) continue;
      const size_t size = 1 + 4 + 4 + 1 + (e.tag == 's' ? 4 + e.num : 8) + 8;
      if (key.size() < size) key.resize(size);
      char* p = key.data();
      *p++ = static_cast<char>(keys::KeyTag::kProperty);
      p = StoreBe(p, label, 4);
      p = StoreBe(p, e.key, 4);
      *p++ = e.tag;
      if (e.tag == 's') {
        p = StoreBe(p, e.num, 4);
        std::memcpy(p, text_.data() + e.offset, e.num);
        p += e.num;
      } else if (e.tag == 'b') {
        *p++ = static_cast<char>(e.num);
      } else {
        p = StoreBe(p, e.num, 8);
      }
      p = StoreBe(p, e.node, 8);
      LINER_RETURN_IF_ERROR(sst->Put(std::string_view(key.data(), p - key.data()), ""));
    }
  }
  return Status::OK();
}

}  // namespace liner::bulk
