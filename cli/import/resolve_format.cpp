// DetectFormat: which importer reads a path, from its content (declared in importer.h).
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <memory>

#include "cli/import/discogs_json.h"
#include "cli/import/importer.h"
#include "cli/import/mb_reader.h"

namespace liner::import {
namespace {

namespace fs = std::filesystem;

// The first `n` bytes of the file, decompressed when it is gzip (gzread passes plain files).
std::string Head(const std::string& path, size_t n) {
  std::unique_ptr<gzFile_s, decltype(&gzclose)> in(gzopen(path.c_str(), "rb"), gzclose);
  if (!in) return "";
  std::string buf(n, '\0');
  int got = gzread(in.get(), buf.data(), static_cast<unsigned>(n));
  buf.resize(got > 0 ? static_cast<size_t>(got) : 0);
  return buf;
}

Format FromContent(const std::string& path) {
  if (LooksLikeArchive(path)) return Format::kMusicBrainz;
  std::string head = Head(path, 64 * 1024);
  size_t b = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (b == std::string::npos) return Format::kAuto;
  if (head[b] == '<') {
    // Discogs dumps: <artists>, <labels>, <masters>, <releases> or one such record.
    for (const char* tag : {"<release", "<artist", "<label", "<master"}) {
      if (head.find(tag) != std::string::npos) return Format::kDiscogs;
    }
    return Format::kAuto;
  }
  if (head[b] == '{') {
    if (head.find("\"type\":\"node\"") != std::string::npos ||
        head.find("\"type\": \"node\"") != std::string::npos ||
        head.find("\"type\":\"relationship\"") != std::string::npos) {
      return Format::kJsonl;
    }
    if (LooksLikeDiscogsApiJson(head)) return Format::kDiscogs;
    for (const char* key : {"\"sort-name\"", "\"artist-credit\"", "\"relations\"",
                            "\"life-span\"", "\"release-events\"", "\"label-info\"",
                            "\"type-id\"", "\"releases\"", "\"recording\"", "\"media\"",
                            "\"tracks\"", "\"collections\""}) {
      if (head.find(key) != std::string::npos) return Format::kMusicBrainz;
    }
    return Format::kAuto;
  }
  if (head.find(":ID") != std::string::npos || head.find(":START_ID") != std::string::npos) {
    return Format::kCsv;
  }
  return Format::kAuto;
}

}  // namespace

Format DetectFormat(const std::string& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    for (const fs::path& p : {fs::path(path), fs::path(path) / "data",
                              fs::path(path) / "node_modules" / "music-routes-data" / "data"}) {
      if (fs::exists(p / "individuals.json") && fs::exists(p / "individual_track.json")) {
        return Format::kMusicRoutes;
      }
    }
    // A folder of one format: the first file that tells decides.
    std::vector<std::string> files;
    for (const auto& e : fs::directory_iterator(path, ec)) {
      if (e.is_regular_file()) files.push_back(e.path().string());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      if (f.size() >= 4 && f.compare(f.size() - 4, 4, ".csv") == 0) return Format::kCsv;
      if (f.size() >= 3 && f.compare(f.size() - 3, 3, ".md") == 0) continue;
      Format k = FromContent(f);
      if (k != Format::kAuto) return k;
    }
    return Format::kAuto;
  }
  if (!fs::is_regular_file(path, ec)) return Format::kAuto;
  return FromContent(path);
}

}  // namespace liner::import
