// BuildSnapshot: one pass over storage, nodes and edges scanned on two threads.
//
// Nodes: one ScanLabel per label token, merged into ids and label bits; ScanNodes (which reads
// every node record) only when some node has no label. Edges: ForEachEdgeSkeleton reads
// endpoints, type and the `role`/`category` strings straight from the record bytes, kept
// compact (32-bit endpoints, 5 bytes of properties, ids implied while sequential). Roles are
// interned once per distinct string and their category derived once per role. The CSR is then
// filled by two counting sorts (AssignCsr).
//
// Fresh memory is the hidden cost on a VM (the host backs each new page on first touch): the
// build keeps its temporaries small, reuses the endpoint arrays as CSR columns and asks for
// huge pages.
#include <pthread.h>
#include <time.h>

#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "graph/algo_control.h"
#include "graph/snapshot_impl.h"
#include "storage/database.h"

namespace liner::graph {

namespace {

// CPU time of the calling thread in milliseconds.
double ThreadCpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

struct NodeScan {
  double cpu_ms = 0;
  Status status;
};

// The node side, written straight into the snapshot: each label's index entries (ascending
// ids), merged into the ids with their label bits. When that union is every node the
// transaction sees (sizes.exact and the count matches: no node without a label), the scan of
// the node records is skipped: it reads every node's properties, three times the label scans'
// cost. Otherwise ScanNodes lists the ids and the labels are set through the id table.
void ScanNodeSide(Transaction& txn, const std::vector<std::pair<TokenId, uint32_t>>& labels,
                  const Interrupt* interrupt, const SnapshotSizes& sizes, Snapshot::Impl* impl,
                  NodeScan* out) {
  double cpu0 = ThreadCpuMs();
  uint64_t polls = 0;
  auto fail = [&](Status st) {
    out->status = std::move(st);
    return !out->status.ok();
  };
  std::vector<std::vector<NodeId>> lists(labels.size());
  for (size_t l = 0; l < labels.size(); ++l) {
    auto c = txn.ScanLabel(labels[l].first);
    for (; c->Valid(); c->Next()) {
      lists[l].push_back(c->id());
      if (fail(PollInterrupt(interrupt, &polls))) return;
    }
    if (fail(c->status())) return;
  }
  // k-way merge (k = labels, a handful): ids ascending, one mask per id.
  std::vector<NodeId> ids;
  std::vector<LabelMask> masks;
  size_t total = 0;
  for (const auto& l : lists) total += l.size();
  ReserveHuge(&ids, std::max<uint64_t>(total, sizes.nodes));
  ReserveHuge(&masks, std::max<uint64_t>(total, sizes.nodes));
  std::vector<size_t> pos(lists.size(), 0);
  for (;;) {
    NodeId next = UINT64_MAX;
    for (size_t l = 0; l < lists.size(); ++l) {
      if (pos[l] < lists[l].size()) next = std::min(next, lists[l][pos[l]]);
    }
    if (next == UINT64_MAX) break;
    LabelMask mask = 0;
    for (size_t l = 0; l < lists.size(); ++l) {
      if (pos[l] < lists[l].size() && lists[l][pos[l]] == next) {
        mask |= LabelMask{1} << labels[l].second;
        ++pos[l];
      }
    }
    ids.push_back(next);
    masks.push_back(mask);
  }
  lists = {};
  if (sizes.exact && ids.size() == sizes.nodes) {
    impl->ids = std::move(ids);
    impl->labels = std::move(masks);
    BuildDirectIndex(impl);
  } else {
    ReserveHuge(&impl->ids, sizes.nodes);
    auto nodes = txn.ScanNodes();
    for (; nodes->Valid(); nodes->Next()) {
      impl->ids.push_back(nodes->id());
      if (fail(PollInterrupt(interrupt, &polls))) return;
    }
    if (fail(nodes->status())) return;
    BuildDirectIndex(impl);
    ReserveHuge(&impl->labels, impl->ids.size());
    impl->labels.assign(impl->ids.size(), 0);
    for (size_t i = 0; i < ids.size(); ++i) {
      if (auto v = impl->Find(ids[i])) impl->labels[*v] |= masks[i];
    }
  }
  out->cpu_ms = ThreadCpuMs() - cpu0;
}

struct EdgeScan {
  double cpu_ms = 0;
  // Endpoints as stored NodeIds: 32-bit while they fit (storage hands ids out sequentially), all
  // 64-bit in wide_src/wide_dst from the first one that does not.
  std::vector<uint32_t> src, dst;
  std::vector<NodeId> wide_src, wide_dst;
  bool wide = false;
  EdgeColumns props;
  std::vector<std::string> role_names{""};
  std::unordered_map<std::string, uint32_t> role_index{{"", 0}};
  Status status;
};

// Every edge in id order with its snapshot type, interned role and role category.
void ScanEdgeSide(Transaction& txn, const std::vector<uint32_t>& type_of, uint32_t unknown_type,
                  TokenId role_key, TokenId category_key, uint64_t expected,
                  const Interrupt* interrupt, EdgeScan* out) {
  double cpu0 = ThreadCpuMs();
  ReserveHuge(&out->src, expected);
  ReserveHuge(&out->dst, expected);
  out->props.Reserve(expected);
  std::vector<RoleCategory> role_category{RoleCategory::kNone};
  std::unordered_map<std::string, RoleCategory> category_cache;
  std::string key;  // reused lookup buffer: no allocation per edge
  // Roles repeat (a few dozen distinct strings over millions of credits): a direct-mapped cache
  // by hash answers most edges without touching the map.
  struct CachedRole {
    std::string text;
    uint32_t role = 0;
  };
  std::vector<CachedRole> cache(256);
  uint64_t polls = 0;
  Status interrupted;
  Status st = txn.ForEachEdgeSkeleton({role_key, category_key}, [&](const EdgeSkeleton& e) {
    uint32_t role = 0;
    RoleCategory category = RoleCategory::kNone;
    if (!e.strings[0].empty()) {
      CachedRole& slot = cache[std::hash<std::string_view>{}(e.strings[0]) & 255];
      if (slot.role != 0 && slot.text == e.strings[0]) {
        role = slot.role;
      } else {
        key.assign(e.strings[0]);
        auto it = out->role_index.find(key);
        if (it == out->role_index.end()) {
          it = out->role_index.emplace(key, static_cast<uint32_t>(out->role_names.size())).first;
          out->role_names.push_back(key);
          role_category.push_back(CategoryOfRole(key));
        }
        role = it->second;
        slot.text = key;
        slot.role = role;
      }
      category = role_category[role];
    }
    if (!e.strings[1].empty()) {
      key.assign(e.strings[1]);
      auto it = category_cache.find(key);
      if (it == category_cache.end()) {
        it = category_cache.emplace(key, ParseCategory(key).value_or(RoleCategory::kOther)).first;
      }
      category = it->second;
    }
    uint32_t type = e.type < type_of.size() && e.type != kNoToken ? type_of[e.type] : unknown_type;
    if (!out->wide && (e.src > UINT32_MAX || e.dst > UINT32_MAX)) {
      out->wide = true;
      out->wide_src.assign(out->src.begin(), out->src.end());
      out->wide_dst.assign(out->dst.begin(), out->dst.end());
      out->src = {};
      out->dst = {};
    }
    if (out->wide) {
      out->wide_src.push_back(e.src);
      out->wide_dst.push_back(e.dst);
    } else {
      out->src.push_back(static_cast<uint32_t>(e.src));
      out->dst.push_back(static_cast<uint32_t>(e.dst));
    }
    out->props.Push(e.id, static_cast<uint16_t>(type),
                    static_cast<uint16_t>(std::min<size_t>(role, 65535)), category);
    interrupted = PollInterrupt(interrupt, &polls);
    return interrupted.ok();
  });
  out->status = interrupted.ok() ? st : interrupted;
  out->cpu_ms = ThreadCpuMs() - cpu0;
}

}  // namespace

Result<std::shared_ptr<const Snapshot>> BuildSnapshot(Transaction& txn, uint64_t generation,
                                                      const Interrupt* interrupt,
                                                      const SnapshotSizes& sizes) {
  auto start = std::chrono::steady_clock::now();
  auto impl = std::make_unique<Snapshot::Impl>();
  impl->generation = generation;

  // Token tables first: the scans below only read the transaction's snapshot.
  std::vector<std::pair<TokenId, uint32_t>> labels;
  for (const auto& [token, name] : txn.Tokens(TokenKind::kLabel)) {
    uint32_t bit = InternName(&impl->label_names, &impl->label_index, name);
    if (bit < 64) labels.emplace_back(token, bit);
  }
  std::vector<uint32_t> type_of;
  for (const auto& [token, name] : txn.Tokens(TokenKind::kRelType)) {
    if (token >= type_of.size()) type_of.resize(token + 1, 0);
    type_of[token] = InternName(&impl->type_names, &impl->type_index, name);
  }
  // An edge whose type token has no name (never written by Liner) gets the type "?", interned
  // after the scans (not from the edge thread) when some edge needs it.
  TokenId role_key = txn.LookupToken(TokenKind::kPropertyKey, "role");
  TokenId category_key = txn.LookupToken(TokenKind::kPropertyKey, "category");
  uint32_t unknown_type = static_cast<uint32_t>(impl->type_names.size());
  if (impl->label_names.size() > 64) return Status::LimitExceeded("snapshot: more than 64 labels");

  NodeScan nodes;
  EdgeScan edges;
  // A read-write transaction is not safe to scan from two threads (its write batch); its
  // snapshots are private and small in practice, so it scans sequentially.
  if (txn.read_only()) {
    std::thread node_thread([&] {
      ScanNodeSide(txn, labels, interrupt, sizes, impl.get(), &nodes);
      if (!nodes.status.ok() || sizes.edges < (1u << 16)) return;
      // The edge scan takes longer: page in the CSR arrays the finish fills meanwhile.
      double cpu0 = ThreadCpuMs();
      size_t n = impl->ids.size() + 1;
      ReserveTouched(&impl->g.m_forward.m_rowstart, n);
      ReserveTouched(&impl->g.m_backward.m_rowstart, n);
      ReserveTouched(&impl->g.m_forward.m_column, sizes.edges);
      ReserveTouched(&impl->in_type, sizes.edges);
      ReserveTouched(&impl->g.m_forward.m_edge_properties, sizes.edges);
      nodes.cpu_ms += ThreadCpuMs() - cpu0;
    });
    pthread_setname_np(node_thread.native_handle(), "snapshot-nodes");  // for profilers
    ScanEdgeSide(txn, type_of, unknown_type, role_key, category_key, sizes.edges, interrupt,
                 &edges);
    node_thread.join();
  } else {
    ScanNodeSide(txn, labels, interrupt, sizes, impl.get(), &nodes);
    ScanEdgeSide(txn, type_of, unknown_type, role_key, category_key, sizes.edges, interrupt,
                 &edges);
  }
  double finish0 = ThreadCpuMs();
  LINER_RETURN_IF_ERROR(nodes.status);
  LINER_RETURN_IF_ERROR(edges.status);
  size_t n = impl->ids.size(), m = edges.props.size();
  if (n >= UINT32_MAX || m >= UINT32_MAX) {
    return Status::LimitExceeded("snapshot: more than 2^32-1 nodes or edges");
  }
  if (edges.role_names.size() > 65535 || impl->type_names.size() > 65535) {
    return Status::LimitExceeded("snapshot: more than 65535 relationship types or roles");
  }
  for (size_t i = 0; i < m; ++i) {
    if (edges.props.type(i) == unknown_type) {
      InternName(&impl->type_names, &impl->type_index, "?");
      break;
    }
  }

  // Endpoints to dense indices (in place unless wide; two halves on two threads), then the CSR.
  if (edges.wide) {
    edges.src.resize(m);
    edges.dst.resize(m);
  }
  auto raw_src = [&](size_t i) -> NodeId { return edges.wide ? edges.wide_src[i] : edges.src[i]; };
  auto raw_dst = [&](size_t i) -> NodeId { return edges.wide ? edges.wide_dst[i] : edges.dst[i]; };
  size_t bad[2] = {SIZE_MAX, SIZE_MAX};  // first edge naming a missing node, per half
  auto map_range = [&](size_t lo, size_t hi, size_t* first_bad) {
    for (size_t i = lo; i < hi; ++i) {
      auto s = impl->Find(raw_src(i)), t = impl->Find(raw_dst(i));
      if (!s || !t) {
        *first_bad = i;
        return;
      }
      edges.src[i] = *s;
      edges.dst[i] = *t;
    }
  };
  if (m >= (1u << 16)) {
    std::thread other([&] { map_range(m / 2, m, &bad[1]); });
    map_range(0, m / 2, &bad[0]);
    other.join();
  } else {
    map_range(0, m, &bad[0]);
  }
  for (size_t i : bad) {
    if (i == SIZE_MAX) continue;
    bool src_missing = !impl->Find(raw_src(i));
    NodeId missing = src_missing ? raw_src(i) : raw_dst(i);
    return Status::Corruption("snapshot: edge " + std::to_string(edges.props.id(i)) +
                              " names node " + std::to_string(missing) + " which does not exist");
  }
  edges.wide_src = {};
  edges.wide_dst = {};
  AssignCsr(static_cast<Vertex>(n), &edges.src, &edges.dst, &edges.props, &impl->g,
            &impl->in_type);
  impl->role_names = std::move(edges.role_names);
  impl->role_index = std::move(edges.role_index);
  impl->phases = {nodes.cpu_ms, edges.cpu_ms, ThreadCpuMs() - finish0};
  impl->build_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return std::shared_ptr<const Snapshot>(std::make_shared<Snapshot>(std::move(impl)));
}

}  // namespace liner::graph
