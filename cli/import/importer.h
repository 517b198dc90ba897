#pragma once
// Importers: read a data file format and write nodes and edges into a Database.
//
// Every importer honours the same contract:
// - all-or-nothing by default: the first bad record stops the import with file, line (or
//   record number), column/field and reason, and nothing of that import is committed;
// - with skip_bad, each bad record is reported (file, line, reason) and the rest is imported;
// - a summary of what was added, merged and skipped is returned.
// Not thread-safe; one import at a time per Database (it is then the only writer).

#include <cstdint>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.h"

namespace liner::import {

enum class Format { kAuto, kCsv, kJsonl, kMusicBrainz, kDiscogs, kMusicRoutes };

// Parses "csv", "jsonl", "musicbrainz", "discogs", "music-routes"; kAuto for "auto" or "".
Result<Format> ParseFormat(const std::string& name);
const char* FormatName(Format f);

struct ImportOptions {
  bool skip_bad = false;
  // Progress bar / messages (nullptr = silent). Only drawn as a bar when is_terminal.
  std::ostream* progress = nullptr;
  bool progress_is_terminal = false;
  // Where each skipped record is reported when skip_bad is set (nullptr = not printed).
  std::ostream* warnings = nullptr;
  // Real-data importers (MusicBrainz, Discogs, music-routes) commit every `batch_writes`
  // writes and undo the committed batches when the import fails (resolve_batches.h); 0 = one
  // batch; unset = 1,000 transactional, 500,000 bulk. `cache_entries` bounds the resolver's
  // in-memory maps (resolve_graph.h); in bulk mode full maps also end a batch. `bulk` writes
  // new nodes and edges as ingested SST files (false: through transactions).
  std::optional<uint64_t> batch_writes;
  uint64_t cache_entries = 100'000;
  bool bulk = true;
};

struct ImportSummary {
  std::map<std::string, uint64_t> nodes_added;   // by label
  std::map<std::string, uint64_t> edges_added;   // by relationship type
  uint64_t nodes_merged = 0;     // records resolved to an existing node
  uint64_t records_read = 0;
  uint64_t records_skipped = 0;  // bad records skipped under skip_bad
  uint64_t bytes_read = 0;
  std::map<std::string, uint64_t> unknown_kept;  // unknown roles/types kept as category other
  std::vector<std::string> skipped_reasons;      // "file:line: reason" per skipped record
  double seconds = 0;
  uint64_t batches = 0;  // transactions the import was committed in

  void Merge(const ImportSummary& other);
  // Multi-line human summary: nodes and edges added per label and type, merged, skipped.
  std::string ToString() const;
};

// ---- real-world formats (cli/import/mb_*, discogs_*, music_routes_* ----

// Guesses the format of `path` from its content (and name as a hint): a music-routes-data
// folder (or its package folder), MusicBrainz JSON (web-service lookups, .jsonl dump files,
// .tar.xz dump archives), Discogs XML (.xml, .xml.gz) or Discogs API JSON, native CSV or
// JSONL. Returns kAuto when nothing matches (the caller reports "unknown format").
Format DetectFormat(const std::string& path);

// MusicBrainz JSON: web-service lookups (one entity per file), dump files (one entity per
// line; the entity kind comes from the file name or the record's shape) and .tar.xz dump
// archives (streamed with libarchive). All `paths` are one import (all or nothing).
Result<ImportSummary> ImportMusicBrainz(Database& db, const std::vector<std::string>& paths,
                                        const ImportOptions& options);
// Discogs monthly dump XML (.xml or .xml.gz: artists, labels, masters, releases; also single
// records) and Discogs API release JSON. All `paths` are one import (all or nothing).
Result<ImportSummary> ImportDiscogs(Database& db, const std::vector<std::string>& paths,
                                    const ImportOptions& options);
// The data/ folder of the npm package music-routes-data (or the package folder holding it).
Result<ImportSummary> ImportMusicRoutes(Database& db, const std::vector<std::string>& paths,
                                        const ImportOptions& options);

}  // namespace liner::import
