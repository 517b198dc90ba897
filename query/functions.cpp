// Scalar functions: graph accessors, lists, strings, numbers and conversions.
#include "query/functions.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <chrono>
#include <random>
#include <unordered_map>

namespace liner::query {
namespace {

[[noreturn]] void ArgType(const std::string& fn, const QValue& v) {
  Throw("TypeError(InvalidArgumentType)",
        fn + "() does not accept a " + std::string(QTypeName(v.type())));
}

std::string FormatFloat(double d) { return QValue(d).ToCypherString(); }

// UTF-8 code points of `s`.
std::vector<std::string> CodePoints(const std::string& s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    out.push_back(s.substr(i, n));
    i += n;
  }
  return out;
}

std::string Join(const std::vector<std::string>& cps, size_t from, size_t to) {
  std::string out;
  for (size_t i = from; i < to && i < cps.size(); ++i) out += cps[i];
  return out;
}

QValue ToIntegerValue(const QValue& v, const std::string& fn) {
  switch (v.type()) {
    case QValue::Type::kNull: return v;
    case QValue::Type::kInt: return v;
    case QValue::Type::kFloat: {
      double d = v.as_float();
      if (std::isnan(d) || std::isinf(d)) return QValue();
      return QValue(static_cast<int64_t>(d));
    }
    case QValue::Type::kBool: return QValue(static_cast<int64_t>(v.as_bool() ? 1 : 0));
    case QValue::Type::kString: {
      const std::string& s = v.as_string();
      char* end = nullptr;
      errno = 0;
      long long x = std::strtoll(s.c_str(), &end, 10);
      if (end && *end == '\0' && !s.empty() && errno == 0) return QValue(static_cast<int64_t>(x));
      double d = std::strtod(s.c_str(), &end);
      if (end && *end == '\0' && !s.empty() && std::isfinite(d))
        return QValue(static_cast<int64_t>(d));
      return QValue();
    }
    default: ArgType(fn, v);
  }
}

QValue ToFloatValue(const QValue& v, const std::string& fn) {
  switch (v.type()) {
    case QValue::Type::kNull: return v;
    case QValue::Type::kInt: return QValue(static_cast<double>(v.as_int()));
    case QValue::Type::kFloat: return v;
    case QValue::Type::kString: {
      const std::string& s = v.as_string();
      char* end = nullptr;
      double d = std::strtod(s.c_str(), &end);
      if (end && *end == '\0' && !s.empty()) return QValue(d);
      return QValue();
    }
    default: ArgType(fn, v);
  }
}

QValue ToBooleanValue(const QValue& v, const std::string& fn) {
  switch (v.type()) {
    case QValue::Type::kNull:
    case QValue::Type::kBool: return v;
    case QValue::Type::kString: {
      std::string s = v.as_string();
      for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (s == "true") return QValue(true);
      if (s == "false") return QValue(false);
      return QValue();
    }
    case QValue::Type::kInt: return QValue(v.as_int() != 0);
    default: ArgType(fn, v);
  }
}

QValue Round(const QValue& v, const std::vector<QValue>& a) {
  double d = v.as_number();
  if (a.size() >= 2 && !a[1].is_null()) {
    double p = std::pow(10.0, static_cast<double>(a[1].as_int()));
    double x = d * p;
    double r = std::floor(x + 0.5);
    return QValue(r / p);
  }
  // Cypher rounds half up (towards positive infinity).
  return QValue(std::floor(d + 0.5));
}

using Fn = QValue (*)(const std::string& name, std::vector<QValue>& a, ExecState& st);

QValue FnGraph(const std::string& f, std::vector<QValue>& a, ExecState& st) {
  const QValue& v = a[0];
  if (v.is_null()) return v;
  if (f == "id") {
    if (v.is_node()) return QValue(static_cast<int64_t>(v.as_node().id));
    if (v.is_rel()) return QValue(static_cast<int64_t>(v.as_rel().id));
    ArgType(f, v);
  }
  if (f == "labels") {
    if (!v.is_node()) ArgType(f, v);
    st.CheckNotDeleted(v);
    QList out;
    QNode node = st.LoadNode(v.as_node().id);
    for (const auto& l : node.labels()) out.push_back(QValue(l));
    return QValue(std::move(out));
  }
  if (f == "type") {
    if (!v.is_rel()) ArgType(f, v);
    return QValue(st.TokenName(TokenKind::kRelType, v.as_rel().type_token));
  }
  if (f == "startnode" || f == "endnode") {
    if (!v.is_rel()) ArgType(f, v);
    QNode n;
    n.id = f == "startnode" ? v.as_rel().start : v.as_rel().end;
    return QValue(n);
  }
  if (f == "nodes" || f == "relationships" || f == "rels") {
    if (!v.is_path()) ArgType(f, v);
    QList out;
    if (f == "nodes") {
      for (const auto& n : v.as_path().nodes) out.push_back(QValue(n));
    } else {
      for (const auto& r : v.as_path().rels) out.push_back(QValue(r));
    }
    return QValue(std::move(out));
  }
  if (f == "keys") {
    QValue p = PropertiesValue(v, st);
    QList out;
    for (const auto& [k, x] : p.as_map()) {
      if (v.is_map() || !x.is_null()) out.push_back(QValue(k));
    }
    return QValue(std::move(out));
  }
  if (f == "properties") return PropertiesValue(v, st);
  return QValue();
}

}  // namespace

