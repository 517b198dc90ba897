#include "cli/import/importer.h"

#include <algorithm>
#include <cstdio>
#include <sstream>
#include <utility>

namespace liner::import {

namespace {
struct FormatRow {
  Format format;
  const char* name;
};
constexpr FormatRow kFormats[] = {
    {Format::kAuto, "auto"},           {Format::kCsv, "csv"},
    {Format::kJsonl, "jsonl"},         {Format::kMusicBrainz, "musicbrainz"},
    {Format::kDiscogs, "discogs"},     {Format::kMusicRoutes, "music-routes"},
};
}  // namespace

Result<Format> ParseFormat(const std::string& name) {
  if (name.empty()) return Format::kAuto;
  for (const auto& row : kFormats) {
    if (name == row.name) return row.format;
  }
  return Status::InvalidArgument("unknown import format '" + name +
                                 "' (use csv, jsonl, musicbrainz, discogs or music-routes)");
}

const char* FormatName(Format f) {
  for (const auto& row : kFormats) {
    if (row.format == f) return row.name;
  }
  return "?";
}

void ImportSummary::Merge(const ImportSummary& other) {
  for (const auto& [k, n] : other.nodes_added) nodes_added[k] += n;
  for (const auto& [k, n] : other.edges_added) edges_added[k] += n;
  nodes_merged += other.nodes_merged;
  records_read += other.records_read;
  records_skipped += other.records_skipped;
  bytes_read += other.bytes_read;
  for (const auto& [k, n] : other.unknown_kept) unknown_kept[k] += n;
  skipped_reasons.insert(skipped_reasons.end(), other.skipped_reasons.begin(),
                         other.skipped_reasons.end());
  seconds += other.seconds;
  batches += other.batches;
}

std::string ImportSummary::ToString() const {
  std::ostringstream out;
  uint64_t nodes = 0, edges = 0, unknown = 0;
  for (const auto& [k, n] : nodes_added) nodes += n;
  for (const auto& [k, n] : edges_added) edges += n;
  for (const auto& [k, n] : unknown_kept) unknown += n;
  auto rate = [&](uint64_t n) {
    return seconds > 0 ? " (" + std::to_string(static_cast<uint64_t>(n / seconds)) + "/s)" : "";
  };
  out << "imported " << records_read << " records in " << (seconds > 0 ? seconds : 0.0) << " s";
  if (bytes_read) {
    out << ", " << (bytes_read >> 20) << " MiB";
    if (seconds > 0) {
      char buf[32];
      std::snprintf(buf, sizeof buf, " (%.1f MB/s)", bytes_read / 1e6 / seconds);
      out << buf;
    }
  }
  if (batches > 1) out << ", committed in " << batches << " batches";
  out << "\n";
  out << "  nodes added: " << nodes << rate(nodes) << "\n";
  for (const auto& [k, n] : nodes_added) out << "    " << k << ": " << n << "\n";
  out << "  edges added: " << edges << rate(edges) << "\n";
  for (const auto& [k, n] : edges_added) out << "    " << k << ": " << n << "\n";
  if (nodes_merged) out << "  records merged into existing nodes: " << nodes_merged << "\n";
  if (unknown) {
    // The most frequent first; a long tail is summed up.
    std::vector<std::pair<uint64_t, std::string>> top;
    for (const auto& [k, n] : unknown_kept) top.emplace_back(n, k);
    std::sort(top.begin(), top.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    out << "  unknown roles and relationship types kept as category other: " << unknown << "\n";
    constexpr size_t kShown = 15;
    for (size_t i = 0; i < top.size() && i < kShown; ++i) {
      out << "    " << top[i].second << ": " << top[i].first << "\n";
    }
    if (top.size() > kShown) out << "    ... and " << top.size() - kShown << " more\n";
  }
  if (records_skipped) out << "  bad records skipped: " << records_skipped << "\n";
  return out.str();
}

}  // namespace liner::import
