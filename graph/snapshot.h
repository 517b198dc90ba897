#pragma once
// Snapshot: an immutable in-memory copy of the whole graph's topology (node ids and labels,
// edge endpoints, types, credit roles and role categories) for whole-graph algorithms.
//
// Nodes get dense indices 0..n-1 in NodeId order, so "ties broken by index" is "ties broken by
// NodeId". Edges live in a bidirectional boost::compressed_sparse_row_graph (see
// graph/snapshot_impl.h, private to graph/); this header has no Boost in it, so query/ and cli/
// can hold snapshots. Properties other than role/category are not copied: callers read names
// and titles from a Transaction for the few nodes they print.
//
// Build one with SnapshotBuilder (plain data, used by tests) or BuildSnapshot (one pass over
// storage); graph/snapshot_cache.h keeps the latest one per database.
//
// Thread safety: a built Snapshot is immutable and safe to share between threads.
// SnapshotBuilder is thread-compatible.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "storage/status.h"
#include "storage/types.h"

namespace liner {
class Transaction;
}

namespace liner::graph {

class Interrupt;

// Role categories of CREDITED edges (the data model's `category` property).
enum class RoleCategory : uint8_t {
  kNone = 0,  // the edge has no role
  kPerformance,
  kWriting,
  kProduction,
  kEngineering,
  kMixing,
  kMastering,
  kOther,
};
inline constexpr int kNumCategories = 8;

const char* CategoryName(RoleCategory c);
// Parses "production" etc. (case-insensitive); nullopt when unknown.
std::optional<RoleCategory> ParseCategory(std::string_view name);
// The category of a role name when an edge carries no `category` property (generated data):
// model::CategoryForRole, as an enum; kNone for an empty role.
RoleCategory CategoryOfRole(std::string_view role);

using LabelMask = uint64_t;  // bit i = the snapshot's label i (at most 64 labels)

class Snapshot {
 public:
  struct Impl;
  explicit Snapshot(std::unique_ptr<Impl> impl);
  ~Snapshot();
  Snapshot(const Snapshot&) = delete;
  Snapshot& operator=(const Snapshot&) = delete;

  size_t num_nodes() const;
  size_t num_edges() const;
  NodeId node_id(uint32_t index) const;
  // Dense index of a node, or nullopt when the node is not in the snapshot.
  std::optional<uint32_t> IndexOf(NodeId id) const;

  // Name tables. Indices are local to this snapshot.
  const std::vector<std::string>& label_names() const;
  const std::vector<std::string>& type_names() const;
  const std::vector<std::string>& role_names() const;  // index 0 is "" (no role)
  std::optional<uint32_t> LabelIndex(std::string_view name) const;
  std::optional<uint32_t> TypeIndex(std::string_view name) const;
  std::optional<uint32_t> RoleIndex(std::string_view name) const;

  LabelMask labels(uint32_t index) const;
  bool HasLabel(uint32_t index, std::string_view label) const;

  // The database generation this snapshot reflects (0 for hand-built ones).
  uint64_t generation() const;
  // Approximate heap bytes held (CSR arrays, property arrays, id maps).
  size_t MemoryBytes() const;
  // Milliseconds from the builder's construction to the end of Build().
  double build_ms() const;
  // CPU milliseconds of the phases of BuildSnapshot, each measured on its own thread: the node
  // side (label and node scans), the edge side (edge scan) — these two run concurrently — and
  // the finish (id mapping and CSR, partly on a helper thread). All 0 for SnapshotBuilder.
  struct BuildPhases {
    double nodes_cpu_ms = 0, edges_cpu_ms = 0, finish_cpu_ms = 0;
  };
  BuildPhases build_phases() const;

  const Impl& impl() const { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

// Collects nodes and edges as plain data, then builds the CSR in one go.
class SnapshotBuilder {
 public:
  SnapshotBuilder();
  ~SnapshotBuilder();

  uint32_t InternLabel(std::string_view name);
  uint32_t InternType(std::string_view name);
  uint32_t InternRole(std::string_view name);

  void AddNode(NodeId id, LabelMask labels);
  void AddNode(NodeId id, std::initializer_list<std::string_view> labels);
  void AddEdge(EdgeId id, NodeId src, NodeId dst, uint32_t type, uint32_t role,
               RoleCategory category);
  // Convenience for tests: category "" means "derived from the role".
  void AddEdge(EdgeId id, NodeId src, NodeId dst, std::string_view type,
               std::string_view role = "", std::string_view category = "");

  void set_generation(uint64_t g) { generation_ = g; }
  size_t num_nodes() const;
  size_t num_edges() const;

  // Fails with Corruption when an edge names a node that was not added, and with
  // LimitExceeded past 2^32-1 nodes or edges, 64 labels or 65535 types/roles.
  Result<std::shared_ptr<const Snapshot>> Build();

 private:
  struct Data;
  std::unique_ptr<Data> data_;
  uint64_t generation_ = 0;
  std::chrono::steady_clock::time_point start_;
};

// Builds a snapshot of everything `txn` sees in one pass: every label scan and ScanNodes on one
// thread, ForEachEdgeSkeleton on another (read-only transactions; a read-write one scans on the
// calling thread). `generation` is recorded in the snapshot. Honours `interrupt` between rows.
// `sizes` (from Database::Counts()) presizes arrays; see SnapshotSizes for `exact`.
struct SnapshotSizes {
  uint64_t nodes = 0, edges = 0;
  // `nodes` is exactly the number of nodes `txn` sees (Counts() read after db.generation() and
  // txn.generation() equal to it, txn not dirty). Then, when the label index already lists that
  // many nodes, the build skips the scan of the node records.
  bool exact = false;
};
Result<std::shared_ptr<const Snapshot>> BuildSnapshot(Transaction& txn, uint64_t generation,
                                                      const Interrupt* interrupt = nullptr,
                                                      const SnapshotSizes& sizes = {});

}  // namespace liner::graph