std::string ToStringValue(const QValue& v) {
  switch (v.type()) {
    case QValue::Type::kString: return v.as_string();
    case QValue::Type::kInt: return std::to_string(v.as_int());
    case QValue::Type::kFloat: return FormatFloat(v.as_float());
    case QValue::Type::kBool: return v.as_bool() ? "true" : "false";
    default: return v.ToCypherString();
  }
}

QValue PropertiesValue(const QValue& v, ExecState& st) {
  if (v.is_null()) return v;
  if (v.is_map()) return v;
  if (v.is_node()) {
    auto rec = st.Node(v.as_node().id);
    return QValue(rec ? st.PropertiesOf(rec->props) : QMap());
  }
  if (v.is_rel()) {
    auto rec = st.Edge(v.as_rel().id);
    return QValue(rec ? st.PropertiesOf(rec->props) : QMap());
  }
  ArgType("properties", v);
}

bool IsKnownFunction(const std::string& name) {
  static const std::unordered_map<std::string, int> kArity = {
      {"id", 1}, {"labels", 1}, {"type", 1}, {"startnode", 1}, {"endnode", 1}, {"nodes", 1},
      {"relationships", 1}, {"rels", 1}, {"keys", 1}, {"properties", 1}, {"length", 1},
      {"size", 1}, {"head", 1}, {"last", 1}, {"tail", 1}, {"coalesce", -1}, {"exists", 1},
      {"tolower", 1}, {"toupper", 1}, {"lower", 1}, {"upper", 1}, {"trim", 1}, {"ltrim", 1},
      {"rtrim", 1}, {"split", 2}, {"substring", -1}, {"replace", 3}, {"reverse", 1},
      {"left", 2}, {"right", 2}, {"tostring", 1}, {"tointeger", 1}, {"toint", 1},
      {"tofloat", 1}, {"toboolean", 1}, {"abs", 1}, {"ceil", 1}, {"floor", 1}, {"round", -1},
      {"sign", 1}, {"sqrt", 1}, {"exp", 1}, {"log", 1}, {"log10", 1}, {"sin", 1}, {"cos", 1},
      {"tan", 1}, {"asin", 1}, {"acos", 1}, {"atan", 1}, {"atan2", 2}, {"pi", 0}, {"e", 0},
      {"rand", 0}, {"range", -1}, {"timestamp", 0}, {"isempty", 1}, {"char_length", 1},
      {"character_length", 1}, {"degrees", 1}, {"radians", 1}, {"cot", 1}, {"haversin", 1},
      {"tostringornull", 1}, {"tointegerornull", 1}, {"tofloatornull", 1},
      {"tobooleanornull", 1}, {"randomuuid", 0}, {"isnan", 1}};
  return kArity.count(name) > 0;
}

