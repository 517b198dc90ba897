#pragma once
// Key encoding of every RocksDB key Liner writes (see storage/FORMAT.md).
// Every key starts with a tag byte; ids are fixed-width big-endian so that RocksDB's bytewise
// order is numeric order. Pure functions; thread-safe.

#include <cstdint>
#include <string>
#include <string_view>

#include "storage/types.h"
#include "storage/value.h"

namespace liner::keys {

// First byte of every key. Stored on disk: append only, never renumber.
enum class KeyTag : char {
  kNode = 'N',       // nodes CF:  N id                     -> NodeRecord
  kEdge = 'E',       // edges CF:  E id                     -> EdgeRecord
  kOutEdge = 'O',    // out CF:    O src type dst edge      -> ""
  kInEdge = 'I',     // in CF:     I dst type src edge      -> ""
  kLabel = 'L',      // index CF:  L label id               -> ""
  kName = 'K',       // index CF:  K label normname 00 id   -> ""
  kProperty = 'X',   // index CF:  X label key value id     -> ""
  kVersion = 'V',    // meta CF:   V                        -> u32 format version
  kTokenByName = 'T',  // meta CF: T kind name              -> u32 token id
  kTokenById = 'U',    // meta CF: U kind id                -> name
  kSequence = 'S',     // meta CF: S name                   -> u64 next value
  kCount = 'C',        // meta CF: C kind token             -> u64 count
};

inline void AppendU64(std::string* out, uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8) out->push_back(static_cast<char>(v >> shift));
}
inline void AppendU32(std::string* out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out->push_back(static_cast<char>(v >> shift));
}
inline uint64_t ReadU64(std::string_view s, size_t pos) {
  uint64_t v = 0;
  for (size_t i = 0; i < 8; ++i) v = (v << 8) | static_cast<uint8_t>(s[pos + i]);
  return v;
}
inline uint32_t ReadU32(std::string_view s, size_t pos) {
  uint32_t v = 0;
  for (size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<uint8_t>(s[pos + i]);
  return v;
}

inline std::string Tagged(KeyTag tag) { return std::string(1, static_cast<char>(tag)); }

inline std::string NodeKey(NodeId id) {
  std::string k = Tagged(KeyTag::kNode);
  AppendU64(&k, id);
  return k;
}
inline std::string EdgeKey(EdgeId id) {
  std::string k = Tagged(KeyTag::kEdge);
  AppendU64(&k, id);
  return k;
}

// Adjacency key, 29 bytes: tag, node, type, other, edge.
inline std::string AdjKey(bool out, NodeId node, TokenId type, NodeId other, EdgeId edge) {
  std::string k = Tagged(out ? KeyTag::kOutEdge : KeyTag::kInEdge);
  k.reserve(29);
  AppendU64(&k, node);
  AppendU32(&k, type);
  AppendU64(&k, other);
  AppendU64(&k, edge);
  return k;
}
inline constexpr size_t kAdjKeySize = 29;
// Prefix of every adjacency key of `node` (9 bytes), optionally of one type (13 bytes).
inline std::string AdjPrefix(bool out, NodeId node, TokenId type = kNoToken) {
  std::string k = Tagged(out ? KeyTag::kOutEdge : KeyTag::kInEdge);
  AppendU64(&k, node);
  if (type != kNoToken) AppendU32(&k, type);
  return k;
}
inline constexpr size_t kAdjNodePrefixSize = 9;

inline std::string LabelKey(TokenId label, NodeId id) {
  std::string k = Tagged(KeyTag::kLabel);
  AppendU32(&k, label);
  AppendU64(&k, id);
  return k;
}
inline std::string LabelPrefix(TokenId label) {
  std::string k = Tagged(KeyTag::kLabel);
  AppendU32(&k, label);
  return k;
}

// `norm` is NormalizeName() output and holds no NUL byte.
inline std::string NamePrefix(TokenId label, std::string_view norm, bool complete) {
  std::string k = Tagged(KeyTag::kName);
  AppendU32(&k, label);
  k.append(norm);
  if (complete) k.push_back('\0');
  return k;
}
inline std::string NameKey(TokenId label, std::string_view norm, NodeId id) {
  std::string k = NamePrefix(label, norm, true);
  AppendU64(&k, id);
  return k;
}

// Equality-index encoding of a value: prefix-free and equal for equal Cypher values
// (an integral float encodes as the integer). Returns false for values that are not indexed
// (null, lists).
bool EncodeIndexValue(const Value& v, std::string* out);

inline std::string PropertyPrefix(TokenId label, TokenId key, std::string_view encoded_value) {
  std::string k = Tagged(KeyTag::kProperty);
  AppendU32(&k, label);
  AppendU32(&k, key);
  k.append(encoded_value);
  return k;
}

inline std::string TokenByNameKey(TokenKind kind, std::string_view name) {
  std::string k = Tagged(KeyTag::kTokenByName);
  k.push_back(static_cast<char>(kind));
  k.append(name);
  return k;
}
inline std::string TokenByIdKey(TokenKind kind, TokenId id) {
  std::string k = Tagged(KeyTag::kTokenById);
  k.push_back(static_cast<char>(kind));
  AppendU32(&k, id);
  return k;
}
inline std::string SequenceKey(std::string_view name) {
  std::string k = Tagged(KeyTag::kSequence);
  k.append(name);
  return k;
}
// Count keys: kind 'N' (all nodes, token 0), 'E' (all edges), 'L' (label), 'T' (edge type).
inline std::string CountKey(char kind, TokenId token) {
  std::string k = Tagged(KeyTag::kCount);
  k.push_back(kind);
  AppendU32(&k, token);
  return k;
}

}  // namespace liner::keys
