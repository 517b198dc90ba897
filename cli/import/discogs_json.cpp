// Discogs API release JSON (see discogs_json.h).
#include "cli/import/discogs_json.h"

#include <nlohmann/json.hpp>

#include "cli/import/json_error.h"

namespace liner::import {
namespace {

using json = nlohmann::json;

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<int64_t>());
  return "";
}

int64_t Id(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end()) return 0;
  if (it->is_number_integer()) return it->get<int64_t>();
  if (it->is_string()) {
    try {
      return std::stoll(it->get<std::string>());
    } catch (...) {
      return 0;
    }
  }
  return 0;
}

const json& Arr(const json& j, const char* key) {
  static const json kEmpty = json::array();
  auto it = j.find(key);
  return it != j.end() && it->is_array() ? *it : kEmpty;
}

std::vector<DiscogsCredit> Credits(const json& list) {
  std::vector<DiscogsCredit> out;
  for (const json& a : list) {
    if (!a.is_object()) continue;
    out.push_back(DiscogsCredit{Id(a, "id"), Str(a, "name"), Str(a, "anv"), Str(a, "join"),
                                Str(a, "role"), Str(a, "tracks")});
  }
  return out;
}

void AddTracks(const json& list, DiscogsRelease& rel) {
  for (const json& t : list) {
    if (!t.is_object()) continue;
    std::string type = Str(t, "type_");
    if (type == "heading") continue;
    if (type == "index" && !Arr(t, "sub_tracks").empty()) {
      AddTracks(Arr(t, "sub_tracks"), rel);  // an index track is a group of real tracks
      continue;
    }
    rel.tracks.push_back(DiscogsTrack{Str(t, "position"), Str(t, "title"), Str(t, "duration"),
                                      Credits(Arr(t, "artists")),
                                      Credits(Arr(t, "extraartists"))});
  }
}

}  // namespace

bool LooksLikeDiscogsApiJson(const std::string& prefix) {
  return prefix.find("api.discogs.com") != std::string::npos ||
         prefix.find("\"extraartists\"") != std::string::npos ||
         prefix.find("\"tracklist\"") != std::string::npos;
}

Result<DiscogsRelease> ParseDiscogsApiRelease(const std::string& text) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error& e) {
    return Status::InvalidArgument(JsonErrorAt(text, e));
  }
  if (!j.is_object() || !j.contains("tracklist")) {
    return Status::InvalidArgument("not a Discogs release (no tracklist)");
  }
  DiscogsRelease rel;
  rel.id = Id(j, "id");
  rel.title = Str(j, "title");
  rel.country = Str(j, "country");
  rel.released = Str(j, "released");
  rel.master_id = Id(j, "master_id");
  for (const json& g : Arr(j, "genres")) {
    if (g.is_string()) rel.genres.push_back(g.get<std::string>());
  }
  for (const json& s : Arr(j, "styles")) {
    if (s.is_string()) rel.styles.push_back(s.get<std::string>());
  }
  rel.artists = Credits(Arr(j, "artists"));
  rel.extraartists = Credits(Arr(j, "extraartists"));
  for (const json& l : Arr(j, "labels")) {
    if (l.is_object()) rel.labels.push_back({Id(l, "id"), Str(l, "name"), Str(l, "catno"), ""});
  }
  for (const json& c : Arr(j, "companies")) {
    if (c.is_object()) {
      rel.companies.push_back(
          {Id(c, "id"), Str(c, "name"), Str(c, "catno"), Str(c, "entity_type_name")});
    }
  }
  AddTracks(Arr(j, "tracklist"), rel);
  return rel;
}

}  // namespace liner::import
