// The import progress bar (see importer_progress.h).
#include "cli/import/importer_progress.h"

#include <cstdio>
#include <ostream>

namespace liner::import {
namespace {

// 1234567 -> "1,234,567".
std::string Grouped(uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string Duration(double s) {
  uint64_t t = static_cast<uint64_t>(s + 0.5);
  char buf[32];
  if (t >= 3600) {
    std::snprintf(buf, sizeof buf, "%lluh%02llum", static_cast<unsigned long long>(t / 3600),
                  static_cast<unsigned long long>(t / 60 % 60));
  } else if (t >= 60) {
    std::snprintf(buf, sizeof buf, "%llum%02llus", static_cast<unsigned long long>(t / 60),
                  static_cast<unsigned long long>(t % 60));
  } else {
    std::snprintf(buf, sizeof buf, "%llus", static_cast<unsigned long long>(t));
  }
  return buf;
}

}  // namespace

Progress::Progress(const ImportOptions& options, uint64_t total_position)
    : options_(options),
      total_(total_position),
      start_(std::chrono::steady_clock::now()),
      // The first update draws at once.
      last_(start_ - std::chrono::seconds(1)) {}

std::string Progress::Render(uint64_t records, uint64_t bytes, uint64_t position, uint64_t total,
                             double seconds) {
  std::string out;
  char buf[64];
  if (total > 0) {
    const double frac = position >= total ? 1.0 : static_cast<double>(position) / total;
    constexpr int kWidth = 20;
    const int filled = static_cast<int>(frac * kWidth);
    out = "[" + std::string(filled, '#') + std::string(kWidth - filled, '.') + "] ";
    std::snprintf(buf, sizeof buf, "%3d%%  ", static_cast<int>(frac * 100));
    out += buf;
  }
  out += Grouped(records) + " records  ";
  std::snprintf(buf, sizeof buf, "%.1f MB", bytes / 1e6);
  out += buf;
  if (seconds > 0) {
    std::snprintf(buf, sizeof buf, "  %.1f MB/s", bytes / 1e6 / seconds);
    out += buf;
  }
  if (total > 0 && position > 0 && position < total && seconds > 0) {
    out += "  ETA " + Duration(seconds * (total - position) / position);
  }
  return out;
}

void Progress::Update(uint64_t records, uint64_t bytes, uint64_t position) {
  if (!options_.progress || !options_.progress_is_terminal) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::milliseconds(250)) return;
  last_ = now;
  const double secs = std::chrono::duration<double>(now - start_).count();
  // Clear to the end of the line: the bar may get shorter.
  *options_.progress << "\r" << Render(records, bytes, position, total_, secs) << "\033[K"
                     << std::flush;
  drawn_ = true;
}

double Progress::Finish() {
  if (drawn_) *options_.progress << "\r\033[K" << std::flush;
  drawn_ = false;
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

}  // namespace liner::import
