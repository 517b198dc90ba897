#include "tests/tck/tck_value.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

namespace liner::tck {

namespace {

// Recursive-descent parser over the cell text.
class Parser {
 public:
  explicit Parser(const std::string& text) : t_(text) {}

  Result<TckValue> ParseAll() {
    auto v = Value();
    if (!v.ok()) return v;
    Skip();
    if (p_ != t_.size()) return Fail("unexpected text after the value");
    return v;
  }

 private:
  Status Fail(const std::string& what) {
    return Status::InvalidArgument("TCK value '" + t_ + "' at offset " + std::to_string(p_) +
                                   ": " + what);
  }
  void Skip() {
    while (p_ < t_.size() && (t_[p_] == ' ' || t_[p_] == '\t' || t_[p_] == '\n')) ++p_;
  }
  bool Peek(char c) {
    Skip();
    return p_ < t_.size() && t_[p_] == c;
  }
  bool Eat(char c) {
    if (!Peek(c)) return false;
    ++p_;
    return true;
  }
  bool EatWord(const std::string& w) {
    Skip();
    if (t_.compare(p_, w.size(), w) != 0) return false;
    size_t e = p_ + w.size();
    if (e < t_.size() && (std::isalnum(static_cast<unsigned char>(t_[e])) || t_[e] == '_')) {
      return false;
    }
    p_ = e;
    return true;
  }

  Result<TckValue> Value() {
    Skip();
    if (p_ >= t_.size()) return Fail("expected a value");
    char c = t_[p_];
    if (c == '\'' || c == '"') return StringValue();
    if (c == '[') return ListOrRel();
    if (c == '{') {
      TckValue v;
      v.kind = TckValue::Kind::kMap;
      LINER_RETURN_IF_ERROR(MapBody(&v.map));
      return v;
    }
    if (c == '(') return Node();
    if (c == '<') return Path();
    if (EatWord("null")) return TckValue::Null();
    if (EatWord("true")) return TckValue::Bool(true);
    if (EatWord("false")) return TckValue::Bool(false);
    if (EatWord("NaN")) return TckValue::Float(std::numeric_limits<double>::quiet_NaN());
    if (EatWord("Inf") || EatWord("Infinity")) {
      return TckValue::Float(std::numeric_limits<double>::infinity());
    }
    if (c == '-' && (t_.compare(p_, 4, "-Inf") == 0)) {
      ++p_;
      if (!EatWord("Infinity") && !EatWord("Inf")) return Fail("bad -Inf");
      return TckValue::Float(-std::numeric_limits<double>::infinity());
    }
    return Number();
  }

  Result<TckValue> Number() {
    size_t start = p_;
    if (p_ < t_.size() && (t_[p_] == '-' || t_[p_] == '+')) ++p_;
    bool is_float = false;
    while (p_ < t_.size()) {
      char c = t_[p_];
      if (std::isdigit(static_cast<unsigned char>(c))) {
        ++p_;
      } else if (c == '.' || c == 'e' || c == 'E') {
        is_float = true;
        ++p_;
        if ((c == 'e' || c == 'E') && p_ < t_.size() && (t_[p_] == '-' || t_[p_] == '+')) ++p_;
      } else {
        break;
      }
    }
    std::string num = t_.substr(start, p_ - start);
    if (num.empty() || num == "-" || num == "+") return Fail("expected a value");
    errno = 0;
    if (is_float) {
      char* end = nullptr;
      double d = std::strtod(num.c_str(), &end);
      if (*end != '\0') return Fail("bad float");
      return TckValue::Float(d);
    }
    char* end = nullptr;
    long long i = std::strtoll(num.c_str(), &end, 10);
    if (*end != '\0' || errno == ERANGE) return Fail("bad integer");
    return TckValue::Int(i);
  }

