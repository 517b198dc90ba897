#pragma once
// Allocation-free encoders for the bulk loader's hot path (private to storage/bulk_*.cpp):
// node and edge records with exactly the bytes of codec::EncodeNode / codec::EncodeEdge
// (cereal's portable binary archive, see storage/FORMAT.md) written straight into a reused
// buffer, and the name normalisation of NormalizeName for pure-ASCII text without ICU.
// Pure functions; thread-safe.

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "storage/types.h"
#include "storage/value.h"

namespace liner::bulk {

inline void PutLe(std::string* out, uint64_t v, int bytes) {
  char b[8];
  for (int i = 0; i < bytes; ++i) b[i] = static_cast<char>(v >> (8 * i));
  out->append(b, static_cast<size_t>(bytes));
}

// Writes v little-endian / big-endian into p[0, bytes); returns p + bytes.
inline char* StoreLe(char* p, uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) p[i] = static_cast<char>(v >> (8 * i));
  return p + bytes;
}
// The 8- and 4-byte cases (every id and token of a key) are one byte swap and one store.
inline char* StoreBe(char* p, uint64_t v, int bytes) {
  if constexpr (std::endian::native == std::endian::little) {
    if (bytes == 8) {
      const uint64_t be = __builtin_bswap64(v);
      std::memcpy(p, &be, 8);
      return p + 8;
    }
    if (bytes == 4) {
      const uint32_t be = __builtin_bswap32(static_cast<uint32_t>(v));
      std::memcpy(p, &be, 4);
      return p + 4;
    }
  }
  for (int i = bytes - 1; i >= 0; --i, v >>= 8) p[i] = static_cast<char>(v);
  return p + bytes;
}

inline void EncodeValue(const Value& v, std::string* out) {
  out->push_back(static_cast<char>(v.type()));
  switch (v.type()) {
    case Value::Type::kNull:
      break;
    case Value::Type::kBool:
      out->push_back(v.as_bool() ? 1 : 0);
      break;
    case Value::Type::kInt:
      PutLe(out, static_cast<uint64_t>(v.as_int()), 8);
      break;
    case Value::Type::kFloat: {
      double d = v.as_float();
      uint64_t bits;
      std::memcpy(&bits, &d, sizeof bits);
      PutLe(out, bits, 8);
      break;
    }
    case Value::Type::kString:
      PutLe(out, v.as_string().size(), 8);
      out->append(v.as_string());
      break;
    case Value::Type::kList:
      PutLe(out, v.as_list().size(), 8);
      for (const Value& e : v.as_list()) EncodeValue(e, out);
      break;
  }
}

inline void EncodeProps(const PropertyMap& props, std::string* out) {
  PutLe(out, props.size(), 4);
  for (const auto& [key, value] : props.entries()) {
    PutLe(out, key, 4);
    EncodeValue(value, out);
  }
}

// codec::EncodeNode's bytes: the archive's endianness byte (1, little), the labels as a cereal
// vector (u64 count + u32 each), then the properties.
inline void EncodeNode(const std::vector<TokenId>& labels, const PropertyMap& props,
                       std::string* out) {
  out->clear();
  out->push_back(1);
  PutLe(out, labels.size(), 8);
  for (TokenId l : labels) PutLe(out, l, 4);
  EncodeProps(props, out);
}

// codec::EncodeEdge's bytes: endianness byte, u64 src, u64 dst, u32 type, the properties.
inline void EncodeEdge(NodeId src, NodeId dst, TokenId type, const PropertyMap& props,
                       std::string* out) {
  char head[25];
  head[0] = 1;
  char* p = StoreLe(head + 1, src, 8);
  p = StoreLe(p, dst, 8);
  p = StoreLe(p, type, 4);
  StoreLe(p, props.size(), 4);
  out->assign(head, sizeof head);
  for (const auto& [key, value] : props.entries()) {
    PutLe(out, key, 4);
    EncodeValue(value, out);
  }
}

// NormalizeName through ICU whatever the text (NormalizeName takes NormalizeAscii's shortcut
// for ASCII text; tests compare the two).
std::string NormalizeNameIcu(std::string_view text);

// NormalizeName(text) when text is pure ASCII (NFKD and mark removal change nothing there;
// case folding is A-Z -> a-z; White_Space is TAB..CR and SPACE). Returns false, leaving `out`
// unspecified, when text holds a non-ASCII byte.
inline bool NormalizeAscii(std::string_view text, std::string* out) {
  out->clear();
  bool pending_space = false;
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80) return false;
    if (c == 0) continue;
    if (c == ' ' || (c >= 0x09 && c <= 0x0D)) {
      pending_space = !out->empty();
      continue;
    }
    if (pending_space) {
      out->push_back(' ');
      pending_space = false;
    }
    out->push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
  }
  return true;
}

}  // namespace liner::bulk
