// Name keys for entity resolution (see resolve_names.h).
#include "cli/import/resolve_names.h"

#include <cctype>

#include "storage/database.h"

namespace liner::import {

std::string ResolveKey(std::string_view name) {
  std::string norm = NormalizeName(name);
  std::string out;
  out.reserve(norm.size());
  bool space = true;  // collapse runs; no leading space
  auto put_space = [&] {
    if (!space) out.push_back(' ');
    space = true;
  };
  for (size_t i = 0; i < norm.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(norm[i]);
    if (c == '&' || c == '+') {
      put_space();
      out += "and";
      space = false;
      put_space();
    } else if (c < 0x80 && !std::isalnum(c)) {
      // ASCII punctuation and spaces separate words ("AC/DC" -> "acdc" would need joining, but
      // apostrophes and dots inside words are dropped without a space: "Guns N' Roses").
      if (c == '\'' || c == '.' || c == '/' || c == '-') continue;
      put_space();
    } else if (c == 0xE2 && i + 2 < norm.size() && static_cast<unsigned char>(norm[i + 1]) == 0x80) {
      // U+2010..U+201F dashes and curly quotes: drop like their ASCII forms.
      i += 2;
    } else {
      out.push_back(static_cast<char>(c));
      space = false;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.rfind("the ", 0) == 0 && out.size() > 4) out.erase(0, 4);
  return out;
}

std::string_view IdNamespace(std::string_view id) {
  size_t colon = id.find(':');
  return colon == std::string_view::npos ? std::string_view() : id.substr(0, colon);
}

}  // namespace liner::import
