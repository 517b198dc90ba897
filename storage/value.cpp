#include "storage/value.h"

#include <cmath>
#include <cstdio>

namespace liner {

namespace {
std::string FormatDouble(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.15g", d);
  std::string s = buf;
  if (s.find_first_of(".eE") == std::string::npos) s += ".0";
  return s;
}

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

std::string Render(const Value& v, bool literal) {
  switch (v.type()) {
    case Value::Type::kNull: return "null";
    case Value::Type::kBool: return v.as_bool() ? "true" : "false";
    case Value::Type::kInt: return std::to_string(v.as_int());
    case Value::Type::kFloat: return FormatDouble(v.as_float());
    case Value::Type::kString: return literal ? Quote(v.as_string()) : v.as_string();
    case Value::Type::kList: {
      std::string out = "[";
      bool first = true;
      for (const auto& e : v.as_list()) {
        if (!first) out += ", ";
        first = false;
        out += Render(e, true);
      }
      return out + "]";
    }
  }
  return "?";
}
}  // namespace

std::string Value::ToString() const { return Render(*this, false); }
std::string Value::ToLiteral() const { return Render(*this, true); }

const char* TypeName(Value::Type t) {
  switch (t) {
    case Value::Type::kNull: return "null";
    case Value::Type::kBool: return "boolean";
    case Value::Type::kInt: return "integer";
    case Value::Type::kFloat: return "float";
    case Value::Type::kString: return "string";
    case Value::Type::kList: return "list";
  }
  return "?";
}

}  // namespace liner
