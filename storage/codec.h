#pragma once
// Value encoding of node and edge records (cereal portable binary) and of index values.
// Pure functions; thread-safe.

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "storage/status.h"
#include "storage/types.h"

namespace liner::codec {

// Node record without its id (the id is in the key).
std::string EncodeNode(const NodeRecord& node);
Result<NodeRecord> DecodeNode(NodeId id, std::string_view bytes);

std::string EncodeEdge(const EdgeRecord& edge);
Result<EdgeRecord> DecodeEdge(EdgeId id, std::string_view bytes);
// Decodes endpoints, type and the string values of `string_keys` straight from the bytes (no
// stream, no allocation); out->strings view into `bytes`. Corruption on a malformed record.
Status DecodeEdgeSkeleton(EdgeId id, std::string_view bytes,
                          const std::array<TokenId, 2>& string_keys, EdgeSkeleton* out);

// For each of `keys` (kNoToken entries are skipped): the kind of the node record's value under
// that key and, when it is an integer, the integer — straight from the bytes, without building
// a PropertyMap. `kinds` and `values` have keys.size() elements. With `strings` (also
// keys.size() elements), a string value (kind kOther) is also returned there, as a view into
// `bytes`; other slots are left alone. Corruption on a malformed record.
Status DecodeNodeIntProps(NodeId id, std::string_view bytes, const std::vector<TokenId>& keys,
                          IntPropKind* kinds, int64_t* values,
                          std::string_view* strings = nullptr);

}  // namespace liner::codec
