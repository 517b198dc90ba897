#pragma once
// CsvReader: a fast RFC-4180 CSV record reader over a memory-mapped file.
//
// Fields are separated by a one-byte delimiter (',' by default) and records by LF or CRLF.
// A field may be enclosed in double quotes; inside it the delimiter and line breaks are literal
// and `""` stands for one `"`. An unquoted field is taken verbatim (a stray quote inside it is
// kept). Empty lines are skipped; a UTF-8 byte-order mark at the start is ignored.
// Every record knows the line it starts on and every field the 1-based column (byte offset in
// its line) where it starts, so errors can say `file:line:column`.
//
// Field views stay valid until the next call to Next(), which also gives the pages of records
// already read back to the kernel, so a large file does not stay resident while it is imported.
// Not thread-safe; one reader per file.

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "storage/status.h"

namespace liner::import {

class CsvReader {
 public:
  // Maps `path` for reading. IOError when it cannot be opened.
  static Result<std::unique_ptr<CsvReader>> Open(const std::string& path, char delimiter = ',');
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // Reads the next record. Returns false at the end of the file or on a syntax error
  // (check status() once after the loop).
  bool Next();
  const Status& status() const { return status_; }

  size_t size() const { return fields_.size(); }
  std::string_view field(size_t i) const { return fields_[i].text; }
  // Whether field i was enclosed in quotes (so `""` is an empty string, not a missing value).
  bool quoted(size_t i) const { return fields_[i].quoted; }
  uint32_t column(size_t i) const { return fields_[i].column; }
  // Line on which the current record starts (1-based).
  uint64_t line() const { return record_line_; }
  // Column just past the end of the record's last field, for "missing field" errors.
  uint32_t end_column() const { return end_column_; }

  const std::string& path() const { return path_; }
  uint64_t bytes_read() const { return pos_; }
  uint64_t total_bytes() const { return size_; }

 private:
  struct Field {
    std::string_view text;
    uint32_t column = 0;
    bool quoted = false;
  };
  CsvReader() = default;
  bool ParseQuoted(Field* f, size_t field_index);
  void ReleaseReadPages();
  static constexpr size_t kReleaseBytes = 8 << 20;

  std::string path_;
  char delim_ = ',';
  const char* data_ = nullptr;
  size_t size_ = 0;
  size_t pos_ = 0;
  size_t released_ = 0;      // [0, released_) was given back with MADV_DONTNEED
  uint64_t line_ = 1;        // line of data_[pos_]
  size_t line_start_ = 0;    // offset where the current line starts
  uint64_t record_line_ = 0;
  uint32_t end_column_ = 0;
  std::vector<Field> fields_;
  // Storage for quoted fields that held `""`, one slot per field index (a deque, so growing
  // it keeps earlier fields' views valid).
  std::deque<std::string> unescaped_;
  Status status_;
};

}  // namespace liner::import
