// AdjacencyCache: one sequential scan per column family into CSR arrays.
#include "storage/adjacency_cache.h"

#include <algorithm>
#include <chrono>
#include <limits>
#include <thread>

#include "storage/key_codec.h"

namespace liner {
namespace {

constexpr uint64_t kMax32 = std::numeric_limits<uint32_t>::max();

bool Stopped(const AdjacencyCache::Inputs& in) {
  return in.stop && in.stop->load(std::memory_order_relaxed);
}

std::unique_ptr<rocksdb::Iterator> ScanIter(const AdjacencyCache::Inputs& in,
                                            rocksdb::ColumnFamilyHandle* cf) {
  rocksdb::ReadOptions ro;
  ro.snapshot = in.snapshot;
  ro.fill_cache = false;  // a one-off copy must not evict the hot blocks
  ro.readahead_size = 4 << 20;
  ro.total_order_seek = true;  // the adjacency CFs have a prefix extractor
  return std::unique_ptr<rocksdb::Iterator>(in.db->NewIterator(ro, cf));
}

// Fills `side` from the `out` (tag 'O') or `in` (tag 'I') column family. Keys are
// tag + node u64 + type u32 + other u64 + edge u64, sorted by node. Returns false when an id
// does not fit 32 bits, a type not 16 bits, the scan failed or the build was stopped.
bool FillSide(const AdjacencyCache::Inputs& in, bool out, AdjacencyCache::Side* side,
              Status* status) {
  rocksdb::ColumnFamilyHandle* cf = out ? in.out : in.in;
  std::string start = keys::Tagged(out ? keys::KeyTag::kOutEdge : keys::KeyTag::kInEdge);
  side->offsets.assign(in.node_limit + 1, 0);
  side->other.reserve(in.edges_hint);
  side->edge.reserve(in.edges_hint);
  side->type.reserve(in.edges_hint);
  auto it = ScanIter(in, cf);
  uint64_t next_node = 0;  // offsets[0..next_node] are final
  size_t n = 0;
  for (it->Seek(start); it->Valid(); it->Next()) {
    rocksdb::Slice k = it->key();
    if (k.size() != 29 || k[0] != start[0]) break;
    std::string_view key(k.data(), k.size());
    uint64_t node = keys::ReadU64(key, 1);
    uint32_t type = keys::ReadU32(key, 9);
    uint64_t other = keys::ReadU64(key, 13);
    uint64_t edge = keys::ReadU64(key, 21);
    if (node >= in.node_limit || other >= in.node_limit || edge > kMax32 || type > 0xffff ||
        side->other.size() >= kMax32) {
      return false;
    }
    while (next_node <= node) side->offsets[next_node++] = static_cast<uint32_t>(side->other.size());
    side->other.push_back(static_cast<uint32_t>(other));
    side->edge.push_back(static_cast<uint32_t>(edge));
    side->type.push_back(static_cast<uint16_t>(type));
    if ((++n & 0xffff) == 0 && Stopped(in)) return false;
  }
  if (!it->status().ok()) {
    *status = Status::IOError("adjacency cache scan: " + it->status().ToString());
    return false;
  }
  while (next_node <= in.node_limit) {
    side->offsets[next_node++] = static_cast<uint32_t>(side->other.size());
  }
  side->other.shrink_to_fit();
  side->edge.shrink_to_fit();
  side->type.shrink_to_fit();
  return true;
}

// For each type, the AND of the label masks of the nodes that have an entry of that type in
// `by_node` (whose entries are grouped by node): one sequential pass. The nodes with `in`
// entries of type t are the other ends of the `out` entries of type t, and conversely.
std::vector<uint64_t> SureLabelsOf(const AdjacencyCache::Side& by_node,
                                   const std::vector<uint64_t>& label_bits, uint64_t* any) {
  std::vector<uint64_t> sure;
  *any = ~uint64_t{0};
  const size_t nodes = by_node.offsets.empty() ? 0 : by_node.offsets.size() - 1;
  for (size_t n = 0; n < nodes; ++n) {
    const uint32_t b = by_node.offsets[n], e = by_node.offsets[n + 1];
    if (b == e) continue;
    const uint64_t labels = label_bits[n];
    *any &= labels;
    uint32_t prev = UINT32_MAX;
    for (uint32_t i = b; i < e; ++i) {  // sorted by type: each type of the node once
      const uint16_t t = by_node.type[i];
      if (t == prev) continue;
      prev = t;
      if (t >= sure.size()) sure.resize(t + 1, ~uint64_t{0});
      sure[t] &= labels;
    }
  }
  return sure;
}

}  // namespace

Result<std::unique_ptr<AdjacencyCache>> AdjacencyCache::Build(const Inputs& in) {
  auto t0 = std::chrono::steady_clock::now();
  if (in.node_limit > kMax32) return std::unique_ptr<AdjacencyCache>();
  std::unique_ptr<AdjacencyCache> c(new AdjacencyCache());
  c->generation_ = in.generation;
  c->node_limit_ = in.node_limit;
  Status in_status, col_status;
  bool in_ok = true, col_ok = true;
  std::thread in_thread([&] { in_ok = FillSide(in, false, &c->in_, &in_status); });
  std::thread col_thread([&] {
    if (in.nodes) {
      col_ok = c->columns_.Fill(in.db, in.nodes, in.snapshot, in.node_limit, in.int_keys,
                                in.string_keys, in.stop, &col_status);
    }
  });
  Status names_status;
  std::thread names_thread([&] {
    // A name cache that does not fit is simply not ready(): FindByName then seeks RocksDB.
    if (in.names) c->names_.Fill(in.db, in.index, in.snapshot, in.node_limit, in.stop, &names_status);
  });
  Status out_status;
  bool out_ok = FillSide(in, true, &c->out_, &out_status);
  in_thread.join();
  col_thread.join();
  names_thread.join();
  LINER_RETURN_IF_ERROR(names_status);
  LINER_RETURN_IF_ERROR(out_status);
  LINER_RETURN_IF_ERROR(in_status);
  LINER_RETURN_IF_ERROR(col_status);
  if (!out_ok || !in_ok || !col_ok || Stopped(in)) return std::unique_ptr<AdjacencyCache>();

  // Labels: 'L' + label u32 + node u64 in the index column family.
  c->label_bits_.assign(in.node_limit, 0);
  std::string start = keys::Tagged(keys::KeyTag::kLabel);
  auto it = ScanIter(in, in.index);
  int bits = 0;
  for (it->Seek(start); it->Valid(); it->Next()) {
    rocksdb::Slice k = it->key();
    if (k.size() != 13 || k[0] != start[0]) break;
    std::string_view key(k.data(), k.size());
    uint32_t label = keys::ReadU32(key, 1);
    uint64_t node = keys::ReadU64(key, 5);
    if (node >= in.node_limit) return std::unique_ptr<AdjacencyCache>();
    if (label >= c->label_bit_of_.size()) c->label_bit_of_.resize(label + 1, -1);
    int8_t& bit = c->label_bit_of_[label];
    if (bit < 0) {
      if (bits == 64) return std::unique_ptr<AdjacencyCache>();
      bit = static_cast<int8_t>(bits++);
    }
    c->label_bits_[node] |= uint64_t{1} << bit;
  }
  if (!it->status().ok()) {
    return Status::IOError("adjacency cache scan: " + it->status().ToString());
  }
  AdjacencyView& v = c->view_;
  auto side = [](const Side& from, AdjacencyView::Side* to) {
    *to = {from.offsets.data(), from.other.data(), from.edge.data(), from.type.data()};
  };
  side(c->out_, &v.out);
  side(c->in_, &v.in);
  v.node_limit = c->node_limit_;
  v.label_bits = c->label_bits_.data();
  v.label_bit_of = c->label_bit_of_.data();
  v.label_tokens = static_cast<uint32_t>(c->label_bit_of_.size());
  c->out_sure_ = SureLabelsOf(c->in_, c->label_bits_, &v.sure_any[0]);
  c->in_sure_ = SureLabelsOf(c->out_, c->label_bits_, &v.sure_any[1]);
  c->out_sure_.resize(std::max(c->out_sure_.size(), c->in_sure_.size()), ~uint64_t{0});
  c->in_sure_.resize(c->out_sure_.size(), ~uint64_t{0});
  v.out_sure = c->out_sure_.data();
  v.in_sure = c->in_sure_.data();
  v.sure_types = static_cast<uint32_t>(c->out_sure_.size());
  c->columns_.Views(&c->view_keys_, &c->view_columns_);
  v.column_keys = c->view_keys_.data();
  v.columns = c->view_columns_.data();
  v.num_columns = static_cast<uint32_t>(c->view_keys_.size());
  c->build_ms_ =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  return c;
}

size_t AdjacencyCache::MemoryBytes() const {
  auto side = [](const Side& s) {
    return s.offsets.capacity() * 4 + s.other.capacity() * 4 + s.edge.capacity() * 4 +
           s.type.capacity() * 2;
  };
  return side(out_) + side(in_) + label_bits_.capacity() * 8 + label_bit_of_.capacity() +
         (out_sure_.capacity() + in_sure_.capacity()) * 8 +
         columns_.MemoryBytes() + names_.MemoryBytes();
}

std::pair<uint32_t, uint32_t> AdjacencyCache::Range(const Side& side, NodeId node,
                                                    TokenId type) const {
  if (node >= node_limit_) return {0, 0};
  auto r = view_.Of(&side == &out_ ? view_.out : view_.in, node, type);
  return {r.begin, r.end};
}

std::optional<bool> AdjacencyCache::HasLabel(NodeId node, TokenId label) const {
  if (label >= label_bit_of_.size() || label_bit_of_[label] < 0) {
    // A label no node carried when the cache was built: nobody has it.
    return node < node_limit_ ? std::optional<bool>(false) : std::nullopt;
  }
  if (node >= node_limit_) return std::nullopt;
  return (label_bits_[node] >> label_bit_of_[label]) & 1;
}

}  // namespace liner
