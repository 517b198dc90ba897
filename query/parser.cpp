// Parser: statements, clauses and patterns. Expressions are in parser_expr.cpp.
#include "query/parser.h"

#include <algorithm>
#include <cctype>

#include "query/parser_impl.h"

namespace liner::query {

Result<Statement> ParseStatement(std::string_view text) {
  auto tokens = Lex(text);
  if (!tokens.ok()) return tokens.status();
  Parser parser(text, std::move(tokens).value());
  try {
    return parser.ParseAll();
  } catch (const ParseError& e) {
    return Status::InvalidArgument(e.message);
  }
}

bool Parser::IsKw(const char* kw, int k) const {
  const Token& t = Peek(k);
  if (t.kind != Tok::kIdent || t.quoted || t.text.size() != std::char_traits<char>::length(kw))
    return false;
  for (size_t i = 0; i < t.text.size(); ++i)
    if (std::toupper(static_cast<unsigned char>(t.text[i])) != kw[i]) return false;
  return true;
}

bool Parser::AcceptKw(const char* kw) {
  if (!IsKw(kw)) return false;
  Advance();
  return true;
}

void Parser::ExpectKw(const char* kw) {
  if (!AcceptKw(kw)) Fail(Peek(), std::string("expected ") + kw);
}

bool Parser::AcceptSym(const char* s) {
  if (!IsSym(s)) return false;
  Advance();
  return true;
}

void Parser::ExpectSym(const char* s, const char* what) {
  if (AcceptSym(s)) return;
  std::string msg = std::string("expected '") + s + "'";
  if (what) msg += std::string(" ") + what;
  Fail(Peek(), msg);
}

void Parser::Fail(const Token& at, const std::string& what) {
  std::string found;
  switch (at.kind) {
    case Tok::kEnd: found = "end of input"; break;
    case Tok::kString: found = "'" + at.text + "'"; break;
    case Tok::kParam: found = "$" + at.text; break;
    default: found = "'" + at.text + "'";
  }
  throw ParseError{"SyntaxError(UnexpectedSyntax): " + SyntaxMessage(text_, at.line, at.column,
                                                   what + ", found " + found)};
}

void Parser::FailSemantic(const Token& at, const std::string& cls, const std::string& what) {
  throw ParseError{cls + ": " + SyntaxMessage(text_, at.line, at.column, what)};
}

std::string Parser::ParseName(const char* what) {
  const Token& t = Peek();
  if (t.kind != Tok::kIdent) Fail(t, std::string("expected ") + what);
  Advance();
  return t.text;
}

std::string Parser::ParseSymbolicName(const char* what) { return ParseName(what); }

std::string Parser::TextBetween(size_t from_tok, size_t to_tok) const {
  if (to_tok <= from_tok) return "";
  size_t a = toks_[from_tok].offset, b = toks_[to_tok - 1].end;
  return std::string(text_.substr(a, b - a));
}

Statement Parser::ParseAll() {
  Statement st;
  if (AcceptKw("EXPLAIN")) st.explain = true;
  else if (AcceptKw("PROFILE")) st.profile = true;
  st.parts.push_back(ParseSingleQuery());
  while (AcceptKw("UNION")) {
    st.union_all.push_back(AcceptKw("ALL"));
    st.parts.push_back(ParseSingleQuery());
  }
  AcceptSym(";");
  if (Peek().kind != Tok::kEnd) Fail(Peek(), "expected a clause or the end of the statement");
  return st;
}

SingleQuery Parser::ParseSingleQuery() {
  SingleQuery q;
  while (ParseClause(&q)) {
  }
  if (q.clauses.empty()) Fail(Peek(), "expected a clause (MATCH, RETURN, CREATE, ...)");
  return q;
}

bool Parser::ParseClause(SingleQuery* q) {
  const Token& start = Peek();
  Clause c;
  c.line = start.line;
  c.column = start.column;
  if (IsKw("OPTIONAL")) {
    Advance();
    if (!IsKw("MATCH")) Fail(Peek(), "expected MATCH after OPTIONAL");
    c.optional = true;
  }
  if (AcceptKw("MATCH")) {
    c.kind = Clause::Kind::kMatch;
    ParseMatch(&c);
  } else if (AcceptKw("UNWIND")) {
    c.kind = Clause::Kind::kUnwind;
    c.expr = ParseExpr();
    ExpectKw("AS");
    c.alias = ParseSymbolicName("a variable name after AS");
  } else if (AcceptKw("WITH")) {
    c.kind = Clause::Kind::kWith;
    ParseProjection(&c.proj, true);
  } else if (AcceptKw("RETURN")) {
    c.kind = Clause::Kind::kReturn;
    ParseProjection(&c.proj, false);
  } else if (AcceptKw("CREATE")) {
    c.kind = Clause::Kind::kCreate;
    c.pattern = ParsePattern();
  } else if (AcceptKw("MERGE")) {
    c.kind = Clause::Kind::kMerge;
    ParseMerge(&c);
  } else if (AcceptKw("SET")) {
    c.kind = Clause::Kind::kSet;
    ParseSetItems(&c.set_items);
  } else if (AcceptKw("REMOVE")) {
    c.kind = Clause::Kind::kRemove;
    ParseRemoveItems(&c.set_items);
  } else if (IsKw("DETACH") || IsKw("DELETE")) {
    c.kind = Clause::Kind::kDelete;
    if (AcceptKw("DETACH")) {
      c.detach = true;
      if (!IsKw("DELETE")) Fail(Peek(), "expected DELETE after DETACH");
    }
    Advance();
    do {
      c.exprs.push_back(ParseExpr());
    } while (AcceptSym(","));
  } else if (AcceptKw("CALL")) {
    c.kind = Clause::Kind::kCall;
    ParseCall(&c);
  } else {
    // '}' ends the clauses of an EXISTS { ... } or COUNT { ... } subquery.
    if (q->clauses.empty() ||
        !(Peek().kind == Tok::kEnd || IsSym(";") || IsKw("UNION") || IsSym("}"))) {
      if (!q->clauses.empty() || Peek().kind != Tok::kEnd)
        Fail(Peek(), q->clauses.empty() ? "expected a clause (MATCH, RETURN, CREATE, ...)"
                                        : "expected a clause or the end of the statement");
    }
    return false;
  }
  q->clauses.push_back(std::move(c));
  return true;
}

void Parser::ParseMatch(Clause* c) {
  c->pattern = ParsePattern();
  if (AcceptKw("WHERE")) c->where = ParseExpr();
}

void Parser::ParseMerge(Clause* c) {
  c->pattern.push_back(ParsePatternPart());
  while (IsKw("ON")) {
    Advance();
    bool create;
    if (AcceptKw("CREATE")) create = true;
    else if (AcceptKw("MATCH")) create = false;
    else Fail(Peek(), "expected CREATE or MATCH after ON");
    ExpectKw("SET");
    ParseSetItems(create ? &c->on_create : &c->set_items);
  }
}

void Parser::ParseProjection(Projection* p, bool is_with) {
  if (AcceptKw("DISTINCT")) p->distinct = true;
  if (AcceptSym("*")) {
    p->star = true;
    if (!AcceptSym(",")) goto after_items;
  }
  do {
    size_t first = pos_;
    ProjItem item;
    item.expr = ParseExpr();
    size_t last = pos_;
    if (AcceptKw("AS")) {
      item.alias = ParseSymbolicName("a name after AS");
      item.has_alias = true;
    } else {
      item.alias = TextBetween(first, last);
    }
    p->items.push_back(std::move(item));
  } while (AcceptSym(","));
after_items:
  if (IsKw("ORDER")) {
    Advance();
    ExpectKw("BY");
    do {
      SortItem s;
      s.expr = ParseExpr();
      if (AcceptKw("DESC") || AcceptKw("DESCENDING")) s.descending = true;
      else if (AcceptKw("ASC") || AcceptKw("ASCENDING")) s.descending = false;
      p->order.push_back(std::move(s));
    } while (AcceptSym(","));
  }
  if (AcceptKw("SKIP")) p->skip = ParseExpr();
  if (AcceptKw("LIMIT")) p->limit = ParseExpr();
  if (is_with && AcceptKw("WHERE")) p->where = ParseExpr();
}

void Parser::ParseSetItems(std::vector<SetItem>* items) {
  do {
    const Token& at = Peek();
    SetItem item;
    ExprP target = ParsePostfix();
    if (target->kind == ExprKind::kLabelCheck) {
      item.kind = SetItem::Kind::kLabels;
      item.target = target->args[0];
      item.labels = target->keys;
    } else if (target->kind == ExprKind::kProperty) {
      item.kind = SetItem::Kind::kProperty;
      item.target = target;
      ExpectSym("=", "in SET");
      item.value = ParseExpr();
    } else if (target->kind == ExprKind::kVariable) {
      item.target = target;
      if (AcceptSym("=")) item.kind = SetItem::Kind::kReplace;
      else if (AcceptSym("+=")) item.kind = SetItem::Kind::kMerge;
      else Fail(Peek(), "expected '=' or '+=' in SET");
      item.value = ParseExpr();
    } else {
      Fail(at, "expected a property, a variable or labels to SET");
    }
    items->push_back(std::move(item));
  } while (AcceptSym(","));
}

void Parser::ParseRemoveItems(std::vector<SetItem>* items) {
  do {
    const Token& at = Peek();
    SetItem item;
    ExprP target = ParsePostfix();
    if (target->kind == ExprKind::kLabelCheck) {
      item.kind = SetItem::Kind::kLabels;
      item.target = target->args[0];
      item.labels = target->keys;
    } else if (target->kind == ExprKind::kProperty) {
      item.kind = SetItem::Kind::kProperty;
      item.target = target;
    } else {
      Fail(at, "expected a property or labels to REMOVE");
    }
    items->push_back(std::move(item));
  } while (AcceptSym(","));
}

void Parser::ParseCall(Clause* c) {
  std::string name = ParseName("a procedure name");
  while (AcceptSym(".")) name += "." + ParseName("a procedure name");
  c->proc = name;
  if (AcceptSym("(")) {
    if (!IsSym(")")) {
      do {
        c->proc_args.push_back(ParseExpr());
      } while (AcceptSym(","));
    }
    ExpectSym(")", "to close the procedure arguments");
  } else {
    c->proc_implicit_args = true;
  }
  if (AcceptKw("YIELD")) {
    if (AcceptSym("*")) {
      c->yield_star = true;
    } else {
      do {
        std::string col = ParseName("a column name after YIELD");
        std::string alias = col;
        if (AcceptKw("AS")) alias = ParseSymbolicName("a name after AS");
        c->yields.emplace_back(col, alias);
      } while (AcceptSym(","));
      if (AcceptKw("WHERE")) c->where = ParseExpr();
    }
  }
}

std::vector<PatternPart> Parser::ParsePattern() {
  std::vector<PatternPart> parts;
  do {
    parts.push_back(ParsePatternPart());
  } while (AcceptSym(","));
  return parts;
}

PatternPart Parser::ParsePatternPart() {
  PatternPart part;
  const Token& start = Peek();
  part.line = start.line;
  part.column = start.column;
  if (Peek().kind == Tok::kIdent && IsSym("=", 1)) {
    part.path_var = ParseSymbolicName("a path variable");
    Advance();
  }
  if (IsKw("SHORTESTPATH") || IsKw("ALLSHORTESTPATHS")) {
    part.kind = IsKw("SHORTESTPATH") ? PatternPart::Kind::kShortest
                                     : PatternPart::Kind::kAllShortest;
    Advance();
    ExpectSym("(", "after shortestPath");
    ParsePatternChain(&part);
    ExpectSym(")", "to close shortestPath(...)");
    return part;
  }
  ParsePatternChain(&part);
  return part;
}

void Parser::ParsePatternChain(PatternPart* part) {
  if (!IsSym("(")) Fail(Peek(), "expected '(' to start a node pattern");
  part->nodes.push_back(ParseNodePattern());
  while (IsSym("-") || (IsSym("<") && IsSym("-", 1))) {
    part->rels.push_back(ParseRelPattern());
    if (!IsSym("(")) Fail(Peek(), "expected '(' to start a node pattern");
    part->nodes.push_back(ParseNodePattern());
  }
  for (const auto& r : part->rels) {
    if (!r.shortest) continue;
    if (part->rels.size() != 1)
      FailSemantic(Peek(), "SyntaxError", "SHORTEST needs a pattern of exactly one relationship");
    part->kind = r.shortest == 1 ? PatternPart::Kind::kShortest
                                 : PatternPart::Kind::kAllShortest;
  }
}

NodePattern Parser::ParseNodePattern() {
  NodePattern n;
  const Token& open = Peek();
  n.line = open.line;
  n.column = open.column;
  ExpectSym("(");
  if (Peek().kind == Tok::kIdent) n.var = ParseSymbolicName("a variable");
  while (AcceptSym(":")) n.labels.push_back(ParseName("a label name after ':'"));
  if (IsSym("{")) n.props = ParseMapLiteral();
  else if (Peek().kind == Tok::kParam) n.props = ParseAtom();
  ExpectSym(")", "to close the node pattern");
  return n;
}

RelPattern Parser::ParseRelPattern() {
  RelPattern r;
  const Token& at = Peek();
  r.line = at.line;
  r.column = at.column;
  bool left = AcceptSym("<");
  ExpectSym("-", "in the relationship pattern");
  if (AcceptSym("[")) {
    if (Peek().kind == Tok::kIdent) r.var = ParseSymbolicName("a variable");
    if (AcceptSym(":")) {
      r.types.push_back(ParseName("a relationship type after ':'"));
      while (AcceptSym("|")) {
        AcceptSym(":");
        std::string type = ParseName("a relationship type after '|'");
        // [:T|T] is [:T]: each relationship once.
        if (std::find(r.types.begin(), r.types.end(), type) == r.types.end())
          r.types.push_back(type);
      }
    }
    if (AcceptSym("*")) {
      r.var_length = true;
      r.min_hops = 1;
      r.max_hops = -1;
      if (AcceptKw("SHORTEST")) {
        r.shortest = 1;
      } else if (IsKw("ALL") && IsKw("SHORTEST", 1)) {
        Advance();
        Advance();
        r.shortest = 2;
      }
      auto parse_int = [&]() {
        const Token& t = Advance();
        try {
          return std::stoi(t.text);
        } catch (...) {
          Fail(t, "expected a hop count");
        }
      };
      if (Peek().kind == Tok::kInt) {
        r.min_hops = parse_int();
        if (AcceptSym("..")) {
          if (Peek().kind == Tok::kInt) r.max_hops = parse_int();
        } else {
          r.max_hops = r.min_hops;
        }
      } else if (AcceptSym("..")) {
        if (Peek().kind == Tok::kInt) r.max_hops = parse_int();
      }
    }
    if (IsSym("{")) r.props = ParseMapLiteral();
    else if (Peek().kind == Tok::kParam) r.props = ParseAtom();
    ExpectSym("]", "to close the relationship pattern");
  }
  ExpectSym("-", "in the relationship pattern");
  bool right = AcceptSym(">");
  if (left && right) r.dir = Direction::kBoth;
  else if (left) r.dir = Direction::kIn;
  else if (right) r.dir = Direction::kOut;
  else r.dir = Direction::kBoth;
  return r;
}

bool Parser::LooksLikePattern() {
  size_t save = pos_;
  bool ok = false;
  try {
    ParseNodePattern();
    ok = (IsSym("-") && (IsSym("[", 1) || IsSym("-", 1))) ||
         (IsSym("<") && IsSym("-", 1));
  } catch (const ParseError&) {
    ok = false;
  }
  pos_ = save;
  return ok;
}

}  // namespace liner::query
