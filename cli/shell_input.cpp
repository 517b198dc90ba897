#include <istream>

#include "cli/shell_input.h"

namespace liner::cli {
namespace {

class StreamReader : public LineReader {
 public:
  explicit StreamReader(std::istream& in) : in_(in) {}
  ReadStatus Read(const std::string&, std::string* line) override {
    if (!std::getline(in_, *line)) return ReadStatus::kEof;
    return ReadStatus::kLine;
  }

 private:
  std::istream& in_;
};

}  // namespace

std::unique_ptr<LineReader> MakeStreamReader(std::istream& in) {
  return std::make_unique<StreamReader>(in);
}

std::string CommonPrefix(const std::vector<std::string>& words) {
  if (words.empty()) return "";
  std::string prefix = words.front();
  for (const auto& w : words) {
    size_t n = 0;
    while (n < prefix.size() && n < w.size() && prefix[n] == w[n]) ++n;
    prefix.resize(n);
  }
  // Do not end inside a UTF-8 sequence.
  while (!prefix.empty() && (static_cast<unsigned char>(prefix.back()) & 0xC0) == 0x80) {
    size_t i = prefix.size();
    while (i > 0 && (static_cast<unsigned char>(prefix[i - 1]) & 0xC0) == 0x80) --i;
    if (i == 0) break;
    unsigned char lead = prefix[i - 1];
    size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    if (prefix.size() - (i - 1) >= need) break;
    prefix.resize(i - 1);
  }
  if (!prefix.empty() && static_cast<unsigned char>(prefix.back()) >= 0xC0) prefix.pop_back();
  return prefix;
}

}  // namespace liner::cli
