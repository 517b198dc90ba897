// liner import: native CSV / JSONL (neo4j-admin conventions) and the real-world formats
// (MusicBrainz, Discogs, music-routes) into a database. See docs/import-format.md.
#include <filesystem>
#include <map>

#include "cli/command.h"
#include "cli/flags.h"
#include "cli/import/importer.h"
#include "cli/import/native_import.h"

namespace liner::cli {

namespace {

using import::Format;
using import::ImportSummary;
using import::NativeInput;

Result<char> OneChar(const Flags& flags, const std::string& name, char fallback) {
  if (!flags.Has(name)) return fallback;
  std::string v = flags.Get(name);
  if (v == "\\t" || v == "TAB") return '\t';
  if (v.size() != 1) {
    return Status::InvalidArgument("liner import: --" + name + " takes one character, got '" +
                                   v + "'");
  }
  return v[0];
}

Result<import::NativeOptions> NativeOptionsFrom(const Flags& flags, Io& io) {
  import::NativeOptions o;
  o.common.skip_bad = flags.Has("skip-bad");
  o.common.progress = &io.err;
  o.common.progress_is_terminal = io.stderr_is_terminal;
  o.common.warnings = &io.err;
  // Tuning of the MusicBrainz, Discogs and music-routes importers (docs/import-format.md).
  LINER_ASSIGN_OR_RETURN(long long batch, flags.GetInt("batch-writes", 0));
  LINER_ASSIGN_OR_RETURN(long long cache, flags.GetInt("cache-entries", 100'000));
  if (batch < 0 || cache < 0) {
    return Status::InvalidArgument("liner import: --batch-writes and --cache-entries take a "
                                   "number >= 0");
  }
  if (flags.Has("batch-writes")) o.common.batch_writes = static_cast<uint64_t>(batch);
  o.common.cache_entries = static_cast<uint64_t>(cache);
  std::string id_type = flags.Get("id-type", "string");
  if (id_type == "integer" || id_type == "int" || id_type == "long") {
    o.id_type = import::IdType::kInteger;
  } else if (id_type == "string") {
    o.id_type = import::IdType::kString;
  } else {
    return Status::InvalidArgument("liner import: --id-type is string or integer, not '" +
                                   id_type + "'");
  }
  LINER_ASSIGN_OR_RETURN(o.delimiter, OneChar(flags, "delimiter", ','));
  LINER_ASSIGN_OR_RETURN(o.array_delimiter, OneChar(flags, "array-delimiter", ';'));
  o.bulk = !flags.Has("transactional");
  o.common.bulk = o.bulk;
  o.timings = flags.Has("timings");
  return o;
}

// The real-world importers (cli/import/mb_*, discogs_*, music_routes_*).
Format DetectRealWorldFormat(const std::string& path) { return import::DetectFormat(path); }

Result<ImportSummary> ImportRealWorld(Format f, Database& db, const std::vector<std::string>& paths,
                                      const import::ImportOptions& options) {
  switch (f) {
    case Format::kMusicBrainz: return import::ImportMusicBrainz(db, paths, options);
    case Format::kDiscogs: return import::ImportDiscogs(db, paths, options);
    case Format::kMusicRoutes: return import::ImportMusicRoutes(db, paths, options);
    default:
      return Status::InvalidArgument("format " + std::string(import::FormatName(f)) +
                                     ": not a real-world format");
  }
}

// Sorts positional paths into native ones and those of each real-world format.
Result<std::map<Format, std::vector<std::string>>> GroupPaths(
    Format format, const std::vector<std::string>& paths) {
  std::map<Format, std::vector<std::string>> groups;
  for (const auto& p : paths) {
    std::error_code ec;
    if (!std::filesystem::exists(p, ec)) return Status::NotFound(p + ": no such file or directory");
    Format f = format;
    if (f == Format::kAuto) {
      f = import::LooksNative(p) ? Format::kCsv : DetectRealWorldFormat(p);
      if (f == Format::kAuto) {
        return Status::InvalidArgument(
            p + ": cannot tell its format; give --format csv|jsonl|musicbrainz|discogs|"
                "music-routes");
      }
    }
    if (f == Format::kJsonl) f = Format::kCsv;  // one native group (kind from each file)
    groups[f].push_back(p);
  }
  return groups;
}

Result<ImportSummary> RunImport(Database& db, const Flags& flags, Io& io) {
  LINER_ASSIGN_OR_RETURN(Format format, import::ParseFormat(flags.Get("format")));
  LINER_ASSIGN_OR_RETURN(import::NativeOptions native, NativeOptionsFrom(flags, io));
  std::vector<NativeInput> inputs;
  for (const auto& arg : flags.GetAll("nodes")) {
    LINER_ASSIGN_OR_RETURN(NativeInput in,
                           import::ParseNativeInputArg(NativeInput::Kind::kNodes, arg));
    inputs.push_back(std::move(in));
  }
  for (const auto& arg : flags.GetAll("relationships")) {
    LINER_ASSIGN_OR_RETURN(NativeInput in,
                           import::ParseNativeInputArg(NativeInput::Kind::kRelationships, arg));
    inputs.push_back(std::move(in));
  }
  if (!inputs.empty() && format != Format::kAuto && format != Format::kCsv &&
      format != Format::kJsonl) {
    return Status::InvalidArgument("liner import: --nodes/--relationships are native CSV or "
                                   "JSONL, not --format " + std::string(import::FormatName(format)));
  }
  LINER_ASSIGN_OR_RETURN(auto groups, GroupPaths(format, flags.positionals()));
  if (auto it = groups.find(Format::kCsv); it != groups.end()) {
    LINER_ASSIGN_OR_RETURN(auto more, import::ExpandNativePaths(it->second));
    for (auto& in : more) inputs.push_back(std::move(in));
    groups.erase(it);
  }
  ImportSummary total;
  if (!inputs.empty()) {
    LINER_ASSIGN_OR_RETURN(ImportSummary s, import::ImportNative(db, inputs, native));
    total.Merge(s);
  }
  for (const auto& [f, paths] : groups) {
    Result<ImportSummary> s = ImportRealWorld(f, db, paths, native.common);
    if (!s.ok()) return s.status();
    total.Merge(*s);
  }
  return total;
}

}  // namespace

int CmdImport(const std::vector<std::string>& args, Io& io) {
  Flags flags("liner import");
  flags.Value("db").Value("format").Value("id-type").Value("nodes").Value("relationships");
  flags.Value("delimiter").Value("array-delimiter").Value("batch-writes").Value("cache-entries");
  flags.Switch("skip-bad").Switch("transactional").Switch("quiet").Switch("timings");
  Status st = flags.Parse(args);
  if (st.ok() && !flags.Has("db")) st = Status::InvalidArgument("liner import: --db DIR is required");
  if (st.ok() && flags.positionals().empty() && flags.GetAll("nodes").empty() &&
      flags.GetAll("relationships").empty()) {
    st = Status::InvalidArgument("liner import: nothing to import (give PATH... or --nodes=FILES)");
  }
  if (!st.ok()) {
    io.err << "error: " << st.message() << "\n";
    return 2;
  }
  auto db = Database::Open(flags.Get("db"));
  if (!db.ok()) {
    io.err << "error: " << db.status().message() << "\n";
    return 1;
  }
  auto summary = RunImport(**db, flags, io);
  if (!summary.ok()) {
    io.err << "error: " << summary.status().message() << "\n"
           << "nothing of this import was written\n";
    return 1;
  }
  if (!flags.Has("quiet")) io.err << summary->ToString();
  return 0;
}

}  // namespace liner::cli
