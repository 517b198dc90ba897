#pragma once
// BulkErase: removes many nodes and edges given by id ranges much faster than a Transaction
// deleting them one by one — the undo of a failed real-data import (cli/import/
// resolve_batches.h), whose records were all created by that import.
//
// What goes: the records (a range deletion per id range), the adjacency entries of the erased
// nodes (a range deletion per node range and direction), the adjacency entries the erased edges
// left under other nodes, the erased nodes' label, name and equality index entries (point
// deletions computed from the records, as a Transaction would write them), and the counts.
// Token names, id sequences and nodes or edges outside the ranges are unchanged.
// Requires: every edge that touches an erased node is itself erased (true for an import's own
// records while it is the only writer); otherwise adjacency entries of that edge dangle.
// Not atomic: the point deletions are committed in chunks of bounded size (memory stays
// bounded whatever the ranges), then the range deletions in one write; a failure in between
// leaves part of the records erased. Holds the database's write lock while it runs
// (other writers get Busy). Ids in the ranges that name nothing are skipped.

#include <cstdint>
#include <vector>

#include "storage/database.h"

namespace liner {

// Ids first..end-1.
struct IdRange {
  uint64_t first = 0;
  uint64_t end = 0;
};

struct BulkEraseStats {
  uint64_t nodes = 0;  // erased records
  uint64_t edges = 0;
};

// Erases the nodes with ids in `nodes` and the edges with ids in `edges` (ranges may be given in
// any order and may overlap).
Result<BulkEraseStats> BulkErase(Database& db, std::vector<IdRange> nodes,
                                 std::vector<IdRange> edges);

}  // namespace liner
