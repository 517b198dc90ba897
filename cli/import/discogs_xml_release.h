#pragma once
// ReleaseBuilder: fills a DiscogsRelease straight from expat's element and text callbacks
// (private to discogs_xml.cpp). Releases are most of a Discogs dump's bytes; building them
// without an intermediate element tree spares an allocation per element and a copy per text.
//
// It reads what the element-tree reading of discogs_xml.cpp reads, with the same rules: of
// repeated single elements (<title>, an artist's <name>, a second <artists> list) the first one
// counts, <genres>/<styles> take every child's text, <labels> every child's attributes,
// <companies> every child, <artists>/<extraartists> and <tracklist> only their <artist> and
// <track> children, and everything else (images, notes, sub_tracks, ...) is ignored.
// Not thread-safe; one per parser.

#include <cstdint>
#include <string>
#include <vector>

#include "cli/import/discogs_model.h"

namespace liner::import {

// A Discogs id as the XML writes it ("123"); 0 when empty, not a whole number or not positive.
int64_t DiscogsXmlId(const std::string& s);
// Elements whose subtrees no mapping reads (images, notes, profile, sub_tracks, ...).
bool DiscogsXmlSkipped(const char* name);

class ReleaseBuilder {
 public:
  // A new <release> element with expat's attribute list (name, value, ..., nullptr).
  void Begin(const char** attrs);
  // An element inside the release opens and closes.
  void Start(const char* name, const char** attrs);
  void End();
  void Text(const char* s, int len);
  // The release built since Begin().
  const DiscogsRelease& release() const { return rel_; }
  // The same, to be swapped with another release (Begin() clears every field).
  DiscogsRelease* mutable_release() { return &rel_; }

 private:
  enum class Ctx : uint8_t {
    kIgnore,
    kRelease,
    kText,        // text goes to `text`
    kInt,         // text goes to scratch_, parsed into `number` at the end
    kStrings,     // <genres>, <styles>: every child's text
    kCredits,     // <artists>, <extraartists>
    kCredit,      // one <artist>
    kLabels,      // <labels>
    kCompanies,   // <companies>
    kCompany,     // one <company>
    kTracklist,   // <tracklist>
    kTrack,       // one <track>
  };
  struct Frame {
    Ctx ctx = Ctx::kIgnore;
    uint32_t seen = 0;  // children already read (bit per field): the first one counts
    std::string* text = nullptr;
    int64_t* number = nullptr;
    std::vector<std::string>* strings = nullptr;
    std::vector<DiscogsCredit>* credits = nullptr;
    DiscogsCredit* credit = nullptr;
    DiscogsCompany* company = nullptr;
    DiscogsTrack* track = nullptr;
  };
  // Opens a child frame of `parent` for a single-valued child `bit`, unless one was read.
  Frame* Once(Frame& parent, uint32_t bit);

  DiscogsRelease rel_;
  std::vector<Frame> stack_;  // one frame per open element, the release's first
  std::string scratch_;
};

}  // namespace liner::import
