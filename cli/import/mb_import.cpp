// ImportMusicBrainz: MusicBrainz JSON files and dump archives in batches, all or nothing.
#include <nlohmann/json.hpp>

#include "cli/import/importer.h"
#include "cli/import/importer_progress.h"
#include "cli/import/mb_reader.h"
#include "cli/import/mb_writer.h"
#include "cli/import/resolve_graph.h"

namespace liner::import {
namespace {

// nlohmann's message without its "[json.exception…] parse error at line…: " prefix, since we
// say where ourselves.
std::string ParseReason(const nlohmann::json::parse_error& e) {
  std::string what = e.what();
  size_t colon = what.find(": ", what.find("parse error"));
  std::string reason = colon == std::string::npos ? what : what.substr(colon + 2);
  if (reason.find("UTF-8") != std::string::npos || reason.find("utf-8") != std::string::npos) {
    reason = "invalid UTF-8 (wrong encoding?): " + reason;
  }
  return "malformed JSON: " + reason;
}

// "file:line:column" of byte `byte` (1-based, as nlohmann counts) of a record.
std::string Where(const MbRecord& rec, size_t byte) {
  const std::string& t = *rec.text;
  uint64_t line = rec.line;
  size_t col = 1;
  for (size_t i = 0; i + 1 < byte && i < t.size(); ++i) {
    if (t[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return rec.where + ":" + std::to_string(line) + ":" + std::to_string(col);
}

}  // namespace

Result<ImportSummary> ImportMusicBrainz(Database& db, const std::vector<std::string>& paths,
                                        const ImportOptions& options) {
  ImportSummary summary;
  std::vector<std::string> files = ExpandPaths(
      paths, {".json", ".jsonl", ".tar.xz", ".tar.gz", ".tar.bz2", ".tar"});
  const uint64_t total = TotalSize(files);
  LINER_ASSIGN_OR_RETURN(auto batches, ImportBatches::Begin(db, options));
  Resolver resolver(*batches, summary, "musicbrainz", options.cache_entries);
  MbWriter writer(resolver);
  Progress progress(options, total);
  uint64_t done = 0, pos = 0;  // sizes of the files read; position in the current one
  for (const std::string& file : files) {
    pos = 0;
    Status st = ReadMusicBrainzRecords(file, &summary.bytes_read, [&](const MbRecord& rec) {
      ++summary.records_read;
      nlohmann::json entity;
      try {
        entity = nlohmann::json::parse(*rec.text);
      } catch (const nlohmann::json::parse_error& e) {
        return ReportBad(options, summary, Where(rec, e.byte), ParseReason(e));
      }
      const std::string where = rec.where + ":" + std::to_string(rec.line);
      if (Status v = writer.Validate(entity, rec.kind_hint); !v.ok()) {
        return ReportBad(options, summary, where, v.message());
      }
      auto written = writer.Write(entity, rec.kind_hint);
      if (!written.ok()) return written.status().WithContext(where);
      LINER_RETURN_IF_ERROR(resolver.RecordDone().status());
      progress.Update(summary.records_read, summary.bytes_read, done + pos);
      return Status::OK();
    }, &pos);
    done += TotalSize({file});
    if (!st.ok()) {
      progress.Finish();
      return batches->Fail(st);
    }
  }
  summary.seconds = progress.Finish();
  LINER_RETURN_IF_ERROR(batches->Commit());
  summary.batches = batches->batches_committed() + 1;
  return summary;
}

}  // namespace liner::import
