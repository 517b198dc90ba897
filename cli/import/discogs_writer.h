#pragma once
// DiscogsWriter: writes Discogs records through a Resolver.
//
// Releases -> Album (discogs_id = release id) and tracks -> Song (id "discogs:<release>:<pos>")
// with APPEARS_ON; artists and extraartists -> CREDITED with the free-text role split into one
// edge per role (roles_taxonomy.h), `tracks` ranges applied to the matching songs, `anv` kept
// as credited_as; labels -> Label + RELEASED_BY; companies -> Studio (Recorded/Mixed/Mastered
// At) or Label + RELEASED_BY with the company role. Artists file -> Person/Group, MEMBER_OF,
// aliases; masters -> Album (discogs_id "m<id>"); labels file -> Label. Not thread-safe.

#include "cli/import/discogs_model.h"
#include "cli/import/resolve_graph.h"

namespace liner::import {

class DiscogsWriter {
 public:
  explicit DiscogsWriter(Resolver& resolver) : r_(resolver) {}

  // Each returns InvalidArgument (before writing anything) when an id is missing.
  Status WriteRelease(const DiscogsRelease& release);
  Status WriteArtist(const DiscogsArtist& artist);
  Status WriteLabel(const DiscogsLabel& label);
  Status WriteMaster(const DiscogsMaster& master);

 private:
  Result<NodeId> ArtistRef(const DiscogsCredit& c);
  Result<NodeId> LabelRef(int64_t id, const std::string& name, const char* label);
  Status MainCredit(const DiscogsCredit& c, NodeId target);
  Status ExtraCredit(const DiscogsCredit& c, NodeId target);

  Resolver& r_;
};

// "Mushroom (8)" -> "Mushroom": Discogs numbers duplicate names; the number is not a name.
std::string DiscogsDisplayName(const std::string& name);

// Indexes (into `positions`) of the tracks a credit's `tracks` text names: "A1 to A3",
// "1, 3", "B". Empty when nothing matches.
std::vector<size_t> MatchTrackSpec(const std::string& spec,
                                   const std::vector<std::string>& positions);

}  // namespace liner::import
