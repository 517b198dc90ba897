// MusicBrainz entity mapping (see mb_writer.h).
#include "cli/import/mb_writer.h"

#include <nlohmann/json.hpp>

#include "cli/import/roles_taxonomy.h"

namespace liner::import {
namespace {

using json = nlohmann::json;

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

const json* Obj(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_object() ? &*it : nullptr;
}

const json& Arr(const json& j, const char* key) {
  static const json kEmpty = json::array();
  auto it = j.find(key);
  return it != j.end() && it->is_array() ? *it : kEmpty;
}

std::vector<std::string> Strings(const json& arr) {
  std::vector<std::string> out;
  for (const auto& v : arr) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

Value StringList(const std::vector<std::string>& v) {
  ValueList l;
  for (const auto& s : v) l.emplace_back(s);
  return Value(std::move(l));
}

Value IntOrNull(const json& j, const char* key) {
  auto it = j.find(key);
  if (it != j.end() && it->is_number_integer()) return Value(it->get<int64_t>());
  if (it != j.end() && it->is_number()) return Value(static_cast<int64_t>(it->get<double>()));
  return Value();
}

// A placeholder with neither id nor name (web-service fixtures with every field null): it
// names nothing, so it is skipped rather than rejected.
bool Empty(const json& j) {
  return !j.is_object() ||
         (Str(j, "id").empty() && Str(j, "name").empty() && Str(j, "title").empty());
}

// The mbid of an entity, or null when it has none (then it is found by name).
Value IdOf(const json& j, const char* key) {
  std::string id = Str(j, key);
  return id.empty() ? Value() : Value(id);
}

// The JSON key under which a relation holds its target, from `target-type`.
std::string TargetKey(const std::string& target_type) {
  return target_type == "release-group" ? "release_group" : target_type;
}

bool IsEntityTarget(const std::string& t) {
  return t == "artist" || t == "recording" || t == "release" || t == "label" || t == "place" ||
         t == "work";
}

Status Require(const json& j, const std::string& kind, const char* name_key) {
  if (!j.is_object()) return Status::InvalidArgument(kind + " is not a JSON object");
  if (Empty(j)) return Status::OK();
  if (Str(j, "id").empty()) return Status::InvalidArgument(kind + " has no id");
  if (name_key && Str(j, name_key).empty()) {
    return Status::InvalidArgument(kind + " " + Str(j, "id") + " has no " + name_key);
  }
  return Status::OK();
}

const char* NameKeyOf(const std::string& kind) {
  if (kind == "recording" || kind == "release" || kind == "release-group") return "title";
  if (kind == "artist" || kind == "label" || kind == "place") return "name";
  return nullptr;
}

Status ValidateRelations(const json& e, const std::string& kind, int depth) {
  const json& rels = Arr(e, "relations");
  for (size_t i = 0; i < rels.size(); ++i) {
    const json& rel = rels[i];
    std::string tt = Str(rel, "target-type");
    if (!IsEntityTarget(tt)) continue;
    const json* target = Obj(rel, TargetKey(tt).c_str());
    std::string where = kind + " " + Str(e, "id") + ", relation " + std::to_string(i + 1) +
                        " (" + Str(rel, "type") + ")";
    if (!target) return Status::InvalidArgument(where + ": no " + tt + " object");
    if (Empty(*target)) continue;
    // People, labels and places can be found by name; songs and albums need their id.
    bool by_name = tt == "artist" || tt == "label" || tt == "place";
    if (Str(*target, "id").empty() && !by_name) return Status::InvalidArgument(where + ": " + tt + " has no id");
    if (depth == 0 && tt == "work") LINER_RETURN_IF_ERROR(ValidateRelations(*target, "work", 1));
  }
  return Status::OK();
}

Status ValidateCredits(const json& e, const std::string& kind) {
  for (const json& c : Arr(e, "artist-credit")) {
    const json* a = c.is_object() ? Obj(c, "artist") : nullptr;
    if (a && Empty(*a)) continue;
    if (!a) {
      return Status::InvalidArgument(kind + " " + Str(e, "id") + ": artist credit without an artist");
    }
  }
  return Status::OK();
}

}  // namespace

std::string MbKindOf(const json& e, const std::string& hint) {
  if (!e.is_object()) return "";
  bool has_id = e.contains("id");
  if (!has_id) {
    for (const char* k : {"releases", "recordings", "artists", "labels", "places", "works",
                          "release-groups", "collections"}) {
      if (e.contains(k) && e[k].is_array()) return "list";
    }
    if (e.contains("tracks") && e["tracks"].is_array()) return "medium";
  }
  if (Obj(e, "recording") && (e.contains("position") || e.contains("number"))) return "track";
  if (!hint.empty()) return hint;
  if (e.contains("label-code")) return "label";
  if (e.contains("coordinates") || e.contains("address")) return "place";
  if (e.contains("iswcs") || (e.contains("language") && !e.contains("media"))) return "work";
  for (const char* k : {"media", "release-events", "barcode", "label-info", "release-group",
                        "cover-art-archive", "status"}) {
    if (e.contains(k)) return "release";
  }
  if (e.contains("primary-type")) return "release-group";
  for (const char* k : {"sort-name", "life-span", "gender", "ipis"}) {
    if (e.contains(k)) return "artist";
  }
  for (const char* k : {"length", "isrcs", "video", "artist-credit"}) {
    if (e.contains(k)) return "recording";
  }
  return "";
}

Status MbWriter::Validate(const json& e, const std::string& kind_hint) const {
  if (!e.is_object()) return Status::InvalidArgument("record is not a JSON object");
  std::string kind = MbKindOf(e, kind_hint);
  if (kind.empty()) {
    if (!e.contains("id")) return Status::InvalidArgument("entity has no id");
    return Status::OK();
  }
  if (kind == "list") {
    for (auto it = e.begin(); it != e.end(); ++it) {
      if (!it->is_array() || it.key() == "collections") continue;
      std::string k = it.key() == "release-groups" ? "release-group" : it.key();
      if (!k.empty() && k.back() == 's') k.pop_back();
      for (const json& x : *it) LINER_RETURN_IF_ERROR(Validate(x, k));
    }
    return Status::OK();
  }
  if (kind == "medium") {
    for (const json& t : Arr(e, "tracks")) LINER_RETURN_IF_ERROR(Validate(t, "track"));
    return Status::OK();
  }
  if (kind == "track") {
    const json* rec = Obj(e, "recording");
    if (!rec) return Status::InvalidArgument("track " + Str(e, "id") + " has no recording");
    return Validate(*rec, "recording");
  }
  LINER_RETURN_IF_ERROR(Require(e, kind, NameKeyOf(kind)));
  LINER_RETURN_IF_ERROR(ValidateCredits(e, kind));
  LINER_RETURN_IF_ERROR(ValidateRelations(e, kind, 0));
  if (kind == "release") {
    for (const json& m : Arr(e, "media")) {
      for (const json& t : Arr(m, "tracks")) LINER_RETURN_IF_ERROR(Validate(t, "track"));
    }
  }
  if (kind == "release-group") {
    for (const json& rel : Arr(e, "releases")) LINER_RETURN_IF_ERROR(Validate(rel, "release"));
  }
  return Status::OK();
}

Result<int> MbWriter::Write(const json& e, const std::string& kind_hint) {
  std::string kind = MbKindOf(e, kind_hint);
  if (kind == "list") {
    int n = 0;
    for (auto it = e.begin(); it != e.end(); ++it) {
      if (!it->is_array() || it.key() == "collections") continue;
      std::string k = it.key() == "release-groups" ? "release-group" : it.key();
      if (!k.empty() && k.back() == 's') k.pop_back();
      for (const json& x : *it) {
        LINER_ASSIGN_OR_RETURN(int m, Write(x, k));
        n += m;
      }
    }
    return n;
  }
  if (kind == "medium") {
    for (const json& t : Arr(e, "tracks")) LINER_RETURN_IF_ERROR(Track(t, 0, 0));
    return static_cast<int>(Arr(e, "tracks").size());
  }
  if (kind == "track") {
    LINER_RETURN_IF_ERROR(Track(e, 0, 0));
    return 1;
  }
  if (Empty(e)) return 0;
  Status st;
  if (kind == "artist") st = Artist(e, true).status();
  else if (kind == "recording") st = Recording(e, true).status();
  else if (kind == "release") st = Release(e, true, "").status();
  else if (kind == "label") st = Label(e, true).status();
  else if (kind == "place") st = Place(e, true).status();
  else if (kind == "work") st = Work(e);
  else if (kind == "release-group") {
    for (const json& rel : Arr(e, "releases")) {
      if (Empty(rel)) continue;
      LINER_RETURN_IF_ERROR(Release(rel, true, Str(e, "id")).status());
    }
  } else {
    return 0;  // an entity kind without credits (area, series, event, …)
  }
  LINER_RETURN_IF_ERROR(st);
  return 1;
}

Result<NodeId> MbWriter::Artist(const json& a, bool full) {
  std::string type = Str(a, "type");
  NodeSpec spec;
  spec.label = (type == "Group" || type == "Orchestra" || type == "Choir") ? "Group" : "Person";
  spec.label_certain = !type.empty();
  spec.id_key = "mbid";
  spec.id_value = IdOf(a, "id");
  spec.name = Str(a, "name");
  AddProp(spec.props, "sort_name", Str(a, "sort-name"));
  AddProp(spec.props, "disambiguation", Str(a, "disambiguation"));
  if (full) {
    AddProp(spec.props, "type", type);
    AddProp(spec.props, "country", Str(a, "country"));
    AddProp(spec.props, "gender", Str(a, "gender"));
    if (const json* ls = Obj(a, "life-span")) {
      AddProp(spec.props, "begin", Str(*ls, "begin"));
      AddProp(spec.props, "end", Str(*ls, "end"));
    }
    for (const json& al : Arr(a, "aliases")) {
      if (al.is_object() && !Str(al, "name").empty()) spec.aliases.push_back(Str(al, "name"));
    }
  }
  LINER_ASSIGN_OR_RETURN(NodeId id, r_.Resolve(spec));
  if (full) LINER_RETURN_IF_ERROR(Relations(a, "artist", id));
  return id;
}

Result<NodeId> MbWriter::Recording(const json& rec, bool full) {
  NodeSpec spec;
  spec.label = "Song";
  spec.match_by_name = false;
  spec.id_key = "mbid";
  spec.id_value = IdOf(rec, "id");
  spec.name = Str(rec, "title");
  Value length = IntOrNull(rec, "length");
  if (!length.is_null()) {
    AddProp(spec.props, "length_seconds", Value((length.as_int() + 500) / 1000));
  }
  AddProp(spec.props, "disambiguation", Str(rec, "disambiguation"));
  if (full) {
    AddProp(spec.props, "released", Str(rec, "first-release-date"));
    AddProp(spec.props, "isrcs", StringList(Strings(Arr(rec, "isrcs"))));
    if (rec.contains("video") && rec["video"].is_boolean() && rec["video"].get<bool>()) {
      AddProp(spec.props, "video", Value(true));
    }
  }
  LINER_ASSIGN_OR_RETURN(NodeId id, r_.Resolve(spec));
  LINER_RETURN_IF_ERROR(ArtistCredits(rec, id));
  if (full) LINER_RETURN_IF_ERROR(Relations(rec, "recording", id));
  return id;
}

Result<NodeId> MbWriter::Release(const json& rel, bool full, const std::string& group_mbid) {
  NodeSpec spec;
  spec.label = "Album";
  spec.match_by_name = false;
  spec.id_key = "mbid";
  spec.id_value = IdOf(rel, "id");
  spec.name = Str(rel, "title");
  AddProp(spec.props, "disambiguation", Str(rel, "disambiguation"));
  if (full) {
    std::string date = Str(rel, "date");
    AddProp(spec.props, "released", date);
    if (date.size() >= 4 && std::isdigit(static_cast<unsigned char>(date[0]))) {
      AddProp(spec.props, "year", Value(static_cast<int64_t>(std::stoi(date.substr(0, 4)))));
    }
    AddProp(spec.props, "country", Str(rel, "country"));
    AddProp(spec.props, "status", Str(rel, "status"));
    AddProp(spec.props, "barcode", Str(rel, "barcode"));
    std::string group = group_mbid;
    if (const json* rg = Obj(rel, "release-group")) group = Str(*rg, "id");
    AddProp(spec.props, "release_group", group);
  }
  LINER_ASSIGN_OR_RETURN(NodeId album, r_.Resolve(spec));
  LINER_RETURN_IF_ERROR(ArtistCredits(rel, album));
  if (!full) return album;
  for (const json& li : Arr(rel, "label-info")) {
    const json* l = li.is_object() ? Obj(li, "label") : nullptr;
    if (!l || Empty(*l)) continue;
    LINER_ASSIGN_OR_RETURN(NodeId label, Label(*l, false));
    Props props;
    AddProp(props, "catalog_number", Str(li, "catalog-number"));
    LINER_RETURN_IF_ERROR(r_.Link(album, label, "RELEASED_BY", std::move(props), {"role"}));
  }
  for (const json& m : Arr(rel, "media")) {
    int disc = m.contains("position") && m["position"].is_number_integer()
                   ? m["position"].get<int>() : 0;
    for (const json& t : Arr(m, "tracks")) LINER_RETURN_IF_ERROR(Track(t, album, disc));
  }
  LINER_RETURN_IF_ERROR(Relations(rel, "release", album));
  return album;
}

Status MbWriter::Track(const json& t, NodeId album, int disc) {
  const json* rec = Obj(t, "recording");
  if (!rec || Empty(*rec)) return Status::OK();
  json merged = *rec;
  if (Str(merged, "title").empty()) merged["title"] = Str(t, "title");
  // A track's own artist credit (when it differs from the recording's) is the credit printed.
  if (!merged.contains("artist-credit") && t.contains("artist-credit")) {
    merged["artist-credit"] = t["artist-credit"];
  }
  LINER_ASSIGN_OR_RETURN(NodeId song, Recording(merged, merged.contains("relations")));
  if (album == 0) return Status::OK();
  Props props;
  if (t.contains("position") && t["position"].is_number_integer()) {
    AddProp(props, "track_number", Value(t["position"].get<int64_t>()));
  }
  AddProp(props, "number", Str(t, "number"));
  if (disc > 0) AddProp(props, "disc", Value(static_cast<int64_t>(disc)));
  return r_.Link(song, album, "APPEARS_ON", std::move(props), {"disc", "track_number"});
}

Result<NodeId> MbWriter::Label(const json& l, bool full) {
  NodeSpec spec;
  spec.label = "Label";
  spec.id_key = "mbid";
  spec.id_value = IdOf(l, "id");
  spec.name = Str(l, "name");
  AddProp(spec.props, "disambiguation", Str(l, "disambiguation"));
  if (full) {
    AddProp(spec.props, "sort_name", Str(l, "sort-name"));
    AddProp(spec.props, "type", Str(l, "type"));
    AddProp(spec.props, "country", Str(l, "country"));
    AddProp(spec.props, "label_code", IntOrNull(l, "label-code"));
    for (const json& al : Arr(l, "aliases")) {
      if (al.is_object() && !Str(al, "name").empty()) spec.aliases.push_back(Str(al, "name"));
    }
  }
  LINER_ASSIGN_OR_RETURN(NodeId id, r_.Resolve(spec));
  if (full) LINER_RETURN_IF_ERROR(Relations(l, "label", id));
  return id;
}

Result<NodeId> MbWriter::Place(const json& p, bool full) {
  NodeSpec spec;
  spec.label = "Studio";
  spec.id_key = "mbid";
  spec.id_value = IdOf(p, "id");
  spec.name = Str(p, "name");
  AddProp(spec.props, "disambiguation", Str(p, "disambiguation"));
  if (full) {
    AddProp(spec.props, "type", Str(p, "type"));
    AddProp(spec.props, "address", Str(p, "address"));
    if (const json* area = Obj(p, "area")) AddProp(spec.props, "city", Str(*area, "name"));
  }
  LINER_ASSIGN_OR_RETURN(NodeId id, r_.Resolve(spec));
  if (full) LINER_RETURN_IF_ERROR(Relations(p, "place", id));
  return id;
}

Status MbWriter::ArtistCredits(const json& e, NodeId target) {
  for (const json& c : Arr(e, "artist-credit")) {
    const json* a = c.is_object() ? Obj(c, "artist") : nullptr;
    if (!a || Empty(*a)) continue;
    LINER_ASSIGN_OR_RETURN(NodeId artist, Artist(*a, false));
    Props props{{"role", Value("primary artist")}, {"category", Value("performance")}};
    std::string credited = Str(c, "name");
    if (credited != Str(*a, "name")) AddProp(props, "credited_as", credited);
    AddProp(props, "join_phrase", Str(c, "joinphrase"));
    LINER_RETURN_IF_ERROR(r_.Link(artist, target, "CREDITED", std::move(props)));
  }
  return Status::OK();
}

Status MbWriter::Credit(NodeId artist, NodeId target, const json& rel,
                        const std::string& work_mbid) {
  std::string type = Str(rel, "type");
  std::vector<std::string> attrs = Strings(Arr(rel, "attributes"));
  RoleInfo role = MusicBrainzRole(type, attrs);
  if (!role.known) r_.CountUnknown("musicbrainz relationship '" + type + "'");
  Props props{{"role", Value(role.role)}, {"category", Value(CategoryName(role.category))}};
  AddProp(props, "mb_type", type);
  AddProp(props, "attributes", StringList(attrs));
  if (type == "instrument" && !attrs.empty()) AddProp(props, "instrument", role.role);
  AddProp(props, "credited_as", Str(rel, "target-credit"));
  AddProp(props, "begin", Str(rel, "begin"));
  AddProp(props, "end", Str(rel, "end"));
  AddProp(props, "work_mbid", work_mbid);  // a writing credit inherited from the work
  return r_.Link(artist, target, "CREDITED", std::move(props));
}

Status MbWriter::SampleLink(NodeId sampler, NodeId source, const json& sampler_json,
                            const json& source_json) {
  NodeSpec spec;
  spec.label = "Sample";
  spec.match_by_name = false;
  spec.id_key = "id";
  spec.id_value = "musicbrainz:sample:" + Str(sampler_json, "id") + ":" + Str(source_json, "id");
  spec.name = Str(source_json, "title");
  LINER_ASSIGN_OR_RETURN(NodeId sample, r_.Resolve(spec));
  LINER_RETURN_IF_ERROR(r_.Link(sampler, sample, "HAS_SAMPLE", {}, {}));
  return r_.Link(sample, source, "SAMPLES", {}, {});
}

Status MbWriter::Work(const json& w) {
  // A work's writers are credited on each recording of the work.
  std::vector<NodeId> songs;
  for (const json& rel : Arr(w, "relations")) {
    if (Str(rel, "target-type") != "recording" || Str(rel, "type") != "performance") continue;
    if (Empty(rel["recording"])) continue;
    LINER_ASSIGN_OR_RETURN(NodeId song, Recording(rel["recording"], false));
    songs.push_back(song);
  }
  for (const json& rel : Arr(w, "relations")) {
    if (Str(rel, "target-type") != "artist" || Empty(rel["artist"])) continue;
    LINER_ASSIGN_OR_RETURN(NodeId artist, Artist(rel["artist"], false));
    for (NodeId song : songs) LINER_RETURN_IF_ERROR(Credit(artist, song, rel, Str(w, "id")));
  }
  return Status::OK();
}

Status MbWriter::Relations(const json& e, const std::string& kind, NodeId node) {
  for (const json& rel : Arr(e, "relations")) {
    if (!rel.is_object()) continue;
    const std::string tt = Str(rel, "target-type");
    const std::string type = Str(rel, "type");
    const bool forward = Str(rel, "direction") != "backward";
    if (!IsEntityTarget(tt) || !rel.contains(TargetKey(tt))) continue;
    const json& target = rel[TargetKey(tt)];
    if (Empty(target)) continue;
    const bool song_or_album = kind == "recording" || kind == "release";
    if (tt == "artist" && song_or_album) {
      LINER_ASSIGN_OR_RETURN(NodeId artist, Artist(target, false));
      LINER_RETURN_IF_ERROR(Credit(artist, node, rel, ""));
    } else if (kind == "artist" && (tt == "recording" || tt == "release")) {
      LINER_ASSIGN_OR_RETURN(NodeId other, tt == "recording" ? Recording(target, false)
                                                             : Release(target, false, ""));
      LINER_RETURN_IF_ERROR(Credit(node, other, rel, ""));
    } else if (kind == "recording" && tt == "work" && type == "performance") {
      for (const json& wr : Arr(target, "relations")) {
        if (Str(wr, "target-type") != "artist" || Empty(wr["artist"])) continue;
        LINER_ASSIGN_OR_RETURN(NodeId artist, Artist(wr["artist"], false));
        LINER_RETURN_IF_ERROR(Credit(artist, node, wr, Str(target, "id")));
      }
    } else if (kind == "artist" && tt == "artist" && type == "member of band") {
      // entity0 (forward: this artist) is the member, entity1 the band.
      json band = forward ? target : e;
      if (Str(band, "type").empty()) band["type"] = "Group";
      LINER_ASSIGN_OR_RETURN(NodeId band_id, Artist(band, false));
      LINER_ASSIGN_OR_RETURN(NodeId member_id, forward ? Result<NodeId>(node)
                                                       : Artist(target, false));
      Props props;
      AddProp(props, "attributes", StringList(Strings(Arr(rel, "attributes"))));
      AddProp(props, "begin", Str(rel, "begin"));
      AddProp(props, "end", Str(rel, "end"));
      LINER_RETURN_IF_ERROR(r_.Link(member_id, band_id, "MEMBER_OF", std::move(props), {}));
    } else if (type == "samples material" &&
               ((kind == "recording" && (tt == "recording" || tt == "release")) ||
                (kind == "release" && tt == "recording"))) {
      // entity0 is the sampler (always a recording).
      NodeId other;
      if (tt == "recording") {
        LINER_ASSIGN_OR_RETURN(other, Recording(target, false));
      } else {
        LINER_ASSIGN_OR_RETURN(other, Release(target, false, ""));
      }
      const bool this_samples = kind == "recording" && forward;
      LINER_RETURN_IF_ERROR(this_samples ? SampleLink(node, other, e, target)
                                         : SampleLink(other, node, target, e));
    } else if (tt == "place" && song_or_album) {
      const char* edge = type == "recorded at" ? "RECORDED_AT"
                         : type == "mixed at"  ? "MIXED_AT"
                         : type == "mastered at" ? "MASTERED_AT" : nullptr;
      if (!edge) continue;
      LINER_ASSIGN_OR_RETURN(NodeId studio, Place(target, false));
      LINER_RETURN_IF_ERROR(r_.Link(node, studio, edge, {}, {}));
    } else if (kind == "place" && (tt == "recording" || tt == "release")) {
      const char* edge = type == "recorded at" ? "RECORDED_AT"
                         : type == "mixed at"  ? "MIXED_AT"
                         : type == "mastered at" ? "MASTERED_AT" : nullptr;
      if (!edge) continue;
      LINER_ASSIGN_OR_RETURN(NodeId other, tt == "recording" ? Recording(target, false)
                                                             : Release(target, false, ""));
      LINER_RETURN_IF_ERROR(r_.Link(other, node, edge, {}, {}));
    } else if (tt == "label" && song_or_album) {
      LINER_ASSIGN_OR_RETURN(NodeId label, Label(target, false));
      LINER_RETURN_IF_ERROR(r_.Link(node, label, "RELEASED_BY", {{"role", Value(type)}}));
    } else if (kind == "label" && (tt == "recording" || tt == "release")) {
      LINER_ASSIGN_OR_RETURN(NodeId other, tt == "recording" ? Recording(target, false)
                                                             : Release(target, false, ""));
      LINER_RETURN_IF_ERROR(r_.Link(other, node, "RELEASED_BY", {{"role", Value(type)}}));
    }
  }
  return Status::OK();
}

}  // namespace liner::import
