// Record encoding with cereal's portable binary archive (little-endian on disk whatever the
// host). The archive works over std::streams; the two small stream buffers below read from and
// append to strings directly so that encoding a record costs no extra copies.
#include "storage/codec.h"

#include <cereal/archives/portable_binary.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <istream>
#include <ostream>
#include <streambuf>

#include "storage/key_codec.h"

namespace liner {

// Value: one type byte (Value::Type, never renumber), then the payload.
template <class Archive>
void save(Archive& ar, const Value& v) {
  uint8_t type = static_cast<uint8_t>(v.type());
  ar(type);
  switch (v.type()) {
    case Value::Type::kNull: break;
    case Value::Type::kBool: ar(static_cast<uint8_t>(v.as_bool() ? 1 : 0)); break;
    case Value::Type::kInt: ar(v.as_int()); break;
    case Value::Type::kFloat: ar(v.as_float()); break;
    case Value::Type::kString: ar(v.as_string()); break;
    case Value::Type::kList: ar(v.as_list()); break;
  }
}

template <class Archive>
void load(Archive& ar, Value& v) {
  uint8_t type = 0;
  ar(type);
  switch (static_cast<Value::Type>(type)) {
    case Value::Type::kNull: v = Value(); break;
    case Value::Type::kBool: {
      uint8_t b = 0;
      ar(b);
      v = Value(b != 0);
      break;
    }
    case Value::Type::kInt: {
      int64_t i = 0;
      ar(i);
      v = Value(i);
      break;
    }
    case Value::Type::kFloat: {
      double d = 0;
      ar(d);
      v = Value(d);
      break;
    }
    case Value::Type::kString: {
      std::string s;
      ar(s);
      v = Value(std::move(s));
      break;
    }
    case Value::Type::kList: {
      ValueList l;
      ar(l);
      v = Value(std::move(l));
      break;
    }
    default:
      throw cereal::Exception("unknown value type byte " + std::to_string(type));
  }
}

namespace codec {
namespace {

class StringSink : public std::streambuf {
 public:
  explicit StringSink(std::string* out) : out_(out) {}

 protected:
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    out_->append(s, static_cast<size_t>(n));
    return n;
  }
  int_type overflow(int_type c) override {
    if (c != traits_type::eof()) out_->push_back(static_cast<char>(c));
    return c;
  }

 private:
  std::string* out_;
};

class ViewSource : public std::streambuf {
 public:
  explicit ViewSource(std::string_view bytes) {
    char* p = const_cast<char*>(bytes.data());
    setg(p, p, p + bytes.size());
  }
};

template <typename Fn>
std::string Encode(Fn&& fn) {
  std::string out;
  StringSink sink(&out);
  std::ostream os(&sink);
  {
    cereal::PortableBinaryOutputArchive ar(os);
    fn(ar);
  }
  return out;
}

void SaveProps(cereal::PortableBinaryOutputArchive& ar, const PropertyMap& props) {
  ar(static_cast<uint32_t>(props.size()));
  for (const auto& [key, value] : props.entries()) {
    ar(key);
    save(ar, value);
  }
}

void LoadProps(cereal::PortableBinaryInputArchive& ar, PropertyMap* props) {
  uint32_t n = 0;
  ar(n);
  auto& entries = props->mutable_entries();
  entries.clear();
  entries.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    TokenId key = 0;
    Value v;
    ar(key);
    load(ar, v);
    entries.emplace_back(key, std::move(v));
  }
}

}  // namespace

std::string EncodeNode(const NodeRecord& node) {
  return Encode([&](auto& ar) {
    ar(node.labels);
    SaveProps(ar, node.props);
  });
}

Result<NodeRecord> DecodeNode(NodeId id, std::string_view bytes) {
  NodeRecord rec;
  rec.id = id;
  try {
    ViewSource src(bytes);
    std::istream is(&src);
    cereal::PortableBinaryInputArchive ar(is);
    ar(rec.labels);
    LoadProps(ar, &rec.props);
  } catch (const std::exception& e) {
    return Status::Corruption("node " + std::to_string(id) + " record: " + e.what());
  }
  return rec;
}

std::string EncodeEdge(const EdgeRecord& edge) {
  return Encode([&](auto& ar) {
    ar(edge.src, edge.dst, edge.type);
    SaveProps(ar, edge.props);
  });
}

Result<EdgeRecord> DecodeEdge(EdgeId id, std::string_view bytes) {
  EdgeRecord rec;
  rec.id = id;
  try {
    ViewSource src(bytes);
    std::istream is(&src);
    cereal::PortableBinaryInputArchive ar(is);
    ar(rec.src, rec.dst, rec.type);
    LoadProps(ar, &rec.props);
  } catch (const std::exception& e) {
    return Status::Corruption("edge " + std::to_string(id) + " record: " + e.what());
  }
  return rec;
}

