#pragma once
// Private to graph/*.cpp: the Boost.Graph form of a Snapshot and the resolved projection filter
// the algorithms iterate with. Never include this from a public header (query/ and cli/ do not
// see Boost).

#include <sys/mman.h>

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <algorithm>
#include <bitset>
#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "graph/algo_control.h"
#include "graph/snapshot.h"

namespace liner::graph {

// Per-edge data kept in the CSR (bundled edge property).
struct EdgeProps {
  EdgeId id = 0;
  uint16_t type = 0;
  uint16_t role = 0;  // 0 = no role
  RoleCategory category = RoleCategory::kNone;
};

using Csr = boost::compressed_sparse_row_graph<boost::bidirectionalS, boost::no_property,
                                               EdgeProps, boost::no_property, uint32_t, uint32_t>;
using Vertex = uint32_t;

struct Snapshot::Impl {
  Csr g;
  std::vector<uint16_t> in_type;   // backward edge k -> type of the edge (= g[k's edge].type)
  std::vector<NodeId> ids;         // index -> NodeId, ascending
  std::vector<LabelMask> labels;   // index -> label bits
  std::vector<uint32_t> direct;    // NodeId -> index + 1 (0 = absent) when ids are dense
  std::vector<std::string> label_names, type_names, role_names;
  std::unordered_map<std::string, uint32_t> label_index, type_index, role_index;
  uint64_t generation = 0;
  double build_ms = 0;
  Snapshot::BuildPhases phases;

  // Caches the algorithms fill lazily (graph/algo_recommend.cpp): the snapshot stays logically
  // immutable; `cache_mu` guards the pointer, the cache guards itself.
  struct CoCreditCache;
  mutable std::mutex cache_mu;
  mutable std::shared_ptr<CoCreditCache> cocredit;

  std::optional<uint32_t> Find(NodeId id) const;
};

// Reserves room for `n` elements in an empty vector and asks for transparent huge pages on
// the fresh block: the snapshot's arrays are hundreds of megabytes, and filling them 4 KiB page
// fault by page fault costs more CPU on a VM than the writes themselves. Harmless when the
// kernel ignores the advice.
template <typename T>
void ReserveHuge(std::vector<T>* v, size_t n) {
  constexpr uintptr_t kHuge = uintptr_t{2} << 20;
  v->reserve(n);
  if (!v->empty() || v->capacity() * sizeof(T) < 4 * kHuge) return;
  auto begin = reinterpret_cast<uintptr_t>(v->data());
  uintptr_t lo = (begin + kHuge - 1) & ~(kHuge - 1);
  uintptr_t hi = (begin + v->capacity() * sizeof(T)) & ~(kHuge - 1);
  if (hi > lo) madvise(reinterpret_cast<void*>(lo), hi - lo, MADV_HUGEPAGE);
}

// Reserves room for `n` elements in an empty vector (as ReserveHuge) and touches every page of
// it now, so that whoever fills it later does not pay the page faults: the snapshot build runs
// this on its node thread, idle while the edge scan runs. The elements are constructed later by
// resize/assign as usual; this only writes zero bytes into the reserved storage.
template <typename T>
void ReserveTouched(std::vector<T>* v, size_t n) {
  if (!v->empty() || n == 0) return;
  ReserveHuge(v, n);
  std::memset(static_cast<void*>(v->data()), 0, v->capacity() * sizeof(T));
}

// Edge properties in scan order, compact while the build runs (5 bytes per edge instead of an
// EdgeProps' 16): the ids are not stored while edge i has id first_id + i (storage hands edge
// ids out sequentially), only from the first edge that breaks the run.
struct EdgeColumns {
  EdgeId first_id = 0;
  bool explicit_ids = false;
  std::vector<EdgeId> ids;            // when explicit_ids
  std::vector<uint32_t> type_role;    // type << 16 | role
  std::vector<RoleCategory> category;

