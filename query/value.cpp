// QValue conversions, text rendering, equivalence, hashing and the openCypher sort order.
#include "query/value.h"

#include <cmath>
#include <cstdio>
#include <functional>

namespace liner::query {
namespace {

const QMap& EmptyMap() {
  static const QMap kEmpty;
  return kEmpty;
}

std::string FormatFloat(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  if (d == 0) return "0.0";
  char buf[64];
  for (int prec = 1; prec <= 17; ++prec) {
    std::snprintf(buf, sizeof buf, "%.*g", prec, d);
    if (std::strtod(buf, nullptr) == d) break;
  }
  std::string s = buf;
  auto e = s.find('e');
  if (e != std::string::npos) {
    std::string mant = s.substr(0, e), exp = s.substr(e + 1);
    if (mant.find('.') == std::string::npos) mant += ".0";
    int x = std::atoi(exp.c_str());
    return mant + "E" + std::to_string(x);
  }
  if (s.find('.') == std::string::npos && s.find("inf") == std::string::npos) s += ".0";
  return s;
}

std::string QuoteString(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

std::string MapText(const QMap& m) {
  std::string out = "{";
  bool first = true;
  for (const auto& [k, v] : m) {
    if (!first) out += ", ";
    first = false;
    out += k + ": " + v.ToCypherString();
  }
  return out + "}";
}

std::string NodeText(const QNode& n) {
  std::string out = "(";
  for (const auto& l : n.labels()) out += ":" + l;
  const QMap& props = n.properties();
  if (!props.empty()) {
    if (!n.labels().empty()) out += " ";
    out += MapText(props);
  }
  return out + ")";
}

std::string RelText(const QRel& r) {
  std::string out = "[:" + r.type();
  const QMap& props = r.properties();
  if (!props.empty()) out += " " + MapText(props);
  return out + "]";
}

// Rank of a type in the global sort order.
int OrderRank(const QValue& v) {
  switch (v.type()) {
    case QValue::Type::kMap: return 0;
    case QValue::Type::kNode: return 1;
    case QValue::Type::kRel: return 2;
    case QValue::Type::kList: return 3;
    case QValue::Type::kPath: return 4;
    case QValue::Type::kString: return 5;
    case QValue::Type::kBool: return 6;
    case QValue::Type::kInt:
    case QValue::Type::kFloat: return 7;
    case QValue::Type::kNull: return 9;
  }
  return 9;
}

template <typename T>
int Cmp(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

int CompareNumbers(const QValue& a, const QValue& b) {
  if (a.is_int() && b.is_int()) return Cmp(a.as_int(), b.as_int());
  double x = a.as_number(), y = b.as_number();
  bool nx = std::isnan(x), ny = std::isnan(y);
  if (nx || ny) return nx == ny ? 0 : (nx ? 1 : -1);
  if (x != y) return x < y ? -1 : 1;
  // Equal as doubles: compare exactly when one side is a large integer.
  if (a.is_int() && std::fabs(y) < 9.2e18) return Cmp(a.as_int(), static_cast<int64_t>(y));
  if (b.is_int() && std::fabs(x) < 9.2e18) return Cmp(static_cast<int64_t>(x), b.as_int());
  return 0;
}

}  // namespace

const std::vector<std::string>& QNode::labels() const {
  static const std::vector<std::string> kNone;
  return data ? data->labels : kNone;
}
const QMap& QNode::properties() const {
  return data && data->properties ? *data->properties : EmptyMap();
}
const std::string& QRel::type() const {
  static const std::string kNone;
  return data ? data->type : kNone;
}
const QMap& QRel::properties() const {
  return data && data->properties ? *data->properties : EmptyMap();
}

QValue QValue::FromStorage(const Value& value) {
  switch (value.type()) {
    case Value::Type::kNull: return QValue();
    case Value::Type::kBool: return QValue(value.as_bool());
    case Value::Type::kInt: return QValue(value.as_int());
    case Value::Type::kFloat: return QValue(value.as_float());
    case Value::Type::kString: return QValue(value.as_string());
    case Value::Type::kList: {
      QList out;
      out.reserve(value.as_list().size());
      for (const auto& e : value.as_list()) out.push_back(FromStorage(e));
      return QValue(std::move(out));
    }
  }
  return QValue();
}

std::optional<Value> QValue::ToStorage() const {
  switch (type()) {
    case Type::kNull: return Value();
    case Type::kBool: return Value(as_bool());
    case Type::kInt: return Value(as_int());
    case Type::kFloat: return Value(as_float());
    case Type::kString: return Value(as_string());
    case Type::kList: {
      ValueList out;
      for (const auto& e : as_list()) {
        auto s = e.ToStorage();
        if (!s || s->is_list()) return std::nullopt;
        out.push_back(std::move(*s));
      }
      return Value(std::move(out));
    }
    default: return std::nullopt;
  }
}

std::string QValue::ToCypherString() const {
  switch (type()) {
    case Type::kNull: return "null";
    case Type::kBool: return as_bool() ? "true" : "false";
    case Type::kInt: return std::to_string(as_int());
    case Type::kFloat: return FormatFloat(as_float());
    case Type::kString: return QuoteString(as_string());
    case Type::kList: {
      std::string out = "[";
      bool first = true;
      for (const auto& e : as_list()) {
        if (!first) out += ", ";
        first = false;
        out += e.ToCypherString();
      }
      return out + "]";
    }
    case Type::kMap: return MapText(as_map());
    case Type::kNode: return NodeText(as_node());
    case Type::kRel: return RelText(as_rel());
    case Type::kPath: {
      const QPath& p = as_path();
      std::string out = "<";
      for (size_t i = 0; i < p.nodes.size(); ++i) {
        out += NodeText(p.nodes[i]);
        if (i < p.rels.size()) {
          const QRel& r = p.rels[i];
          bool forward = r.start == p.nodes[i].id && r.end == p.nodes[i + 1].id;
          if (r.start == r.end) forward = true;
          out += forward ? "-" + RelText(r) + "->" : "<-" + RelText(r) + "-";
        }
      }
      return out + ">";
    }
  }
  return "";
}

std::string QValue::ToDisplayString() const {
  return is_string() ? as_string() : ToCypherString();
}

const char* QTypeName(QValue::Type t) {
  switch (t) {
    case QValue::Type::kNull: return "Null";
    case QValue::Type::kBool: return "Boolean";
    case QValue::Type::kInt: return "Integer";
    case QValue::Type::kFloat: return "Float";
    case QValue::Type::kString: return "String";
    case QValue::Type::kList: return "List";
    case QValue::Type::kMap: return "Map";
    case QValue::Type::kNode: return "Node";
    case QValue::Type::kRel: return "Relationship";
    case QValue::Type::kPath: return "Path";
  }
  return "?";
}

bool Equivalent(const QValue& a, const QValue& b) {
  if (a.is_number() && b.is_number()) {
    if (a.is_int() && b.is_int()) return a.as_int() == b.as_int();
    return CompareNumbers(a, b) == 0;
  }
  if (a.type() != b.type()) return false;
  switch (a.type()) {
    case QValue::Type::kList: {
      const auto &x = a.as_list(), &y = b.as_list();
      if (x.size() != y.size()) return false;
      for (size_t i = 0; i < x.size(); ++i)
        if (!Equivalent(x[i], y[i])) return false;
      return true;
    }
    case QValue::Type::kMap: {
      const auto &x = a.as_map(), &y = b.as_map();
      if (x.size() != y.size()) return false;
      for (auto i = x.begin(), j = y.begin(); i != x.end(); ++i, ++j)
        if (i->first != j->first || !Equivalent(i->second, j->second)) return false;
      return true;
    }
    case QValue::Type::kNull: return true;
    case QValue::Type::kBool: return a.as_bool() == b.as_bool();
    case QValue::Type::kString: return a.as_string() == b.as_string();
    case QValue::Type::kNode: return a.as_node().id == b.as_node().id;
    case QValue::Type::kRel: return a.as_rel().id == b.as_rel().id;
    case QValue::Type::kPath: return a.as_path() == b.as_path();
    default: return false;
  }
}

size_t HashValue(const QValue& v) {
  auto mix = [](size_t h, size_t x) { return h ^ (x + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2)); };
  switch (v.type()) {
    case QValue::Type::kNull: return 0x51;
    case QValue::Type::kBool: return v.as_bool() ? 0x77 : 0x78;
    case QValue::Type::kInt: {
      double d = static_cast<double>(v.as_int());
      return std::hash<double>()(d);
    }
    case QValue::Type::kFloat: {
      double d = v.as_float();
      if (std::isnan(d)) return 0x9a9;
      return std::hash<double>()(d == 0 ? 0.0 : d);
    }
    case QValue::Type::kString: return std::hash<std::string>()(v.as_string());
    case QValue::Type::kList: {
      size_t h = 0x1157;
      for (const auto& e : v.as_list()) h = mix(h, HashValue(e));
      return h;
    }
    case QValue::Type::kMap: {
      size_t h = 0x3a9;
      for (const auto& [k, e] : v.as_map()) h = mix(mix(h, std::hash<std::string>()(k)), HashValue(e));
      return h;
    }
    case QValue::Type::kNode: return mix(0x40de, v.as_node().id);
    case QValue::Type::kRel: return mix(0x4e1, v.as_rel().id);
    case QValue::Type::kPath: {
      size_t h = 0x9a7;
      for (const auto& n : v.as_path().nodes) h = mix(h, n.id);
      for (const auto& r : v.as_path().rels) h = mix(h, r.id);
      return h;
    }
  }
  return 0;
}

int CompareForOrder(const QValue& a, const QValue& b) {
  int ra = OrderRank(a), rb = OrderRank(b);
  if (ra != rb) return ra < rb ? -1 : 1;
  switch (a.type()) {
    case QValue::Type::kNull: return 0;
    case QValue::Type::kBool: return Cmp(a.as_bool(), b.as_bool());
    case QValue::Type::kInt:
    case QValue::Type::kFloat: return CompareNumbers(a, b);
    case QValue::Type::kString: return Cmp(a.as_string(), b.as_string());
    case QValue::Type::kList: {
      const auto &x = a.as_list(), &y = b.as_list();
      for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
        int c = CompareForOrder(x[i], y[i]);
        if (c != 0) return c;
      }
      return Cmp(x.size(), y.size());
    }
    case QValue::Type::kMap: {
      const auto &x = a.as_map(), &y = b.as_map();
      auto i = x.begin();
      auto j = y.begin();
      for (; i != x.end() && j != y.end(); ++i, ++j) {
        if (i->first != j->first) return i->first < j->first ? -1 : 1;
        int c = CompareForOrder(i->second, j->second);
        if (c != 0) return c;
      }
      return Cmp(x.size(), y.size());
    }
    case QValue::Type::kNode: return Cmp(a.as_node().id, b.as_node().id);
    case QValue::Type::kRel: return Cmp(a.as_rel().id, b.as_rel().id);
    case QValue::Type::kPath: {
      const auto &x = a.as_path(), &y = b.as_path();
      for (size_t i = 0; i < x.nodes.size() && i < y.nodes.size(); ++i) {
        int c = Cmp(x.nodes[i].id, y.nodes[i].id);
        if (c != 0) return c;
        if (i < x.rels.size() && i < y.rels.size()) {
          c = Cmp(x.rels[i].id, y.rels[i].id);
          if (c != 0) return c;
        }
      }
      return Cmp(x.nodes.size(), y.nodes.size());
    }
  }
  return 0;
}

}  // namespace liner::query