  Result<TckValue> StringValue() {
    char quote = t_[p_++];
    std::string out;
    while (p_ < t_.size() && t_[p_] != quote) {
      char c = t_[p_++];
      if (c != '\\') {
        out.push_back(c);
        continue;
      }
      if (p_ >= t_.size()) return Fail("unfinished escape");
      char e = t_[p_++];
      switch (e) {
        case 'n': out.push_back('\n'); break;
        case 't': out.push_back('\t'); break;
        case 'r': out.push_back('\r'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case '0': out.push_back('\0'); break;
        case 'u': {
          if (p_ + 4 > t_.size()) return Fail("bad \\u escape");
          unsigned cp = std::strtoul(t_.substr(p_, 4).c_str(), nullptr, 16);
          p_ += 4;
          AppendUtf8(&out, cp);
          break;
        }
        default: out.push_back(e);  // \\ \' \" and anything else stand for themselves
      }
    }
    if (p_ >= t_.size()) return Fail("unterminated string");
    ++p_;
    return TckValue::String(std::move(out));
  }

  static void AppendUtf8(std::string* out, unsigned cp) {
    if (cp < 0x80) {
      out->push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }

  Result<std::string> Name() {
    Skip();
    if (p_ < t_.size() && t_[p_] == '`') {
      size_t e = t_.find('`', p_ + 1);
      if (e == std::string::npos) return Fail("unterminated `name`");
      std::string n = t_.substr(p_ + 1, e - p_ - 1);
      p_ = e + 1;
      return n;
    }
    size_t s = p_;
    while (p_ < t_.size() && (std::isalnum(static_cast<unsigned char>(t_[p_])) ||
                              t_[p_] == '_' || static_cast<unsigned char>(t_[p_]) >= 0x80)) {
      ++p_;
    }
    if (s == p_) return Fail("expected a name");
    return t_.substr(s, p_ - s);
  }

  Status MapBody(std::vector<std::pair<std::string, TckValue>>* out) {
    if (!Eat('{')) return Fail("expected '{'");
    if (Eat('}')) return Status::OK();
    for (;;) {
      auto key = Name();
      if (!key.ok()) return key.status();
      if (!Eat(':')) return Fail("expected ':' after a map key");
      auto v = Value();
      if (!v.ok()) return v.status();
      out->emplace_back(std::move(*key), std::move(*v));
      if (Eat(',')) continue;
      if (Eat('}')) return Status::OK();
      return Fail("expected ',' or '}' in a map");
    }
  }

  Status Labels(std::vector<std::string>* out) {
    while (Eat(':')) {
      auto n = Name();
      if (!n.ok()) return n.status();
      out->push_back(std::move(*n));
    }
    return Status::OK();
  }

  Result<TckValue> Node() {
    if (!Eat('(')) return Fail("expected '('");
    TckValue v;
    v.kind = TckValue::Kind::kNode;
    LINER_RETURN_IF_ERROR(Labels(&v.labels));
    if (Peek('{')) LINER_RETURN_IF_ERROR(MapBody(&v.map));
    if (!Eat(')')) return Fail("expected ')' to close a node");
    return v;
  }

  Result<TckValue> Rel() {
    if (!Eat('[')) return Fail("expected '['");
    TckValue v;
    v.kind = TckValue::Kind::kRel;
    std::vector<std::string> types;
    LINER_RETURN_IF_ERROR(Labels(&types));
    if (types.size() != 1) return Fail("a relationship has exactly one type");
    v.s = types[0];
    if (Peek('{')) LINER_RETURN_IF_ERROR(MapBody(&v.map));
    if (!Eat(']')) return Fail("expected ']' to close a relationship");
    return v;
  }

  Result<TckValue> ListOrRel() {
    size_t save = p_;
    ++p_;
    bool rel = Peek(':');
    p_ = save;
    if (rel) return Rel();
    Eat('[');
    TckValue v;
    v.kind = TckValue::Kind::kList;
    if (Eat(']')) return v;
    for (;;) {
      auto e = Value();
      if (!e.ok()) return e;
      v.list.push_back(std::move(*e));
      if (Eat(',')) continue;
      if (Eat(']')) return v;
      return Fail("expected ',' or ']' in a list");
    }
  }

  Result<TckValue> Path() {
    if (!Eat('<')) return Fail("expected '<'");
    TckValue v;
    v.kind = TckValue::Kind::kPath;
    auto n = Node();
    if (!n.ok()) return n;
    v.list.push_back(std::move(*n));
    for (;;) {
      if (Eat('>')) return v;
      bool backward = false;
      if (Eat('<')) backward = true;
      if (!Eat('-')) return Fail("expected '-' in a path");
      auto r = Rel();
      if (!r.ok()) return r;
      if (!Eat('-')) return Fail("expected '-' in a path");
      bool forward = Eat('>');
      if (forward == backward) return Fail("a path relationship needs one direction");
      auto m = Node();
      if (!m.ok()) return m;
      v.list.push_back(std::move(*r));
      v.forward.push_back(forward);
      v.list.push_back(std::move(*m));
    }
  }

  const std::string& t_;
  size_t p_ = 0;
};

std::string FormatFloat(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Inf" : "-Inf";
  // Shortest text that reads back to the same double, so equal text means equal value.
  char buf[64];
  for (int prec = 1; prec <= 17; ++prec) {
    std::snprintf(buf, sizeof(buf), "%.*g", prec, d);
    if (std::strtod(buf, nullptr) == d) break;
  }
  std::string s = buf;
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
  return s;
}

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else {
      out.push_back(c);
    }
  }
  return out + "'";
}

std::string Key(const std::string& k) {
  bool plain = !k.empty() && !std::isdigit(static_cast<unsigned char>(k[0]));
  for (char c : k) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') plain = false;
  }
  return plain ? k : "`" + k + "`";
}

std::string Props(const std::vector<std::pair<std::string, TckValue>>& map, bool bag) {
  std::vector<std::string> parts;
  for (const auto& [k, v] : map) parts.push_back(Key(k) + ": " + Canonical(v, bag));
  std::sort(parts.begin(), parts.end());
  std::string out = "{";
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
  return out + "}";
}

}  // namespace

