// Discogs record mapping (see discogs_writer.h).
#include "cli/import/discogs_writer.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "cli/import/roles_taxonomy.h"

namespace liner::import {
namespace {

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool AllDigits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return std::isdigit(c);
  });
}

// The value of a string of digits, or -1 when `s` is not one or does not fit in 63 bits
// ("99999999999999999999" as a track position is bad data, not a reason to stop).
int64_t WholeNumber(const std::string& s) {
  if (!AllDigits(s)) return -1;
  int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && end == s.data() + s.size() ? v : -1;
}

Value StringList(const std::vector<std::string>& v) {
  ValueList l;
  for (const auto& s : v) {
    if (!s.empty()) l.emplace_back(s);
  }
  return Value(std::move(l));
}

// "5:28" -> 328; "1:02:03" -> 3723; nullopt-like -1 when not a duration.
int64_t Seconds(const std::string& d) {
  int64_t total = 0, part = 0;
  bool any = false;
  for (char c : d) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      if (part > (int64_t{1} << 40) || total > (int64_t{1} << 40)) return -1;  // not a duration
      part = part * 10 + (c - '0');
      any = true;
    } else if (c == ':') {
      total = total * 60 + part;
      part = 0;
    } else {
      return -1;
    }
  }
  return any ? total * 60 + part : -1;
}

// The studio edge a company role denotes, or nullptr for a label-like company.
const char* StudioEdge(const std::string& type) {
  std::string t = Lower(type);
  if (t == "recorded at" || t == "engineered at" || t == "produced at") return "RECORDED_AT";
  if (t == "mixed at" || t == "remixed at") return "MIXED_AT";
  if (t == "mastered at" || t == "lacquer cut at" || t == "remastered at") return "MASTERED_AT";
  return nullptr;
}

Status CheckCredits(const std::vector<DiscogsCredit>& credits, const std::string& where) {
  for (const auto& c : credits) {
    if (c.id <= 0 && Trim(c.name).empty()) {
      return Status::InvalidArgument(where + ": credited artist has neither id nor name");
    }
  }
  return Status::OK();
}

}  // namespace

std::string DiscogsDisplayName(const std::string& name) {
  std::string n = Trim(name);
  if (n.size() > 4 && n.back() == ')') {
    size_t open = n.rfind(" (");
    if (open != std::string::npos && AllDigits(n.substr(open + 2, n.size() - open - 3))) {
      return n.substr(0, open);
    }
  }
  return n;
}

