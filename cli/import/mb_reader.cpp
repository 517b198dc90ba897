// Streaming MusicBrainz JSON records out of files and dump archives (see mb_reader.h).
#include "cli/import/mb_reader.h"

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <memory>

namespace liner::import {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Whether the first line of a file is a whole JSON object: then the file is JSON Lines.
bool FirstLineIsWholeObject(const std::string& line) {
  size_t b = line.find_first_not_of(" \t\r");
  if (b == std::string::npos || line[b] != '{') return false;
  size_t e = line.find_last_not_of(" \t\r");
  if (line[e] != '}') return false;
  // Count braces outside strings.
  int depth = 0;
  bool in_str = false, esc = false;
  for (size_t i = b; i <= e; ++i) {
    char c = line[i];
    if (in_str) {
      if (esc) esc = false;
      else if (c == '\\') esc = true;
      else if (c == '"') in_str = false;
    } else if (c == '"') {
      in_str = true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (--depth == 0 && i != e) return false;
    }
  }
  return depth == 0;
}

bool Blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); });
}

Status ReadArchive(const std::string& path, uint64_t* bytes,
                   const std::function<Status(const MbRecord&)>& fn, uint64_t* position) {
  std::unique_ptr<archive, decltype(&archive_read_free)> a(archive_read_new(), archive_read_free);
  archive_read_support_filter_all(a.get());
  archive_read_support_format_tar(a.get());
  archive_read_support_format_gnutar(a.get());
  if (archive_read_open_filename(a.get(), path.c_str(), 1 << 20) != ARCHIVE_OK) {
    return Status::IOError(path + ": cannot read the archive: " + archive_error_string(a.get()) +
                           " (damaged or truncated?)");
  }
  archive_entry* entry = nullptr;
  std::string buf(1 << 20, '\0');
  for (;;) {
    int r = archive_read_next_header(a.get(), &entry);
    if (r == ARCHIVE_EOF) break;
    if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
      return Status::InvalidArgument(path + ": damaged archive: " + archive_error_string(a.get()) +
                                     " (is the file complete?)");
    }
    std::string name = archive_entry_pathname(entry);
    std::string base = std::filesystem::path(name).filename().string();
    // Dump members are mbdump/<entity> (no extension); COPYING, README, TIMESTAMP are not data.
    std::string kind = MbKindFromName(base);
    bool data = archive_entry_filetype(entry) == AE_IFREG && !kind.empty() &&
                (base.find('.') == std::string::npos || EndsWith(base, ".json") ||
                 EndsWith(base, ".jsonl"));
    if (!data) {
      archive_read_data_skip(a.get());
      continue;
    }
    std::string pending, line;
    uint64_t line_no = 0;
    MbRecord rec{&line, kind, path + ":" + name, 0};
    auto emit = [&](std::string&& text) -> Status {
      ++line_no;
      line = std::move(text);
      if (Blank(line)) return Status::OK();
      rec.line = line_no;
      return fn(rec);
    };
    for (;;) {
      la_ssize_t n = archive_read_data(a.get(), buf.data(), buf.size());
      if (n < 0) {
        return Status::InvalidArgument(path + ":" + name + ": damaged archive: " +
                                       archive_error_string(a.get()) + " (is the file complete?)");
      }
      if (n == 0) break;
      *bytes += static_cast<uint64_t>(n);
      if (position) *position = static_cast<uint64_t>(archive_filter_bytes(a.get(), -1));
      size_t start = 0;
      for (size_t i = 0; i < static_cast<size_t>(n); ++i) {
        if (buf[i] != '\n') continue;
        pending.append(buf.data() + start, i - start);
        LINER_RETURN_IF_ERROR(emit(std::move(pending)));
        pending.clear();
        start = i + 1;
      }
      pending.append(buf.data() + start, static_cast<size_t>(n) - start);
    }
    if (!pending.empty()) LINER_RETURN_IF_ERROR(emit(std::move(pending)));
  }
  return Status::OK();
}

}  // namespace

std::string MbKindFromName(const std::string& name) {
  std::string n = Lower(std::filesystem::path(name).filename().string());
  for (const char* k : {"release-group", "release_group"}) {
    if (n.find(k) != std::string::npos) return "release-group";
  }
  for (const char* k : {"recording", "release", "artist", "label", "place", "work"}) {
    if (n.find(k) != std::string::npos) return k;
  }
  return "";
}

bool LooksLikeArchive(const std::string& path) {
  std::string n = Lower(path);
  for (const char* ext : {".tar", ".tar.xz", ".tar.gz", ".tar.bz2", ".tar.zst", ".tgz", ".txz"}) {
    if (EndsWith(n, ext)) return true;
  }
  std::ifstream in(path, std::ios::binary);
  unsigned char m[6] = {0};
  in.read(reinterpret_cast<char*>(m), 6);
  return in.gcount() == 6 && m[0] == 0xFD && m[1] == '7' && m[2] == 'z' && m[3] == 'X' &&
         m[4] == 'Z' && m[5] == 0;
}

Status ReadMusicBrainzRecords(const std::string& path, uint64_t* bytes,
                              const std::function<Status(const MbRecord&)>& fn,
                              uint64_t* position) {
  if (LooksLikeArchive(path)) return ReadArchive(path, bytes, fn, position);
  uint64_t pos = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(path + ": cannot open file");
  std::string kind = MbKindFromName(path);
  std::string line;
  uint64_t line_no = 0;
  // Skip leading blank lines to see the shape of the first record.
  while (std::getline(in, line)) {
    ++line_no;
    if (!Blank(line)) break;
  }
  MbRecord rec{&line, kind, path, 0};
  if (FirstLineIsWholeObject(line)) {
    do {
      *bytes += line.size() + 1;
      pos += line.size() + 1;
      if (position) *position = pos;
      if (Blank(line)) continue;
      rec.line = line_no;
      LINER_RETURN_IF_ERROR(fn(rec));
    } while (++line_no, std::getline(in, line));
    return Status::OK();
  }
  // A single (pretty-printed) entity: the whole file is one record starting at line_no.
  std::string text = line + "\n";
  text.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  *bytes += text.size();
  if (position) *position = text.size();
  rec.text = &text;
  rec.line = line_no;
  return fn(rec);
}

}  // namespace liner::import
