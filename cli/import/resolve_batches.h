#pragma once
// ImportBatches: the write side of a real-data import, committed in batches yet all-or-nothing.
//
// A dump of many gigabytes cannot be one RocksDB transaction (its write batch and index would
// hold the whole import in memory, and every write would search an ever larger index). So an
// import commits every `batch_writes` writes, at a record boundary, and keeps an undo log in an
// anonymous temporary file (never in memory): the ids of the nodes and edges it created and the
// before-image of every committed node or edge it changed. Abort() drops the open batch and
// replays the log backwards (deleting what was created, restoring what was changed), so a
// malformed record near the end of a multi-batch import still leaves the database as it was.
// Commit() commits the last batch and discards the log.
//
// Two ways to write a batch. Transactional: one Transaction per batch; its commit goes through
// RocksDB's memtable. Bulk (the default): a batch's new nodes and edges wait in memory
// (StagedWrites, resolve_stage.h) and are written as sorted SST files by a BulkLoader and
// ingested when the batch ends; updates of nodes and edges that existed before the batch go
// through the loader's transaction. Bulk batches are large (`batch_writes` about 100,000s)
// since each costs a few files; the undo log covers both kinds.
//
// Consequences, documented in docs/import-format.md: readers may see a running import's
// committed batches; an import expects to be the only writer while it runs; a process killed
// mid-import leaves the batches committed so far (re-running the import completes it, since
// imports are idempotent); labels, types and property keys an aborted import created stay in
// the token dictionary (they name nothing).
// Not thread-safe: one ImportBatches per import, used from one thread.

#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/import/importer.h"
#include "cli/import/resolve_stage.h"
#include "storage/bulk_load.h"
#include "storage/database.h"

namespace liner::import {

// Undo-log entry kinds: [kind][id u64][payload length u32][payload][entry length u32].
namespace undo_log {
constexpr char kNodeCreated = 'n';  // no payload
constexpr char kEdgeCreated = 'e';  // no payload
constexpr char kNodeBefore = 'N';   // payload: the node record before the change
constexpr char kEdgeBefore = 'E';   // payload: the edge record before the change
}  // namespace undo_log

class ImportBatches {
 public:
  // Starts the first batch. `batch_writes` = 0 means one batch for the whole import; `bulk`
  // chooses the bulk write path (see above).
  static Result<std::unique_ptr<ImportBatches>> Begin(Database& db, uint64_t batch_writes,
                                                      bool bulk = false);
  // Begin() as `options` say (batch_writes unset: kTransactionalBatch or kBulkBatch).
  static Result<std::unique_ptr<ImportBatches>> Begin(Database& db, const ImportOptions& options);
  static constexpr uint64_t kTransactionalBatch = 1000;
  static constexpr uint64_t kBulkBatch = 500'000;
  ~ImportBatches();
  ImportBatches(const ImportBatches&) = delete;
  ImportBatches& operator=(const ImportBatches&) = delete;

  // The open batch's transaction, for lookups (replaced after every batch: do not keep it).
  // In bulk mode it does not see the open batch's new nodes and edges: read those with
  // GetNode / GetEdge, and write through the methods below, never through txn() directly.
  Transaction& txn() { return loader_ ? loader_->txn() : *txn_; }
  bool bulk() const { return bulk_; }
  // Whether everything written so far is visible to txn()'s lookups (the resolver may then
  // forget what it wrote and find it through the indexes): always, except in bulk mode while
  // the open batch holds new records.
  bool Settled() const { return !bulk_ || stage_.empty(); }

  // ---- reads and writes of the open batch (the open batch's new records included) ----
  Result<TokenId> Token(TokenKind kind, std::string_view name);
  Result<std::optional<NodeRecord>> GetNode(NodeId id);
  Result<std::optional<EdgeRecord>> GetEdge(EdgeId id);
  // Creates a node / edge and logs it for undo.
  Result<NodeId> CreateNode(std::vector<TokenId> labels, PropertyMap props);
  Result<EdgeId> CreateEdge(NodeId src, NodeId dst, TokenId type, PropertyMap props);
  // Changes; the caller logs the before-image (NodeBefore / EdgeBefore) or calls Wrote().
  Status ReplaceNodeProperties(NodeId id, PropertyMap props);
  Status AddLabel(NodeId id, TokenId label);
  Status RemoveLabel(NodeId id, TokenId label);
  Status ReplaceEdgeProperties(EdgeId id, PropertyMap props);

  // Undo-log hooks, called by the Resolver around its changes. `Before*` take the record as
  // it is before the change and are only needed for records not created by this import.
  Status NodeBefore(const NodeRecord& before);
  Status EdgeBefore(const EdgeRecord& before);
  // Any other write into the batch (an update of a node or edge this import created).
  void Wrote() { ++writes_; }
  // Whether the node/edge was created by this import (ids are allocated in increasing order).
  bool CreatedNode(NodeId id) const { return first_node_ != 0 && id >= first_node_; }
  bool CreatedEdge(EdgeId id) const { return first_edge_ != 0 && id >= first_edge_; }

  // At a record boundary: commits the batch when it holds `batch_writes` writes or more (or,
  // with `force`, whenever it holds anything and batches are bounded) and begins the next one.
  // Returns whether a batch was committed.
  Result<bool> RecordDone(bool force = false);
  // Commits the last batch; the import is then final.
  Status Commit();
  // Drops the open batch and undoes every committed one. Returns what went wrong while undoing
  // (the database then holds part of the import), else OK.
  Status Abort();
  // Abort() after the import failed with `cause`: returns `cause`, extended with what went
  // wrong while undoing if anything did.
  Status Fail(Status cause);

  uint64_t batches_committed() const { return batches_; }
  uint64_t undo_bytes() const { return log_bytes_; }

 private:
  ImportBatches(Database& db, uint64_t batch_writes, bool bulk)
      : db_(db), batch_writes_(batch_writes), bulk_(bulk) {}
  Status NodeCreated(NodeId id);
  Status EdgeCreated(EdgeId id);
  Status Append(char kind, uint64_t id, const std::string& payload);
  // Replays the log (resolve_undo.cpp): restores the before-images, newest first, then erases
  // every node and edge the import created with BulkErase (storage/bulk_erase.h).
  Status Undo();
  // Bulk mode: starts the next loader / flushes the open batch through it.
  Status StartLoader();
  Status Flush();
  // Bulk mode: the labels and indexed property keys, committed before the first batch so the
  // loader's transaction and the loader agree on them (see the .cpp).
  Status CreateCommonTokens();

  Database& db_;
  uint64_t batch_writes_;
  bool bulk_;
  std::unique_ptr<Transaction> txn_;         // transactional mode
  std::unique_ptr<BulkLoader> loader_;       // bulk mode
  StagedWrites stage_;                       // bulk mode
  std::FILE* log_ = nullptr;  // anonymous temporary file (tmpfile): gone when closed
  uint64_t log_bytes_ = 0;
  uint64_t writes_ = 0;       // writes in the open batch
  uint64_t batches_ = 0;      // batches committed
  NodeId first_node_ = 0;
  EdgeId first_edge_ = 0;
  bool finished_ = false;
};

}  // namespace liner::import
