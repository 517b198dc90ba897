// Snapshot and SnapshotBuilder: dense indices in NodeId order and a bidirectional CSR filled by
// our own counting sorts (stable, so each node's out-edges stay in edge-id order).
#include "graph/snapshot.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <thread>

#include "graph/model.h"
#include "graph/snapshot_impl.h"

namespace liner::graph {

namespace {
constexpr const char* kCategoryNames[kNumCategories] = {
    "", "performance", "writing", "production", "engineering", "mixing", "mastering", "other"};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

const char* CategoryName(RoleCategory c) { return kCategoryNames[static_cast<int>(c)]; }

std::optional<RoleCategory> ParseCategory(std::string_view name) {
  std::string n = Lower(name);
  for (int i = 1; i < kNumCategories; ++i) {
    if (n == kCategoryNames[i]) return static_cast<RoleCategory>(i);
  }
  return std::nullopt;
}

RoleCategory CategoryOfRole(std::string_view role) {
  if (role.empty()) return RoleCategory::kNone;
  // One vocabulary for the whole project: the data model's role table.
  return ParseCategory(model::CategoryForRole(role)).value_or(RoleCategory::kOther);
}

// ---- Snapshot ----

std::optional<uint32_t> Snapshot::Impl::Find(NodeId id) const {
  if (!direct.empty() || ids.empty()) {
    if (id >= direct.size() || direct[id] == 0) return std::nullopt;
    return direct[id] - 1;
  }
  auto it = std::lower_bound(ids.begin(), ids.end(), id);
  if (it == ids.end() || *it != id) return std::nullopt;
  return static_cast<uint32_t>(it - ids.begin());
}

Snapshot::Snapshot(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Snapshot::~Snapshot() = default;

size_t Snapshot::num_nodes() const { return impl_->ids.size(); }
size_t Snapshot::num_edges() const { return boost::num_edges(impl_->g); }
NodeId Snapshot::node_id(uint32_t index) const { return impl_->ids[index]; }
std::optional<uint32_t> Snapshot::IndexOf(NodeId id) const { return impl_->Find(id); }
const std::vector<std::string>& Snapshot::label_names() const { return impl_->label_names; }
const std::vector<std::string>& Snapshot::type_names() const { return impl_->type_names; }
const std::vector<std::string>& Snapshot::role_names() const { return impl_->role_names; }

namespace {
std::optional<uint32_t> Lookup(const std::unordered_map<std::string, uint32_t>& m,
                               std::string_view name) {
  auto it = m.find(std::string(name));
  if (it == m.end()) return std::nullopt;
  return it->second;
}
}  // namespace

std::optional<uint32_t> Snapshot::LabelIndex(std::string_view n) const {
  return Lookup(impl_->label_index, n);
}
std::optional<uint32_t> Snapshot::TypeIndex(std::string_view n) const {
  return Lookup(impl_->type_index, n);
}
std::optional<uint32_t> Snapshot::RoleIndex(std::string_view n) const {
  return Lookup(impl_->role_index, n);
}
LabelMask Snapshot::labels(uint32_t index) const { return impl_->labels[index]; }
bool Snapshot::HasLabel(uint32_t index, std::string_view label) const {
  auto l = LabelIndex(label);
  return l && (impl_->labels[index] >> *l & 1) != 0;
}
uint64_t Snapshot::generation() const { return impl_->generation; }
double Snapshot::build_ms() const { return impl_->build_ms; }
Snapshot::BuildPhases Snapshot::build_phases() const { return impl_->phases; }

size_t Snapshot::MemoryBytes() const {
  const Impl& s = *impl_;
  size_t n = s.ids.size(), m = num_edges();
  // Forward CSR: row starts + target column + bundled props; backward: row starts + source
  // column + forward edge index.
  size_t csr = 2 * (n + 1) * sizeof(uint32_t) + m * (2 * sizeof(uint32_t) + sizeof(EdgeProps)) +
               m * (sizeof(uint32_t) + sizeof(uint16_t));
  return csr + n * (sizeof(NodeId) + sizeof(LabelMask)) + s.direct.size() * sizeof(uint32_t);
}

// ---- building blocks shared by SnapshotBuilder and BuildSnapshot ----

uint32_t InternName(std::vector<std::string>* names,
                    std::unordered_map<std::string, uint32_t>* index, std::string_view name) {
  auto [it, inserted] = index->try_emplace(std::string(name), static_cast<uint32_t>(names->size()));
  if (inserted) names->emplace_back(name);
  return it->second;
}

void BuildDirectIndex(Snapshot::Impl* impl) {
  size_t n = impl->ids.size();
  impl->direct.clear();
  if (n > 0 && impl->ids.back() < 4 * n + 1024) {
    ReserveHuge(&impl->direct, impl->ids.back() + 1);
    impl->direct.assign(impl->ids.back() + 1, 0);
    for (uint32_t i = 0; i < n; ++i) impl->direct[impl->ids[i]] = i + 1;
  }
}

namespace {

// Runs fn(0, mid) here and fn(mid, n) on another thread when `parallel`, else fn(0, n).
template <typename Fn>
void TwoWay(bool parallel, size_t n, size_t mid, Fn&& fn) {
  if (!parallel) {
    fn(size_t{0}, n);
    return;
  }
  std::thread other([&] { fn(mid, n); });
  fn(size_t{0}, mid);
  other.join();
}

// The vertex splitting `starts` (row starts) into two halves of about equal edge counts.
size_t EdgeMedian(const std::vector<uint32_t>& starts) {
  auto it = std::lower_bound(starts.begin(), starts.end(), starts.back() / 2);
  return static_cast<size_t>(it - starts.begin());
}

}  // namespace

void AssignCsr(Vertex n, std::vector<uint32_t>* src_in, std::vector<uint32_t>* dst_in,
               EdgeColumns* props, Csr* g, std::vector<uint16_t>* in_type) {
  const std::vector<uint32_t>& src = *src_in;
  const std::vector<uint32_t>& dst = *dst_in;
  size_t m = src.size();
  auto& fwd = g->m_forward;
  auto& bwd = g->m_backward;
  // Row starts by counting (both directions at once), then stable placement passes: edges
  // arrive in edge-id order. Each placement pass is split by vertex range over two threads;
  // both threads read every edge and write only the rows of their range.
  auto row_starts = [n](const std::vector<uint32_t>& keys, std::vector<uint32_t>* starts) {
    ReserveHuge(starts, static_cast<size_t>(n) + 1);
    starts->assign(static_cast<size_t>(n) + 1, 0);
    for (uint32_t v : keys) ++(*starts)[v + 1];
    for (size_t v = 0; v < n; ++v) (*starts)[v + 1] += (*starts)[v];
  };
  bool parallel = m >= (1u << 16);  // a thread pays for itself on big graphs only
  TwoWay(parallel, 2, 1, [&](size_t lo, size_t hi) {
    if (lo == 0) row_starts(src, &fwd.m_rowstart);
    if (hi == 2) row_starts(dst, &bwd.m_rowstart);
  });
  ReserveHuge(&fwd.m_column, m);
  ReserveHuge(&fwd.m_edge_properties, m);
  fwd.m_column.resize(m);
  fwd.m_edge_properties.resize(m);
  std::vector<uint32_t> next(fwd.m_rowstart.begin(), fwd.m_rowstart.end() - 1);
  TwoWay(parallel, n, EdgeMedian(fwd.m_rowstart), [&](size_t lo, size_t hi) {
    for (size_t i = 0; i < m; ++i) {
      uint32_t s = src[i];
      if (s < lo || s >= hi) continue;
      uint32_t j = next[s]++;
      fwd.m_column[j] = dst[i];
      fwd.m_edge_properties[j] = props->Get(i);
    }
  });
  *props = {};
  // Backward: in forward order (source, edge id), bucketed by target; the property is the
  // forward edge index, and in_type a copy of the edge's type (read in forward order here, so
  // in-edge type filters never read the forward properties at random).
  // The endpoint arrays are spent: their memory (already paged in) becomes the backward
  // columns, which are fully overwritten below.
  bwd.m_column = std::move(*src_in);
  bwd.m_edge_properties = std::move(*dst_in);
  ReserveHuge(in_type, m);
  in_type->resize(m);
  next.assign(bwd.m_rowstart.begin(), bwd.m_rowstart.end() - 1);
  TwoWay(parallel, n, EdgeMedian(bwd.m_rowstart), [&](size_t lo, size_t hi) {
    for (Vertex v = 0; v < n; ++v) {
      for (uint32_t j = fwd.m_rowstart[v]; j < fwd.m_rowstart[v + 1]; ++j) {
        Vertex t = fwd.m_column[j];
        if (t < lo || t >= hi) continue;
        uint32_t k = next[t]++;
        bwd.m_column[k] = v;
        bwd.m_edge_properties[k] = j;
        (*in_type)[k] = fwd.m_edge_properties[j].type;
      }
    }
  });
}

// ---- SnapshotBuilder ----

struct SnapshotBuilder::Data {
  std::vector<std::pair<NodeId, LabelMask>> nodes;
  std::vector<std::pair<NodeId, NodeId>> ends;
  std::vector<EdgeProps> props;
  std::vector<std::string> label_names, type_names, role_names{""};
  std::unordered_map<std::string, uint32_t> label_index, type_index, role_index{{"", 0}};
};

SnapshotBuilder::SnapshotBuilder()
    : data_(std::make_unique<Data>()), start_(std::chrono::steady_clock::now()) {}
SnapshotBuilder::~SnapshotBuilder() = default;


uint32_t SnapshotBuilder::InternLabel(std::string_view n) {
  return InternName(&data_->label_names, &data_->label_index, n);
}
uint32_t SnapshotBuilder::InternType(std::string_view n) {
  return InternName(&data_->type_names, &data_->type_index, n);
}
uint32_t SnapshotBuilder::InternRole(std::string_view n) {
  return InternName(&data_->role_names, &data_->role_index, n);
}

void SnapshotBuilder::AddNode(NodeId id, LabelMask labels) { data_->nodes.emplace_back(id, labels); }

void SnapshotBuilder::AddNode(NodeId id, std::initializer_list<std::string_view> labels) {
  LabelMask mask = 0;
  for (auto l : labels) {
    uint32_t i = InternLabel(l);
    if (i < 64) mask |= LabelMask{1} << i;
  }
  AddNode(id, mask);
}

void SnapshotBuilder::AddEdge(EdgeId id, NodeId src, NodeId dst, uint32_t type, uint32_t role,
                              RoleCategory category) {
  data_->ends.emplace_back(src, dst);
  data_->props.push_back(EdgeProps{id, static_cast<uint16_t>(type), static_cast<uint16_t>(role),
                                   category});
}

void SnapshotBuilder::AddEdge(EdgeId id, NodeId src, NodeId dst, std::string_view type,
                              std::string_view role, std::string_view category) {
  RoleCategory c = category.empty() ? CategoryOfRole(role)
                                    : ParseCategory(category).value_or(RoleCategory::kOther);
  AddEdge(id, src, dst, InternType(type), InternRole(role), c);
}

size_t SnapshotBuilder::num_nodes() const { return data_->nodes.size(); }
size_t SnapshotBuilder::num_edges() const { return data_->ends.size(); }

Result<std::shared_ptr<const Snapshot>> SnapshotBuilder::Build() {
  Data& d = *data_;
  if (d.nodes.size() >= UINT32_MAX || d.ends.size() >= UINT32_MAX) {
    return Status::LimitExceeded("snapshot: more than 2^32-1 nodes or edges");
  }
  if (d.label_names.size() > 64) return Status::LimitExceeded("snapshot: more than 64 labels");
  if (d.type_names.size() > 65535 || d.role_names.size() > 65535) {
    return Status::LimitExceeded("snapshot: more than 65535 relationship types or roles");
  }
  auto impl = std::make_unique<Snapshot::Impl>();
  std::sort(d.nodes.begin(), d.nodes.end());
  d.nodes.erase(std::unique(d.nodes.begin(), d.nodes.end(),
                            [](auto& a, auto& b) { return a.first == b.first; }),
                d.nodes.end());
  size_t n = d.nodes.size();
  impl->ids.reserve(n);
  impl->labels.reserve(n);
  for (auto& [id, mask] : d.nodes) {
    impl->ids.push_back(id);
    impl->labels.push_back(mask);
  }
  d.nodes = {};
  BuildDirectIndex(impl.get());
  // Endpoints to dense indices.
  std::vector<uint32_t> src(d.ends.size()), dst(d.ends.size());
  for (size_t i = 0; i < d.ends.size(); ++i) {
    auto s = impl->Find(d.ends[i].first), t = impl->Find(d.ends[i].second);
    if (!s || !t) {
      return Status::Corruption("snapshot: edge " + std::to_string(d.props[i].id) +
                                " names node " +
                                std::to_string(!s ? d.ends[i].first : d.ends[i].second) +
                                " which does not exist");
    }
    src[i] = *s;
    dst[i] = *t;
  }
  d.ends = {};
  EdgeColumns columns;
  columns.Reserve(d.props.size());
  for (const EdgeProps& p : d.props) columns.Push(p.id, p.type, p.role, p.category);
  d.props = {};
  AssignCsr(static_cast<Vertex>(n), &src, &dst, &columns, &impl->g, &impl->in_type);
  impl->label_names = std::move(d.label_names);
  impl->type_names = std::move(d.type_names);
  impl->role_names = std::move(d.role_names);
  impl->label_index = std::move(d.label_index);
  impl->type_index = std::move(d.type_index);
  impl->role_index = std::move(d.role_index);
  impl->generation = generation_;
  impl->build_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                             start_).count();
  data_ = std::make_unique<Data>();
  return std::shared_ptr<const Snapshot>(std::make_shared<Snapshot>(std::move(impl)));
}

}  // namespace liner::graph
