// ImportDiscogs: Discogs XML dumps, single records and API JSON in batches, all or nothing.
#include <cctype>
#include <fstream>
#include <sstream>

#include "cli/import/discogs_json.h"
#include "cli/import/discogs_writer.h"
#include "cli/import/discogs_xml.h"
#include "cli/import/discogs_xml_ahead.h"
#include "cli/import/importer.h"
#include "cli/import/importer_progress.h"
#include "cli/import/resolve_graph.h"

namespace liner::import {
namespace {

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

Result<ImportSummary> ImportDiscogs(Database& db, const std::vector<std::string>& paths,
                                    const ImportOptions& options) {
  ImportSummary summary;
  std::vector<std::string> files = ExpandPaths(paths, {".xml", ".xml.gz", ".json"});
  const uint64_t total = TotalSize(files);
  LINER_ASSIGN_OR_RETURN(auto batches, ImportBatches::Begin(db, options));
  Resolver resolver(*batches, summary, "discogs", options.cache_entries);
  DiscogsWriter writer(resolver);
  Progress progress(options, total);
  Status st;
  uint64_t done = 0, pos = 0;  // sizes of the files read; position in the current one
  for (const std::string& file : files) {
    pos = 0;
    // A record's own problems (a missing id) are bad records; anything else stops the import.
    auto handle = [&](Status written, uint64_t line) -> Status {
      ++summary.records_read;
      progress.Update(summary.records_read, summary.bytes_read, done + pos);
      if (written.ok()) return resolver.RecordDone().status();
      const std::string where = file + ":" + std::to_string(line);
      if (written.code() == Status::Code::kInvalidArgument) {
        return ReportBad(options, summary, where, written.message());
      }
      return written.WithContext(where);
    };
    if (EndsWith(file, ".json")) {
      std::ifstream in(file, std::ios::binary);
      if (!in) {
        st = Status::IOError(file + ": cannot open file");
        break;
      }
      std::stringstream text;
      text << in.rdbuf();
      summary.bytes_read += text.str().size();
      auto rel = ParseDiscogsApiRelease(text.str());
      if (!rel.ok()) {
        ++summary.records_read;
        // The parser says "line:column: reason" when it knows where.
        const std::string& m = rel.status().message();
        size_t sep = m.find(": ");
        bool located = sep != std::string::npos && !m.empty() && std::isdigit(m[0]);
        st = ReportBad(options, summary, located ? file + ":" + m.substr(0, sep) : file,
                       located ? m.substr(sep + 2) : m);
      } else {
        st = handle(writer.WriteRelease(*rel), 1);
      }
    } else {
      DiscogsHandlers h;
      h.release = [&](const DiscogsRelease& r, uint64_t line) {
        return handle(writer.WriteRelease(r), line);
      };
      h.artist = [&](const DiscogsArtist& a, uint64_t line) {
        return handle(writer.WriteArtist(a), line);
      };
      h.label = [&](const DiscogsLabel& l, uint64_t line) {
        return handle(writer.WriteLabel(l), line);
      };
      h.master = [&](const DiscogsMaster& m, uint64_t line) {
        return handle(writer.WriteMaster(m), line);
      };
      st = ReadDiscogsXmlAhead(file, &summary.bytes_read, h, &pos);
    }
    done += TotalSize({file});
    if (!st.ok()) break;
  }
  summary.seconds = progress.Finish();
  if (!st.ok()) return batches->Fail(st);
  LINER_RETURN_IF_ERROR(batches->Commit());
  summary.batches = batches->batches_committed() + 1;
  return summary;
}

}  // namespace liner::import
