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
// Consequences, documented in docs/import-format.md: readers may see a running import's
// committed batches; an import expects to be the only writer while it runs; a process killed
// mid-import leaves the batches committed so far (re-running the import completes it, since
// imports are idempotent); labels, types and property keys an aborted import created stay in
// the token dictionary (they name nothing).
// Not thread-safe: one ImportBatches per import, used from one thread.

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "storage/database.h"

namespace liner::import {

class ImportBatches {
 public:
  // Starts the first batch. `batch_writes` = 0 means one batch for the whole import.
  static Result<std::unique_ptr<ImportBatches>> Begin(Database& db, uint64_t batch_writes);
  ~ImportBatches();
  ImportBatches(const ImportBatches&) = delete;
  ImportBatches& operator=(const ImportBatches&) = delete;

  // The open batch's transaction (replaced after every batch commit: do not keep it).
  Transaction& txn() { return *txn_; }

  // Undo-log hooks, called by the Resolver around its writes. `Before*` take the record as it
  // is before the change and are only needed for records not created by this import.
  Status NodeCreated(NodeId id);
  Status EdgeCreated(EdgeId id);
  Status NodeBefore(const NodeRecord& before);
  Status EdgeBefore(const EdgeRecord& before);
  // Any other write into the batch (an update of a node or edge this import created).
  void Wrote() { ++writes_; }
  // Whether the node/edge was created by this import (ids are allocated in increasing order).
  bool CreatedNode(NodeId id) const { return first_node_ != 0 && id >= first_node_; }
  bool CreatedEdge(EdgeId id) const { return first_edge_ != 0 && id >= first_edge_; }

  // At a record boundary: commits the batch when it holds `batch_writes` writes or more and
  // begins the next one. Returns whether a batch was committed.
  Result<bool> RecordDone();
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
  ImportBatches(Database& db, uint64_t batch_writes) : db_(db), batch_writes_(batch_writes) {}
  Status Append(char kind, uint64_t id, const std::string& payload);
  Status Undo();

  Database& db_;
  uint64_t batch_writes_;
  std::unique_ptr<Transaction> txn_;
  std::FILE* log_ = nullptr;  // anonymous temporary file (tmpfile): gone when closed
  uint64_t log_bytes_ = 0;
  uint64_t writes_ = 0;       // writes in the open batch
  uint64_t batches_ = 0;      // batches committed
  NodeId first_node_ = 0;
  EdgeId first_edge_ = 0;
  bool finished_ = false;
};

}  // namespace liner::import
