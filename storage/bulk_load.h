#pragma once
// BulkLoader: adds many new nodes and edges to a Database much faster than a Transaction, by
// writing sorted SST files (one per column family) and ingesting them all in one atomic step.
//
// The keys and values are exactly those a Transaction would write (storage/FORMAT.md): node and
// edge records, both adjacency entries, label, name and equality index entries, counts, id
// sequences and new tokens. Nothing is visible before Commit(); Commit() makes everything
// visible at once (RocksDB IngestExternalFiles is atomic across column families, even across a
// crash); destroying an uncommitted loader leaves the database as it was.
//
// Limits: only additions (no updates or deletes); reads do not see the loader's writes; unique
// keys (mbid, discogs_id) are checked at Commit(), so a violation fails the whole load.
// Updates of records that already exist go through txn(), the loader's own read-write
// transaction, which Commit() commits just before it ingests the files (two steps: a caller
// that needs both or neither, like the real-data importers, keeps an undo log).
// Memory: about 16 bytes per edge and 40 per name or indexed value until Commit(), which
// frees the index entries before it sorts the adjacency (2 x 16 bytes per edge).
//
// Thread safety: the loader holds the database's write lock from Start() until it is committed
// or destroyed (other writers get Busy; readers are unaffected). Use from one thread.

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "storage/bulk_timing.h"
#include "storage/database.h"

namespace liner {

class BulkLoader {
 public:
  // Busy when another write transaction is open; InvalidArgument on a read-only database.
  static Result<std::unique_ptr<BulkLoader>> Start(Database& db);
  virtual ~BulkLoader() = default;

  // The token of `name`, creating it (as part of this load) when it is new.
  virtual Result<TokenId> Token(TokenKind kind, std::string_view name) = 0;
  // Adds a node; `labels` and the property keys must be tokens from Token() or committed ones.
  virtual Result<NodeId> AddNode(std::vector<TokenId> labels, const PropertyMap& props) = 0;
  // Adds an edge between nodes of this load or committed nodes (NotFound otherwise).
  virtual Result<EdgeId> AddEdge(NodeId src, NodeId dst, TokenId type,
                                 const PropertyMap& props) = 0;
  // The loader's read-write transaction (it holds the write lock): reads see the committed
  // database, not the loader's additions; its writes (updates of existing nodes and edges)
  // are committed by Commit() before the files are ingested, or dropped with the loader.
  // New tokens must come from Token(), never from txn().GetOrCreateToken (two ids for a name).
  virtual Transaction& txn() = 0;
  // The ids the next AddNode / AddEdge will return (ids are allocated in increasing order and
  // nothing else allocates while the loader holds the write lock).
  virtual NodeId next_node_id() const = 0;
  virtual EdgeId next_edge_id() const = 0;
  // The caller vouches that no node it adds takes a unique key value (mbid, discogs_id) that a
  // node already in the database holds, having looked them up itself (the real-data importers'
  // resolver does): Commit() then checks the load's nodes only against each other, sparing an
  // index seek per value.
  virtual void TrustUniqueAgainstDatabase() = 0;
  // A hint: about this many more nodes and edges will be added (lets the loader size its
  // buffers once instead of growing them; an overestimate costs address space, not memory).
  virtual void Reserve(uint64_t nodes, uint64_t edges) = 0;
  // Records the loader's phases (writer threads, sorts, ingestion) in `log`, which must
  // outlive the loader; null (the default) records nothing.
  virtual void SetPhaseLog(PhaseLog* /*log*/) {}
  // Commits txn()'s writes, then sorts, writes and ingests everything. The loader is finished
  // afterwards, whatever the result.
  virtual Status Commit() = 0;
};

}  // namespace liner
