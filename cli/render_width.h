#pragma once
// Display width of UTF-8 text in a terminal: East Asian wide and fullwidth characters take two
// columns, combining marks and zero-width characters none, everything else one. Used to align
// box and table output. Pure functions; thread-safe.

#include <cstddef>
#include <string>
#include <string_view>

namespace liner::cli {

// Columns `text` occupies on a terminal. Invalid UTF-8 bytes count as one column each.
size_t DisplayWidth(std::string_view text);

// `text` cut to at most `width` columns, ending in "…" when it was cut. Never splits a
// character. `width` 0 means no limit.
std::string TruncateToWidth(std::string_view text, size_t width);

// `text` followed by spaces up to `width` columns (left-aligned), or preceded by them.
std::string PadRight(std::string_view text, size_t width);
std::string PadLeft(std::string_view text, size_t width);

}  // namespace liner::cli
