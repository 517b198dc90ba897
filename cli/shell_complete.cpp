// Tab completion: what the word before the cursor could become.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>

#include "cli/shell.h"

namespace liner::cli {
namespace {

constexpr const char* kKeywords[] = {
    "MATCH",   "OPTIONAL", "WHERE",  "RETURN",  "WITH",     "ORDER",    "BY",      "SKIP",
    "LIMIT",   "UNWIND",   "UNION",  "ALL",     "CREATE",   "MERGE",    "ON",      "SET",
    "REMOVE",  "DELETE",   "DETACH", "CALL",    "YIELD",    "EXPLAIN",  "PROFILE", "DISTINCT",
    "AS",      "AND",      "OR",     "XOR",     "NOT",      "IN",       "STARTS",  "ENDS",
    "CONTAINS", "IS",      "NULL",   "TRUE",    "FALSE",    "CASE",     "WHEN",    "THEN",
    "ELSE",    "END",      "ASC",    "DESC",    "ANY",      "NONE",     "SINGLE",  "EXISTS",
    "SHORTEST"};

constexpr const char* kFunctions[] = {
    "shortestPath", "allShortestPaths", "count",   "collect",   "sum",        "avg",
    "min",          "max",              "type",    "labels",    "id",         "nodes",
    "relationships", "length",          "size",    "coalesce",  "head",       "last",
    "keys",         "properties",       "startNode", "endNode", "toLower",    "toUpper",
    "trim",         "split",            "substring", "replace", "toString",   "toInteger",
    "toFloat",      "abs",              "round",   "range",     "exists"};

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (prefix.size() > s.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) !=
        std::tolower(static_cast<unsigned char>(prefix[i]))) {
      return false;
    }
  }
  return true;
}

bool IsWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// The open quote character when `text` ends inside a string literal, else 0.
char OpenQuote(std::string_view text, size_t* quote_pos) {
  char open = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (open != 0) {
      if (c == '\\') {
        ++i;
      } else if (c == open) {
        open = 0;
      }
    } else if (c == '\'' || c == '"') {
      open = c;
      *quote_pos = i;
    }
  }
  return open;
}

std::vector<std::string> Finish(std::set<std::string> s) { return {s.begin(), s.end()}; }

}  // namespace

Completion Shell::Complete(const std::string& line) {
  Completion result;
  std::string_view text = line;
  size_t lead = text.find_first_not_of(" \t");
  std::string_view body = lead == std::string_view::npos ? "" : text.substr(lead);
  auto txn = db_->BeginRead();

  auto names = [&](std::string_view prefix, const std::string& suffix) {
    std::set<std::string> out;
    if (prefix.empty()) return out;
    for (NodeId id : txn->FindByNamePrefix(kNoToken, prefix, 50)) {
      std::string n = NodeName(id);
      if (n[0] != '#') out.insert(n + suffix);
    }
    return out;
  };

  // :commands and their arguments.
  if (!body.empty() && body[0] == ':') {
    size_t sp = body.find_first_of(" \t");
    if (sp == std::string_view::npos) {
      result.word = std::string(body);
      std::set<std::string> out;
      for (const auto& c : commands_.all()) {
        if (StartsWithNoCase(":" + c.name, body)) out.insert(":" + c.name);
      }
      result.candidates = Finish(out);
      return result;
    }
    const ShellCommand* cmd = commands_.Find(body.substr(1, sp - 1));
    std::string_view arg = body.substr(sp);
    arg.remove_prefix(std::min(arg.size(), arg.find_first_not_of(" \t")));
    if (cmd == nullptr) return result;
    std::set<std::string> out;
    switch (cmd->arg) {
      case ShellArg::kMode:
        for (OutputMode m : AllModes()) {
          if (StartsWithNoCase(ModeName(m), arg)) out.insert(ModeName(m));
        }
        break;
      case ShellArg::kOnOff:
        for (const char* v : {"on", "off"}) {
          if (StartsWithNoCase(v, arg)) out.insert(v);
        }
        break;
      case ShellArg::kCommand:
        for (const auto& c : commands_.all()) {
          if (StartsWithNoCase(c.name, arg)) out.insert(c.name);
        }
        break;
      case ShellArg::kName: {
        // The last argument being typed: after an opening quote, or the whole unquoted rest.
        size_t qpos = 0;
        char q = OpenQuote(arg, &qpos);
        if (q != 0) {
          result.word = std::string(arg.substr(qpos + 1));
          result.candidates = Finish(names(result.word, std::string(1, q)));
          return result;
        }
        if (arg.find_first_of("'\"") != std::string_view::npos) return result;
        result.word = std::string(arg);
        result.candidates = Finish(names(arg, ""));
        return result;
      }
      case ShellArg::kFile: {
        std::string word(arg);
        size_t slash = word.rfind('/');
        std::string dir = slash == std::string::npos ? "" : word.substr(0, slash + 1);
        std::string stem = slash == std::string::npos ? word : word.substr(slash + 1);
        std::error_code ec;
        for (const auto& e : std::filesystem::directory_iterator(dir.empty() ? "." : dir, ec)) {
          std::string f = e.path().filename().string();
          if (f.compare(0, stem.size(), stem) != 0) continue;
          out.insert(dir + f + (e.is_directory() ? "/" : ""));
        }
        result.word = word;
        result.candidates = Finish(out);
        return result;
      }
      case ShellArg::kCypher:
        return Complete(std::string(arg));
      default:
        return result;
    }
    result.word = std::string(arg);
    result.candidates = Finish(out);
    return result;
  }

  // Inside a string literal: names and titles from the name index.
  size_t qpos = 0;
  char q = OpenQuote(text, &qpos);
  if (q != 0) {
    result.word = std::string(text.substr(qpos + 1));
    result.candidates = Finish(names(result.word, std::string(1, q)));
    return result;
  }

  size_t start = text.size();
  while (start > 0 && IsWordChar(text[start - 1])) --start;
  std::string word(text.substr(start));
  char before = start > 0 ? text[start - 1] : ' ';
  result.word = word;
  std::set<std::string> out;
  if (before == ':') {  // labels and relationship types
    for (TokenKind kind : {TokenKind::kLabel, TokenKind::kRelType}) {
      for (const auto& [id, n] : txn->Tokens(kind)) {
        if (StartsWithNoCase(n, word)) out.insert(n);
      }
    }
  } else if (before == '.') {  // property keys
    for (const auto& [id, n] : txn->Tokens(TokenKind::kPropertyKey)) {
      if (StartsWithNoCase(n, word)) out.insert(n);
    }
  } else if (before == '$') {  // parameters
    for (const auto& [n, v] : params_) {
      if (StartsWithNoCase(n, word)) out.insert(n);
    }
  } else if (!word.empty()) {
    bool lower = std::none_of(word.begin(), word.end(),
                              [](char c) { return std::isupper(static_cast<unsigned char>(c)); });
    for (const char* k : kKeywords) {
      if (!StartsWithNoCase(k, word)) continue;
      std::string kw = k;
      if (lower) {
        std::transform(kw.begin(), kw.end(), kw.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      }
      out.insert(kw);
    }
    for (const char* f : kFunctions) {
      if (StartsWithNoCase(f, word)) out.insert(f);
    }
  }
  result.candidates = Finish(out);
  return result;
}

}  // namespace liner::cli
