// Orchestration of a native import: inputs from arguments and paths, node inputs before
// relationship inputs, one sink committed at the end.
#include "cli/import/native_import.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>

#include "cli/import/native_importer.h"

namespace liner::import {

namespace {

namespace fs = std::filesystem;

std::string LowerExt(const fs::path& p) {
  std::string e = p.extension().string();
  std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return std::tolower(c); });
  return e;
}

bool IsJsonlName(const fs::path& p) {
  std::string e = LowerExt(p);
  return e == ".jsonl" || e == ".ndjson" || e == ".json";
}

bool IsDatasetName(const fs::path& p) {
  std::string e = LowerExt(p);
  return e == ".csv" || e == ".jsonl" || e == ".ndjson";
}

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  for (;;) {
    size_t end = s.find(sep, start);
    out.push_back(s.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

std::string FirstLine(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string line;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") != std::string::npos) break;
  }
  return line;
}

bool FileLooksNative(const fs::path& p) {
  std::string line = FirstLine(p.string());
  if (IsJsonlName(p)) {
    // Cheap check of the APOC shape without parsing the whole line.
    auto compact = line;
    compact.erase(std::remove_if(compact.begin(), compact.end(),
                                 [](unsigned char c) { return std::isspace(c); }),
                  compact.end());
    return compact.find("\"type\":\"node\"") != std::string::npos ||
           compact.find("\"type\":\"relationship\"") != std::string::npos;
  }
  std::string upper = line;
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return std::toupper(c); });
  for (const char* marker : {":ID", ":START_ID", ":END_ID", ":LABEL", ":TYPE"}) {
    if (upper.find(marker) != std::string::npos) return true;
  }
  return false;
}

// About how many rows a file has: its size over the mean row length of three samples (start,
// middle, end; ids grow longer along a file), or the exact count for a small file. A
// header-only file counts as its one row. 0 for an unreadable file.
uint64_t EstimateRows(const std::string& path) {
  std::error_code ec;
  const uint64_t size = fs::file_size(path, ec);
  if (ec || size == 0) return 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) return 0;
  constexpr uint64_t kWindow = 256 << 10;
  std::vector<char> buf(kWindow);
  uint64_t sampled = 0, newlines = 0;
  auto sample = [&](uint64_t at, uint64_t len) {
    in.clear();
    in.seekg(static_cast<std::streamoff>(at));
    in.read(buf.data(), static_cast<std::streamsize>(len));
    const auto got = static_cast<uint64_t>(in.gcount());
    sampled += got;
    newlines += static_cast<uint64_t>(std::count(buf.data(), buf.data() + got, '\n'));
  };
  if (size <= 3 * kWindow) {
    for (uint64_t at = 0; at < size; at += kWindow) sample(at, std::min(kWindow, size - at));
    return std::max<uint64_t>(newlines, 1);
  }
  sample(0, kWindow);
  sample(size / 2 - kWindow / 2, kWindow);
  sample(size - kWindow, kWindow);
  if (sampled == 0) return 0;
  return std::max<uint64_t>(1, static_cast<uint64_t>(static_cast<double>(size) *
                                                     static_cast<double>(newlines) /
                                                     static_cast<double>(sampled)));
}

}  // namespace

Result<NativeInput> ParseNativeInputArg(NativeInput::Kind kind, const std::string& arg) {
  NativeInput in;
  in.kind = kind;
  std::string files = arg;
  if (auto eq = arg.find('='); eq != std::string::npos) {
    std::string prefix = arg.substr(0, eq);
    if (prefix.find('/') == std::string::npos && prefix.find(',') == std::string::npos) {
      files = arg.substr(eq + 1);
      for (auto& n : Split(prefix, ':')) {
        if (!n.empty()) in.names.push_back(n);
      }
      if (kind == NativeInput::Kind::kRelationships && in.names.size() > 1) {
        return Status::InvalidArgument("--relationships=" + arg +
                                       ": a relationship has one type, not " + prefix);
      }
    }
  }
  for (auto& f : Split(files, ',')) {
    if (!f.empty()) in.files.push_back(f);
  }
  if (in.files.empty()) {
    return Status::InvalidArgument(std::string(kind == NativeInput::Kind::kNodes
                                                   ? "--nodes"
                                                   : "--relationships") +
                                   "=" + arg + ": no files");
  }
  in.jsonl = IsJsonlName(in.files[0]);
  return in;
}

