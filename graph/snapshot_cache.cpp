// One cached snapshot per process, keyed by (database object, path, generation).
#include "graph/snapshot_cache.h"

#include <mutex>
#include <string>

#include "graph/algo_control.h"

namespace liner::graph {

namespace {
struct CacheEntry {
  const Database* db = nullptr;
  std::string path;
  uint64_t nodes = 0, edges = 0;  // guards against a reopened database at the same address
  std::shared_ptr<const Snapshot> snapshot;
};

std::mutex& CacheMutex() {
  static std::mutex mu;
  return mu;
}
CacheEntry& Cache() {
  static CacheEntry entry;
  return entry;
}
}  // namespace

Result<std::shared_ptr<const Snapshot>> GetSnapshot(Database& db, Transaction* txn,
                                                    const Interrupt* interrupt) {
  if (txn != nullptr && txn->dirty()) {
    // Own uncommitted writes: private snapshot (generation 0 never matches the cache).
    return BuildSnapshot(*txn, 0, interrupt);
  }
  // Holding the lock while building makes concurrent callers wait for one build instead of
  // each building their own copy.
  std::lock_guard<std::mutex> lock(CacheMutex());
  uint64_t generation = db.generation();
  GraphCounts counts = db.Counts();
  CacheEntry& c = Cache();
  if (c.snapshot && c.db == &db && c.path == db.path() &&
      c.snapshot->generation() == generation && c.nodes == counts.nodes &&
      c.edges == counts.edges) {
    return c.snapshot;
  }
  c.snapshot.reset();  // free the old one before building the new one
  auto read = db.BeginRead();
  // The counts were read after `generation`: they are the read's own when it sees that
  // generation (a commit updates the counts before it moves the generation).
  SnapshotSizes sizes{counts.nodes, counts.edges, read->generation() == generation};
  auto built = BuildSnapshot(*read, generation, interrupt, sizes);
  if (!built.ok()) return built.status();
  c.db = &db;
  c.path = db.path();
  c.nodes = counts.nodes;
  c.edges = counts.edges;
  c.snapshot = *built;
  return c.snapshot;
}

void ClearSnapshotCache() {
  std::lock_guard<std::mutex> lock(CacheMutex());
  Cache() = CacheEntry{};
}

}  // namespace liner::graph