namespace {

// Reads cereal's portable binary layout directly: a leading byte saying whether the archive is
// little-endian, then fixed-width integers in that order; strings and lists are a u64 count
// followed by their bytes or elements.
class RawReader {
 public:
  explicit RawReader(std::string_view bytes) : p_(bytes.data()), end_(bytes.data() + bytes.size()) {}
  bool ok() const { return ok_; }
  // The archive's endianness byte; false when the record is empty.
  bool ReadHeader() {
    uint8_t little = 0;
    if (!Bytes(&little, 1)) return false;
    swap_ = (little != 0) != (std::endian::native == std::endian::little);
    return true;
  }
  template <typename T>
  T Int() {
    T v{};
    if (Bytes(&v, sizeof v) && swap_) {
      auto* b = reinterpret_cast<unsigned char*>(&v);
      std::reverse(b, b + sizeof v);
    }
    return v;
  }
  // Steps back `n` bytes (just read).
  void Back(size_t n) { p_ -= n; }
  std::string_view View(uint64_t n) {
    if (!ok_ || n > static_cast<uint64_t>(end_ - p_)) {
      ok_ = false;
      return {};
    }
    std::string_view v(p_, n);
    p_ += n;
    return v;
  }
  // Skips one Value; returns the string payload when it is a string.
  std::string_view SkipValue(int depth = 0) {
    uint8_t type = Int<uint8_t>();
    switch (static_cast<Value::Type>(type)) {
      case Value::Type::kNull: return {};
      case Value::Type::kBool: View(1); return {};
      case Value::Type::kInt:
      case Value::Type::kFloat: View(8); return {};
      case Value::Type::kString: return View(Int<uint64_t>());
      case Value::Type::kList: {
        uint64_t n = Int<uint64_t>();
        if (depth > 64) ok_ = false;
        for (uint64_t i = 0; i < n && ok_; ++i) SkipValue(depth + 1);
        return {};
      }
    }
    ok_ = false;
    return {};
  }

 private:
  bool Bytes(void* out, size_t n) {
    if (!ok_ || n > static_cast<size_t>(end_ - p_)) {
      ok_ = false;
      return false;
    }
    std::memcpy(out, p_, n);
    p_ += n;
    return true;
  }
  const char* p_;
  const char* end_;
  bool ok_ = true;
  bool swap_ = false;
};

}  // namespace

Status DecodeEdgeSkeleton(EdgeId id, std::string_view bytes,
                          const std::array<TokenId, 2>& string_keys, EdgeSkeleton* out) {
  RawReader r(bytes);
  out->id = id;
  out->strings[0] = out->strings[1] = {};
  if (r.ReadHeader()) {
    out->src = r.Int<uint64_t>();
    out->dst = r.Int<uint64_t>();
    out->type = r.Int<uint32_t>();
    uint32_t n = r.Int<uint32_t>();
    for (uint32_t i = 0; i < n && r.ok(); ++i) {
      TokenId key = r.Int<uint32_t>();
      std::string_view s = r.SkipValue();
      if (key == kNoToken) continue;
      if (key == string_keys[0]) out->strings[0] = s;
      if (key == string_keys[1]) out->strings[1] = s;
    }
  }
  if (!r.ok()) return Status::Corruption("edge " + std::to_string(id) + " record: truncated");
  return Status::OK();
}

Status DecodeNodeIntProps(NodeId id, std::string_view bytes, const std::vector<TokenId>& keys,
                          IntPropKind* kinds, int64_t* values, std::string_view* strings) {
  for (size_t i = 0; i < keys.size(); ++i) kinds[i] = IntPropKind::kAbsent;
  RawReader r(bytes);
  if (r.ReadHeader()) {
    uint64_t labels = r.Int<uint64_t>();
    if (labels > bytes.size()) return Status::Corruption("node " + std::to_string(id) + " record: bad label count");
    r.View(labels * 4);
    uint32_t n = r.Int<uint32_t>();
    for (uint32_t p = 0; p < n && r.ok(); ++p) {
      TokenId key = r.Int<uint32_t>();
      size_t slot = keys.size();
      for (size_t i = 0; i < keys.size(); ++i)
        if (keys[i] == key && key != kNoToken) slot = i;
      if (slot == keys.size()) {
        r.SkipValue();
        continue;
      }
      uint8_t type = r.Int<uint8_t>();
      if (static_cast<Value::Type>(type) == Value::Type::kInt) {
        values[slot] = static_cast<int64_t>(r.Int<uint64_t>());
        kinds[slot] = IntPropKind::kInt;
      } else {
        r.Back(1);
        std::string_view text = r.SkipValue();
        if (strings && static_cast<Value::Type>(type) == Value::Type::kString) strings[slot] = text;
        kinds[slot] = IntPropKind::kOther;
      }
    }
  }
  if (!r.ok()) return Status::Corruption("node " + std::to_string(id) + " record: truncated");
  return Status::OK();
}

}  // namespace codec

namespace keys {

bool EncodeIndexValue(const Value& v, std::string* out) {
  switch (v.type()) {
    case Value::Type::kBool:
      out->push_back('b');
      out->push_back(v.as_bool() ? 1 : 0);
      return true;
    case Value::Type::kInt:
      out->push_back('i');
      AppendU64(out, static_cast<uint64_t>(v.as_int()) ^ (uint64_t{1} << 63));
      return true;
    case Value::Type::kFloat: {
      double d = v.as_float();
      if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.2e18) {
        return EncodeIndexValue(Value(static_cast<int64_t>(d)), out);
      }
      uint64_t bits;
      std::memcpy(&bits, &d, sizeof bits);
      out->push_back('f');
      AppendU64(out, bits);
      return true;
    }
    case Value::Type::kString:
      out->push_back('s');
      AppendU32(out, static_cast<uint32_t>(v.as_string().size()));
      out->append(v.as_string());
      return true;
    default:
      return false;
  }
}

}  // namespace keys
}  // namespace liner
