#pragma once
// Identifiers and records of the property graph as the storage layer sees them.
// Plain value types; thread-compatible.

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/value.h"

namespace liner {

using NodeId = uint64_t;
using EdgeId = uint64_t;
// Dictionary id of a label, relationship type or property key. 0 is never a valid token.
using TokenId = uint32_t;
inline constexpr TokenId kNoToken = 0;

// Stored on disk as a key byte: never renumber.
enum class TokenKind : uint8_t { kLabel = 0, kRelType = 1, kPropertyKey = 2 };

enum class Direction { kOut, kIn, kBoth };

// Properties sorted by key id; at most one entry per key.
class PropertyMap {
 public:
  using Entry = std::pair<TokenId, Value>;
  const Value* Get(TokenId key) const {
    auto it = Find(key);
    return it != entries_.end() && it->first == key ? &it->second : nullptr;
  }
  // Sets key to value; a null value removes the key (Cypher semantics).
  void Set(TokenId key, Value value) {
    auto it = Find(key);
    bool present = it != entries_.end() && it->first == key;
    if (value.is_null()) {
      if (present) entries_.erase(it);
    } else if (present) {
      it->second = std::move(value);
    } else {
      entries_.insert(it, Entry{key, std::move(value)});
    }
  }
  bool Remove(TokenId key) {
    auto it = Find(key);
    if (it == entries_.end() || it->first != key) return false;
    entries_.erase(it);
    return true;
  }
  void Clear() { entries_.clear(); }
  bool empty() const { return entries_.empty(); }
  size_t size() const { return entries_.size(); }
  const std::vector<Entry>& entries() const { return entries_; }
  std::vector<Entry>& mutable_entries() { return entries_; }
  bool operator==(const PropertyMap& o) const { return entries_ == o.entries_; }

 private:
  std::vector<Entry>::iterator Find(TokenId key) {
    return std::lower_bound(entries_.begin(), entries_.end(), key,
                            [](const Entry& e, TokenId k) { return e.first < k; });
  }
  std::vector<Entry>::const_iterator Find(TokenId key) const {
    return std::lower_bound(entries_.begin(), entries_.end(), key,
                            [](const Entry& e, TokenId k) { return e.first < k; });
  }
  std::vector<Entry> entries_;
};

struct NodeRecord {
  NodeId id = 0;
  std::vector<TokenId> labels;  // sorted, unique
  PropertyMap props;
  bool HasLabel(TokenId l) const { return std::binary_search(labels.begin(), labels.end(), l); }
};

struct EdgeRecord {
  EdgeId id = 0;
  NodeId src = 0;
  NodeId dst = 0;
  TokenId type = kNoToken;
  PropertyMap props;
};

// The parts of an edge record a whole-graph scan needs, decoded without copying
// (Transaction::ForEachEdgeSkeleton): endpoints, type, and the values of up to two string
// properties. The views point into the scan's buffers: valid during the callback only.
struct EdgeSkeleton {
  EdgeId id = 0;
  NodeId src = 0;
  NodeId dst = 0;
  TokenId type = kNoToken;
  // Values of the requested string properties; empty when absent or not a string.
  std::string_view strings[2];
};

// What the read caches know of one property of one node (Transaction::CachedIntProperty):
// absent (the node does not exist or lacks the key), an integer, or another type.
enum class IntPropKind : uint8_t { kAbsent = 0, kInt = 1, kOther = 2 };

// One adjacency entry as seen from `node`: the edge, its type and the node at the other end.
struct AdjEntry {
  NodeId node = 0;   // the node whose adjacency this is
  NodeId other = 0;  // the node at the other end
  TokenId type = kNoToken;
  EdgeId edge = 0;
  bool outgoing = true;  // true when node is the edge's source
};

}  // namespace liner
