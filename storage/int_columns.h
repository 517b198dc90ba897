#pragma once
// IntColumns: part of the read caches (see AdjacencyCache and storage/FORMAT.md, "Integer
// property columns"). For a few property keys (the equality-indexed ones: id, mbid,
// discogs_id), the value of that key on every node when it is an integer, so that `n.id` and
// `MATCH (n:L {id: $v})` need neither a record read nor an index seek. For the name keys
// (name, title), the string value on every node (`WHERE p.name = $name` reads no record). Exact: a node whose value
// is of another type is marked so and its record is read instead, and a key that any node holds
// with a non-integer value answers no equality seek (the index finds 1.0 for 1). Private to
// storage/ (include only from storage/*.cpp).
//
// Thread safety: built once by Fill (one thread), then immutable and safe to share.

#include <rocksdb/db.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/adjacency_view.h"
#include "storage/codec.h"
#include "storage/status.h"
#include "storage/types.h"

namespace liner {

class IntColumns {
 public:
  // Fills the columns of `keys` from one sequential scan of the `nodes` column family at
  // `snapshot`. Returns false (not an error) when a node id is >= node_limit or `stop` was set;
  // keys with no integer value at all get no column.
  // String columns of `string_keys` come from the same scan (a key whose strings add up to 4 GiB
  // or more gets none).
  bool Fill(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* nodes, const rocksdb::Snapshot* snapshot,
            NodeId node_limit, const std::vector<TokenId>& keys,
            const std::vector<TokenId>& string_keys, const std::atomic<bool>* stop,
            Status* status);

  // The value of `key` on `node`: kInt with *value set; kAbsent when the node does not exist or
  // lacks the key; nullopt when not cached (another type, an uncached key or node): read the
  // record.
  std::optional<IntPropKind> Get(NodeId node, TokenId key, int64_t* value) const {
    const Column* c = Find(key);
    if (!c || node >= c->kind.size()) return std::nullopt;
    // One load for the common case: every node that is not kInt holds kNoValue, so any other
    // value is the node's integer without a look at `kind` (a second cache miss).
    const int64_t v = c->value[node];
    if (v != kNoValue) {
      *value = v;
      return IntPropKind::kInt;
    }
    auto k = static_cast<IntPropKind>(c->kind[node]);
    if (k == IntPropKind::kOther) return std::nullopt;
    if (k == IntPropKind::kInt) *value = v;
    return k;
  }

  // Nodes whose `key` is the integer `v`, ascending, passed to `fn`; false when the column
  // cannot answer exactly (no column, or some node holds a non-integer value under `key`).
  template <typename Fn>
  bool ForEachEqual(TokenId key, int64_t v, Fn&& fn) const {
    const Column* c = Find(key);
    if (!c || !c->all_int) return false;
    if (!c->dense_start.empty()) {
      // Dense values: the entries of `v` are [dense_start[v - min], dense_start[v - min + 1]),
      // one load instead of a binary search (about 20 cache misses over millions of entries).
      const uint64_t d = static_cast<uint64_t>(v) - static_cast<uint64_t>(c->dense_min);
      if (v < c->dense_min || d >= c->dense_start.size() - 1) return true;
      for (uint32_t i = c->dense_start[d], end = c->dense_start[d + 1]; i < end; ++i)
        fn(static_cast<NodeId>(c->sorted_node[i]));
      return true;
    }
    auto lo = std::lower_bound(c->sorted_value.begin(), c->sorted_value.end(), v);
    for (size_t i = static_cast<size_t>(lo - c->sorted_value.begin());
         i < c->sorted_value.size() && c->sorted_value[i] == v; ++i) {
      fn(static_cast<NodeId>(c->sorted_node[i]));
    }
    return true;
  }

  // Whether equality seeks of `key` use the direct table (dense values) rather than a binary
  // search (for tests and cache statistics).
  bool DenseSeek(TokenId key) const {
    const Column* c = Find(key);
    return c && !c->dense_start.empty();
  }
  size_t DenseSeekKeys() const {
    size_t n = 0;
    for (const Column& c : columns_) n += c.dense_start.empty() ? 0 : 1;
    return n;
  }

  // The string value of `key` on `node`: true with *value set (a view valid as long as the
  // columns); false when the node does not exist or lacks the key; nullopt when not cached
  // (another type, an uncached key or node): read the record.
  std::optional<bool> GetString(NodeId node, TokenId key, std::string_view* value) const {
    for (const StringColumn& c : strings_) {
      if (c.key != key) continue;
      if (node >= c.kind.size()) return std::nullopt;
      // Only string values have text: a non-empty range is a string without a look at `kind`.
      const uint32_t b = c.offset[node], e = c.offset[node + 1];
      if (e == b) {
        auto k = static_cast<IntPropKind>(c.kind[node]);
        if (k == IntPropKind::kOther) return std::nullopt;
        if (k == IntPropKind::kAbsent) return false;
      }
      *value = std::string_view(c.text.data() + b, e - b);
      return true;
    }
    return std::nullopt;
  }

  size_t MemoryBytes() const;

  // Appends the key and the arrays of every column (for AdjacencyView), in the same order.
  void Views(std::vector<TokenId>* keys, std::vector<AdjacencyView::IntColumn>* cols) const {
    for (const Column& c : columns_) {
      keys->push_back(c.key);
      cols->push_back({c.kind.data(), c.value.data(), static_cast<NodeId>(c.kind.size())});
    }
  }

 private:
  struct Column {
    TokenId key = kNoToken;
    std::vector<uint8_t> kind;      // node -> IntPropKind
    std::vector<int64_t> value;     // node -> the integer when kind is kInt, else kNoValue
    bool all_int = true;            // no node holds another type under `key`
    std::vector<int64_t> sorted_value;  // the kInt entries, sorted by (value, node)...
    std::vector<uint32_t> sorted_node;  // ...and their nodes
    // When the values are dense (max - min < 2 * entries + 1024): the entries of value v start
    // at dense_start[v - dense_min] and end at dense_start[v - dense_min + 1]; else empty.
    std::vector<uint32_t> dense_start;
    int64_t dense_min = 0;
  };
  static constexpr int64_t kNoValue = std::numeric_limits<int64_t>::min();
  const Column* Find(TokenId key) const {
    for (const Column& c : columns_)
      if (c.key == key) return &c;
    return nullptr;
  }
  std::vector<Column> columns_;
  struct StringColumn {
    TokenId key = kNoToken;
    std::vector<uint8_t> kind;      // node -> kAbsent, kInt (meaning: a string) or kOther
    std::vector<uint32_t> offset;   // node -> start of its string in `text`; node + 1 ends it
    std::string text;               // every string, in node order
  };
  std::vector<StringColumn> strings_;
};

}  // namespace liner
