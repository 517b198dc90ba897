// Grid renderers (box, table, markdown): buffer rows to align columns by display width.
// With a row cap (max_rows) they keep the first half and the last half of the cap (the tail in
// a ring), count the rows in between and show a "…" row where they were, so memory stays
// bounded however large the result is.
#include <algorithm>
#include <deque>
#include <ostream>

#include "cli/render.h"
#include "cli/render_width.h"

namespace liner::cli {
namespace {

struct GridStyle {
  // top, header separator and bottom rules: left, fill, junction, right
  const char* top[4];
  const char* mid[4];
  const char* bottom[4];
  const char* vertical;
};

constexpr GridStyle kBox = {{"┌", "─", "┬", "┐"}, {"├", "─", "┼", "┤"}, {"└", "─", "┴", "┘"},
                            "│"};
constexpr GridStyle kTable = {{"+", "-", "+", "+"}, {"+", "-", "+", "+"}, {"+", "-", "+", "+"},
                              "|"};

constexpr const char* kBold = "\x1b[1m";
constexpr const char* kDim = "\x1b[2m";
constexpr const char* kReset = "\x1b[0m";

struct Cell {
  std::string text;
  bool right = false;  // numbers align right
  bool null = false;
};

// One line of a cell: control characters would break the grid, so they are shown escaped.
std::string OneLine(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += ' ';
    } else if (c == '\r') {
      out += "\\r";
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += '?';
    } else {
      out += c;
    }
  }
  return out;
}

class GridRenderer : public Renderer {
 public:
  GridRenderer(const RenderOptions& options, std::ostream& out) : opt_(options), out_(out) {}

  void Begin(const std::vector<std::string>& columns) override {
    for (const auto& c : columns) header_.push_back(Fit(c));
  }

  void Row(const std::vector<query::QValue>& row) override {
    ++rows_;
    size_t head = opt_.max_rows == 0 ? SIZE_MAX : (opt_.max_rows + 1) / 2;
    size_t tail = opt_.max_rows == 0 ? 0 : opt_.max_rows / 2;
    if (body_.size() < head) {
      body_.push_back(Cells(row));
      return;
    }
    if (tail == 0) return;
    if (tail_.size() == tail) tail_.pop_front();  // counted, never shown
    tail_.push_back(row);
  }

  void End() override {
    if (header_.empty()) return;
    size_t omitted = rows_ - body_.size() - tail_.size();
    if (omitted > 0 && !tail_.empty()) {
      std::vector<Cell> dots(header_.size(), Cell{"…", false, false});
      for (size_t i = 0; i < dots.size() && !body_.empty() && i < body_[0].size(); ++i) {
        dots[i].right = body_[0][i].right;  // under the numbers' last digit
      }
      body_.push_back(std::move(dots));
      gap_ = body_.size() - 1;
    }
    for (const auto& row : tail_) body_.push_back(Cells(row));
    tail_.clear();
    widths_.assign(header_.size(), 0);
    for (size_t i = 0; i < header_.size(); ++i) widths_[i] = DisplayWidth(header_[i]);
    for (const auto& row : body_) {
      for (size_t i = 0; i < row.size() && i < widths_.size(); ++i) {
        widths_[i] = std::max(widths_[i], DisplayWidth(row[i].text));
      }
    }
    if (opt_.mode == OutputMode::kMarkdown) {
      Markdown();
    } else {
      Grid(opt_.mode == OutputMode::kBox ? kBox : kTable);
    }
    if (omitted > 0) {
      out_ << "(" << omitted << " of " << rows_ << " rows left out"
           << (gap_ != SIZE_MAX ? " at the …" : "") << "; ':maxrows 0' shows all)\n";
    }
    out_.flush();
  }

  size_t rows() const override { return rows_; }

 private:
  std::vector<Cell> Cells(const std::vector<query::QValue>& row) const {
    std::vector<Cell> cells;
    cells.reserve(row.size());
    for (const auto& v : row) {
      Cell c;
      c.null = v.is_null();
      c.right = v.is_number();
      c.text = c.null ? "null" : Fit(CellText(v));
      if (opt_.mode == OutputMode::kMarkdown) c.text = EscapeMarkdown(c.text);
      cells.push_back(std::move(c));
    }
    return cells;
  }

  std::string Fit(const std::string& s) const { return TruncateToWidth(OneLine(s), opt_.max_width); }

  static std::string EscapeMarkdown(const std::string& s) {
    std::string out;
    for (char c : s) {
      if (c == '|') out += '\\';
      out += c;
    }
    return out;
  }

  void Rule(const char* const parts[4]) {
    out_ << parts[0];
    for (size_t i = 0; i < widths_.size(); ++i) {
      if (i > 0) out_ << parts[2];
      for (size_t k = 0; k < widths_[i] + 2; ++k) out_ << parts[1];
    }
    out_ << parts[3] << "\n";
  }

  void Grid(const GridStyle& style) {
    Rule(style.top);
    out_ << style.vertical;
    for (size_t i = 0; i < header_.size(); ++i) {
      out_ << " " << (opt_.color ? kBold : "") << PadRight(header_[i], widths_[i])
           << (opt_.color ? kReset : "") << " " << style.vertical;
    }
    out_ << "\n";
    Rule(style.mid);
    for (const auto& row : body_) {
      out_ << style.vertical;
      for (size_t i = 0; i < widths_.size(); ++i) {
        Cell c = i < row.size() ? row[i] : Cell{};
        std::string text = c.right ? PadLeft(c.text, widths_[i]) : PadRight(c.text, widths_[i]);
        if (opt_.color && c.null) text = kDim + text + kReset;
        out_ << " " << text << " " << style.vertical;
      }
      out_ << "\n";
    }
    Rule(style.bottom);
  }

  void Markdown() {
    out_ << "|";
    for (size_t i = 0; i < header_.size(); ++i) {
      out_ << " " << PadRight(EscapeMarkdown(header_[i]), widths_[i]) << " |";
    }
    out_ << "\n|";
    for (size_t i = 0; i < widths_.size(); ++i) {
      bool right = !body_.empty() && i < body_[0].size() && body_[0][i].right;
      size_t dashes = std::max<size_t>(widths_[i], 3);
      out_ << " " << (right ? std::string(dashes - 1, '-') + ":" : std::string(dashes, '-'))
           << " |";
    }
    out_ << "\n";
    for (const auto& row : body_) {
      out_ << "|";
      for (size_t i = 0; i < widths_.size(); ++i) {
        Cell c = i < row.size() ? row[i] : Cell{};
        out_ << " " << (c.right ? PadLeft(c.text, widths_[i]) : PadRight(c.text, widths_[i]))
             << " |";
      }
      out_ << "\n";
    }
  }

  RenderOptions opt_;
  std::ostream& out_;
  std::vector<std::string> header_;
  std::vector<std::vector<Cell>> body_;         // shown rows (the head; at End also the tail)
  std::deque<std::vector<query::QValue>> tail_;  // the last rows seen past the head
  size_t gap_ = SIZE_MAX;                        // index in body_ of the "…" row, if any
  std::vector<size_t> widths_;
  size_t rows_ = 0;
};

}  // namespace

std::unique_ptr<Renderer> MakeGridRenderer(const RenderOptions& options, std::ostream& out) {
  return std::make_unique<GridRenderer>(options, out);
}

}  // namespace liner::cli
