// Parser: expressions, by precedence level (openCypher grammar).
#include <cctype>
#include <cerrno>
#include <cstdlib>

#include "query/parser_impl.h"

namespace liner::query {
namespace {

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

ExprP Parser::NewExpr(ExprKind kind, const Token& at) {
  auto e = std::make_shared<Expr>();
  e->kind = kind;
  e->line = at.line;
  e->column = at.column;
  return e;
}

ExprP Parser::MakeBinary(BinOp op, ExprP a, ExprP b, const Token& at) {
  ExprP e = NewExpr(ExprKind::kBinary, at);
  e->op = op;
  e->args = {std::move(a), std::move(b)};
  return e;
}

ExprP Parser::ParseExpr() { return ParseOr(); }

ExprP Parser::ParseOr() {
  ExprP e = ParseXor();
  while (IsKw("OR")) {
    const Token& t = Advance();
    e = MakeBinary(BinOp::kOr, e, ParseXor(), t);
  }
  return e;
}

ExprP Parser::ParseXor() {
  ExprP e = ParseAnd();
  while (IsKw("XOR")) {
    const Token& t = Advance();
    e = MakeBinary(BinOp::kXor, e, ParseAnd(), t);
  }
  return e;
}

ExprP Parser::ParseAnd() {
  ExprP e = ParseNot();
  while (IsKw("AND")) {
    const Token& t = Advance();
    e = MakeBinary(BinOp::kAnd, e, ParseNot(), t);
  }
  return e;
}

ExprP Parser::ParseNot() {
  if (IsKw("NOT")) {
    const Token& t = Advance();
    ExprP e = NewExpr(ExprKind::kNot, t);
    e->args.push_back(ParseNot());
    return e;
  }
  return ParseComparison();
}

ExprP Parser::ParseComparison() {
  ExprP first = ParsePredicates();
  ExprP result;
  ExprP left = first;
  while (true) {
    const Token& t = Peek();
    BinOp op;
    if (IsSym("=")) op = BinOp::kEq;
    else if (IsSym("<>") || IsSym("!=")) op = BinOp::kNe;
    else if (IsSym("<")) op = BinOp::kLt;
    else if (IsSym(">")) op = BinOp::kGt;
    else if (IsSym("<=")) op = BinOp::kLe;
    else if (IsSym(">=")) op = BinOp::kGe;
    else break;
    Advance();
    ExprP right = ParsePredicates();
    ExprP cmp = MakeBinary(op, left, right, t);
    result = result ? MakeBinary(BinOp::kAnd, result, cmp, t) : cmp;
    left = right;
  }
  return result ? result : first;
}

ExprP Parser::ParsePredicates() {
  ExprP e = ParseAdd();
  while (true) {
    const Token& t = Peek();
    if (IsKw("STARTS") && IsKw("WITH", 1)) {
      Advance();
      Advance();
      e = MakeBinary(BinOp::kStartsWith, e, ParseAdd(), t);
    } else if (IsKw("ENDS") && IsKw("WITH", 1)) {
      Advance();
      Advance();
      e = MakeBinary(BinOp::kEndsWith, e, ParseAdd(), t);
    } else if (IsKw("CONTAINS")) {
      Advance();
      e = MakeBinary(BinOp::kContains, e, ParseAdd(), t);
    } else if (IsKw("IN")) {
      Advance();
      e = MakeBinary(BinOp::kIn, e, ParseAdd(), t);
    } else if (IsSym("=~")) {
      Advance();
      e = MakeBinary(BinOp::kRegex, e, ParseAdd(), t);
    } else if (IsKw("IS")) {
      Advance();
      bool neg = AcceptKw("NOT");
      ExpectKw("NULL");
      ExprP n = NewExpr(neg ? ExprKind::kIsNotNull : ExprKind::kIsNull, t);
      n->args.push_back(e);
      e = n;
    } else {
      break;
    }
  }
  return e;
}

ExprP Parser::ParseAdd() {
  ExprP e = ParseMul();
  while (IsSym("+") || IsSym("-")) {
    const Token& t = Advance();
    e = MakeBinary(t.text == "+" ? BinOp::kAdd : BinOp::kSub, e, ParseMul(), t);
  }
  return e;
}

ExprP Parser::ParseMul() {
  ExprP e = ParsePow();
  while (IsSym("*") || IsSym("/") || IsSym("%")) {
    const Token& t = Advance();
    BinOp op = t.text == "*" ? BinOp::kMul : t.text == "/" ? BinOp::kDiv : BinOp::kMod;
    e = MakeBinary(op, e, ParsePow(), t);
  }
  return e;
}

ExprP Parser::ParsePow() {
  ExprP e = ParseUnary();
  while (IsSym("^")) {
    const Token& t = Advance();
    e = MakeBinary(BinOp::kPow, e, ParseUnary(), t);
  }
  return e;
}

ExprP Parser::ParseUnary() {
  if (IsSym("-")) {
    const Token& t = Advance();
    // A negative integer literal, so that -9223372036854775808 does not overflow.
    if (Peek().kind == Tok::kInt) {
      const Token& n = Peek();
      errno = 0;
      const std::string& s = n.text;
      int base = 10;
      std::string digits = "-" + s;
      if (s.size() > 2 && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        digits = "-" + s.substr(2);
      } else if (s.size() > 2 && (s[1] == 'o' || s[1] == 'O')) {
        base = 8;
        digits = "-" + s.substr(2);
      }
      long long v = std::strtoll(digits.c_str(), nullptr, base);
      if (errno == ERANGE)
        FailSemantic(n, "SyntaxError(IntegerOverflow)", "integer literal is too large");
      Advance();
      ExprP lit = NewExpr(ExprKind::kLiteral, t);
      lit->value = QValue(static_cast<int64_t>(v));
      // Postfix operators bind tighter than unary minus: -1.x is -(1.x), rare; keep simple.
      return lit;
    }
    ExprP e = NewExpr(ExprKind::kNeg, t);
    e->args.push_back(ParseUnary());
    return e;
  }
  if (IsSym("+")) {
    Advance();
    return ParseUnary();
  }
  return ParsePostfix();
}

ExprP Parser::ParsePostfix() {
  ExprP e = ParseAtom();
  while (true) {
    const Token& t = Peek();
    if (IsSym(".")) {
      Advance();
      ExprP p = NewExpr(ExprKind::kProperty, t);
      p->name = ParseName("a property name after '.'");
      p->args.push_back(e);
      e = p;
    } else if (IsSym("[")) {
      Advance();
      ExprP from, to;
      bool slice = false;
      if (!IsSym("..")) from = ParseExpr();
      if (AcceptSym("..")) {
        slice = true;
        if (!IsSym("]")) to = ParseExpr();
      }
      ExpectSym("]", "to close the index");
      ExprP x = NewExpr(slice ? ExprKind::kSlice : ExprKind::kIndex, t);
      x->args = {e, from};
      if (slice) x->args.push_back(to);
      e = x;
    } else if (IsSym(":") && (e->kind == ExprKind::kVariable || e->kind == ExprKind::kProperty ||
                              e->kind == ExprKind::kIndex)) {
      ExprP x = NewExpr(ExprKind::kLabelCheck, t);
      x->args.push_back(e);
      while (AcceptSym(":")) x->keys.push_back(ParseName("a label name after ':'"));
      e = x;
    } else {
      break;
    }
  }
  return e;
}

ExprP Parser::ParseAtom() {
  const Token& t = Peek();
  switch (t.kind) {
    case Tok::kInt: {
      Advance();
      ExprP e = NewExpr(ExprKind::kLiteral, t);
      errno = 0;
      long long v;
      const std::string& s = t.text;
      if (s.size() > 2 && (s[1] == 'x' || s[1] == 'X')) v = std::strtoll(s.c_str() + 2, nullptr, 16);
      else if (s.size() > 2 && (s[1] == 'o' || s[1] == 'O'))
        v = std::strtoll(s.c_str() + 2, nullptr, 8);
      else v = std::strtoll(s.c_str(), nullptr, 10);
      if (errno == ERANGE)
        FailSemantic(t, "SyntaxError(IntegerOverflow)", "integer literal is too large");
      e->value = QValue(static_cast<int64_t>(v));
      return e;
    }
    case Tok::kFloat: {
      Advance();
      ExprP e = NewExpr(ExprKind::kLiteral, t);
      errno = 0;
      double d = std::strtod(t.text.c_str(), nullptr);
      if (errno == ERANGE && (d > 1 || d < -1))
        FailSemantic(t, "SyntaxError(FloatingPointOverflow)", "float literal is too large");
      e->value = QValue(d);
      return e;
    }
    case Tok::kString: {
      Advance();
      ExprP e = NewExpr(ExprKind::kLiteral, t);
      e->value = QValue(t.text);
      return e;
    }
    case Tok::kParam: {
      Advance();
      ExprP e = NewExpr(ExprKind::kParam, t);
      e->name = t.text;
      return e;
    }
    case Tok::kEnd: Fail(t, "expected an expression");
    case Tok::kSymbol:
      if (t.text == "[") return ParseListOrComprehension();
      if (t.text == "{") return ParseMapLiteral();
      if (t.text == "(") {
        if (LooksLikePattern()) {
          ExprP e = NewExpr(ExprKind::kPatternPred, t);
          auto part = std::make_shared<PatternPart>();
          ParsePatternChain(part.get());
          e->pattern = part;
          return e;
        }
        Advance();
        ExprP e = ParseExpr();
        ExpectSym(")", "to close the parenthesis");
        return e;
      }
      Fail(t, "expected an expression");
    case Tok::kIdent: break;
  }
  // Identifiers: keywords, function calls, variables.
  if (!t.quoted) {
    if (IsKw("TRUE") || IsKw("FALSE")) {
      Advance();
      ExprP e = NewExpr(ExprKind::kLiteral, t);
      e->value = QValue(IsKw("TRUE", -1));
      return e;
    }
    if (IsKw("NULL")) {
      Advance();
      return NewExpr(ExprKind::kLiteral, t);
    }
    if (IsKw("CASE")) return ParseCase();
    if (IsKw("COUNT") && IsSym("(", 1) && IsSym("*", 2) && IsSym(")", 3)) {
      Advance();
      Advance();
      Advance();
      Advance();
      return NewExpr(ExprKind::kCountStar, t);
    }
    if ((IsKw("ALL") || IsKw("ANY") || IsKw("NONE") || IsKw("SINGLE")) && IsSym("(", 1) &&
        Peek(2).kind == Tok::kIdent && IsKw("IN", 3)) {
      ExprP e = NewExpr(ExprKind::kQuantifier, t);
      e->keys.push_back(Lower(t.text));
      Advance();
      Advance();
      e->name = ParseName("a variable");
      ExpectKw("IN");
      e->args.push_back(ParseExpr());
      if (AcceptKw("WHERE")) e->args.push_back(ParseExpr());
      else FailSemantic(Peek(), "SyntaxError", "expected WHERE in the quantifier");
      ExpectSym(")", "to close the quantifier");
      return e;
    }
    if (IsKw("REDUCE") && IsSym("(", 1)) {
      ExprP e = NewExpr(ExprKind::kReduce, t);
      Advance();
      Advance();
      e->keys.push_back(ParseName("an accumulator variable"));
      ExpectSym("=", "after the accumulator");
      ExprP init = ParseExpr();
      ExpectSym(",", "after the accumulator's initial value");
      e->name = ParseName("a variable");
      ExpectKw("IN");
      ExprP list = ParseExpr();
      ExpectSym("|", "in reduce");
      ExprP body = ParseExpr();
      ExpectSym(")", "to close reduce");
      e->args = {init, list, body};
      return e;
    }
    // EXISTS { pattern [WHERE ...] } and COUNT { ... } (a pattern or clauses; not a map
    // projection of a variable named count, which starts with '.', a key or '}').
    const bool count = IsKw("COUNT") && IsSym("{", 1) &&
                       (IsSym("(", 2) || Peek(2).kind == Tok::kIdent) && !IsSym(":", 3) &&
                       !IsSym(",", 3) && !IsSym("}", 3);
    if ((IsKw("EXISTS") && IsSym("{", 1)) || count) {
      ExprP e = NewExpr(count ? ExprKind::kCountSubquery : ExprKind::kExists, t);
      const char* close = count ? "to close COUNT { ... }" : "to close EXISTS { ... }";
      Advance();
      Advance();
      if (!IsSym("(")) {
        e->subquery = std::make_shared<SingleQuery>(ParseSingleQuery());
        ExpectSym("}", close);
        return e;
      }
      auto part = std::make_shared<PatternPart>();
      ParsePatternChain(part.get());
      ExprP where;
      if (AcceptKw("WHERE")) where = ParseExpr();
      ExpectSym("}", close);
      if (count) {
        // COUNT { pattern WHERE ... } counts the rows of MATCH pattern WHERE ...
        Clause c;
        c.kind = Clause::Kind::kMatch;
        c.line = part->line;
        c.column = part->column;
        c.pattern.push_back(*part);
        c.where = where;
        e->subquery = std::make_shared<SingleQuery>();
        e->subquery->clauses.push_back(std::move(c));
        return e;
      }
      e->pattern = part;
      if (where) e->args.push_back(where);
      return e;
    }
  }
  Advance();
  std::string name = t.text;
  // Dotted function names: a.b.c(
  if (!t.quoted) {
    size_t k = 0;
    while (IsSym(".", k) && Peek(k + 1).kind == Tok::kIdent) k += 2;
    if (k > 0 && IsSym("(", k)) {
      for (size_t i = 0; i < k; i += 2) {
        Advance();
        name += "." + Advance().text;
      }
    }
    if (IsSym("(")) return ParseFunctionCall(t, name);
  }
  ExprP e = NewExpr(ExprKind::kVariable, t);
  e->name = name;
  if (IsSym("{")) return ParseMapProjection(e);
  return e;
}

ExprP Parser::ParseFunctionCall(const Token& start, std::string name) {
  ExpectSym("(");
  ExprP e = NewExpr(ExprKind::kFunction, start);
  e->name = Lower(name);
  if (AcceptKw("DISTINCT")) e->distinct = true;
  if (e->name == "exists" && IsSym("(") && LooksLikePattern()) {
    ExprP p = NewExpr(ExprKind::kPatternPred, Peek());
    auto part = std::make_shared<PatternPart>();
    ParsePatternChain(part.get());
    p->pattern = part;
    ExpectSym(")", "to close exists(...)");
    return p;
  }
  if ((e->name == "shortestpath" || e->name == "allshortestpaths") && IsSym("(")) {
    FailSemantic(start, "SyntaxError", "shortestPath is only supported in MATCH");
  }
  if (!IsSym(")")) {
    do {
      e->args.push_back(ParseExpr());
    } while (AcceptSym(","));
  }
  ExpectSym(")", ("to close the call of " + name + "(...)").c_str());
  return e;
}

ExprP Parser::ParseMapProjection(ExprP subject) {
  const Token& t = Peek();
  ExpectSym("{");
  ExprP e = NewExpr(ExprKind::kMapProjection, t);
  e->args.push_back(subject);
  if (!IsSym("}")) {
    do {
      if (AcceptSym(".")) {
        if (AcceptSym("*")) {
          e->map_proj_kinds.push_back(3);
          e->keys.push_back("");
        } else {
          e->map_proj_kinds.push_back(0);
          e->keys.push_back(ParseName("a property name"));
        }
        e->args.push_back(nullptr);
      } else {
        std::string key = ParseName("a key");
        if (AcceptSym(":")) {
          e->map_proj_kinds.push_back(1);
          e->keys.push_back(key);
          e->args.push_back(ParseExpr());
        } else {
          ExprP v = NewExpr(ExprKind::kVariable, Peek(-1));
          v->name = key;
          e->map_proj_kinds.push_back(2);
          e->keys.push_back(key);
          e->args.push_back(v);
        }
      }
    } while (AcceptSym(","));
  }
  ExpectSym("}", "to close the map projection");
  return e;
}

ExprP Parser::ParseListOrComprehension() {
  const Token& t = Peek();
  ExpectSym("[");
  // [x IN list WHERE p | e]
  if (Peek().kind == Tok::kIdent && IsKw("IN", 1)) {
    ExprP e = NewExpr(ExprKind::kListComp, t);
    e->name = ParseName("a variable");
    Advance();
    ExprP list = ParseExpr();
    ExprP where, proj;
    if (AcceptKw("WHERE")) where = ParseExpr();
    if (AcceptSym("|")) proj = ParseExpr();
    ExpectSym("]", "to close the list comprehension");
    e->args = {list, where, proj};
    return e;
  }
  // [(a)-->(b) WHERE p | e]  or  [p = (a)-->(b) | e]
  if ((IsSym("(") && LooksLikePattern()) ||
      (Peek().kind == Tok::kIdent && IsSym("=", 1) && IsSym("(", 2))) {
    ExprP e = NewExpr(ExprKind::kPatternComp, t);
    auto part = std::make_shared<PatternPart>();
    if (Peek().kind == Tok::kIdent) {
      part->path_var = ParseName("a path variable");
      Advance();
    }
    ParsePatternChain(part.get());
    e->pattern = part;
    ExprP where, proj;
    if (AcceptKw("WHERE")) where = ParseExpr();
    ExpectSym("|", "in the pattern comprehension");
    proj = ParseExpr();
    ExpectSym("]", "to close the pattern comprehension");
    e->args = {proj, where};
    return e;
  }
  ExprP e = NewExpr(ExprKind::kList, t);
  if (!IsSym("]")) {
    do {
      e->args.push_back(ParseExpr());
    } while (AcceptSym(","));
  }
  ExpectSym("]", "to close the list");
  return e;
}

ExprP Parser::ParseMapLiteral() {
  const Token& t = Peek();
  ExpectSym("{");
  ExprP e = NewExpr(ExprKind::kMap, t);
  if (!IsSym("}")) {
    do {
      const Token& kt = Peek();
      std::string key;
      if (kt.kind == Tok::kIdent || kt.kind == Tok::kString) key = Advance().text;
      else Fail(kt, "expected a map key");
      ExpectSym(":", "after the map key");
      e->keys.push_back(key);
      e->args.push_back(ParseExpr());
    } while (AcceptSym(","));
  }
  ExpectSym("}", "to close the map");
  return e;
}

ExprP Parser::ParseCase() {
  const Token& t = Advance();
  ExprP e = NewExpr(ExprKind::kCase, t);
  ExprP subject;
  if (!IsKw("WHEN")) subject = ParseExpr();
  e->args.push_back(subject);
  if (!IsKw("WHEN")) Fail(Peek(), "expected WHEN in CASE");
  while (AcceptKw("WHEN")) {
    e->args.push_back(ParseExpr());
    ExpectKw("THEN");
    e->args.push_back(ParseExpr());
  }
  ExprP otherwise;
  if (AcceptKw("ELSE")) otherwise = ParseExpr();
  e->args.push_back(otherwise);
  ExpectKw("END");
  return e;
}

}  // namespace liner::query
