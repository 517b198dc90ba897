#pragma once
// The snapshot cache: the latest Snapshot of a database, rebuilt when Database::generation()
// has moved since it was built.
//
// Design (invalidate and rebuild, no deltas): a commit bumps the generation; the next call here
// sees the change and rebuilds the whole snapshot in one pass (BuildSnapshot). Rebuilding costs
// one scan of nodes and edges (see docs/algorithms.md for measured times); deltas would make the
// CSR mutable and every algorithm pay for it, while analytics workloads are read-mostly.
// The generation is read BEFORE the read transaction starts, so a snapshot is never tagged newer
// than what it contains: a racing commit at worst causes one extra rebuild.
//
// Statements that wrote in their own uncommitted transaction get a private, uncached snapshot
// built from that transaction, so they see their own writes.
//
// Thread safety: thread-safe. One entry per process (the most recently used database); callers
// share the returned snapshot by shared_ptr, so a rebuild never frees one still in use.

#include <memory>

#include "graph/snapshot.h"
#include "storage/database.h"

namespace liner::graph {

class Interrupt;

// A snapshot of what `txn` sees when it has uncommitted writes, else of `db`'s committed state
// at least as new as the generation at the time of the call. `txn` may be null.
Result<std::shared_ptr<const Snapshot>> GetSnapshot(Database& db, Transaction* txn = nullptr,
                                                    const Interrupt* interrupt = nullptr);

// Drops the cached snapshot (tests, or before closing a big database to free memory).
void ClearSnapshotCache();

}  // namespace liner::graph
