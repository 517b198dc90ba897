#pragma once
// GraphSink: where the native importers write nodes and edges. Nothing written becomes visible
// before Commit(); destroying an uncommitted sink drops everything.
//
// Two implementations:
// - MakeTransactionSink: one storage Transaction (WriteBatchWithIndex). Fine for small files,
//   and used for every import into a non-empty database: a node whose labels and `id` property
//   match an existing node is that node (its properties updated), and an edge equal to an
//   existing one (ends, type, properties) is not added again, so re-importing a file changes
//   nothing.
// - MakeBulkSink: storage's BulkLoader, which sorts into SST files and ingests them in one
//   atomic step; much faster for large imports. Unique-key violations surface at Commit().
// Not thread-safe; one sink per import.

#include <memory>
#include <string_view>
#include <vector>

#include "storage/bulk_timing.h"
#include "storage/database.h"

namespace liner::import {

class GraphSink {
 public:
  virtual ~GraphSink() = default;
  virtual Result<TokenId> Token(TokenKind kind, std::string_view name) = 0;
  virtual Result<NodeId> AddNode(std::vector<TokenId> labels, const PropertyMap& props) = 0;
  virtual Result<EdgeId> AddEdge(NodeId src, NodeId dst, TokenId type,
                                 const PropertyMap& props) = 0;
  virtual Status Commit() = 0;
  // A sizing hint: about this many more nodes and edges will follow.
  virtual void Reserve(uint64_t /*nodes*/, uint64_t /*edges*/) {}
  // Where the sink records its phases (`liner import --timings`); null records nothing.
  virtual void SetPhaseLog(PhaseLog* /*log*/) {}
  // Whether the last AddNode/AddEdge found the node or edge already in the database and reused
  // it instead of adding one (incremental imports are idempotent).
  virtual bool last_existed() const { return false; }
};

// Takes the database's write transaction (Busy when another one is open).
Result<std::unique_ptr<GraphSink>> MakeTransactionSink(Database& db);
Result<std::unique_ptr<GraphSink>> MakeBulkSink(Database& db);

}  // namespace liner::import
