#include "cli/import/csv_reader.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace liner::import {

Result<std::unique_ptr<CsvReader>> CsvReader::Open(const std::string& path, char delimiter) {
  int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) return Status::IOError(path + ": " + std::strerror(errno));
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    return Status::IOError(path + ": " + std::strerror(errno));
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    return Status::InvalidArgument(path + " is a directory, not a CSV file");
  }
  std::unique_ptr<CsvReader> r(new CsvReader());
  r->path_ = path;
  r->delim_ = delimiter;
  r->size_ = static_cast<size_t>(st.st_size);
  if (r->size_ > 0) {
    void* p = ::mmap(nullptr, r->size_, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) {
      ::close(fd);
      return Status::IOError(path + ": mmap: " + std::strerror(errno));
    }
    ::madvise(p, r->size_, MADV_SEQUENTIAL);
    r->data_ = static_cast<const char*>(p);
  }
  ::close(fd);
  if (r->size_ >= 3 && std::memcmp(r->data_, "\xEF\xBB\xBF", 3) == 0) {
    r->pos_ = 3;
    r->line_start_ = 3;
  }
  return r;
}

CsvReader::~CsvReader() {
  if (data_) ::munmap(const_cast<char*>(data_), size_);
}

void CsvReader::ReleaseReadPages() {
  const auto page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  size_t upto = pos_ / page * page;
  if (upto <= released_) return;
  ::madvise(const_cast<char*>(data_) + released_, upto - released_, MADV_DONTNEED);
  released_ = upto;
}

bool CsvReader::Next() {
  if (!status_.ok()) return false;
  if (pos_ - released_ >= kReleaseBytes) ReleaseReadPages();
  // Skip empty lines.
  while (pos_ < size_ && (data_[pos_] == '\n' || data_[pos_] == '\r')) {
    if (data_[pos_] == '\n') {
      ++line_;
      line_start_ = pos_ + 1;
    }
    ++pos_;
  }
  if (pos_ >= size_) return false;
  fields_.clear();
  record_line_ = line_;
  size_t n = 0;
  for (;;) {
    if (n == fields_.size()) fields_.emplace_back();
    Field& f = fields_[n];
    f.column = static_cast<uint32_t>(pos_ - line_start_ + 1);
    f.quoted = false;
    if (pos_ < size_ && data_[pos_] == '"') {
      if (!ParseQuoted(&f, n)) return false;
    } else {
      size_t start = pos_;
      while (pos_ < size_) {
        char c = data_[pos_];
        if (c == delim_ || c == '\n' || c == '\r') break;
        ++pos_;
      }
      f.text = std::string_view(data_ + start, pos_ - start);
    }
    ++n;
    if (pos_ < size_ && data_[pos_] == delim_) {
      ++pos_;
      continue;
    }
    end_column_ = static_cast<uint32_t>(pos_ - line_start_ + 1);
    // End of record: consume CR? LF.
    if (pos_ < size_ && data_[pos_] == '\r') ++pos_;
    if (pos_ < size_ && data_[pos_] == '\n') {
      ++pos_;
      ++line_;
      line_start_ = pos_;
    }
    break;
  }
  fields_.resize(n);
  return true;
}

bool CsvReader::ParseQuoted(Field* f, size_t field_index) {
  uint64_t open_line = line_;
  uint32_t open_column = f->column;
  ++pos_;  // opening quote
  size_t start = pos_;
  bool escaped = false;
  for (;;) {
    if (pos_ >= size_) {
      status_ = Status::InvalidArgument(path_ + ":" + std::to_string(open_line) + ":" +
                                        std::to_string(open_column) +
                                        ": quoted field is never closed (missing '\"')");
      return false;
    }
    char c = data_[pos_];
    if (c == '"') {
      if (pos_ + 1 < size_ && data_[pos_ + 1] == '"') {
        escaped = true;
        pos_ += 2;
        continue;
      }
      break;
    }
    if (c == '\n') {
      ++line_;
      line_start_ = pos_ + 1;
    }
    ++pos_;
  }
  std::string_view raw(data_ + start, pos_ - start);
  ++pos_;  // closing quote
  if (pos_ < size_ && data_[pos_] != delim_ && data_[pos_] != '\n' && data_[pos_] != '\r') {
    status_ = Status::InvalidArgument(
        path_ + ":" + std::to_string(line_) + ":" + std::to_string(pos_ - line_start_ + 1) +
        ": unexpected character after a closing quote (a quote inside a quoted field must be "
        "doubled: \"\")");
    return false;
  }
  f->quoted = true;
  if (!escaped) {
    f->text = raw;
    return true;
  }
  if (unescaped_.size() <= field_index) unescaped_.resize(field_index + 1);
  std::string& out = unescaped_[field_index];
  out.clear();
  for (size_t i = 0; i < raw.size(); ++i) {
    out.push_back(raw[i]);
    if (raw[i] == '"') ++i;  // skip the second quote of a pair
  }
  f->text = out;
  return true;
}

}  // namespace liner::import
