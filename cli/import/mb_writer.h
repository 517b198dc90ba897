#pragma once
// MbWriter: turns one parsed MusicBrainz JSON entity into nodes and edges through a Resolver.
//
// Mapping (see docs/roles.md for roles): artists -> Person or Group (by `type`), recordings ->
// Song, releases -> Album (tracks -> Song + APPEARS_ON, label-info -> RELEASED_BY), labels ->
// Label, places -> Studio, works -> writing credits on the work's recordings; `relations` ->
// CREDITED (artist on recording/release), MEMBER_OF, Sample nodes for "samples material",
// RECORDED_AT/MIXED_AT/MASTERED_AT, RELEASED_BY (label relations). Identity: `mbid`.
// Not thread-safe.

#include <nlohmann/json_fwd.hpp>
#include <string>

#include "cli/import/resolve_graph.h"

namespace liner::import {

class MbWriter {
 public:
  explicit MbWriter(Resolver& resolver) : r_(resolver) {}

  // Checks that `entity` has what Write needs (ids of the entity and of every related entity,
  // a name or title). Returns InvalidArgument naming what is missing.
  Status Validate(const nlohmann::json& entity, const std::string& kind_hint) const;
  // Writes `entity`. `kind_hint` ("artist", "recording", … or "") comes from the file name;
  // the record's shape decides when it is empty. Lists of entities (a release group's
  // releases, a label's releases, a medium's tracks) are written entity by entity.
  // Returns the number of entities written (0 for shapes that hold no credits).
  Result<int> Write(const nlohmann::json& entity, const std::string& kind_hint);

 private:
  Result<NodeId> Artist(const nlohmann::json& a, bool full);
  Result<NodeId> Recording(const nlohmann::json& r, bool full);
  Result<NodeId> Release(const nlohmann::json& r, bool full, const std::string& group_mbid);
  Result<NodeId> Label(const nlohmann::json& l, bool full);
  Result<NodeId> Place(const nlohmann::json& p, bool full);
  Status Work(const nlohmann::json& w);
  Status Track(const nlohmann::json& t, NodeId album, int disc);
  Status ArtistCredits(const nlohmann::json& entity, NodeId target);
  Status Relations(const nlohmann::json& entity, const std::string& kind, NodeId node);
  // CREDITED from a relation; `work_mbid` names the work a writing credit comes from.
  Status Credit(NodeId artist, NodeId target, const nlohmann::json& rel,
                const std::string& work_mbid);
  Status SampleLink(NodeId sampler, NodeId source, const nlohmann::json& sampler_json,
                    const nlohmann::json& source_json);

  Resolver& r_;
};

// The kind of a MusicBrainz entity from its shape and a file-name hint: "artist",
// "recording", "release", "release-group", "label", "place", "work", "track", "medium",
// "list" (an object wrapping arrays of entities), or "" when nothing matches.
std::string MbKindOf(const nlohmann::json& entity, const std::string& hint);

}  // namespace liner::import
