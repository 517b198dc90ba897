#pragma once
// The native import formats (docs/import-format.md):
// - neo4j-admin-style CSV: a header row with :ID / :LABEL / :START_ID / :END_ID / :TYPE and
//   typed property columns (`year:int`, `tags:string[]`), ID spaces (`:ID(Person)`);
// - JSON Lines in the shape of neo4j APOC's export:
//   {"type":"node","id":..,"labels":[..],"properties":{..}}
//   {"type":"relationship","label":"T","start":{"id":..},"end":{"id":..},"properties":{..}}
//
// One call imports every input all-or-nothing: node inputs first, then relationship inputs;
// the first bad row stops it with `file:line:column: reason` and nothing is visible, unless
// skip_bad is set, in which case every bad row is reported and skipped.
// Not thread-safe; one import at a time per Database.

#include <string>
#include <vector>

#include "cli/import/importer.h"

namespace liner::import {

enum class IdType { kString, kInteger };

struct NativeOptions {
  ImportOptions common;
  IdType id_type = IdType::kString;
  char delimiter = ',';
  char array_delimiter = ';';
  // Sorted SST files ingested at the end (fast) instead of one write transaction.
  bool bulk = true;
  // Print the wall and CPU time of every phase (parsing, writer threads, sorts, ingestion) to
  // common.progress at the end (`liner import --timings`).
  bool timings = false;
};

// One --nodes / --relationships argument, or one file given by path.
struct NativeInput {
  enum class Kind { kAuto, kNodes, kRelationships };
  Kind kind = Kind::kAuto;
  bool jsonl = false;
  // Labels given to every node (--nodes=A:B=...) or the relationship type (--relationships=T=).
  std::vector<std::string> names;
  // CSV: the first file's first row is the header; every other row of every file is data.
  // With kAuto (files given by path) there is exactly one file.
  std::vector<std::string> files;
};

// Parses neo4j-admin's `[LABEL[:LABEL...]=]FILE[,FILE...]` (kind kNodes or kRelationships).
Result<NativeInput> ParseNativeInputArg(NativeInput::Kind kind, const std::string& arg);

// Files and directories given by path: a directory contributes every *.csv, *.jsonl and
// *.ndjson file in it (sorted by name); a file is CSV unless it ends in .jsonl/.ndjson/.json.
Result<std::vector<NativeInput>> ExpandNativePaths(const std::vector<std::string>& paths);

// Whether `path` (a file, or a directory's files) is in a native format: a CSV header with a
// neo4j-admin column (:ID, :START_ID, ...), or JSON Lines whose first object has
// "type": "node"/"relationship".
bool LooksNative(const std::string& path);

Result<ImportSummary> ImportNative(Database& db, const std::vector<NativeInput>& inputs,
                                   const NativeOptions& options);

}  // namespace liner::import
