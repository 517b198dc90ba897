#include "cli/rows_out.h"

#include <algorithm>
#include <ostream>

namespace liner::cli {

namespace {

std::string CellText(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "";
  if (v.is_array()) {
    std::string out;
    for (size_t i = 0; i < v.size(); ++i) out += (i ? "; " : "") + CellText(v[i]);
    return out;
  }
  return v.dump();
}

// Display width of UTF-8 text: code points, not bytes (wide glyphs are rare in names here).
size_t Width(const std::string& s) {
  return std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; });
}

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

Status ParseRowsCommand(Flags& flags, const std::vector<std::string>& args, size_t positionals,
                        const std::string& what) {
  flags.Value("db").Value("format");
  LINER_RETURN_IF_ERROR(flags.Parse(args));
  LINER_RETURN_IF_ERROR(CheckRowsFormat(flags.Get("format", "table")));
  if (flags.positionals().size() != positionals) {
    return Status::InvalidArgument(flags.command() + ": expected " + what + ", got " +
                                   std::to_string(flags.positionals().size()) + " argument(s)");
  }
  return Status::OK();
}

int ReportError(Io& io, const Status& st, bool usage) {
  io.err << "error: " << st.message() << "\n";
  return usage ? 2 : 1;
}

Status CheckRowsFormat(const std::string& format) {
  if (format == "table" || format == "csv" || format == "json" || format == "jsonl") {
    return Status::OK();
  }
  return Status::InvalidArgument("--format: unknown format '" + format +
                                 "' (expected table, csv, json or jsonl)");
}

void PrintRows(const std::vector<std::string>& columns,
               const std::vector<std::vector<nlohmann::json>>& rows, const std::string& format,
               Io& io) {
  if (format == "json" || format == "jsonl") {
    // ordered_json keeps the columns in their declared order.
    nlohmann::ordered_json all = nlohmann::ordered_json::array();
    for (const auto& row : rows) {
      nlohmann::ordered_json obj = nlohmann::ordered_json::object();
      for (size_t i = 0; i < columns.size() && i < row.size(); ++i) obj[columns[i]] = row[i];
      if (format == "jsonl") {
        io.out << obj.dump() << "\n";
      } else {
        all.push_back(std::move(obj));
      }
    }
    if (format == "json") io.out << all.dump(2) << "\n";
    return;
  }
  if (format == "csv") {
    for (size_t i = 0; i < columns.size(); ++i) io.out << (i ? "," : "") << CsvField(columns[i]);
    io.out << "\n";
    for (const auto& row : rows) {
      for (size_t i = 0; i < row.size(); ++i) io.out << (i ? "," : "") << CsvField(CellText(row[i]));
      io.out << "\n";
    }
    return;
  }
  std::vector<size_t> width(columns.size());
  for (size_t i = 0; i < columns.size(); ++i) width[i] = Width(columns[i]);
  std::vector<std::vector<std::string>> text;
  for (const auto& row : rows) {
    text.emplace_back();
    for (size_t i = 0; i < row.size() && i < columns.size(); ++i) {
      text.back().push_back(CellText(row[i]));
      width[i] = std::max(width[i], Width(text.back().back()));
    }
  }
  auto line = [&](const std::vector<std::string>& cells) {
    for (size_t i = 0; i < columns.size(); ++i) {
      std::string c = i < cells.size() ? cells[i] : "";
      io.out << (i ? " | " : "") << c;
      if (i + 1 < columns.size()) io.out << std::string(width[i] - Width(c), ' ');
    }
    io.out << "\n";
  };
  line(columns);
  for (size_t i = 0; i < columns.size(); ++i) {
    io.out << (i ? "-+-" : "") << std::string(width[i], '-');
  }
  io.out << "\n";
  for (const auto& t : text) line(t);
  io.out << "(" << rows.size() << " row" << (rows.size() == 1 ? "" : "s") << ")\n";
}

}  // namespace liner::cli
