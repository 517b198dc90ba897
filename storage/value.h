#pragma once
// Value: a typed property value as stored on nodes and edges.
// null, boolean, 64-bit integer, double, UTF-8 string, or a list of values.
// Plain value type; thread-compatible. Encoding to bytes lives in storage/*.cpp (cereal).

#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace liner {

struct Value;
using ValueList = std::vector<Value>;

struct Value {
  // Index order is stored on disk (cereal variant index): append only, never renumber.
  using Variant = std::variant<std::monostate, bool, int64_t, double, std::string, ValueList>;
  enum class Type { kNull = 0, kBool = 1, kInt = 2, kFloat = 3, kString = 4, kList = 5 };

  Variant v;

  Value() = default;
  Value(std::nullptr_t) {}                                 // NOLINT
  Value(bool b) : v(b) {}                                  // NOLINT
  Value(int i) : v(static_cast<int64_t>(i)) {}             // NOLINT
  Value(int64_t i) : v(i) {}                               // NOLINT
  Value(double d) : v(d) {}                                // NOLINT
  Value(std::string s) : v(std::move(s)) {}                // NOLINT
  Value(const char* s) : v(std::string(s)) {}              // NOLINT
  Value(ValueList l) : v(std::move(l)) {}                  // NOLINT

  Type type() const { return static_cast<Type>(v.index()); }
  bool is_null() const { return v.index() == 0; }
  bool is_bool() const { return v.index() == 1; }
  bool is_int() const { return v.index() == 2; }
  bool is_float() const { return v.index() == 3; }
  bool is_string() const { return v.index() == 4; }
  bool is_list() const { return v.index() == 5; }

  bool as_bool() const { return std::get<bool>(v); }
  int64_t as_int() const { return std::get<int64_t>(v); }
  double as_float() const { return std::get<double>(v); }
  const std::string& as_string() const { return std::get<std::string>(v); }
  const ValueList& as_list() const { return std::get<ValueList>(v); }

  // Structural equality (1 != 1.0 here; the query engine defines Cypher equality itself).
  bool operator==(const Value& o) const { return v == o.v; }

  // Human-readable text: strings unquoted, lists as [a, b].
  std::string ToString() const;
  // Cypher literal text: strings quoted, e.g. 'June', [1, 2.5, true].
  std::string ToLiteral() const;
};

const char* TypeName(Value::Type t);

}  // namespace liner