Result<std::vector<NativeInput>> ExpandNativePaths(const std::vector<std::string>& paths) {
  std::vector<NativeInput> out;
  for (const auto& p : paths) {
    std::error_code ec;
    std::vector<fs::path> files;
    if (fs::is_directory(p, ec)) {
      for (const auto& e : fs::directory_iterator(p, ec)) {
        if (e.is_regular_file() && IsDatasetName(e.path())) files.push_back(e.path());
      }
      if (ec) return Status::IOError(p + ": " + ec.message());
      std::sort(files.begin(), files.end());
      if (files.empty()) {
        return Status::InvalidArgument(p + ": no .csv or .jsonl files in this directory");
      }
    } else if (fs::exists(p, ec)) {
      files.push_back(p);
    } else {
      return Status::NotFound(p + ": no such file or directory");
    }
    for (const auto& f : files) {
      NativeInput in;
      in.jsonl = IsJsonlName(f);
      in.files.push_back(f.string());
      out.push_back(std::move(in));
    }
  }
  return out;
}

bool LooksNative(const std::string& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    for (const auto& e : fs::directory_iterator(path, ec)) {
      if (e.is_regular_file() && IsDatasetName(e.path()) && FileLooksNative(e.path())) {
        return true;
      }
    }
    return false;
  }
  return FileLooksNative(path);
}

Result<ImportSummary> ImportNative(Database& db, const std::vector<NativeInput>& inputs,
                                   const NativeOptions& options) {
  auto t0 = std::chrono::steady_clock::now();
  std::vector<const NativeInput*> nodes, rels, jsonl;
  for (const auto& in : inputs) {
    if (in.files.empty()) return Status::InvalidArgument("an import input with no files");
    if (in.jsonl) {
      jsonl.push_back(&in);
    } else if (in.kind == NativeInput::Kind::kNodes) {
      nodes.push_back(&in);
    } else if (in.kind == NativeInput::Kind::kRelationships) {
      rels.push_back(&in);
    } else {
      LINER_ASSIGN_OR_RETURN(bool is_rel, CsvIsRelationships(in, options.delimiter));
      (is_rel ? rels : nodes).push_back(&in);
    }
  }
  // The bulk path only appends; into a database that already holds data the transactional
  // sink reuses existing nodes and edges, so importing a file again changes nothing.
  bool bulk = options.bulk && db.Counts().nodes == 0;
  LINER_ASSIGN_OR_RETURN(auto sink, bulk ? MakeBulkSink(db) : MakeTransactionSink(db));
  NativeImporter imp(std::move(sink), options);
  // The loader sizes its buffers and takes the edge list's memory ahead from these estimates.
  auto rows = [](const std::vector<const NativeInput*>& ins) {
    uint64_t n = 0;
    for (const auto* in : ins) {
      for (const auto& f : in->files) n += EstimateRows(f);
    }
    return n;
  };
  imp.Reserve(rows(nodes), rows(rels));
  auto phase = [&](const std::string& what, const std::string& file) {
    return PhaseLog::Scope(imp.phases(), what + fs::path(file).filename().string());
  };
  for (const auto* in : nodes) {
    auto p = phase("parse nodes: ", in->files.back());
    LINER_RETURN_IF_ERROR(ImportCsvNodes(imp, *in));
  }
  for (const auto* in : jsonl) {
    for (const auto& f : in->files) {
      auto p = phase("parse JSONL nodes: ", f);
      LINER_RETURN_IF_ERROR(ImportJsonl(imp, f, false));
    }
  }
  for (const auto* in : rels) {
    auto p = phase("parse relationships: ", in->files.back());
    LINER_RETURN_IF_ERROR(ImportCsvRelationships(imp, *in));
  }
  for (const auto* in : jsonl) {
    for (const auto& f : in->files) {
      auto p = phase("parse JSONL relationships: ", f);
      LINER_RETURN_IF_ERROR(ImportJsonl(imp, f, true));
    }
  }
  {
    auto p = phase("commit (main thread)", "");
    LINER_RETURN_IF_ERROR(imp.Commit());
  }
  if (imp.phases() && options.common.progress) {
    *options.common.progress << "phases (--timings):\n" << imp.phases()->Report();
  }
  ImportSummary summary = std::move(imp.summary());
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return summary;
}

}  // namespace liner::import
