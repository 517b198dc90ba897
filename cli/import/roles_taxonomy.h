#pragma once
// The role taxonomy: maps MusicBrainz relationship types, Discogs credit strings and free-text
// credits (music-routes-data) to a printed role and one of seven categories. The table is
// documented in docs/roles.md; keep both in step. Pure functions; thread-safe.

#include <string>
#include <string_view>
#include <vector>

namespace liner::import {

// Stored as the `category` string of CREDITED edges; the names are part of the data model.
enum class RoleCategory {
  kPerformance,
  kWriting,
  kProduction,
  kEngineering,
  kMixing,
  kMastering,
  kOther
};

// "performance", "writing", "production", "engineering", "mixing", "mastering", "other".
const char* CategoryName(RoleCategory c);

struct RoleInfo {
  std::string role;  // the role as stored, e.g. "producer", "electric guitar"
  RoleCategory category = RoleCategory::kOther;
  bool known = false;  // false: not in the taxonomy, kept with category other and counted
};

// What a MusicBrainz artist→recording/release/work relationship type (e.g. "producer",
// "instrument", "mix-DJ") means as a credit. `attributes` are the relation's attributes
// ("executive", "electric guitar", "lead vocals"): they refine the printed role.
RoleInfo MusicBrainzRole(std::string_view link_type, const std::vector<std::string>& attributes);

// True for MusicBrainz link types that are credits of an artist on a recording, release or
// work (as opposed to URLs, series, label contracts, …): the taxonomy's MusicBrainz rows.
bool IsMusicBrainzCreditType(std::string_view link_type);

// One credit parsed out of a Discogs role string.
struct DiscogsRole {
  std::string role;       // "Producer", "Guitar", "Written-By"
  std::string qualifier;  // the bracketed part: "Electric", "Co-producer"; "" when absent
  RoleCategory category = RoleCategory::kOther;
  bool known = false;
};

// Splits a Discogs free-text role ("Producer [Co-producer], Mixed By", "Guitar [Electric,
// Rhythm]") at commas outside brackets. An empty string gives no roles.
std::vector<DiscogsRole> ParseDiscogsRoles(std::string_view text);

// Category of a free-text credit such as "vocals", "guitar (solo)", "Mixed By", "Engineer
// [Recording]": keyword based, instruments are performance. `known` is false when no rule
// matched (category other).
RoleInfo ClassifyRoleText(std::string_view text);

}  // namespace liner::import
