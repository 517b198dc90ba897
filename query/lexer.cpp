// Hand-written Cypher lexer.
#include "query/lexer.h"

#include <cctype>

namespace liner::query {
namespace {

bool IsIdentStart(unsigned char c) { return std::isalpha(c) || c == '_' || c >= 0x80; }
bool IsIdentPart(unsigned char c) { return std::isalnum(c) || c == '_' || c >= 0x80; }

void AppendUtf8(std::string* out, uint32_t cp) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace

std::string SyntaxMessage(std::string_view text, int line, int column, const std::string& what) {
  std::string msg = "line " + std::to_string(line) + ", column " + std::to_string(column) + ": " +
                    what;
  size_t start = 0;
  for (int l = 1; l < line && start < text.size(); ++l) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  size_t end = text.find('\n', start);
  std::string_view src = text.substr(start, end == std::string_view::npos ? end : end - start);
  msg += "\n  " + std::string(src) + "\n  " + std::string(column > 1 ? column - 1 : 0, ' ') + "^";
  return msg;
}

Result<std::vector<Token>> Lex(std::string_view text) {
  std::vector<Token> out;
  size_t i = 0;
  int line = 1;
  size_t line_start = 0;
  auto error = [&](size_t at, const std::string& what,
                   const char* cls = "SyntaxError(UnexpectedSyntax)") {
    return Status::InvalidArgument(
        std::string(cls) + ": " +
        SyntaxMessage(text, line, static_cast<int>(at - line_start) + 1, what));
  };
  while (true) {
    // Whitespace and comments.
    while (i < text.size()) {
      char c = text[i];
      if (c == '\n') {
        ++line;
        line_start = ++i;
      } else if (std::isspace(static_cast<unsigned char>(c))) {
        ++i;
      } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
        while (i < text.size() && text[i] != '\n') ++i;
      } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
        size_t at = i;
        i += 2;
        while (i + 1 < text.size() && !(text[i] == '*' && text[i + 1] == '/')) {
          if (text[i] == '\n') {
            ++line;
            line_start = i + 1;
          }
          ++i;
        }
        if (i + 1 >= text.size()) return error(at, "unterminated comment");
        i += 2;
      } else {
        break;
      }
    }
    Token t;
    t.line = line;
    t.column = static_cast<int>(i - line_start) + 1;
    t.offset = i;
    if (i >= text.size()) {
      t.kind = Tok::kEnd;
      t.end = i;
      out.push_back(t);
      return out;
    }
    unsigned char c = text[i];
    if (IsIdentStart(c)) {
      size_t j = i;
      while (j < text.size() && IsIdentPart(text[j])) ++j;
      t.kind = Tok::kIdent;
      t.text = std::string(text.substr(i, j - i));
      i = j;
    } else if (c == '`') {
      size_t j = i + 1;
      std::string name;
      while (true) {
        if (j >= text.size()) return error(i, "unterminated `quoted name`");
        if (text[j] == '`') {
          if (j + 1 < text.size() && text[j + 1] == '`') {
            name.push_back('`');
            j += 2;
            continue;
          }
          break;
        }
        name.push_back(text[j++]);
      }
      t.kind = Tok::kIdent;
      t.quoted = true;
      t.text = name;
      i = j + 1;
    } else if (std::isdigit(c) || (c == '.' && i + 1 < text.size() &&
                                   std::isdigit(static_cast<unsigned char>(text[i + 1])))) {
      size_t j = i;
      bool is_float = false;
      if (c == '0' && j + 1 < text.size() && (text[j + 1] == 'x' || text[j + 1] == 'X' ||
                                              text[j + 1] == 'o' || text[j + 1] == 'O')) {
        bool hex = text[j + 1] == 'x' || text[j + 1] == 'X';
        j += 2;
        size_t digits = j;
        while (j < text.size() && std::isalnum(static_cast<unsigned char>(text[j]))) ++j;
        bool valid = j > digits;
        for (size_t k = digits; k < j; ++k) {
          char d = text[k];
          if (hex ? !std::isxdigit(static_cast<unsigned char>(d)) : (d < '0' || d > '7'))
            valid = false;
        }
        if (!valid) return error(i, "invalid number literal", "SyntaxError(InvalidNumberLiteral)");
      } else {
        while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) ++j;
        if (j + 1 < text.size() && text[j] == '.' &&
            std::isdigit(static_cast<unsigned char>(text[j + 1]))) {
          is_float = true;
          ++j;
          while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) ++j;
        } else if (j < text.size() && text[j] == '.' && c == '.') {
          is_float = true;
        }
        if (j < text.size() && (text[j] == 'e' || text[j] == 'E')) {
          size_t k = j + 1;
          if (k < text.size() && (text[k] == '+' || text[k] == '-')) ++k;
          if (k < text.size() && std::isdigit(static_cast<unsigned char>(text[k]))) {
            is_float = true;
            j = k;
            while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) ++j;
          }
        }
        if (j < text.size() && IsIdentStart(text[j]))
          return error(i, "invalid number literal", "SyntaxError(InvalidNumberLiteral)");
      }
      t.kind = is_float ? Tok::kFloat : Tok::kInt;
      t.text = std::string(text.substr(i, j - i));
      i = j;
    } else if (c == '\'' || c == '"') {
      char q = static_cast<char>(c);
      size_t j = i + 1;
      std::string s;
      while (true) {
        if (j >= text.size()) return error(i, "unterminated string literal");
        char d = text[j];
        if (d == q) break;
        if (d == '\n') {
          ++line;
          line_start = j + 1;
        }
        if (d == '\\') {
          if (j + 1 >= text.size()) return error(i, "unterminated string literal");
          char e = text[j + 1];
          j += 2;
          switch (e) {
            case 'n': s.push_back('\n'); break;
            case 't': s.push_back('\t'); break;
            case 'r': s.push_back('\r'); break;
            case 'b': s.push_back('\b'); break;
            case 'f': s.push_back('\f'); break;
            case '\\': s.push_back('\\'); break;
            case '\'': s.push_back('\''); break;
            case '"': s.push_back('"'); break;
            case 'u':
            case 'U': {
              int n = e == 'u' ? 4 : 8;
              if (j + n > text.size()) return error(j - 2, "invalid unicode escape");
              uint32_t cp = 0;
              for (int k = 0; k < n; ++k) {
                char h = text[j + k];
                if (!std::isxdigit(static_cast<unsigned char>(h)))
                  return error(j - 2, "invalid unicode escape", "SyntaxError(InvalidUnicodeLiteral)");
                cp = cp * 16 + (std::isdigit(static_cast<unsigned char>(h))
                                    ? h - '0'
                                    : std::tolower(static_cast<unsigned char>(h)) - 'a' + 10);
              }
              j += n;
              AppendUtf8(&s, cp);
              break;
            }
            default: return error(j - 2, std::string("invalid escape \\") + e);
          }
          continue;
        }
        s.push_back(d);
        ++j;
      }
      t.kind = Tok::kString;
      t.text = s;
      i = j + 1;
    } else if (c == '$') {
      size_t j = i + 1;
      if (j < text.size() && text[j] == '`') {
        size_t k = text.find('`', j + 1);
        if (k == std::string_view::npos) return error(i, "unterminated parameter name");
        t.text = std::string(text.substr(j + 1, k - j - 1));
        j = k + 1;
      } else {
        while (j < text.size() && IsIdentPart(text[j])) ++j;
        if (j == i + 1) return error(i, "expected a parameter name after '$'");
        t.text = std::string(text.substr(i + 1, j - i - 1));
      }
      t.kind = Tok::kParam;
      i = j;
    } else {
      static const char* kTwo[] = {"..", "<>", "!=", "<=", ">=", "=~", "+="};
      t.kind = Tok::kSymbol;
      bool two = false;
      if (i + 1 < text.size()) {
        for (const char* s : kTwo) {
          if (text[i] == s[0] && text[i + 1] == s[1]) {
            t.text = s;
            two = true;
            break;
          }
        }
      }
      if (two) {
        i += 2;
      } else {
        static const std::string kOne = "()[]{},.:;|+-*/%^=<>?";
        if (kOne.find(static_cast<char>(c)) == std::string::npos)
          return error(i, std::string("unexpected character '") + static_cast<char>(c) + "'");
        t.text = std::string(1, static_cast<char>(c));
        ++i;
      }
    }
    t.end = i;
    out.push_back(std::move(t));
  }
}

}  // namespace liner::query
