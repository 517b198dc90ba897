// The role taxonomy tables. docs/roles.md is the readable form of these tables.
#include "cli/import/roles_taxonomy.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace liner::import {
namespace {

using C = RoleCategory;

// MusicBrainz artist→recording/release/work link types (link_types.tsv names).
constexpr std::array<std::pair<std::string_view, RoleCategory>, 52> kMusicBrainzTypes = {{
    {"performance", C::kPerformance},
    {"performer", C::kPerformance},
    {"instrument", C::kPerformance},
    {"vocal", C::kPerformance},
    {"performing orchestra", C::kPerformance},
    {"conductor", C::kPerformance},
    {"chorus master", C::kPerformance},
    {"concertmaster", C::kPerformance},
    {"writer", C::kWriting},
    {"composer", C::kWriting},
    {"lyricist", C::kWriting},
    {"librettist", C::kWriting},
    {"authorship", C::kWriting},
    {"arranger", C::kWriting},
    {"instrument arranger", C::kWriting},
    {"vocal arranger", C::kWriting},
    {"orchestrator", C::kWriting},
    {"revised by", C::kWriting},
    {"translator", C::kWriting},
    {"producer", C::kProduction},
    {"production", C::kProduction},
    {"remixer", C::kProduction},
    {"engineer", C::kEngineering},
    {"recording", C::kEngineering},
    {"sound", C::kEngineering},
    {"audio", C::kEngineering},
    {"balance", C::kEngineering},
    {"editor", C::kEngineering},
    {"programming", C::kEngineering},
    {"mix", C::kMixing},
    {"mix-DJ", C::kMixing},
    {"mastering", C::kMastering},
    {"misc", C::kOther},
    {"photography", C::kOther},
    {"graphic design", C::kOther},
    {"design/illustration", C::kOther},
    {"illustration", C::kOther},
    {"design", C::kOther},
    {"art direction", C::kOther},
    {"creative direction", C::kOther},
    {"liner notes", C::kOther},
    {"publishing", C::kOther},
    {"booking", C::kOther},
    {"artists and repertoire", C::kOther},
    {"legal representation", C::kOther},
    {"compiler", C::kOther},
    {"copyright", C::kOther},
    {"phonographic copyright", C::kOther},
    {"samples from artist", C::kOther},
    {"video director", C::kOther},
    {"video appearance", C::kOther},
    {"animation", C::kOther},
}};

// Attributes that qualify who did the work rather than what it was: they prefix the role.
constexpr std::array<std::string_view, 6> kRolePrefixes = {"executive", "co",         "assistant",
                                                           "associate", "additional", "guest"};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

bool Has(const std::string& text, std::string_view word) {
  return text.find(word) != std::string::npos;
}

bool HasAny(const std::string& text, std::initializer_list<std::string_view> words) {
  return std::any_of(words.begin(), words.end(), [&](std::string_view w) { return Has(text, w); });
}

}  // namespace

const char* CategoryName(RoleCategory c) {
  switch (c) {
    case C::kPerformance: return "performance";
    case C::kWriting: return "writing";
    case C::kProduction: return "production";
    case C::kEngineering: return "engineering";
    case C::kMixing: return "mixing";
    case C::kMastering: return "mastering";
    case C::kOther: return "other";
  }
  return "other";
}

bool IsMusicBrainzCreditType(std::string_view link_type) {
  return std::any_of(kMusicBrainzTypes.begin(), kMusicBrainzTypes.end(),
                     [&](const auto& e) { return e.first == link_type; });
}

RoleInfo MusicBrainzRole(std::string_view link_type, const std::vector<std::string>& attributes) {
  RoleInfo info;
  info.role = std::string(link_type);
  for (const auto& [name, category] : kMusicBrainzTypes) {
    if (name == link_type) {
      info.category = category;
      info.known = true;
    }
  }
  if (link_type == "instrument" || link_type == "vocal") {
    // The instrument or the kind of voice is the role people look for ("electric guitar").
    std::string what;
    for (const auto& a : attributes) {
      std::string la = Lower(a);
      if (la == "solo" || la == "guest" || la == "additional") continue;
      if (!what.empty()) what += ", ";
      what += a;
    }
    if (link_type == "vocal" && (what.empty() || !Has(Lower(what), "vocal"))) {
      what = what.empty() ? "vocals" : what + " vocals";
    }
    if (!what.empty()) info.role = what;
    return info;
  }
  for (std::string_view prefix : kRolePrefixes) {
    for (const auto& a : attributes) {
      if (Lower(a) == prefix) {
        info.role = std::string(prefix) + (prefix == "co" ? "-" : " ") + info.role;
      }
    }
  }
  return info;
}