  size_t size() const { return type_role.size(); }
  EdgeId id(size_t i) const { return explicit_ids ? ids[i] : first_id + i; }
  uint16_t type(size_t i) const { return static_cast<uint16_t>(type_role[i] >> 16); }
  EdgeProps Get(size_t i) const {
    return EdgeProps{id(i), type(i), static_cast<uint16_t>(type_role[i] & 0xffff), category[i]};
  }
  void Reserve(size_t n) {
    ReserveHuge(&type_role, n);
    ReserveHuge(&category, n);
  }
  void Push(EdgeId edge, uint16_t type, uint16_t role, RoleCategory c) {
    size_t i = type_role.size();
    if (i == 0) first_id = edge;
    if (!explicit_ids && edge != first_id + i) {
      explicit_ids = true;
      ids.reserve(type_role.capacity());
      for (size_t k = 0; k < i; ++k) ids.push_back(first_id + k);
    }
    if (explicit_ids) ids.push_back(edge);
    type_role.push_back(uint32_t{type} << 16 | role);
    category.push_back(c);
  }
};

// Fills `g` from edges listed in edge-id order (src[i] -> dst[i] carrying props[i], dense
// indices < n) with two counting sorts: each node's out-edges stay in edge-id order and its
// in-edges are ordered by (source, edge id), exactly as Boost's own constructor orders them,
// without its generic iterator adaptors. Also fills `in_type` (the type of each backward edge).
// Uses two threads on big graphs. Consumes `src`, `dst` (their memory is reused) and `props`.
void AssignCsr(Vertex n, std::vector<uint32_t>* src, std::vector<uint32_t>* dst,
               EdgeColumns* props, Csr* g, std::vector<uint16_t>* in_type);

// Index of `name` in a snapshot name table, appending it when new.
uint32_t InternName(std::vector<std::string>* names,
                    std::unordered_map<std::string, uint32_t>* index, std::string_view name);

// Sets impl->direct (NodeId -> index + 1) when impl->ids are dense enough (storage hands out
// sequential ids); leaves it empty otherwise, and Find() binary-searches.
void BuildDirectIndex(Snapshot::Impl* impl);

// A resolved Projection: bit tests instead of names.
struct ProjectionFilter {
  bool all_types = true, all_roles = true, all_categories = true, all_labels = true;
  std::vector<bool> types, roles;
  std::bitset<kNumCategories> categories;
  LabelMask labels = 0;
  Direction direction = Direction::kBoth;

  bool EdgeOk(const EdgeProps& p) const {
    return (all_types || types[p.type]) && (all_roles || roles[p.role]) &&
           (all_categories || categories[static_cast<int>(p.category)]);
  }
  bool NodeOk(const Snapshot::Impl& s, Vertex v) const {
    return all_labels || (s.labels[v] & labels) != 0;
  }
};

// Checks every name of `p` against the snapshot (InvalidArgument naming an unknown one).
Result<ProjectionFilter> ResolveProjection(const Snapshot& snap, const Projection& p);

// Calls fn(neighbour, edge_props) for each edge of `v` allowed by `f` in f.direction, out-edges
// first (in edge-id order), then in-edges. The neighbour must also pass the node filter.
template <typename Fn>
inline void ForEachNeighbor(const Snapshot::Impl& s, const ProjectionFilter& f, Vertex v, Fn&& fn) {
  if (f.direction != Direction::kIn) {
    for (auto [it, end] = boost::out_edges(v, s.g); it != end; ++it) {
      const EdgeProps& p = s.g[*it];
      Vertex u = boost::target(*it, s.g);
      if (f.EdgeOk(p) && f.NodeOk(s, u)) fn(u, p);
    }
  }
  if (f.direction != Direction::kOut) {
    for (auto [it, end] = boost::in_edges(v, s.g); it != end; ++it) {
      const EdgeProps& p = s.g[*it];
      Vertex u = boost::source(*it, s.g);
      if (f.EdgeOk(p) && f.NodeOk(s, u)) fn(u, p);
    }
  }
}

// Like ForEachNeighbor, for algorithms that need only the neighbour: fn(neighbour), same edges,
// same order. A projection that filters by type only (the common case) reads no edge property
// record: out-edges test the type in the forward properties (read in sequence), in-edges the
// compact `in_type` column instead of a random read of the forward properties.
template <typename Fn>
inline void ForEachNeighborVertex(const Snapshot::Impl& s, const ProjectionFilter& f, Vertex v,
                                  Fn&& fn) {
  if (!f.all_roles || !f.all_categories) {
    ForEachNeighbor(s, f, v, [&](Vertex u, const EdgeProps&) { fn(u); });
    return;
  }
  if (f.direction != Direction::kIn) {
    const auto& fw = s.g.m_forward;
    for (uint32_t j = fw.m_rowstart[v], end = fw.m_rowstart[v + 1]; j < end; ++j) {
      Vertex u = fw.m_column[j];
      if ((f.all_types || f.types[fw.m_edge_properties[j].type]) && f.NodeOk(s, u)) fn(u);
    }
  }
  if (f.direction != Direction::kOut) {
    const auto& bw = s.g.m_backward;
    for (uint32_t k = bw.m_rowstart[v], end = bw.m_rowstart[v + 1]; k < end; ++k) {
      Vertex u = bw.m_column[k];
      if ((f.all_types || f.types[s.in_type[k]]) && f.NodeOk(s, u)) fn(u);
    }
  }
}

// Resolves a node id argument to an index, or InvalidArgument naming `what`.
Result<Vertex> RequireNode(const Snapshot& snap, NodeId id, const char* what);

// Sorts by score desc, ties by NodeId asc, and keeps the top `limit` (0 = all).
inline void SortScores(std::vector<NodeScore>* v, size_t limit) {
  auto cmp = [](const NodeScore& a, const NodeScore& b) {
    return a.score != b.score ? a.score > b.score : a.node < b.node;
  };
  if (limit != 0 && limit < v->size()) {
    std::partial_sort(v->begin(), v->begin() + limit, v->end(), cmp);
    v->resize(limit);
  } else {
    std::sort(v->begin(), v->end(), cmp);
  }
}

}  // namespace liner::graph
