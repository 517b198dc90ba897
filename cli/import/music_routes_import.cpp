// ImportMusicRoutes: the data/ folder of the npm package music-routes-data (Rich Trott,
// CC BY-SA 4.0): individuals -> Person, artists -> the Person of the same name or a Group,
// tracks -> Song, releases -> Album; individual_track -> CREDITED with each credit as a role
// ("performer" when none is given), artist_track -> CREDITED primary artist, track_release ->
// APPEARS_ON. Ids are kept as `id` = "music-routes:<kind>:<_id>" so a re-import finds them.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "cli/import/importer.h"
#include "cli/import/importer_progress.h"
#include "cli/import/json_error.h"
#include "cli/import/resolve_graph.h"
#include "cli/import/resolve_names.h"
#include "cli/import/roles_taxonomy.h"

namespace liner::import {
namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

constexpr const char* kFiles[] = {"individuals.json",     "artists.json",
                                  "tracks.json",          "releases.json",
                                  "individual_track.json", "artist_track.json",
                                  "track_release.json"};

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The folder holding the JSON files: `path` itself or its data/ (the package folder).
Result<std::string> DataDir(const std::string& path) {
  for (const fs::path& p : {fs::path(path), fs::path(path) / "data",
                            fs::path(path) / "node_modules" / "music-routes-data" / "data"}) {
    if (fs::exists(p / "individuals.json")) return p.string();
  }
  return Status::InvalidArgument(path + ": not a music-routes-data folder (no individuals.json)");
}

Result<json> LoadArray(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::IOError(file + ": cannot open file");
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  try {
    json j = json::parse(text);
    if (!j.is_array()) return Status::InvalidArgument(file + ": expected a JSON array");
    return j;
  } catch (const json::parse_error& e) {
    return Status::InvalidArgument(file + ":" + JsonErrorAt(text, e));
  }
}

class MusicRoutesImport {
 public:
  MusicRoutesImport(Resolver& r, ImportSummary& s, const ImportOptions& o, Progress& p)
      : r_(r), summary_(s), options_(o), progress_(p) {}

  Status Run(const std::string& dir) {
    std::vector<json> data;
    for (const char* f : kFiles) {
      std::string file = (fs::path(dir) / f).string();
      std::error_code ec;
      summary_.bytes_read += fs::file_size(file, ec);
      LINER_ASSIGN_OR_RETURN(json arr, LoadArray(file));
      data.push_back(std::move(arr));
    }
    LINER_RETURN_IF_ERROR(Entities(dir, data[0], "individuals.json", individuals_, "Person"));
    LINER_RETURN_IF_ERROR(Entities(dir, data[1], "artists.json", artists_, "Group"));
    LINER_RETURN_IF_ERROR(Entities(dir, data[2], "tracks.json", tracks_, "Song"));
    LINER_RETURN_IF_ERROR(Entities(dir, data[3], "releases.json", releases_, "Album"));
    LINER_RETURN_IF_ERROR(Links(dir, data[4], "individual_track.json", "individual_id",
                                individuals_, "track_id", tracks_));
    LINER_RETURN_IF_ERROR(Links(dir, data[5], "artist_track.json", "artist_id", artists_,
                                "track_id", tracks_));
    return Links(dir, data[6], "track_release.json", "track_id", tracks_, "release_id",
                 releases_);
  }

 private:
  using IdMap = std::unordered_map<std::string, NodeId>;

  Status Bad(const std::string& dir, const char* file, size_t index, const std::string& why) {
    return ReportBad(options_, summary_,
                     (fs::path(dir) / file).string() + ": record " + std::to_string(index + 1),
                     why);
  }

