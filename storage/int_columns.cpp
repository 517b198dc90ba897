// IntColumns: one scan of the node records into per-key integer arrays.
#include "storage/int_columns.h"

#include <algorithm>
#include <limits>

#include "storage/key_codec.h"

namespace liner {

bool IntColumns::Fill(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* nodes,
                      const rocksdb::Snapshot* snapshot, NodeId node_limit,
                      const std::vector<TokenId>& int_keys,
                      const std::vector<TokenId>& string_keys, const std::atomic<bool>* stop,
                      Status* status) {
  columns_.clear();
  strings_.clear();
  if (int_keys.empty() && string_keys.empty()) return true;
  if (node_limit > std::numeric_limits<uint32_t>::max()) return false;
  // One decode per record for both kinds of column: the integer keys first, then the strings.
  std::vector<TokenId> keys = int_keys;
  keys.insert(keys.end(), string_keys.begin(), string_keys.end());
  const size_t n_int = int_keys.size();
  std::vector<Column> cols(n_int);
  for (size_t i = 0; i < n_int; ++i) {
    cols[i].key = keys[i];
    cols[i].kind.assign(node_limit, 0);
    cols[i].value.assign(node_limit, kNoValue);
  }
  std::vector<StringColumn> strs(string_keys.size());
  std::vector<bool> str_ok(string_keys.size(), true);  // false: the text passed 4 GiB
  std::vector<NodeId> str_next(string_keys.size(), 0);  // offset[0..str_next) are final
  for (size_t i = 0; i < strs.size(); ++i) {
    strs[i].key = string_keys[i];
    strs[i].kind.assign(node_limit, 0);
    strs[i].offset.assign(node_limit + 1, 0);
  }
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot;
  ro.fill_cache = false;  // a one-off copy must not evict the hot blocks
  ro.readahead_size = 4 << 20;
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(ro, nodes));
  const std::string start = keys::Tagged(keys::KeyTag::kNode);
  std::vector<IntPropKind> kinds(keys.size());
  std::vector<int64_t> values(keys.size());
  std::vector<std::string_view> texts(keys.size());
  size_t n = 0;
  for (it->Seek(start); it->Valid(); it->Next()) {
    rocksdb::Slice k = it->key();
    if (k.size() != 9 || k[0] != start[0]) break;
    NodeId node = keys::ReadU64(std::string_view(k.data(), k.size()), 1);
    if (node >= node_limit) return false;
    std::fill(texts.begin(), texts.end(), std::string_view());
    Status s = codec::DecodeNodeIntProps(node, std::string_view(it->value().data(), it->value().size()),
                                         keys, kinds.data(), values.data(), texts.data());
    if (!s.ok()) {
      *status = s;
      return false;
    }
    for (size_t i = 0; i < n_int; ++i) {
      cols[i].kind[node] = static_cast<uint8_t>(kinds[i]);
      if (kinds[i] == IntPropKind::kInt) cols[i].value[node] = values[i];
      if (kinds[i] == IntPropKind::kOther) cols[i].all_int = false;
    }
    for (size_t i = 0; i < strs.size(); ++i) {
      StringColumn& c = strs[i];
      const size_t slot = n_int + i;
      while (str_next[i] <= node) c.offset[str_next[i]++] = static_cast<uint32_t>(c.text.size());
      if (kinds[slot] == IntPropKind::kAbsent || !str_ok[i]) continue;
      bool is_string = kinds[slot] == IntPropKind::kOther && texts[slot].data() != nullptr;
      if (!is_string) {
        c.kind[node] = static_cast<uint8_t>(IntPropKind::kOther);
        continue;
      }
      if (c.text.size() + texts[slot].size() > std::numeric_limits<uint32_t>::max()) {
        str_ok[i] = false;
        continue;
      }
      c.kind[node] = static_cast<uint8_t>(IntPropKind::kInt);
      c.text.append(texts[slot]);
    }
    if ((++n & 0xffff) == 0 && stop && stop->load(std::memory_order_relaxed)) return false;
  }
  if (!it->status().ok()) {
    *status = Status::IOError("integer column scan: " + it->status().ToString());
    return false;
  }
  for (Column& c : cols) {
    std::vector<std::pair<int64_t, uint32_t>> order;
    for (NodeId node = 0; node < node_limit; ++node)
      if (c.kind[node] == static_cast<uint8_t>(IntPropKind::kInt))
        order.emplace_back(c.value[node], static_cast<uint32_t>(node));
    if (order.empty()) continue;  // nothing to serve: reads go to the records
    if (c.all_int) {
      std::sort(order.begin(), order.end());
      c.sorted_value.reserve(order.size());
      c.sorted_node.reserve(order.size());
      for (const auto& [v, node] : order) {
        c.sorted_value.push_back(v);
        c.sorted_node.push_back(node);
      }
      // Dense values (ids numbered from 0 or 1, as imports give them): a direct table from
      // value to its entries, 4 bytes per value of the range.
      const uint64_t range = static_cast<uint64_t>(order.back().first) -
                             static_cast<uint64_t>(order.front().first);
      if (range < 2 * static_cast<uint64_t>(order.size()) + 1024) {
        c.dense_min = order.front().first;
        c.dense_start.assign(range + 2, 0);
        size_t i = 0;
        for (uint64_t d = 0; d <= range + 1; ++d) {
          while (i < order.size() &&
                 static_cast<uint64_t>(order[i].first) - static_cast<uint64_t>(c.dense_min) < d)
            ++i;
          c.dense_start[d] = static_cast<uint32_t>(i);
        }
        // The binary search is not used any more: keep only the nodes.
        c.sorted_value.clear();
        c.sorted_value.shrink_to_fit();
      }
    }
    columns_.push_back(std::move(c));
  }
  for (size_t i = 0; i < strs.size(); ++i) {
    StringColumn& c = strs[i];
    if (!str_ok[i]) continue;
    while (str_next[i] <= node_limit) c.offset[str_next[i]++] = static_cast<uint32_t>(c.text.size());
    c.text.shrink_to_fit();
    strings_.push_back(std::move(c));
  }
  return true;
}

size_t IntColumns::MemoryBytes() const {
  size_t n = 0;
  for (const Column& c : columns_) {
    n += c.kind.capacity() + c.value.capacity() * 8 + c.sorted_value.capacity() * 8 +
         c.sorted_node.capacity() * 4 + c.dense_start.capacity() * 4;
  }
  for (const StringColumn& c : strings_) {
    n += c.kind.capacity() + c.offset.capacity() * 4 + c.text.capacity();
  }
  return n;
}

}  // namespace liner
