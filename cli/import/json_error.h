#pragma once
// JsonErrorAt: "LINE:COLUMN: malformed JSON: REASON" for an nlohmann-json parse error in `text`,
// the position counted from the error's byte offset. Pure function; thread-safe.

#include <nlohmann/json.hpp>
#include <string>

namespace liner::import {

inline std::string JsonErrorAt(const std::string& text, const nlohmann::json::parse_error& e) {
  size_t line = 1, col = 1;
  for (size_t i = 0; i + 1 < e.byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  std::string what = e.what();
  size_t colon = what.find(": ", what.find("parse error"));
  return std::to_string(line) + ":" + std::to_string(col) + ": malformed JSON: " +
         (colon == std::string::npos ? what : what.substr(colon + 2));
}

}  // namespace liner::import
