#pragma once
// Value encoding of node and edge records (cereal portable binary) and of index values.
// Pure functions; thread-safe.

#include <string>
#include <string_view>

#include "storage/status.h"
#include "storage/types.h"

namespace liner::codec {

// Node record without its id (the id is in the key).
std::string EncodeNode(const NodeRecord& node);
Result<NodeRecord> DecodeNode(NodeId id, std::string_view bytes);

std::string EncodeEdge(const EdgeRecord& edge);
Result<EdgeRecord> DecodeEdge(EdgeId id, std::string_view bytes);

}  // namespace liner::codec
