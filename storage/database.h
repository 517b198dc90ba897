#pragma once
// Database and Transaction: Liner's storage engine, a property graph on RocksDB.
//
// A Database is one directory holding a RocksDB instance with column families for nodes,
// edges, outgoing and incoming adjacency, indexes and metadata (see storage/FORMAT.md).
// Only one process may hold a database open for writing; a second writer gets Status::Busy.
//
// All reads and writes go through a Transaction. A transaction sees its own uncommitted writes
// (RocksDB WriteBatchWithIndex over a snapshot) and commits them in one atomic WriteBatch, so a
// node or edge, both of its adjacency entries and all of its index entries land together, and a
// statement or an import lands whole or not at all.
//
// Thread safety: Database is thread-safe. At most one read-write Transaction is open at a time
// (Begin() blocks while another is open); read-only transactions may run concurrently with it.
// A Transaction object itself is thread-compatible (use from one thread), with one exception:
// the scans of a READ-ONLY transaction (ScanNodes, ScanLabel, ForEachEdge, ForEachEdgeSkeleton)
// only read its RocksDB snapshot, so different threads may run them at the same time (the
// snapshot builder scans nodes and edges in parallel).

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/adjacency_view.h"
#include "storage/status.h"
#include "storage/types.h"
#include "storage/value.h"

namespace liner {

inline constexpr uint32_t kFormatVersion = 1;

struct OpenOptions {
  bool create_if_missing = true;
  bool read_only = false;
  // Block cache for data blocks, in MiB (0 = RocksDB default).
  size_t block_cache_mb = 256;
  // Keep an in-memory copy of the adjacency and label index for reads (built in the background
  // once reads outnumber writes; see storage/FORMAT.md, "Adjacency cache").
  bool adjacency_cache = true;
};

// What the read caches hold (for `liner stats`, benchmarks and tests).
struct CacheInfo {
  bool adjacency_ready = false;   // built for the current generation
  uint64_t adjacency_bytes = 0;
  double adjacency_build_ms = 0;
  // Integer columns whose equality seeks use a direct value table (dense values).
  uint32_t dense_seek_keys = 0;
};

class Transaction;

// A cursor over node ids (a label scan, an all-nodes scan or an index seek), in id order.
// Usage: for (; c->Valid(); c->Next()) use(c->id());  then check c->status() once.
class NodeCursor {
 public:
  virtual ~NodeCursor() = default;
  virtual bool Valid() const = 0;
  virtual void Next() = 0;
  virtual NodeId id() const = 0;
  virtual Status status() const = 0;
};

// A cursor over one node's adjacency entries, ordered by (direction, type, other, edge).
class AdjCursor {
 public:
  virtual ~AdjCursor() = default;
  virtual bool Valid() const = 0;
  virtual void Next() = 0;
  virtual const AdjEntry& entry() const = 0;
  virtual Status status() const = 0;
};

// Counts of nodes per label and edges per type, kept up to date on every commit.
struct GraphCounts {
  uint64_t nodes = 0;
  uint64_t edges = 0;
  std::map<std::string, uint64_t> by_label;
  std::map<std::string, uint64_t> by_type;
};

class Database {
 public:
  // Opens (or creates, per options) the database in directory `path`.
  // Errors: Busy when another process holds it for writing; VersionMismatch for another
  // format version; InvalidArgument when `path` is not a Liner database; IOError otherwise.
  static Result<std::unique_ptr<Database>> Open(const std::string& path,
                                                const OpenOptions& options = {});
  virtual ~Database() = default;

  // Starts a read-write transaction (blocks while another read-write transaction is open).
  // Fails with InvalidArgument on a read-only database.
  virtual Result<std::unique_ptr<Transaction>> Begin() = 0;
  // Starts a read-only transaction on a consistent snapshot.
  virtual std::unique_ptr<Transaction> BeginRead() = 0;

  virtual GraphCounts Counts() = 0;
  virtual const std::string& path() const = 0;
  virtual bool read_only() const = 0;
  // Increases on every commit that changed anything; caches (the graph snapshot, plans) use
  // it to notice writes.
  virtual uint64_t generation() const = 0;
  // Builds the read caches for the current generation now (they are otherwise built in the
  // background on first heavy use). Commands that are about to run many reads call this once
  // after opening. A no-op when caching is off or the graph does not fit the compact form.
  virtual Status WarmCaches() = 0;
  virtual CacheInfo cache_info() const = 0;

  // Property keys whose values are unique per label and indexed for equality (mbid, discogs_id).
  static const std::vector<std::string>& UniqueKeys();
  // Property keys indexed for equality, not unique (id, plus the unique ones).
  static const std::vector<std::string>& IndexedKeys();
  // Property keys indexed by normalised text (case- and accent-insensitive): name, title, and
  // aliases (each string of the list).
  static const std::vector<std::string>& NameKeys();
};

class Transaction {
 public:
  virtual ~Transaction() = default;
  virtual bool read_only() const = 0;
  // The database generation this transaction reads (its own uncommitted writes aside): caches
  // of committed data keyed by generation are valid for it while !dirty().
  virtual uint64_t generation() const = 0;

  // ---- tokens (labels, relationship types, property keys) ----
  // Returns kNoToken when the name was never used.
  virtual TokenId LookupToken(TokenKind kind, std::string_view name) = 0;
  // Returns the id of `name`, creating it in this transaction if needed.
  virtual Result<TokenId> GetOrCreateToken(TokenKind kind, std::string_view name) = 0;
  virtual std::string TokenName(TokenKind kind, TokenId id) = 0;
  // Every token of a kind, with its id.
  virtual std::vector<std::pair<TokenId, std::string>> Tokens(TokenKind kind) = 0;

