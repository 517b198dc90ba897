// Mode names and the delimited/JSON renderers, which stream.
#include "cli/render.h"

#include <ostream>

#include "cli/json_value.h"

namespace liner::cli {

std::unique_ptr<Renderer> MakeGridRenderer(const RenderOptions& options, std::ostream& out);

namespace {

constexpr const char* kModeNames[] = {"box", "table", "csv", "tsv", "json", "jsonl", "markdown"};

// RFC 4180: quote a field holding a comma, quote, CR or LF; double the quotes inside.
std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// TSV as PostgreSQL's text format writes it: backslash escapes for tab, newline, CR, backslash.
std::string TsvField(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\\': out += "\\\\"; break;
      default: out += c;
    }
  }
  return out;
}

class DelimitedRenderer : public Renderer {
 public:
  DelimitedRenderer(std::ostream& out, bool tsv) : out_(out), tsv_(tsv) {}
  void Begin(const std::vector<std::string>& columns) override { Line(columns); }
  void Row(const std::vector<query::QValue>& row) override {
    std::vector<std::string> cells;
    cells.reserve(row.size());
    for (const auto& v : row) cells.push_back(CellText(v));
    Line(cells);
    ++rows_;
  }
  void End() override { out_.flush(); }
  size_t rows() const override { return rows_; }

 private:
  void Line(const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) out_ << (tsv_ ? '\t' : ',');
      out_ << (tsv_ ? TsvField(cells[i]) : CsvField(cells[i]));
    }
    out_ << "\n";  // LF, not RFC 4180 CRLF: friendlier to Unix tools; readers accept both
  }
  std::ostream& out_;
  bool tsv_;
  size_t rows_ = 0;
};

// json: one array of row objects, written row by row; jsonl: one object per line.
class JsonRenderer : public Renderer {
 public:
  JsonRenderer(std::ostream& out, bool lines) : out_(out), lines_(lines) {}
  void Begin(const std::vector<std::string>& columns) override {
    columns_ = columns;
    if (!lines_) out_ << "[";
  }
  void Row(const std::vector<query::QValue>& row) override {
    std::string text = RowToJson(columns_, row).dump(-1, ' ', false,
                                                     nlohmann::json::error_handler_t::replace);
    if (lines_) {
      out_ << text << "\n";
    } else {
      out_ << (rows_ == 0 ? "\n  " : ",\n  ") << text;
    }
    ++rows_;
  }
  void End() override {
    if (!lines_) out_ << (rows_ == 0 ? "]\n" : "\n]\n");
    out_.flush();
  }
  size_t rows() const override { return rows_; }

 private:
  std::ostream& out_;
  bool lines_;
  std::vector<std::string> columns_;
  size_t rows_ = 0;
};

}  // namespace

const char* ModeName(OutputMode mode) { return kModeNames[static_cast<int>(mode)]; }

const std::vector<OutputMode>& AllModes() {
  static const std::vector<OutputMode> kAll = {
      OutputMode::kBox,  OutputMode::kTable, OutputMode::kCsv,     OutputMode::kTsv,
      OutputMode::kJson, OutputMode::kJsonl, OutputMode::kMarkdown};
  return kAll;
}

Result<OutputMode> ParseOutputMode(std::string_view name) {
  std::string names;
  for (OutputMode m : AllModes()) {
    if (name == ModeName(m)) return m;
    names += names.empty() ? "" : ", ";
    names += ModeName(m);
  }
  return Status::InvalidArgument("unknown output mode '" + std::string(name) +
                                 "' (choose one of " + names + ")");
}

bool ModeStreams(OutputMode mode) {
  return mode == OutputMode::kCsv || mode == OutputMode::kTsv || mode == OutputMode::kJson ||
         mode == OutputMode::kJsonl;
}

std::string CellText(const query::QValue& value) {
  if (value.is_null()) return "";
  if (value.is_string()) return value.as_string();
  return value.ToDisplayString();
}

std::unique_ptr<Renderer> MakeRenderer(const RenderOptions& options, std::ostream& out) {
  switch (options.mode) {
    case OutputMode::kCsv: return std::make_unique<DelimitedRenderer>(out, false);
    case OutputMode::kTsv: return std::make_unique<DelimitedRenderer>(out, true);
    case OutputMode::kJson: return std::make_unique<JsonRenderer>(out, false);
    case OutputMode::kJsonl: return std::make_unique<JsonRenderer>(out, true);
    default: return MakeGridRenderer(options, out);
  }
}

void RenderAll(const RenderOptions& options, const std::vector<std::string>& columns,
               const std::vector<std::vector<query::QValue>>& rows, std::ostream& out) {
  auto r = MakeRenderer(options, out);
  r->Begin(columns);
  for (const auto& row : rows) r->Row(row);
  r->End();
}

}  // namespace liner::cli
