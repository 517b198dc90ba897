#pragma once
// Internal to the parser: the recursive-descent Parser shared by parser.cpp (clauses and
// patterns) and parser_expr.cpp (expressions). Errors are thrown as ParseError and turned into
// a Status by ParseStatement. Thread-compatible.

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "query/ast.h"
#include "query/lexer.h"

namespace liner::query {

struct ParseError {
  std::string message;  // full message with class prefix
};

class Parser {
 public:
  Parser(std::string_view text, std::vector<Token> tokens)
      : text_(text), toks_(std::move(tokens)) {}
  Statement ParseAll();

  // ---- expressions (parser_expr.cpp) ----
  ExprP ParseExpr();

 private:
  // token helpers
  const Token& Peek(int k = 0) const {
    size_t i = pos_ + k;
    return i < toks_.size() ? toks_[i] : toks_.back();
  }
  const Token& Advance() { return toks_[pos_ < toks_.size() - 1 ? pos_++ : pos_]; }
  bool IsKw(const char* kw, int k = 0) const;
  bool AcceptKw(const char* kw);
  void ExpectKw(const char* kw);
  bool IsSym(const char* s, int k = 0) const {
    const Token& t = Peek(k);
    return t.kind == Tok::kSymbol && t.text == s;
  }
  bool AcceptSym(const char* s);
  void ExpectSym(const char* s, const char* what = nullptr);
  [[noreturn]] void Fail(const Token& at, const std::string& what);
  [[noreturn]] void FailSemantic(const Token& at, const std::string& cls, const std::string& what);
  std::string ParseName(const char* what);  // identifier (or keyword used as a name)
  std::string ParseSymbolicName(const char* what);  // variable: not a reserved word
  std::string TextBetween(size_t from_tok, size_t to_tok) const;

  // clauses (parser.cpp)
  SingleQuery ParseSingleQuery();
  bool ParseClause(SingleQuery* q);
  void ParseMatch(Clause* c);
  void ParseProjection(Projection* p, bool is_with);
  void ParseSetItems(std::vector<SetItem>* items);
  void ParseRemoveItems(std::vector<SetItem>* items);
  void ParseCall(Clause* c);
  void ParseMerge(Clause* c);

  // patterns (parser.cpp)
  std::vector<PatternPart> ParsePattern();
  PatternPart ParsePatternPart();
  void ParsePatternChain(PatternPart* part);
  NodePattern ParseNodePattern();
  RelPattern ParseRelPattern();
  bool LooksLikePattern();  // at '(' : is this a relationship pattern (not a parenthesis)?

  // expression levels (parser_expr.cpp)
  ExprP ParseOr();
  ExprP ParseXor();
  ExprP ParseAnd();
  ExprP ParseNot();
  ExprP ParseComparison();
  ExprP ParsePredicates();
  ExprP ParseAdd();
  ExprP ParseMul();
  ExprP ParsePow();
  ExprP ParseUnary();
  ExprP ParsePostfix();
  ExprP ParseAtom();
  ExprP ParseListOrComprehension();
  ExprP ParseMapLiteral();
  ExprP ParseCase();
  ExprP ParseFunctionCall(const Token& start, std::string name);
  ExprP ParseMapProjection(ExprP subject);
  ExprP NewExpr(ExprKind kind, const Token& at);
  ExprP MakeBinary(BinOp op, ExprP a, ExprP b, const Token& at);

  std::string_view text_;
  std::vector<Token> toks_;
  size_t pos_ = 0;
};

}  // namespace liner::query
