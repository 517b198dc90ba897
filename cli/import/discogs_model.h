#pragma once
// Discogs records as the importer sees them, filled from the monthly XML dumps
// (discogs_xml.cpp) or from API JSON responses (discogs_json.cpp), and written by
// DiscogsWriter (discogs_writer.h). Plain value types; thread-compatible.

#include <cstdint>
#include <string>
#include <vector>

namespace liner::import {

// One <artist> of an artists/extraartists list: a credit.
struct DiscogsCredit {
  int64_t id = 0;     // 0 when the record gave none
  std::string name;   // Discogs' unique name, possibly with a " (2)" suffix
  std::string anv;    // the name as credited on this release
  std::string join;   // "&", "Feat." …
  std::string role;   // free text: "Producer [Co-producer], Mixed By"
  std::string tracks; // "" for the whole release, else "A1 to A3", "1, 4"
};

struct DiscogsCompany {
  int64_t id = 0;
  std::string name;
  std::string catno;
  std::string type;  // entity_type_name: "Recorded At", "Published By" … ("" for <labels>)
};

struct DiscogsTrack {
  std::string position;
  std::string title;
  std::string duration;  // "5:28"
  std::vector<DiscogsCredit> artists;
  std::vector<DiscogsCredit> extraartists;
};

struct DiscogsRelease {
  int64_t id = 0;
  std::string title, country, released;
  int64_t master_id = 0;
  std::vector<std::string> genres, styles;
  std::vector<DiscogsCredit> artists, extraartists;
  std::vector<DiscogsCompany> labels, companies;
  std::vector<DiscogsTrack> tracks;
};

struct DiscogsArtist {
  int64_t id = 0;
  std::string name, realname;
  std::vector<std::string> namevariations;
  std::vector<std::pair<int64_t, std::string>> aliases, members, groups;
};

struct DiscogsLabel {
  int64_t id = 0;
  std::string name;
  std::pair<int64_t, std::string> parent;
  std::vector<std::pair<int64_t, std::string>> sublabels;
};

struct DiscogsMaster {
  int64_t id = 0;
  int64_t main_release = 0;
  std::string title;
  int64_t year = 0;
  std::vector<std::string> genres, styles;
  std::vector<DiscogsCredit> artists;
};

}  // namespace liner::import
