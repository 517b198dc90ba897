#pragma once
// Resolver: entity resolution and idempotent writes for the real-data importers.
//
// Inside an import's batches (resolve_batches.h), Resolve() finds the node an incoming record denotes, or creates
// it: first by external id (mbid, discogs_id, or a namespaced `id`), then - for people, groups,
// labels and studios - by name key (resolve_names.h) among nodes that carry no conflicting id,
// so "The Beatles" from Discogs joins "Beatles" from MusicBrainz while two people of one name
// with different ids stay two nodes. Link() writes an edge unless an edge of the same type,
// endpoints, source and identity properties (role, …) exists, in which case it updates the
// properties that changed. Re-importing a file therefore changes nothing.
// Memory stays bounded: the in-memory maps that spare index lookups (ids and names seen, edges
// written) are dropped when they exceed `cache_entries` entries, after which lookups go to the
// database's indexes, except for keys a fixed-size filter (resolve_seen.h) has never seen in a
// label that was empty when the import began.
// Not thread-safe: one Resolver per import, used from one thread.

#include <array>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "cli/import/importer.h"
#include "cli/import/importer_progress.h"
#include "cli/import/resolve_batches.h"
#include "cli/import/resolve_flat.h"
#include "cli/import/resolve_seen.h"
#include "storage/database.h"

namespace liner::import {

using Props = std::vector<std::pair<std::string, Value>>;

// What an incoming record says about one node.
struct NodeSpec {
  std::string label;          // Person, Group, Song, Sample, Album, Label, Studio
  bool label_certain = true;  // false: a credit that does not say Person or Group
  std::string id_key;         // "mbid", "discogs_id", "id" or "" (no identity: name only)
  Value id_value;
  std::string name;           // stored as `title` on Song, Sample, Album; else `name`
  bool match_by_name = true;  // false for songs and albums: a title is not an identity
  std::vector<std::string> aliases;  // other names of the node (credited-as, legal names)
  Props props;                       // further properties; empty strings and nulls are skipped
};

class Resolver {
 public:
  Resolver(ImportBatches& batches, ImportSummary& summary, std::string source,
           uint64_t cache_entries = kDefaultCacheEntries);
  static constexpr uint64_t kDefaultCacheEntries = 100'000;

  // The node `spec` denotes, created or updated as needed.
  Result<NodeId> Resolve(const NodeSpec& spec);

  // Writes src -[type]-> dst with `props` plus `source`, unless an edge with the same type,
  // endpoints, source and values of `identity` keys exists (then changed props are updated).
  Status Link(NodeId src, NodeId dst, std::string_view type, Props props,
              std::initializer_list<std::string_view> identity = {"role"});

  // Counts a relationship type or role that is not in the taxonomy (kept with category other).
  void CountUnknown(const std::string& what) { ++summary_.unknown_kept[what]; }
  const std::string& source() const { return source_; }
  Transaction& txn() { return batches_.txn(); }
  // At the end of a record: commits the batch when full and bounds the caches. Returns whether
  // a batch was committed.
  Result<bool> RecordDone();

 private:
  Result<TokenId> Token(TokenKind kind, std::string_view name);
  // The labels of `label`'s kind, `label` first (Person and Group are one kind).
  const std::vector<std::string>& KindLabels(const std::string& label);
  Result<std::vector<NodeId>> NameCandidates(const std::string& label, const std::string& name);
  bool Conflicts(const NodeRecord& node, const NodeSpec& spec);
  Status Update(NodeId id, const NodeSpec& spec, bool by_id);
  // `id_hash`: IdHash(spec), or 0 when the spec has no id.
  void Remember(const NodeSpec& spec, uint64_t id_hash, NodeId id);
  // ResolveKey(name), remembered for a few recent names.
  const std::string& Key(const std::string& name);
  // A hash of everything `spec` says about node `id`.
  static uint64_t Fingerprint(const NodeSpec& spec, NodeId id);
  // The label that keys the maps: Person for Group too (one kind, see KindLabels).
  static const std::string& Kind(const std::string& label);
  // 64-bit hashes (never 0) that key the maps and seen_: of (kind, id key, id value), of
  // (kind, name key), of an edge's (src, dst, type and identity values).
  static uint64_t IdHash(const NodeSpec& spec);
  static uint64_t NameHash(const std::string& kind, std::string_view key);
  static uint64_t EdgeHash(NodeId src, NodeId dst, uint64_t type_and_values);
  bool InDatabase(const std::vector<std::string>& labels) const;

  bool Fresh(NodeId id) const { return batches_.CreatedNode(id); }
  void DropCaches();

  ImportBatches& batches_;
  ImportSummary& summary_;
  std::string source_;
  uint64_t cache_entries_;
  // Looked up by string_view without building a string (the names are mostly constants).
  struct TokenNameHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, TokenId, TokenNameHash, std::equal_to<>> tokens_[3];
  // Nodes and edges not created by this import that it has updated (the first update may
  // overwrite; see Update).
  std::unordered_set<NodeId> touched_nodes_;
  std::unordered_set<EdgeId> touched_edges_;
  // False once the caches were dropped: what this import wrote may then be in the database
  // without being in the maps (seen_ still knows which keys it may have written).
  bool caches_complete_ = true;
  SeenFilter seen_;
  // The maps are keyed by 64-bit hashes, not by the strings they stand for: no allocation per
  // entry, and clearing keeps their arrays. Two different keys would have to collide in 64
  // bits: about 3 in 10^8 for an import that fills a 100,000-entry map 100 times.
  // NameHash(kind, name key) -> node, for names and aliases seen in this import.
  FlatMap64 names_;
  // IdHash(spec) -> node, for ids seen in this import.
  FlatMap64 ids_;
  // EdgeHash -> edge, for edges written by this import.
  FlatMap64 fresh_edges_;
  // Fingerprints of (node, record) pairs already applied by Resolve (see there).
  FlatMap64 applied_;
  std::array<std::pair<std::string, std::string>, 4> recent_keys_;
  size_t next_key_slot_ = 0;
  // Labels with no node when the import began: lookups in the database are skipped (see seen_).
  std::unordered_set<std::string> empty_labels_;
  std::unordered_map<std::string, std::vector<std::string>> kind_labels_;  // see KindLabels
};

// Adds `key` = `value` to `props` unless the value is null or an empty string.
void AddProp(Props& props, std::string key, Value value);


// A bad record: with options.skip_bad it is counted, reported on options.warnings and OK is
// returned (the import goes on); otherwise InvalidArgument("<where>: <reason>") stops it.
Status ReportBad(const ImportOptions& options, ImportSummary& summary, const std::string& where,
                 const std::string& reason);

// The files to read for `paths`: files as given, directories expanded (sorted) to the files in
// them whose names end with one of `extensions` (e.g. ".json", ".xml.gz").
std::vector<std::string> ExpandPaths(const std::vector<std::string>& paths,
                                     const std::vector<std::string>& extensions);

// Total size in bytes of `files` (0 for those that cannot be stat'ed): the progress bar's 100%.
uint64_t TotalSize(const std::vector<std::string>& files);

}  // namespace liner::import