Result<TckValue> ParseTckValue(const std::string& text) { return Parser(text).ParseAll(); }

std::string Canonical(const TckValue& v, bool bag) {
  switch (v.kind) {
    case TckValue::Kind::kNull: return "null";
    case TckValue::Kind::kBool: return v.b ? "true" : "false";
    case TckValue::Kind::kInt: return std::to_string(v.i);
    case TckValue::Kind::kFloat: return FormatFloat(v.f);
    case TckValue::Kind::kString: return Quote(v.s);
    case TckValue::Kind::kList: {
      std::vector<std::string> parts;
      for (const auto& e : v.list) parts.push_back(Canonical(e, bag));
      if (bag) std::sort(parts.begin(), parts.end());
      std::string out = "[";
      for (size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
      return out + "]";
    }
    case TckValue::Kind::kMap: return Props(v.map, bag);
    case TckValue::Kind::kNode: {
      std::vector<std::string> labels = v.labels;
      std::sort(labels.begin(), labels.end());
      labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
      std::string out = "(";
      for (const auto& l : labels) out += ":" + Key(l);
      if (!v.map.empty()) out += (labels.empty() ? "" : " ") + Props(v.map, bag);
      return out + ")";
    }
    case TckValue::Kind::kRel: {
      std::string out = "[:" + Key(v.s);
      if (!v.map.empty()) out += " " + Props(v.map, bag);
      return out + "]";
    }
    case TckValue::Kind::kPath: {
      std::string out = "<";
      for (size_t i = 0; i < v.list.size(); ++i) {
        if (i % 2 == 0) {
          out += Canonical(v.list[i], bag);
        } else {
          bool fwd = i / 2 < v.forward.size() && v.forward[i / 2];
          out += (fwd ? "-" : "<-") + Canonical(v.list[i], bag) + (fwd ? "->" : "-");
        }
      }
      return out + ">";
    }
  }
  return "?";
}

}  // namespace liner::tck