  // ---- reads ----
  virtual Result<std::optional<NodeRecord>> GetNode(NodeId id) = 0;
  virtual Result<std::optional<EdgeRecord>> GetEdge(EdgeId id) = 0;
  virtual bool NodeExists(NodeId id) = 0;
  // Whether node `id` exists and carries `label` (from the adjacency cache when it can, so
  // label checks during expansions read no record).
  virtual Result<bool> HasLabel(NodeId id, TokenId label) = 0;
  // The integer value of property `key` on node `id` from the read caches, without reading the
  // record: kInt (with *value), kAbsent (the node does not exist or lacks the key), or nullopt
  // when the caches cannot tell (not built, this transaction wrote, a value of another type, a
  // key that is not cached — see storage/FORMAT.md): then read the record.
  virtual std::optional<IntPropKind> CachedIntProperty(NodeId id, TokenId key,
                                                       int64_t* value) = 0;
  // The adjacency cache's arrays (neighbour spans, label masks, integer columns) when the
  // cache shows exactly what this transaction sees, else nullptr (not built yet, this
  // transaction wrote, an older generation). Valid until this transaction writes or ends.
  virtual const AdjacencyView* CachedAdjacency() = 0;
  // The same for a string property of a name key (name, title): true with *value (valid while
  // the transaction is open and has not written), false when the node lacks the key or does
  // not exist, nullopt when the caches cannot tell.
  virtual std::optional<bool> CachedStringProperty(NodeId id, TokenId key,
                                                   std::string_view* value) = 0;
  // All nodes, in id order.
  virtual std::unique_ptr<NodeCursor> ScanNodes() = 0;
  // Nodes carrying `label`, in id order.
  virtual std::unique_ptr<NodeCursor> ScanLabel(TokenId label) = 0;
  // All edges as records, in id order (for snapshots and exports).
  virtual Status ForEachEdge(const std::function<bool(const EdgeRecord&)>& fn) = 0;
  // All edges in id order, decoding only endpoints, type and the string values of the property
  // keys `string_keys` (kNoToken: unused) — several times cheaper than ForEachEdge, which
  // decodes every property into a PropertyMap. Stops early when fn returns false.
  virtual Status ForEachEdgeSkeleton(const std::array<TokenId, 2>& string_keys,
                                     const std::function<bool(const EdgeSkeleton&)>& fn) = 0;
  // Adjacency of `node` in direction `dir`, optionally restricted to one type.
  virtual std::unique_ptr<AdjCursor> Neighbors(NodeId node, Direction dir,
                                               TokenId type = kNoToken) = 0;
  // Number of adjacency entries (cheap count by prefix scan).
  virtual uint64_t Degree(NodeId node, Direction dir, TokenId type = kNoToken) = 0;

  // Nodes whose `name`/`title` (or one of whose `aliases`) normalises to the same text as `name` (case-, accent- and
  // whitespace-insensitive), within `label` or, with kNoToken, within any label.
  virtual std::vector<NodeId> FindByName(TokenId label, std::string_view name) = 0;
  // Nodes whose normalised name/title starts with the normalised `prefix` (for completion and
  // fuzzy lookups), at most `limit`.
  virtual std::vector<NodeId> FindByNamePrefix(TokenId label, std::string_view prefix,
                                               size_t limit) = 0;
  // Nodes of `label` with property `key` equal to `value` via the equality index; only for
  // keys in Database::IndexedKeys(). Returns std::nullopt when the key is not indexed.
  virtual std::optional<std::vector<NodeId>> FindByProperty(TokenId label, TokenId key,
                                                            const Value& value) = 0;

  // ---- writes (InvalidArgument on a read-only transaction) ----
  virtual Result<NodeId> CreateNode(const std::vector<TokenId>& labels, PropertyMap props) = 0;
  virtual Result<EdgeId> CreateEdge(NodeId src, NodeId dst, TokenId type, PropertyMap props) = 0;
  // Sets (or with a null value removes) one property, keeping indexes in step.
  virtual Status SetNodeProperty(NodeId id, TokenId key, Value value) = 0;
  virtual Status ReplaceNodeProperties(NodeId id, PropertyMap props) = 0;
  virtual Status AddLabel(NodeId id, TokenId label) = 0;
  virtual Status RemoveLabel(NodeId id, TokenId label) = 0;
  virtual Status SetEdgeProperty(EdgeId id, TokenId key, Value value) = 0;
  virtual Status ReplaceEdgeProperties(EdgeId id, PropertyMap props) = 0;
  virtual Status DeleteEdge(EdgeId id) = 0;
  // Fails with Constraint when the node still has edges and `detach` is false.
  virtual Status DeleteNode(NodeId id, bool detach) = 0;

  // Whether this transaction has written anything.
  virtual bool dirty() const = 0;
  // Commits every write atomically. The transaction is finished afterwards.
  virtual Status Commit() = 0;
  // Drops every write. Also done by the destructor of an uncommitted transaction.
  virtual void Rollback() = 0;
};

// Case folding, accent stripping (NFKD without combining marks) and whitespace collapsing:
// the key of the name index. Unicode-aware (ICU).
std::string NormalizeName(std::string_view text);

}  // namespace liner
