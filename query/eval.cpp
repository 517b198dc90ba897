// Expression evaluation with Cypher semantics: three-valued logic, null propagation,
// integer overflow errors, list and map equality.
#include <cmath>
#include <limits>
#include <optional>
#include <regex>

#include "query/functions.h"
#include "query/plan.h"

namespace liner::query {
namespace {

[[noreturn]] void TypeErr(const std::string& what) {
  Throw("TypeError(InvalidArgumentType)", what);
}

std::optional<bool> Truth(const QValue& v, const char* op) {
  if (v.is_null()) return std::nullopt;
  if (!v.is_bool())
    TypeErr(std::string(op) + " expects a Boolean, got " + QTypeName(v.type()));
  return v.as_bool();
}

QValue FromTruth(std::optional<bool> b) { return b ? QValue(*b) : QValue(); }

// Ordering comparison of comparable values; nullopt when incomparable (result null).
std::optional<int> CompareValues(const QValue& a, const QValue& b) {
  if (a.is_null() || b.is_null()) return std::nullopt;
  if (a.is_number() && b.is_number()) {
    if (a.is_int() && b.is_int())
      return a.as_int() < b.as_int() ? -1 : (a.as_int() > b.as_int() ? 1 : 0);
    double x = a.as_number(), y = b.as_number();
    if (std::isnan(x) || std::isnan(y)) return 2;  // NaN: every comparison false
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  if (a.type() != b.type()) return std::nullopt;
  switch (a.type()) {
    case QValue::Type::kString: {
      int c = a.as_string().compare(b.as_string());
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case QValue::Type::kBool: return static_cast<int>(a.as_bool()) - static_cast<int>(b.as_bool());
    case QValue::Type::kList: {
      const auto &x = a.as_list(), &y = b.as_list();
      for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
        auto c = CompareValues(x[i], y[i]);
        if (!c) return std::nullopt;
        if (*c != 0) return c;
      }
      return x.size() < y.size() ? -1 : (x.size() > y.size() ? 1 : 0);
    }
    default: return std::nullopt;
  }
}

QValue Arith(BinOp op, const QValue& a, const QValue& b) {
  if (a.is_null() || b.is_null()) return QValue();
  if (op == BinOp::kAdd) {
    if (a.is_list() || b.is_list()) {
      QList out;
      if (a.is_list()) out = a.as_list();
      else out.push_back(a);
      if (b.is_list()) out.insert(out.end(), b.as_list().begin(), b.as_list().end());
      else out.push_back(b);
      return QValue(std::move(out));
    }
    if (a.is_string() && b.is_string()) return QValue(a.as_string() + b.as_string());
    if (a.is_string() && b.is_number()) return QValue(a.as_string() + ToStringValue(b));
    if (a.is_number() && b.is_string()) return QValue(ToStringValue(a) + b.as_string());
  }
  if (!a.is_number() || !b.is_number()) {
    static const char* kNames[] = {"+", "-", "*", "/", "%", "^"};
    TypeErr(std::string("cannot apply ") + kNames[static_cast<int>(op)] + " to " +
            QTypeName(a.type()) + " and " + QTypeName(b.type()));
  }
  if (op == BinOp::kPow) return QValue(std::pow(a.as_number(), b.as_number()));
  if (a.is_int() && b.is_int()) {
    int64_t x = a.as_int(), y = b.as_int(), r = 0;
    bool overflow = false;
    switch (op) {
      case BinOp::kAdd: overflow = __builtin_add_overflow(x, y, &r); break;
      case BinOp::kSub: overflow = __builtin_sub_overflow(x, y, &r); break;
      case BinOp::kMul: overflow = __builtin_mul_overflow(x, y, &r); break;
      case BinOp::kDiv:
        if (y == 0) Throw("ArithmeticError(DivisionByZero)", "/ by zero");
        if (x == std::numeric_limits<int64_t>::min() && y == -1) overflow = true;
        else r = x / y;
        break;
      case BinOp::kMod:
        if (y == 0) Throw("ArithmeticError(DivisionByZero)", "% by zero");
        r = (y == -1) ? 0 : x % y;
        break;
      default: break;
    }
    if (overflow) Throw("ArithmeticError(IntegerOverflow)", "integer overflow");
    return QValue(r);
  }
  double x = a.as_number(), y = b.as_number();
  switch (op) {
    case BinOp::kAdd: return QValue(x + y);
    case BinOp::kSub: return QValue(x - y);
    case BinOp::kMul: return QValue(x * y);
    case BinOp::kDiv: return QValue(x / y);
    case BinOp::kMod: return QValue(std::fmod(x, y));
    default: return QValue();
  }
}

QValue Index(const QValue& c, const QValue& i, ExecState& st) {
  if (c.is_null() || i.is_null()) return QValue();
  if (c.is_list()) {
    if (!i.is_int()) TypeErr("list index must be an Integer, got " + std::string(QTypeName(i.type())));
    int64_t n = static_cast<int64_t>(c.as_list().size()), k = i.as_int();
    if (k < 0) k += n;
    if (k < 0 || k >= n) return QValue();
    return c.as_list()[k];
  }
  if (c.is_map() || c.is_node() || c.is_rel()) {
    if (!i.is_string()) TypeErr("map key must be a String, got " + std::string(QTypeName(i.type())));
    if (c.is_node()) return st.NodeProperty(c.as_node().id, i.as_string());
    if (c.is_rel()) return st.RelProperty(c.as_rel().id, i.as_string());
    auto it = c.as_map().find(i.as_string());
    return it == c.as_map().end() ? QValue() : it->second;
  }
  TypeErr("cannot index a " + std::string(QTypeName(c.type())));
}

QValue Slice(const QValue& c, const QValue* from, const QValue* to) {
  if (c.is_null()) return QValue();
  if ((from && from->is_null()) || (to && to->is_null())) return QValue();
  if (!c.is_list()) TypeErr("cannot slice a " + std::string(QTypeName(c.type())));
  int64_t n = static_cast<int64_t>(c.as_list().size());
  auto norm = [&](const QValue* v, int64_t dflt) {
    if (!v) return dflt;
    if (!v->is_int()) TypeErr("slice bounds must be Integers");
    int64_t k = v->as_int();
    if (k < 0) k += n;
    return std::clamp<int64_t>(k, 0, n);
  };
  int64_t a = norm(from, 0), b = norm(to, n);
  QList out;
  for (int64_t k = a; k < b; ++k) out.push_back(c.as_list()[k]);
  return QValue(std::move(out));
}

QValue InList(const QValue& x, const QValue& list) {
  if (list.is_null()) return QValue();
  if (!list.is_list()) TypeErr("IN expects a List on the right, got " + std::string(QTypeName(list.type())));
  bool saw_null = false;
  for (const auto& e : list.as_list()) {
    QValue eq = CypherEquals(x, e);
    if (eq.is_null()) saw_null = true;
    else if (eq.as_bool()) return QValue(true);
  }
  return saw_null ? QValue() : QValue(false);
}

// `x IN list` for a long list of integers: a hash set built once per list (the same list
// travels unchanged through many rows, e.g. `WITH collect(...) AS direct ... NOT q IN direct`).
QValue InListIndexed(const QValue& x, const QValue& list, ExecState& st) {
  if (!list.is_list() || !x.is_int() || list.as_list().size() < 16) return InList(x, list);
  const InListIndex* idx = st.InIndex(list.list_storage());
  if (!idx) return InList(x, list);
  return QValue(idx->ints.Contains(x.as_int()));
}

QValue RunSubplanExists(const Expr& e, Row& row, ExecState& st) {
  Op* sp = st.subplans[e.subplan].get();
  FindArgument(sp)->input = &row;
  sp->Open(st);
  Row r;
  return QValue(sp->Next(st, r));
}

}  // namespace

bool IsTrue(const QValue& v) {
  if (v.is_null()) return false;
  if (!v.is_bool()) TypeErr(std::string("expected a Boolean predicate, got ") + QTypeName(v.type()));
  return v.as_bool();
}

QValue CypherEquals(const QValue& a, const QValue& b) {
  if (a.is_null() || b.is_null()) return QValue();
  if (a.is_number() && b.is_number()) {
    if (a.is_int() && b.is_int()) return QValue(a.as_int() == b.as_int());
    return QValue(a.as_number() == b.as_number());
  }
  if (a.type() != b.type()) return QValue(false);
  switch (a.type()) {
    case QValue::Type::kList: {
      const auto &x = a.as_list(), &y = b.as_list();
      if (x.size() != y.size()) return QValue(false);
      bool saw_null = false;
      for (size_t i = 0; i < x.size(); ++i) {
        QValue e = CypherEquals(x[i], y[i]);
        if (e.is_null()) saw_null = true;
        else if (!e.as_bool()) return QValue(false);
      }
      return saw_null ? QValue() : QValue(true);
    }
    case QValue::Type::kMap: {
      const auto &x = a.as_map(), &y = b.as_map();
      if (x.size() != y.size()) return QValue(false);
      bool saw_null = false;
      for (auto i = x.begin(), j = y.begin(); i != x.end(); ++i, ++j) {
        if (i->first != j->first) return QValue(false);
        QValue e = CypherEquals(i->second, j->second);
        if (e.is_null()) saw_null = true;
        else if (!e.as_bool()) return QValue(false);
      }
      return saw_null ? QValue() : QValue(true);
    }
    default: return QValue(Equivalent(a, b));
  }
}

QValue Eval(const Expr& e, Row& row, ExecState& st) {
  switch (e.kind) {
    case ExprKind::kLiteral: return e.value;
    case ExprKind::kParam: return st.Param(e.name);
    case ExprKind::kVariable:
    case ExprKind::kAggRef: return row[e.slot];
    case ExprKind::kProperty: {
      QValue v = Eval(*e.args[0], row, st);
      if (!st.deleted_nodes.empty() || !st.deleted_rels.empty()) st.CheckNotDeleted(v);
      switch (v.type()) {
        case QValue::Type::kNull: return QValue();
        case QValue::Type::kNode: return st.NodeProperty(v.as_node().id, e.name);
        case QValue::Type::kRel: return st.RelProperty(v.as_rel().id, e.name);
        case QValue::Type::kMap: {
          auto it = v.as_map().find(e.name);
          return it == v.as_map().end() ? QValue() : it->second;
        }
        default:
          Throw("TypeError(PropertyAccessOnNonMap)",
                "cannot read property '" + e.name + "' of a " + QTypeName(v.type()));
      }
    }
    case ExprKind::kList: {
      QList out;
      out.reserve(e.args.size());
      for (const auto& a : e.args) out.push_back(Eval(*a, row, st));
      return QValue(std::move(out));
    }
    case ExprKind::kMap: {
      QMap out;
      for (size_t i = 0; i < e.args.size(); ++i) out[e.keys[i]] = Eval(*e.args[i], row, st);
      return QValue(std::move(out));
    }
    case ExprKind::kNot: {
      auto b = Truth(Eval(*e.args[0], row, st), "NOT");
      return b ? QValue(!*b) : QValue();
    }
    case ExprKind::kNeg: {
      QValue v = Eval(*e.args[0], row, st);
      if (v.is_null()) return v;
      if (v.is_int()) {
        if (v.as_int() == std::numeric_limits<int64_t>::min())
          Throw("ArithmeticError(IntegerOverflow)", "integer overflow");
        return QValue(-v.as_int());
      }
      if (v.is_float()) return QValue(v.as_float() == 0 ? 0.0 : -v.as_float());
      TypeErr(std::string("cannot negate a ") + QTypeName(v.type()));
    }
    case ExprKind::kBinary: {
      switch (e.op) {
        case BinOp::kAnd: {
          auto a = Truth(Eval(*e.args[0], row, st), "AND");
          if (a && !*a) {
            Truth(Eval(*e.args[1], row, st), "AND");
            return QValue(false);
          }
          auto b = Truth(Eval(*e.args[1], row, st), "AND");
          if (b && !*b) return QValue(false);
          if (a && b) return QValue(true);
          return QValue();
        }
        case BinOp::kOr: {
          auto a = Truth(Eval(*e.args[0], row, st), "OR");
          auto b = Truth(Eval(*e.args[1], row, st), "OR");
          if ((a && *a) || (b && *b)) return QValue(true);
          if (a && b) return QValue(false);
          return QValue();
        }
        case BinOp::kXor: {
          auto a = Truth(Eval(*e.args[0], row, st), "XOR");
          auto b = Truth(Eval(*e.args[1], row, st), "XOR");
          if (!a || !b) return QValue();
          return QValue(*a != *b);
        }
        default: break;
      }
      QValue a = Eval(*e.args[0], row, st);
      QValue b = Eval(*e.args[1], row, st);
      switch (e.op) {
        case BinOp::kAdd:
        case BinOp::kSub:
        case BinOp::kMul:
        case BinOp::kDiv:
        case BinOp::kMod:
        case BinOp::kPow: return Arith(e.op, a, b);
        case BinOp::kEq: return CypherEquals(a, b);
        case BinOp::kNe: {
          QValue r = CypherEquals(a, b);
          return r.is_null() ? r : QValue(!r.as_bool());
        }
        case BinOp::kLt:
        case BinOp::kGt:
        case BinOp::kLe:
        case BinOp::kGe: {
          auto c = CompareValues(a, b);
          if (!c) return QValue();
          if (*c == 2) return QValue(false);
          switch (e.op) {
            case BinOp::kLt: return QValue(*c < 0);
            case BinOp::kGt: return QValue(*c > 0);
            case BinOp::kLe: return QValue(*c <= 0);
            default: return QValue(*c >= 0);
          }
        }
        case BinOp::kIn: return InListIndexed(a, b, st);
        case BinOp::kStartsWith:
        case BinOp::kEndsWith:
        case BinOp::kContains: {
          if (!a.is_string() || !b.is_string()) return QValue();
          const std::string &s = a.as_string(), &t = b.as_string();
          if (e.op == BinOp::kStartsWith) return QValue(s.compare(0, t.size(), t) == 0 && s.size() >= t.size());
          if (e.op == BinOp::kEndsWith)
            return QValue(s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0);
          return QValue(s.find(t) != std::string::npos);
        }
        case BinOp::kRegex: {
          if (!a.is_string() || !b.is_string()) return QValue();
          try {
            std::regex re(b.as_string(), std::regex::ECMAScript);
            return QValue(std::regex_match(a.as_string(), re));
          } catch (const std::regex_error&) {
            Throw("SyntaxError(InvalidRegex)", "invalid regular expression '" + b.as_string() + "'");
          }
        }
        default: return QValue();
      }
    }
    case ExprKind::kIsNull: return QValue(Eval(*e.args[0], row, st).is_null());
    case ExprKind::kIsNotNull: return QValue(!Eval(*e.args[0], row, st).is_null());
    case ExprKind::kIndex: {
      QValue c = Eval(*e.args[0], row, st);
      QValue i = Eval(*e.args[1], row, st);
      return Index(c, i, st);
    }
    case ExprKind::kSlice: {
      QValue c = Eval(*e.args[0], row, st);
      std::optional<QValue> from, to;
      if (e.args[1]) from = Eval(*e.args[1], row, st);
      if (e.args[2]) to = Eval(*e.args[2], row, st);
      return Slice(c, from ? &*from : nullptr, to ? &*to : nullptr);
    }
    case ExprKind::kFunction: return CallFunction(e, row, st);
    case ExprKind::kCountStar: Throw("SyntaxError", "count(*) is only allowed in WITH and RETURN");
    case ExprKind::kCase: {
      size_t n = e.args.size();
      if (e.args[0]) {
        QValue subject = Eval(*e.args[0], row, st);
        for (size_t i = 1; i + 1 < n; i += 2) {
          QValue eq = CypherEquals(subject, Eval(*e.args[i], row, st));
          if (eq.is_bool() && eq.as_bool()) return Eval(*e.args[i + 1], row, st);
        }
      } else {
        for (size_t i = 1; i + 1 < n; i += 2) {
          QValue c = Eval(*e.args[i], row, st);
          if (c.is_bool() && c.as_bool()) return Eval(*e.args[i + 1], row, st);
        }
      }
      return e.args[n - 1] ? Eval(*e.args[n - 1], row, st) : QValue();
    }
    case ExprKind::kListComp: {
      QValue list = Eval(*e.args[0], row, st);
      if (list.is_null()) return list;
      if (!list.is_list()) TypeErr("list comprehension expects a List, got " + std::string(QTypeName(list.type())));
      QValue saved = row[e.slot];
      QList out;
      for (const auto& x : list.as_list()) {
        row[e.slot] = x;
        if (e.args[1] && !IsTrue(Eval(*e.args[1], row, st))) continue;
        out.push_back(e.args[2] ? Eval(*e.args[2], row, st) : x);
      }
      row[e.slot] = std::move(saved);
      return QValue(std::move(out));
    }
    case ExprKind::kQuantifier: {
      QValue list = Eval(*e.args[0], row, st);
      if (list.is_null()) return list;
      if (!list.is_list()) TypeErr(e.keys[0] + "() expects a List, got " + QTypeName(list.type()));
      QValue saved = row[e.slot];
      int64_t n_true = 0, n_null = 0, n = 0;
      for (const auto& x : list.as_list()) {
        ++n;
        row[e.slot] = x;
        QValue p = Eval(*e.args[1], row, st);
        if (p.is_null()) ++n_null;
        else if (Truth(p, e.keys[0].c_str()).value()) ++n_true;
      }
      row[e.slot] = std::move(saved);
      int64_t n_false = n - n_true - n_null;
      const std::string& q = e.keys[0];
      if (q == "all") return n_false > 0 ? QValue(false) : (n_null > 0 ? QValue() : QValue(true));
      if (q == "any") return n_true > 0 ? QValue(true) : (n_null > 0 ? QValue() : QValue(false));
      if (q == "none") return n_true > 0 ? QValue(false) : (n_null > 0 ? QValue() : QValue(true));
      // single
      if (n_true > 1) return QValue(false);
      if (n_null > 0) return QValue();
      return QValue(n_true == 1);
    }
    case ExprKind::kReduce: {
      QValue acc = Eval(*e.args[0], row, st);
      QValue list = Eval(*e.args[1], row, st);
      if (list.is_null()) return list;
      if (!list.is_list()) TypeErr("reduce() expects a List, got " + std::string(QTypeName(list.type())));
      QValue saved = row[e.slot], saved_acc = row[e.slot2];
      for (const auto& x : list.as_list()) {
        row[e.slot] = x;
        row[e.slot2] = acc;
        acc = Eval(*e.args[2], row, st);
      }
      row[e.slot] = std::move(saved);
      row[e.slot2] = std::move(saved_acc);
      return acc;
    }
    case ExprKind::kLabelCheck: {
      QValue v = Eval(*e.args[0], row, st);
      if (v.is_null()) return v;
      if (!v.is_node()) TypeErr("label check on a " + std::string(QTypeName(v.type())));
      const NodeRecord* rec = st.NodeRaw(v.as_node().id);
      if (!rec) return QValue(false);
      for (const auto& l : e.keys) {
        TokenId t = st.Token(TokenKind::kLabel, l);
        if (t == kNoToken || !rec->HasLabel(t)) return QValue(false);
      }
      return QValue(true);
    }
    case ExprKind::kPatternPred:
    case ExprKind::kExists: return RunSubplanExists(e, row, st);
    case ExprKind::kCountSubquery: {
      Op* sp = st.subplans[e.subplan].get();
      FindArgument(sp)->input = &row;
      sp->Open(st);
      Row r;
      int64_t n = 0;
      while (sp->Next(st, r)) ++n;
      return QValue(n);
    }
    case ExprKind::kPatternComp: {
      Op* sp = st.subplans[e.subplan].get();
      FindArgument(sp)->input = &row;
      sp->Open(st);
      Row r;
      QList out;
      while (sp->Next(st, r)) out.push_back(Eval(*e.args[0], r, st));
      return QValue(std::move(out));
    }
    case ExprKind::kMapProjection: {
      QValue subject = Eval(*e.args[0], row, st);
      if (subject.is_null()) return subject;
      QMap out;
      for (size_t i = 0; i < e.keys.size(); ++i) {
        int kind = e.map_proj_kinds[i];
        if (kind == 0) {
          out[e.keys[i]] = subject.is_map() ? (subject.as_map().count(e.keys[i])
                                                   ? subject.as_map().at(e.keys[i])
                                                   : QValue())
                           : subject.is_node() ? st.NodeProperty(subject.as_node().id, e.keys[i])
                           : subject.is_rel()  ? st.RelProperty(subject.as_rel().id, e.keys[i])
                                               : QValue();
        } else if (kind == 1 || kind == 2) {
          out[e.keys[i]] = Eval(*e.args[i + 1], row, st);
        } else {
          QValue all = PropertiesValue(subject, st);
          if (all.is_map())
            for (auto& [k, v] : all.as_map()) out[k] = v;
        }
      }
      return QValue(std::move(out));
    }
  }
  return QValue();
}

}  // namespace liner::query