RoleInfo ClassifyRoleText(std::string_view text) {
  RoleInfo info;
  info.role = Trim(text);
  const std::string t = Lower(info.role);
  auto set = [&](RoleCategory c) {
    info.category = c;
    info.known = true;
    return info;
  };
  if (t.empty()) return info;
  if (HasAny(t, {"master", "lacquer cut", "cut by"})) return set(C::kMastering);
  if (Has(t, "remix")) return set(C::kProduction);
  if (Has(t, "mix")) return set(C::kMixing);
  if (HasAny(t, {"produc", "executive"})) return set(C::kProduction);
  if (HasAny(t, {"engineer", "recorded", "recording", "programm", "edited", "editor",
                 "technician", "balance", "tape op", "sound", "audio"})) {
    return set(C::kEngineering);
  }
  if (HasAny(t, {"written", "writer", "songwrit", "compos", "music by", "lyric", "words by",
                 "arrang", "orchestrat", "librett", "author", "translat"})) {
    return set(C::kWriting);
  }
  if (HasAny(t, {"design", "photo", "artwork", "art direction", "illustrat", "liner notes",
                 "a&r", "management", "layout", "cover", "graphic", "compiled", "legal",
                 "booking", "publish", "copyright", "other", "lettering", "painting", "concept",
                 "directed by", "video", "coordinator", "contractor", "copyist", "transcri",
                 "research", "sleeve", "typography", "creative", "licens"})) {
    return set(C::kOther);
  }
  // Whole-word roles that are too short to search for inside other words.
  for (std::string_view w : {"rap", "mc", "dj", "vocals", "voice"}) {
    if (t == w || t.rfind(std::string(w) + " ", 0) == 0) return set(C::kPerformance);
  }
  if (HasAny(t, {"vocal", "voice", "sing", "perform", "featuring", "rapper", "choir",
                 "chorus", "orchestra", "conduct", "narrat", "speech", "guitar", "bass", "drum",
                 "piano", "keyboard", "synth", "organ", "sax", "trumpet", "trombone", "horn",
                 "violin", "viola", "cello", "string", "percussion", "flute", "clarinet",
                 "harmonica", "banjo", "mandolin", "ukulele", "harp", "tambourine", "clap",
                 "cowbell", "maracas", "theremin", "accordion", "sitar", "tabla", "sousaphone",
                 "clavinet", "moog", "turntable", "scratch", "dj", "whistl", "oboe", "bassoon",
                 "tuba", "vibraphone", "marimba", "xylophone", "glockenspiel", "conga", "bongo",
                 "timpani", "fiddle", "steel", "bells", "beatbox", "instrument", "musician",
                 "band", "lead", "backing", "solo", "cornet", "recorder", "ocarina", "kazoo",
                 "mellotron", "electronics", "loops", "sampler", "bouzouki", "dobro"})) {
    return set(C::kPerformance);
  }
  return info;
}

std::vector<DiscogsRole> ParseDiscogsRoles(std::string_view text) {
  std::vector<DiscogsRole> roles;
  std::string part;
  int depth = 0;
  auto flush = [&] {
    std::string item = Trim(part);
    part.clear();
    if (item.empty()) return;
    DiscogsRole r;
    size_t open = item.find('[');
    if (open != std::string::npos) {
      size_t close = item.rfind(']');
      r.qualifier = Trim(item.substr(open + 1, (close == std::string::npos || close < open)
                                                   ? std::string::npos
                                                   : close - open - 1));
      r.role = Trim(item.substr(0, open));
    } else {
      r.role = item;
    }
    RoleInfo base = ClassifyRoleText(r.role);
    r.category = base.category;
    r.known = base.known;
    // "Engineer [Mix]" is mixing; "Producer [Executive]" stays production.
    if (!r.qualifier.empty() &&
        (!base.known || base.category == C::kEngineering || base.category == C::kOther)) {
      RoleInfo q = ClassifyRoleText(r.qualifier);
      if (q.known && (!base.known || q.category == C::kMixing || q.category == C::kMastering)) {
        r.category = q.category;
        r.known = true;
      }
    }
    roles.push_back(std::move(r));
  };
  for (char c : text) {
    if (c == '[') ++depth;
    if (c == ']' && depth > 0) --depth;
    if (c == ',' && depth == 0) {
      flush();
    } else {
      part.push_back(c);
    }
  }
  flush();
  return roles;
}

}  // namespace liner::import