  Status Entities(const std::string& dir, const json& arr, const char* file, IdMap& ids,
                  const std::string& label) {
    const std::string kind = std::string(file).substr(0, std::string(file).size() - 6);
    for (size_t i = 0; i < arr.size(); ++i) {
      ++summary_.records_read;
      const json& e = arr[i];
      std::string id = e.is_object() ? Str(e, "_id") : "";
      if (id.empty()) {
        LINER_RETURN_IF_ERROR(Bad(dir, file, i, "record has no _id"));
        continue;
      }
      std::vector<std::string> names;
      if (e.contains("names") && e["names"].is_array()) {
        for (const json& n : e["names"]) {
          if (n.is_string() && !n.get<std::string>().empty()) names.push_back(n.get<std::string>());
        }
      }
      if (names.empty()) {
        LINER_RETURN_IF_ERROR(Bad(dir, file, i, "record " + id + " has no names"));
        continue;
      }
      // An "artist" that is one of the individuals (a solo act) is that person.
      if (label == "Group") {
        auto person = person_names_.find(ResolveKey(names[0]));
        if (person != person_names_.end()) {
          ids[id] = person->second;
          continue;
        }
      }
      NodeSpec spec;
      spec.label = label;
      spec.label_certain = false;
      spec.match_by_name = label == "Person" || label == "Group";
      spec.id_key = "id";
      spec.id_value = "music-routes:" + kind + ":" + id;
      spec.name = names[0];
      spec.aliases.assign(names.begin() + 1, names.end());
      LINER_ASSIGN_OR_RETURN(NodeId node, r_.Resolve(spec));
      ids[id] = node;
      if (label == "Person") person_names_.emplace(ResolveKey(names[0]), node);
      LINER_RETURN_IF_ERROR(r_.RecordDone().status());
      progress_.Update(summary_.records_read, summary_.bytes_read, summary_.bytes_read);
    }
    return Status::OK();
  }

  Status Links(const std::string& dir, const json& arr, const char* file, const char* from_key,
               const IdMap& from, const char* to_key, const IdMap& to) {
    const bool credits = std::string(file) == "individual_track.json";
    const bool appears = std::string(file) == "track_release.json";
    for (size_t i = 0; i < arr.size(); ++i) {
      ++summary_.records_read;
      const json& e = arr[i];
      std::string a = e.is_object() ? Str(e, from_key) : "";
      std::string b = e.is_object() ? Str(e, to_key) : "";
      auto src = from.find(a);
      auto dst = to.find(b);
      if (a.empty() || b.empty()) {
        LINER_RETURN_IF_ERROR(Bad(dir, file, i, std::string("missing ") + from_key + " or " + to_key));
        continue;
      }
      if (src == from.end() || dst == to.end()) {
        LINER_RETURN_IF_ERROR(Bad(dir, file, i,
                                  "unknown " + std::string(src == from.end() ? from_key : to_key) +
                                      " '" + (src == from.end() ? a : b) + "'"));
        continue;
      }
      if (appears) {
        LINER_RETURN_IF_ERROR(r_.Link(src->second, dst->second, "APPEARS_ON", {}, {}));
      } else if (!credits) {
        LINER_RETURN_IF_ERROR(r_.Link(src->second, dst->second, "CREDITED",
                                      {{"role", Value("primary artist")},
                                       {"category", Value("performance")}}));
      } else {
        std::vector<std::string> roles;
        if (e.contains("credits") && e["credits"].is_array()) {
          for (const json& c : e["credits"]) {
            if (c.is_string() && !c.get<std::string>().empty()) roles.push_back(c.get<std::string>());
          }
        }
        if (roles.empty()) roles.push_back("performer");
        for (const std::string& role : roles) {
          RoleInfo info = ClassifyRoleText(role);
          if (!info.known) r_.CountUnknown("music-routes credit '" + role + "'");
          LINER_RETURN_IF_ERROR(r_.Link(src->second, dst->second, "CREDITED",
                                        {{"role", Value(info.role)},
                                         {"category", Value(CategoryName(info.category))}}));
        }
      }
      LINER_RETURN_IF_ERROR(r_.RecordDone().status());
      progress_.Update(summary_.records_read, summary_.bytes_read, summary_.bytes_read);
    }
    return Status::OK();
  }

  Resolver& r_;
  ImportSummary& summary_;
  const ImportOptions& options_;
  Progress& progress_;
  IdMap individuals_, artists_, tracks_, releases_;
  std::unordered_map<std::string, NodeId> person_names_;
};

}  // namespace

Result<ImportSummary> ImportMusicRoutes(Database& db, const std::vector<std::string>& paths,
                                        const ImportOptions& options) {
  ImportSummary summary;
  std::vector<std::string> dirs;
  for (const auto& p : paths) {
    LINER_ASSIGN_OR_RETURN(std::string dir, DataDir(p));
    dirs.push_back(dir);
  }
  LINER_ASSIGN_OR_RETURN(auto batches, ImportBatches::Begin(db, options));
  Resolver resolver(*batches, summary, "music-routes-data", options.cache_entries);
  Progress progress(options);
  for (const auto& dir : dirs) {
    MusicRoutesImport run(resolver, summary, options, progress);
    Status st = run.Run(dir);
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