QValue CallFunction(const Expr& e, Row& row, ExecState& st) {
  const std::string& f = e.name;
  std::vector<QValue> a;
  a.reserve(e.args.size());
  for (const auto& x : e.args) a.push_back(Eval(*x, row, st));
  auto need = [&](size_t lo, size_t hi) {
    if (a.size() < lo || a.size() > hi)
      Throw("SyntaxError(InvalidNumberOfArguments)",
            "wrong number of arguments to " + f + "()");
  };
  if (f == "id" || f == "labels" || f == "type" || f == "startnode" || f == "endnode" ||
      f == "nodes" || f == "relationships" || f == "rels" || f == "keys" || f == "properties") {
    need(1, 1);
    return FnGraph(f, a, st);
  }
  if (f == "coalesce") {
    for (auto& v : a)
      if (!v.is_null()) return v;
    return QValue();
  }
  if (f == "pi") return QValue(M_PI);
  if (f == "e") return QValue(M_E);
  if (f == "rand") {
    static thread_local std::mt19937_64 gen{std::random_device{}()};
    return QValue(std::uniform_real_distribution<double>(0, 1)(gen));
  }
  if (f == "timestamp") {
    return QValue(static_cast<int64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                           std::chrono::system_clock::now().time_since_epoch())
                                           .count()));
  }
  if (f == "range") {
    need(2, 3);
    for (auto& v : a)
      if (!v.is_int()) ArgType(f, v);
    int64_t lo = a[0].as_int(), hi = a[1].as_int(), step = a.size() > 2 ? a[2].as_int() : 1;
    if (step == 0) Throw("ArgumentError(NumberOutOfRange)", "range() step must not be 0");
    QList out;
    for (int64_t i = lo; step > 0 ? i <= hi : i >= hi; i += step) {
      out.push_back(QValue(i));
      st.CheckInterrupt();
    }
    return QValue(std::move(out));
  }
  if (f == "exists") {
    need(1, 1);
    return QValue(!a[0].is_null());
  }
  if (a.empty()) Throw("SyntaxError(UnknownFunction)", "unknown function " + f + "()");
  const QValue& v = a[0];
  // List and string functions.
  if (f == "size" || f == "length" || f == "char_length" || f == "character_length") {
    need(1, 1);
    if (v.is_null()) return v;
    if (v.is_list()) return QValue(static_cast<int64_t>(v.as_list().size()));
    if (v.is_string()) return QValue(static_cast<int64_t>(CodePoints(v.as_string()).size()));
    if (v.is_path() && f == "length") return QValue(static_cast<int64_t>(v.as_path().rels.size()));
    ArgType(f, v);
  }
  if (f == "isempty") {
    if (v.is_null()) return v;
    if (v.is_list()) return QValue(v.as_list().empty());
    if (v.is_string()) return QValue(v.as_string().empty());
    if (v.is_map()) return QValue(v.as_map().empty());
    ArgType(f, v);
  }
  if (f == "head" || f == "last" || f == "tail") {
    need(1, 1);
    if (v.is_null()) return v;
    if (!v.is_list()) ArgType(f, v);
    const QList& l = v.as_list();
    if (f == "tail") return l.empty() ? QValue(QList()) : QValue(QList(l.begin() + 1, l.end()));
    if (l.empty()) return QValue();
    return f == "head" ? l.front() : l.back();
  }
  if (f == "reverse") {
    if (v.is_null()) return v;
    if (v.is_list()) {
      QList l = v.as_list();
      std::reverse(l.begin(), l.end());
      return QValue(std::move(l));
    }
    if (v.is_string()) {
      auto cps = CodePoints(v.as_string());
      std::reverse(cps.begin(), cps.end());
      return QValue(Join(cps, 0, cps.size()));
    }
    ArgType(f, v);
  }
  if (f == "tostring" || f == "tostringornull") {
    if (v.is_null()) return v;
    if (v.is_string() || v.is_number() || v.is_bool()) return QValue(ToStringValue(v));
    if (f == "tostringornull") return QValue();
    ArgType(f, v);
  }
  if (f == "tointeger" || f == "toint") return ToIntegerValue(v, f);
  if (f == "tofloat") return ToFloatValue(v, f);
  if (f == "toboolean") return ToBooleanValue(v, f);
  if (f == "tointegerornull" || f == "tofloatornull" || f == "tobooleanornull") {
    try {
      if (f == "tointegerornull") return ToIntegerValue(v, f);
      if (f == "tofloatornull") return ToFloatValue(v, f);
      return ToBooleanValue(v, f);
    } catch (const QueryError&) {
      return QValue();
    }
  }
  // Strings.
  if (f == "tolower" || f == "toupper" || f == "lower" || f == "upper" || f == "trim" ||
      f == "ltrim" || f == "rtrim") {
    if (v.is_null()) return v;
    if (!v.is_string()) ArgType(f, v);
    std::string s = v.as_string();
    if (f == "tolower" || f == "lower") {
      for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (f == "toupper" || f == "upper") {
      for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    } else {
      size_t b = 0, en = s.size();
      if (f != "rtrim")
        while (b < en && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
      if (f != "ltrim")
        while (en > b && std::isspace(static_cast<unsigned char>(s[en - 1]))) --en;
      s = s.substr(b, en - b);
    }
    return QValue(std::move(s));
  }
  if (f == "split") {
    need(2, 2);
    if (v.is_null() || a[1].is_null()) return QValue();
    if (!v.is_string()) ArgType(f, v);
    if (!a[1].is_string()) ArgType(f, a[1]);
    const std::string &s = v.as_string(), &d = a[1].as_string();
    QList out;
    if (d.empty()) {
      for (auto& cp : CodePoints(s)) out.push_back(QValue(cp));
      return QValue(std::move(out));
    }
    size_t start = 0;
    while (true) {
      size_t p = s.find(d, start);
      if (p == std::string::npos) {
        out.push_back(QValue(s.substr(start)));
        break;
      }
      out.push_back(QValue(s.substr(start, p - start)));
      start = p + d.size();
    }
    return QValue(std::move(out));
  }
  if (f == "substring") {
    need(2, 3);
    if (v.is_null()) return v;
    if (!v.is_string()) ArgType(f, v);
    if (!a[1].is_int()) ArgType(f, a[1]);
    auto cps = CodePoints(v.as_string());
    int64_t start = a[1].as_int();
    if (start < 0) Throw("ArgumentError(NegativeIntegerArgument)", "substring() start is negative");
    int64_t len = static_cast<int64_t>(cps.size());
    if (a.size() == 3) {
      if (!a[2].is_int()) ArgType(f, a[2]);
      len = a[2].as_int();
      if (len < 0) Throw("ArgumentError(NegativeIntegerArgument)", "substring() length is negative");
    }
    size_t from = std::min<size_t>(start, cps.size());
    size_t to = std::min<size_t>(from + std::min<int64_t>(len, cps.size()), cps.size());
    return QValue(Join(cps, from, to));
  }
  if (f == "left" || f == "right") {
    need(2, 2);
    if (v.is_null()) return v;
    if (!v.is_string()) ArgType(f, v);
    if (a[1].is_null()) Throw("ArgumentError(NumberOutOfRange)", f + "() length is null");
    if (!a[1].is_int()) ArgType(f, a[1]);
    int64_t n = a[1].as_int();
    if (n < 0) Throw("ArgumentError(NegativeIntegerArgument)", f + "() length is negative");
    auto cps = CodePoints(v.as_string());
    size_t k = std::min<size_t>(n, cps.size());
    return QValue(f == "left" ? Join(cps, 0, k) : Join(cps, cps.size() - k, cps.size()));
  }
  if (f == "replace") {
    need(3, 3);
    if (v.is_null() || a[1].is_null() || a[2].is_null()) return QValue();
    for (auto& x : a)
      if (!x.is_string()) ArgType(f, x);
    std::string s = v.as_string();
    const std::string &from = a[1].as_string(), &to = a[2].as_string();
    if (from.empty()) return QValue(s);
    std::string out;
    size_t start = 0;
    while (true) {
      size_t p = s.find(from, start);
      if (p == std::string::npos) break;
      out += s.substr(start, p - start) + to;
      start = p + from.size();
    }
    out += s.substr(start);
    return QValue(std::move(out));
  }
  // Numbers.
  if (v.is_null()) return v;
  if (f == "isnan") {
    if (!v.is_number()) ArgType(f, v);
    return QValue(v.is_float() && std::isnan(v.as_float()));
  }
  if (!v.is_number()) {
    if (IsKnownFunction(f)) ArgType(f, v);
    Throw("SyntaxError(UnknownFunction)", "unknown function " + f + "()");
  }
  if (f == "abs") return v.is_int() ? QValue(v.as_int() < 0 ? -v.as_int() : v.as_int())
                                    : QValue(std::fabs(v.as_float()));
  if (f == "sign") {
    double d = v.as_number();
    return QValue(static_cast<int64_t>(d > 0 ? 1 : (d < 0 ? -1 : 0)));
  }
  if (f == "round") return Round(v, a);
  double d = v.as_number();
  if (f == "ceil") return QValue(std::ceil(d));
  if (f == "floor") return QValue(std::floor(d));
  if (f == "sqrt") return QValue(std::sqrt(d));
  if (f == "exp") return QValue(std::exp(d));
  if (f == "log") return QValue(std::log(d));
  if (f == "log10") return QValue(std::log10(d));
  if (f == "sin") return QValue(std::sin(d));
  if (f == "cos") return QValue(std::cos(d));
  if (f == "tan") return QValue(std::tan(d));
  if (f == "cot") return QValue(1.0 / std::tan(d));
  if (f == "asin") return QValue(std::asin(d));
  if (f == "acos") return QValue(std::acos(d));
  if (f == "atan") return QValue(std::atan(d));
  if (f == "degrees") return QValue(d * 180.0 / M_PI);
  if (f == "radians") return QValue(d * M_PI / 180.0);
  if (f == "haversin") return QValue((1 - std::cos(d)) / 2);
  if (f == "atan2") {
    need(2, 2);
    if (a[1].is_null()) return QValue();
    if (!a[1].is_number()) ArgType(f, a[1]);
    return QValue(std::atan2(d, a[1].as_number()));
  }
  Throw("SyntaxError(UnknownFunction)", "unknown function " + f + "()");
}

}  // namespace liner::query
