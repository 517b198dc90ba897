#pragma once
// Lexer: splits Cypher text into tokens, each with its line and column (1-based).
// Keywords are not distinguished from identifiers here; the parser compares them
// case-insensitively. Thread-compatible.

#include <string>
#include <string_view>
#include <vector>

#include "storage/status.h"

namespace liner::query {

enum class Tok {
  kEnd,
  kIdent,         // name or `quoted name` (quoted: Token::quoted)
  kInt,           // text holds the digits as written (0x.., 0o..)
  kFloat,
  kString,        // text holds the unescaped value
  kParam,         // $name or $0; text holds the name
  kSymbol,        // ( ) [ ] { } , . .. : ; | + - * / % ^ = <> != < > <= >= =~ += ?
};

struct Token {
  Tok kind = Tok::kEnd;
  std::string text;
  int line = 1;
  int column = 1;
  size_t offset = 0;  // byte offset of the first character
  size_t end = 0;     // byte offset just past the token
  bool quoted = false;  // a `backtick` identifier: never a keyword
};

// Returns the tokens followed by one kEnd token, or a SyntaxError status.
Result<std::vector<Token>> Lex(std::string_view text);

// "line L, column C: <what>" plus the source line and a caret under the column.
std::string SyntaxMessage(std::string_view text, int line, int column, const std::string& what);

}  // namespace liner::query