std::vector<size_t> MatchTrackSpec(const std::string& spec,
                                   const std::vector<std::string>& positions) {
  std::vector<size_t> out;
  auto find = [&](const std::string& p) -> long {
    std::string lp = Lower(Trim(p));
    for (size_t i = 0; i < positions.size(); ++i) {
      if (Lower(positions[i]) == lp) return static_cast<long>(i);
    }
    return -1;
  };
  size_t start = 0;
  while (start <= spec.size()) {
    size_t comma = spec.find(',', start);
    std::string part = Trim(spec.substr(start, comma == std::string::npos ? std::string::npos
                                                                          : comma - start));
    start = comma == std::string::npos ? spec.size() + 1 : comma + 1;
    if (part.empty()) continue;
    size_t to = Lower(part).find(" to ");
    if (to == std::string::npos) {
      long i = find(part);
      if (i >= 0) out.push_back(static_cast<size_t>(i));
      continue;
    }
    std::string a = Trim(part.substr(0, to)), b = Trim(part.substr(to + 4));
    long ia = find(a), ib = find(b);
    if (ia >= 0 && ib >= ia) {
      for (long i = ia; i <= ib; ++i) out.push_back(static_cast<size_t>(i));
    } else if (WholeNumber(a) >= 0 && WholeNumber(b) >= 0) {
      // Positions absent from the tracklist as written ("1 to 3" on "A1".."A3" is rare).
      const int64_t lo = WholeNumber(a), hi = WholeNumber(b);
      for (size_t i = 0; i < positions.size(); ++i) {
        const int64_t v = WholeNumber(positions[i]);
        if (v >= 0 && v >= lo && v <= hi) out.push_back(i);
      }
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Result<NodeId> DiscogsWriter::ArtistRef(const DiscogsCredit& c) {
  NodeSpec spec;
  spec.label = "Person";
  spec.label_certain = false;
  if (c.id > 0) {
    spec.id_key = "discogs_id";
    spec.id_value = Value(c.id);
  }
  spec.name = DiscogsDisplayName(c.name);
  if (spec.name != Trim(c.name)) AddProp(spec.props, "discogs_name", Trim(c.name));
  if (!c.anv.empty() && c.anv != spec.name) spec.aliases.push_back(Trim(c.anv));
  return r_.Resolve(spec);
}

Result<NodeId> DiscogsWriter::LabelRef(int64_t id, const std::string& name, const char* label) {
  NodeSpec spec;
  spec.label = label;
  if (id > 0) {
    spec.id_key = "discogs_id";
    spec.id_value = Value(id);
  }
  spec.name = DiscogsDisplayName(name);
  if (spec.name != Trim(name)) AddProp(spec.props, "discogs_name", Trim(name));
  return r_.Resolve(spec);
}

Status DiscogsWriter::MainCredit(const DiscogsCredit& c, NodeId target) {
  LINER_ASSIGN_OR_RETURN(NodeId artist, ArtistRef(c));
  Props props{{"role", Value("primary artist")}, {"category", Value("performance")}};
  if (c.anv != DiscogsDisplayName(c.name)) AddProp(props, "credited_as", Trim(c.anv));
  AddProp(props, "join_phrase", Trim(c.join));
  return r_.Link(artist, target, "CREDITED", std::move(props));
}

Status DiscogsWriter::ExtraCredit(const DiscogsCredit& c, NodeId target) {
  LINER_ASSIGN_OR_RETURN(NodeId artist, ArtistRef(c));
  std::vector<DiscogsRole> roles = ParseDiscogsRoles(c.role);
  if (roles.empty()) roles.push_back(DiscogsRole{"", "", RoleCategory::kOther, false});
  for (const DiscogsRole& role : roles) {
    if (!role.known) r_.CountUnknown("discogs role '" + role.role + "'");
    Props props{{"role", Value(role.role.empty() ? "credited" : role.role)},
                {"category", Value(CategoryName(role.category))}};
    AddProp(props, "qualifier", role.qualifier);
    if (c.anv != DiscogsDisplayName(c.name)) AddProp(props, "credited_as", Trim(c.anv));
    AddProp(props, "tracks", Trim(c.tracks));
    LINER_RETURN_IF_ERROR(r_.Link(artist, target, "CREDITED", std::move(props),
                                  {"role", "qualifier"}));
  }
  return Status::OK();
}

Status DiscogsWriter::WriteRelease(const DiscogsRelease& rel) {
  if (rel.id <= 0) return Status::InvalidArgument("release has no id");
  const std::string where = "release " + std::to_string(rel.id);
  if (Trim(rel.title).empty()) return Status::InvalidArgument(where + " has no title");
  LINER_RETURN_IF_ERROR(CheckCredits(rel.artists, where));
  LINER_RETURN_IF_ERROR(CheckCredits(rel.extraartists, where));
  for (const auto& t : rel.tracks) {
    LINER_RETURN_IF_ERROR(CheckCredits(t.artists, where + " track " + t.position));
    LINER_RETURN_IF_ERROR(CheckCredits(t.extraartists, where + " track " + t.position));
  }

  NodeSpec album;
  album.label = "Album";
  album.match_by_name = false;
  album.id_key = "discogs_id";
  album.id_value = Value(rel.id);
  album.name = Trim(rel.title);
  AddProp(album.props, "country", rel.country);
  AddProp(album.props, "released", rel.released);
  if (rel.released.size() >= 4 && AllDigits(rel.released.substr(0, 4))) {
    AddProp(album.props, "year", Value(static_cast<int64_t>(std::stoi(rel.released.substr(0, 4)))));
  }
  AddProp(album.props, "genres", StringList(rel.genres));
  AddProp(album.props, "styles", StringList(rel.styles));
  if (rel.master_id > 0) AddProp(album.props, "master_id", Value(rel.master_id));
  LINER_ASSIGN_OR_RETURN(NodeId album_id, r_.Resolve(album));
  for (const auto& c : rel.artists) LINER_RETURN_IF_ERROR(MainCredit(c, album_id));

  // Tracks (headings have neither position nor duration nor credits).
  std::vector<NodeId> songs;
  std::vector<std::string> positions;
  for (size_t i = 0; i < rel.tracks.size(); ++i) {
    const DiscogsTrack& t = rel.tracks[i];
    if (Trim(t.title).empty() || (t.position.empty() && t.duration.empty() &&
                                  t.artists.empty() && t.extraartists.empty())) {
      continue;
    }
    NodeSpec song;
    song.label = "Song";
    song.match_by_name = false;
    song.id_key = "id";
    song.id_value = "discogs:" + std::to_string(rel.id) + ":" +
                    (t.position.empty() ? "#" + std::to_string(i + 1) : Trim(t.position));
    song.name = Trim(t.title);
    AddProp(song.props, "duration", t.duration);
    if (int64_t s = Seconds(t.duration); s > 0) AddProp(song.props, "length_seconds", Value(s));
    LINER_ASSIGN_OR_RETURN(NodeId song_id, r_.Resolve(song));
    songs.push_back(song_id);
    positions.push_back(Trim(t.position));
    Props on;
    if (int64_t n = WholeNumber(Trim(t.position)); n >= 0) AddProp(on, "track_number", Value(n));
    AddProp(on, "position", Trim(t.position));
    LINER_RETURN_IF_ERROR(r_.Link(song_id, album_id, "APPEARS_ON", std::move(on), {"position"}));
    // A track without its own artists is by the release's artists.
    for (const auto& c : t.artists.empty() ? rel.artists : t.artists) {
      LINER_RETURN_IF_ERROR(MainCredit(c, song_id));
    }
    for (const auto& c : t.extraartists) LINER_RETURN_IF_ERROR(ExtraCredit(c, song_id));
  }

  for (const auto& c : rel.extraartists) {
    if (Trim(c.tracks).empty()) {
      LINER_RETURN_IF_ERROR(ExtraCredit(c, album_id));
      continue;
    }
    std::vector<size_t> matched = MatchTrackSpec(c.tracks, positions);
    if (matched.empty()) {
      LINER_RETURN_IF_ERROR(ExtraCredit(c, album_id));  // keeps `tracks` as written
      continue;
    }
    for (size_t i : matched) LINER_RETURN_IF_ERROR(ExtraCredit(c, songs[i]));
  }

  for (const auto& l : rel.labels) {
    LINER_ASSIGN_OR_RETURN(NodeId label, LabelRef(l.id, l.name, "Label"));
    Props props;
    AddProp(props, "catalog_number", Trim(l.catno));
    LINER_RETURN_IF_ERROR(r_.Link(album_id, label, "RELEASED_BY", std::move(props)));
  }
  for (const auto& c : rel.companies) {
    if (const char* edge = StudioEdge(c.type)) {
      LINER_ASSIGN_OR_RETURN(NodeId studio, LabelRef(c.id, c.name, "Studio"));
      if (songs.empty()) {
        LINER_RETURN_IF_ERROR(r_.Link(album_id, studio, edge, {}, {}));
      }
      for (NodeId s : songs) LINER_RETURN_IF_ERROR(r_.Link(s, studio, edge, {}, {}));
      continue;
    }
    LINER_ASSIGN_OR_RETURN(NodeId label, LabelRef(c.id, c.name, "Label"));
    Props props{{"role", Value(Trim(c.type))}};
    AddProp(props, "catalog_number", Trim(c.catno));
    LINER_RETURN_IF_ERROR(r_.Link(album_id, label, "RELEASED_BY", std::move(props)));
  }
  return Status::OK();
}

Status DiscogsWriter::WriteArtist(const DiscogsArtist& a) {
  if (a.id <= 0) return Status::InvalidArgument("artist has no id");
  if (Trim(a.name).empty()) {
    return Status::InvalidArgument("artist " + std::to_string(a.id) + " has no name");
  }
  NodeSpec spec;
  spec.label = a.members.empty() ? "Person" : "Group";
  spec.label_certain = !a.members.empty();
  spec.id_key = "discogs_id";
  spec.id_value = Value(a.id);
  spec.name = DiscogsDisplayName(a.name);
  if (spec.name != Trim(a.name)) AddProp(spec.props, "discogs_name", Trim(a.name));
  AddProp(spec.props, "real_name", Trim(a.realname));
  for (const auto& v : a.namevariations) spec.aliases.push_back(Trim(v));
  if (!Trim(a.realname).empty()) spec.aliases.push_back(Trim(a.realname));
  std::vector<std::string> pseudonyms;
  for (const auto& [id, name] : a.aliases) pseudonyms.push_back(DiscogsDisplayName(name));
  AddProp(spec.props, "pseudonyms", StringList(pseudonyms));
  LINER_ASSIGN_OR_RETURN(NodeId self, r_.Resolve(spec));
  for (const auto& [id, name] : a.members) {
    LINER_ASSIGN_OR_RETURN(NodeId member, ArtistRef(DiscogsCredit{id, name, "", "", "", ""}));
    LINER_RETURN_IF_ERROR(r_.Link(member, self, "MEMBER_OF", {}, {}));
  }
  for (const auto& [id, name] : a.groups) {
    NodeSpec group;
    group.label = "Group";
    if (id > 0) {
      group.id_key = "discogs_id";
      group.id_value = Value(id);
    }
    group.name = DiscogsDisplayName(name);
    LINER_ASSIGN_OR_RETURN(NodeId g, r_.Resolve(group));
    LINER_RETURN_IF_ERROR(r_.Link(self, g, "MEMBER_OF", {}, {}));
  }
  return Status::OK();
}

Status DiscogsWriter::WriteLabel(const DiscogsLabel& l) {
  if (l.id <= 0) return Status::InvalidArgument("label has no id");
  if (Trim(l.name).empty()) {
    return Status::InvalidArgument("label " + std::to_string(l.id) + " has no name");
  }
  NodeSpec spec;
  spec.label = "Label";
  spec.id_key = "discogs_id";
  spec.id_value = Value(l.id);
  spec.name = DiscogsDisplayName(l.name);
  if (spec.name != Trim(l.name)) AddProp(spec.props, "discogs_name", Trim(l.name));
  AddProp(spec.props, "parent_label", DiscogsDisplayName(l.parent.second));
  std::vector<std::string> subs;
  for (const auto& [id, name] : l.sublabels) subs.push_back(DiscogsDisplayName(name));
  AddProp(spec.props, "sublabels", StringList(subs));
  return r_.Resolve(spec).status();
}

Status DiscogsWriter::WriteMaster(const DiscogsMaster& m) {
  if (m.id <= 0) return Status::InvalidArgument("master has no id");
  const std::string where = "master " + std::to_string(m.id);
  if (Trim(m.title).empty()) return Status::InvalidArgument(where + " has no title");
  LINER_RETURN_IF_ERROR(CheckCredits(m.artists, where));
  NodeSpec spec;
  spec.label = "Album";
  spec.match_by_name = false;
  spec.id_key = "discogs_id";
  // Masters and releases number separately; "m<id>" is how Discogs writes a master's id.
  spec.id_value = "m" + std::to_string(m.id);
  spec.name = Trim(m.title);
  if (m.year > 0) AddProp(spec.props, "year", Value(m.year));
  AddProp(spec.props, "genres", StringList(m.genres));
  AddProp(spec.props, "styles", StringList(m.styles));
  if (m.main_release > 0) AddProp(spec.props, "main_release", Value(m.main_release));
  AddProp(spec.props, "kind", "master");
  LINER_ASSIGN_OR_RETURN(NodeId album, r_.Resolve(spec));
  for (const auto& c : m.artists) LINER_RETURN_IF_ERROR(MainCredit(c, album));
  return Status::OK();
}

}  // namespace liner::import
