// BulkLoader over RocksDB: node and edge records stream into SST files through worker threads
// as they arrive (ids only grow, so they are already sorted); adjacency and index entries are
// collected compactly and, at Commit(), sorted (adjacency by a counting sort on the node id)
// and written in parallel threads, one per column family; then every file is ingested in one
// IngestExternalFiles call. See storage/FORMAT.md, "Bulk load".
#include "storage/bulk_load.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <filesystem>
#include <functional>
#include <map>
#include <thread>
#include <unordered_map>

#include "storage/bulk_encode.h"
#include "storage/bulk_index.h"
#include "storage/bulk_memory.h"
#include "storage/bulk_sst.h"
#include "storage/codec.h"
#include "storage/key_codec.h"
#include "storage/rocks_db.h"

namespace liner {

namespace {

namespace fs = std::filesystem;
using bulk::AsyncSstOut;
using bulk::BulkIndex;
using bulk::SstOut;

Status FromRocks(const rocksdb::Status& s, const std::string& what) {
  if (s.ok()) return Status::OK();
  return Status::IOError("bulk load: " + what + ": " + s.ToString());
}

// One adjacency entry without its node (the node is the bucket it sits in): 12 bytes, the
// type and the other node packed into one integer that sorts as (type, other), then the edge.
// A load's edges carry node ids below 2^40 and type tokens below 2^24 (AddEdge checks).
constexpr int kAdjOtherBits = 40;
constexpr NodeId kMaxAdjNode = (NodeId{1} << kAdjOtherBits) - 1;
constexpr TokenId kMaxAdjType = (TokenId{1} << (64 - kAdjOtherBits)) - 1;

// An edge of this load (its id is the load's first edge id + its index), in 16 bytes: each
// end packed with the type as an adjacency entry's type_other is (the other end's word is
// the entry's), so that 10M edges take 160 MB of fresh pages instead of 240.
struct EdgeEnds {
  uint64_t type_src, type_dst;
  EdgeEnds(NodeId src, NodeId dst, TokenId type)
      : type_src((uint64_t{type} << kAdjOtherBits) | src),
        type_dst((uint64_t{type} << kAdjOtherBits) | dst) {}
  NodeId src() const { return type_src & kMaxAdjNode; }
  NodeId dst() const { return type_dst & kMaxAdjNode; }
  // The node whose adjacency lists the edge (out: the start) and its entry's type_other.
  NodeId node(bool out) const { return out ? src() : dst(); }
  uint64_t type_other(bool out) const { return out ? type_dst : type_src; }
};
static_assert(sizeof(EdgeEnds) == 16);

#pragma pack(push, 4)
struct Adj {
  uint64_t type_other;
  uint32_t edge;  // offset from the load's first edge id
  Adj() = default;
  Adj(uint64_t packed_type_other, uint32_t e) : type_other(packed_type_other), edge(e) {}
  NodeId other() const { return type_other & kMaxAdjNode; }
  TokenId type() const { return static_cast<TokenId>(type_other >> kAdjOtherBits); }
  bool operator<(const Adj& o) const {
    return type_other != o.type_other ? type_other < o.type_other : edge < o.edge;
  }
};
#pragma pack(pop)
static_assert(sizeof(Adj) == 12);

// Writes an adjacency key into a fixed buffer (no allocation per entry).
void AdjKeyInto(char* k, bool out, NodeId node, TokenId type, NodeId other, EdgeId edge) {
  k[0] = static_cast<char>(out ? keys::KeyTag::kOutEdge : keys::KeyTag::kInEdge);
  bulk::StoreBe(k + 1, node, 8);
  bulk::StoreBe(k + 9, type, 4);
  bulk::StoreBe(k + 13, other, 8);
  bulk::StoreBe(k + 21, edge, 8);
}

class RocksBulkLoader final : public BulkLoader {
 public:
  RocksBulkLoader(RocksDatabase* db, std::unique_ptr<Transaction> guard, std::string dir)
      : db_(db), guard_(std::move(guard)), dir_(std::move(dir)) {
    for (const auto& n : Database::NameKeys()) RememberSpecial(n);
    for (const auto& n : Database::IndexedKeys()) RememberSpecial(n);
  }
  ~RocksBulkLoader() override { Cleanup(); }

  Result<TokenId> Token(TokenKind kind, std::string_view name) override {
    if (name.empty()) return Status::InvalidArgument("empty name for a label, type or key");
    if (finished_) return Status::InvalidArgument("bulk load already finished");
    TokenId id = db_->LookupCommittedToken(kind, name);
    if (id == kNoToken) {
      auto key = std::make_pair(kind, std::string(name));
      auto it = delta_.new_tokens.find(key);
      if (it != delta_.new_tokens.end()) {
        id = it->second;
      } else {
        id = db_->AllocateToken();
        delta_.new_tokens.emplace(std::move(key), id);
      }
    }
    if (kind == TokenKind::kPropertyKey) NoteSpecial(name, id);
    return id;
  }

  Result<NodeId> AddNode(std::vector<TokenId> labels, const PropertyMap& props) override {
    if (finished_) return Status::InvalidArgument("bulk load already finished");
    std::sort(labels.begin(), labels.end());
    labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
    if (!labels.empty() && labels.front() == kNoToken) {
      return Status::InvalidArgument("node label token 0 is not a label");
    }
    for (const auto& e : props.entries()) {
      if (e.second.is_null()) return Status::InvalidArgument("null property value");
    }
    CancelIndexJob();  // a node after edges: the index is written again at Commit()
    NodeId id = db_->AllocateNode();
    if (first_node_ == 0) first_node_ = id;
    last_node_ = id;
    char key[9];
    key[0] = static_cast<char>(keys::KeyTag::kNode);
    bulk::StoreBe(key + 1, id, 8);
    bulk::EncodeNode(labels, props, &value_);
    Nodes()->Put(std::string_view(key, sizeof key), value_);
    uint32_t set = index_.LabelSet(labels);
    index_.AddLabels(set, id);
    if (set >= set_counts_.size()) set_counts_.resize(set + 1, 0);
    ++set_counts_[set];
    AddIndexEntries(set, id, labels, props);
    return id;
  }

  Result<EdgeId> AddEdge(NodeId src, NodeId dst, TokenId type, const PropertyMap& props) override {
    if (finished_) return Status::InvalidArgument("bulk load already finished");
    if (type == kNoToken) return Status::InvalidArgument("relationship without a type");
    if (!Exists(src)) return Status::NotFound("start node " + std::to_string(src));
    if (!Exists(dst)) return Status::NotFound("end node " + std::to_string(dst));
    if (src > kMaxAdjNode || dst > kMaxAdjNode || type > kMaxAdjType) {
      return Status::InvalidArgument("bulk load: node id or relationship type token too large "
                                     "for the bulk loader's adjacency sort");
    }
    if (!index_job_) StartIndexJob();  // nodes usually all come first: index them meanwhile
    EdgeId id = db_->AllocateEdge();
    if (first_edge_ == 0) first_edge_ = id;
    if (id != first_edge_ + edges_.size() || edges_.size() >= UINT32_MAX) {
      return Status::Internal("bulk load: edge ids are not consecutive");
    }
    last_edge_ = id;
    char key[9];
    key[0] = static_cast<char>(keys::KeyTag::kEdge);
    bulk::StoreBe(key + 1, id, 8);
    bulk::EncodeEdge(src, dst, type, props, &value_);
    Edges()->Put(std::string_view(key, sizeof key), value_);
    edges_.push_back(EdgeEnds(src, dst, type));
    if (type >= type_counts_.size()) type_counts_.resize(type + 1, 0);
    ++type_counts_[type];
    return id;
  }

  void Reserve(uint64_t nodes, uint64_t edges) override {
    constexpr uint64_t kMax = uint64_t{1} << 31;
    StopPrefault();
    const uint64_t want = edges_.size() + std::min(edges, kMax);
    edges_.reserve(want + want / 4);  // room for an underestimate, without moving
    if (nodes > 0) {
      CancelIndexJob();  // it reads the index's buffers
      index_.Reserve(std::min(nodes, kMax) + std::min(nodes, kMax) / 4);
    }
    // The pages of the index entries and of the edge list are taken by a helper thread now,
    // while the caller parses nodes, instead of one fault per 2 MiB on the parsing thread as
    // entries arrive (7% of a large import's CPU, all of it on the parsing thread).
    if (nodes > 0 || edges > 0) {
      stop_prefault_ = false;
      prefault_ = std::thread([this, nodes = std::min(nodes, kMax), want] {
        PhaseLog::Scope phase(log_, "take memory ahead (helper)");
        index_.Populate(nodes, stop_prefault_);
        edges_.Populate(want, stop_prefault_);
      });
    }
  }

  void TrustUniqueAgainstDatabase() override { trust_unique_ = true; }
  void SetPhaseLog(PhaseLog* log) override { log_ = log; }
  Transaction& txn() override { return *guard_; }
  NodeId next_node_id() const override { return db_->NextNode(); }
  EdgeId next_edge_id() const override { return db_->NextEdge(); }

  Status Commit() override {
    if (finished_) return Status::InvalidArgument("bulk load already finished");
    finished_ = true;
    StopPrefault();
    Status st = CommitGuard();
    if (st.ok()) st = WriteAndIngest();
    Cleanup();
    return st;
  }

 private:
  // ---- helpers ----
  std::string Path(Cf cf) const { return dir_ + "/cf" + std::to_string(cf) + ".sst"; }
  AsyncSstOut* Nodes() {
    if (!nodes_) nodes_ = std::make_unique<AsyncSstOut>(db_, kCfNodes, Path(kCfNodes), log_,
                                             "write node records (worker)");
    return nodes_.get();
  }
  AsyncSstOut* Edges() {
    if (!edges_out_) edges_out_ = std::make_unique<AsyncSstOut>(db_, kCfEdges, Path(kCfEdges), log_,
                                                  "write edge records (worker)");
    return edges_out_.get();
  }

  // The index files, written by two threads while edges are being added (the index only
  // depends on nodes). Adding a node cancels the job; Commit() then starts it again.
  struct IndexJob {
    std::unique_ptr<SstOut> names, rest;
    // Each file is finished (its fsync included) by its own thread, right after it is written.
    Result<bool> names_has = false, rest_has = false;
    std::thread names_thread, rest_thread;
  };
  void StartIndexJob() {
    auto job = std::make_unique<IndexJob>();
    std::string gen = std::to_string(++index_generation_);
    job->names = std::make_unique<SstOut>(db_, kCfIndex, dir_ + "/index-names-" + gen + ".sst");
    job->rest = std::make_unique<SstOut>(db_, kCfIndex, dir_ + "/index-rest-" + gen + ".sst");
    std::vector<TokenId> labels = index_.AllLabels();
    IndexJob* j = job.get();
    j->names_thread = std::thread([this, j, labels] {
      PhaseLog::Scope phase(log_, "index: sort and write names");
      Status st = index_.WriteNames(j->names.get(), labels);
      j->names_has = st.ok() ? j->names->Finish() : Result<bool>(st);
    });
    j->rest_thread = std::thread([this, j, labels] {
      PhaseLog::Scope phase(log_, "index: sort and write labels, values");
      Status st = index_.WriteLabelsAndValues(j->rest.get(), labels);
      j->rest_has = st.ok() ? j->rest->Finish() : Result<bool>(st);
    });
    index_job_ = std::move(job);
  }
  void JoinIndexJob() {
    if (!index_job_) return;
    if (index_job_->names_thread.joinable()) index_job_->names_thread.join();
    if (index_job_->rest_thread.joinable()) index_job_->rest_thread.join();
  }
  void CancelIndexJob() {
    if (!index_job_) return;
    JoinIndexJob();
    index_job_.reset();
  }

  bool Exists(NodeId id) {
    if (first_node_ != 0 && id >= first_node_ && id <= last_node_) return true;
    std::string v;
    return db_->db()->Get(rocksdb::ReadOptions(), db_->cf(kCfNodes), keys::NodeKey(id), &v).ok();
  }

  void RememberSpecial(const std::string& name) {
    TokenId id = db_->LookupCommittedToken(TokenKind::kPropertyKey, name);
    if (id != kNoToken) NoteSpecial(name, id);
  }
  void NoteSpecial(std::string_view name, TokenId id) {
    const auto& nk = Database::NameKeys();
    const auto& ik = Database::IndexedKeys();
    const auto& uk = Database::UniqueKeys();
    auto has = [&](const std::vector<std::string>& v) {
      return std::find(v.begin(), v.end(), name) != v.end();
    };
    char kind = 0;
    if (has(nk)) kind = 'K';
    if (has(ik)) kind = has(uk) ? 'U' : 'X';
    if (kind == 0) return;
    if (id >= special_.size()) special_.resize(id + 1, 0);
    special_[id] = kind;
  }
  char Special(TokenId key) const { return key < special_.size() ? special_[key] : 0; }

  // Name and equality index entries, as Transaction writes them: one name entry per distinct
  // normalised name (name, title, each alias), one equality entry per indexed value.
  void AddIndexEntries(uint32_t set, NodeId id, const std::vector<TokenId>& labels,
                       const PropertyMap& props) {
    names_.clear();
    auto add_name = [&](const Value& v) {
      if (!v.is_string()) return;
      if (!bulk::NormalizeAscii(v.as_string(), &norm_)) norm_ = NormalizeName(v.as_string());
      if (!norm_.empty() && std::find(names_.begin(), names_.end(), norm_) == names_.end()) {
        names_.push_back(norm_);
      }
    };
    for (const auto& [key, value] : props.entries()) {
      char sp = Special(key);
      if (sp == 0) continue;
      if (sp == 'K') {
        if (value.is_list()) {
          for (const Value& e : value.as_list()) add_name(e);
        } else {
          add_name(value);
        }
        continue;
      }
      enc_.clear();
      if (!keys::EncodeIndexValue(value, &enc_)) continue;
      index_.AddValue(set, key, enc_, id);
      if (sp == 'U') {
        for (TokenId l : labels) unique_prefixes_.push_back(keys::PropertyPrefix(l, key, enc_));
      }
    }
    for (const std::string& norm : names_) index_.AddName(set, norm, id);
  }

  // The adjacency entries of one direction, grouped by node: a counting sort on the node id
  // (ids of one load are dense) into `adj`, bucket b holding node lo + b in
  // [start[b], start[b + 1]); or, for sparse ids (edges between old nodes), one sorted list.
  struct SortedAdj {
    bool out = true;
    NodeId lo = 0;
    uint64_t range = 0;
    bulk::HugeArray<uint32_t> start;
    bulk::HugeArray<Adj> adj;
    std::vector<std::pair<NodeId, Adj>> sparse;
  };
  SortedAdj SortAdjacency(bool out) const {
    SortedAdj s;
    s.out = out;
    if (edges_.empty()) return s;
    NodeId lo = UINT64_MAX, hi = 0;
    for (const auto& e : edges_) {
      NodeId n = e.node(out);
      lo = std::min(lo, n);
      hi = std::max(hi, n);
    }
    s.lo = lo;
    if (hi - lo + 1 > 4 * edges_.size() + (1u << 20)) {
      s.sparse.reserve(edges_.size());
      for (size_t i = 0; i < edges_.size(); ++i) {
        const auto& e = edges_[i];
        s.sparse.push_back(
            {e.node(out), Adj(e.type_other(out), static_cast<uint32_t>(i))});
      }
      std::sort(s.sparse.begin(), s.sparse.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first < b.first : a.second < b.second;
      });
      return s;
    }
    s.range = hi - lo + 1;
    s.start.resize(s.range + 1);  // fresh pages: zero
    for (const auto& e : edges_) ++s.start[e.node(out) - lo + 1];
    for (uint64_t i = 1; i <= s.range; ++i) s.start[i] += s.start[i - 1];
    s.adj.resize(edges_.size());
    bulk::HugeArray<uint32_t> fill;
    fill.resize(s.range);
    std::memcpy(fill.data(), s.start.data(), s.range * sizeof(uint32_t));
    for (size_t i = 0; i < edges_.size(); ++i) {
      const auto& e = edges_[i];
      uint64_t b = e.node(out) - lo;
      s.adj[fill[b]++] = Adj(e.type_other(out), static_cast<uint32_t>(i));
    }
    return s;
  }

  // The bucket where the second half of the entries begins: [0, split) and [split, range)
  // go to two files of disjoint key ranges, written by two threads.
  static uint64_t SplitBucket(const SortedAdj& s) {
    if (s.range == 0) return 0;
    auto half = static_cast<uint32_t>(s.adj.size() / 2);
    auto mid = std::lower_bound(s.start.begin(), s.start.end(), half) - s.start.begin();
    return std::min<uint64_t>(static_cast<uint64_t>(mid), s.range);
  }

  // Writes buckets [from, to) of `s` (each node's entries sorted by type, other, edge), or,
  // for sparse ids, the whole list when `from` is 0.
  Status WriteAdjacency(SortedAdj& s, uint64_t from, uint64_t to, SstOut* file) const {
    char k[keys::kAdjKeySize];
    if (!s.sparse.empty()) {
      if (from != 0) return Status::OK();
      for (const auto& [n, a] : s.sparse) {
        AdjKeyInto(k, s.out, n, a.type(), a.other(), first_edge_ + a.edge);
        LINER_RETURN_IF_ERROR(file->Put(std::string_view(k, sizeof k), ""));
      }
      return Status::OK();
    }
    for (uint64_t b = from; b < to; ++b) {
      auto first = s.adj.begin() + s.start[b], last = s.adj.begin() + s.start[b + 1];
      if (last - first > 1) std::sort(first, last);
      for (auto it = first; it != last; ++it) {
        AdjKeyInto(k, s.out, s.lo + b, it->type(), it->other(), first_edge_ + it->edge);
        LINER_RETURN_IF_ERROR(file->Put(std::string_view(k, sizeof k), ""));
      }
    }
    return Status::OK();
  }

  // A unique key's value may appear once per label, in this load and in the database.
  Status CheckUnique() {
    if (unique_prefixes_.empty()) return Status::OK();
    std::sort(unique_prefixes_.begin(), unique_prefixes_.end());
    for (size_t i = 0; i + 1 < unique_prefixes_.size(); ++i) {
      if (unique_prefixes_[i] == unique_prefixes_[i + 1]) {
        return Status::Constraint(DescribeUnique(unique_prefixes_[i]) +
                                  " is given to two nodes of this import");
      }
    }
    if (trust_unique_) return Status::OK();
    std::unique_ptr<rocksdb::Iterator> it(
        db_->db()->NewIterator(rocksdb::ReadOptions(), db_->cf(kCfIndex)));
    for (const auto& p : unique_prefixes_) {
      it->Seek(p);
      if (it->Valid() && it->key().starts_with(p)) {
        return Status::Constraint(
            DescribeUnique(p) + " already belongs to node " +
            std::to_string(keys::ReadU64(std::string_view(it->key().data(), it->key().size()),
                                         it->key().size() - 8)));
      }
    }
    return FromRocks(it->status(), "unique check");
  }
  std::string DescribeUnique(const std::string& prefix) {
    TokenId label = keys::ReadU32(prefix, 1), key = keys::ReadU32(prefix, 5);
    auto name = [&](TokenKind k, TokenId id) {
      std::string n = db_->CommittedTokenName(k, id);
      if (!n.empty()) return n;
      for (const auto& [kn, tid] : delta_.new_tokens) {
        if (kn.first == k && tid == id) return kn.second;
      }
      return std::to_string(id);
    };
    return name(TokenKind::kPropertyKey, key) + " value of a " + name(TokenKind::kLabel, label);
  }

  // The per-label and per-type counts collected compactly, into the delta's count map.
  void CollectCounts() {
    for (uint32_t set = 0; set < set_counts_.size(); ++set) {
      if (set_counts_[set] == 0) continue;
      for (TokenId l : index_.labels(set)) delta_.counts[{'L', l}] += set_counts_[set];
      delta_.counts[{'N', 0}] += set_counts_[set];
    }
    for (TokenId t = 0; t < type_counts_.size(); ++t) {
      if (type_counts_[t] == 0) continue;
      delta_.counts[{'T', t}] += type_counts_[t];
      delta_.counts[{'E', 0}] += type_counts_[t];
    }
  }

  // Tokens, counts (existing + this load) and id sequences, in key order: C < S < T < U.
  Status WriteMeta(SstOut* sst) {
    GraphCounts before = db_->Counts();
    std::map<std::string, std::string> kv;
    for (const auto& [k, d] : delta_.counts) {
      uint64_t base = 0;
      auto [kind, token] = k;
      if (kind == 'N') base = before.nodes;
      if (kind == 'E') base = before.edges;
      if (kind == 'L' || kind == 'T') {
        std::string n =
            db_->CommittedTokenName(kind == 'L' ? TokenKind::kLabel : TokenKind::kRelType, token);
        const auto& m = kind == 'L' ? before.by_label : before.by_type;
        auto it = m.find(n);
        if (!n.empty() && it != m.end()) base = it->second;
      }
      std::string v;
      keys::AppendU64(&v, base + static_cast<uint64_t>(d));
      kv[keys::CountKey(kind, token)] = v;
    }
    if (last_node_) {
      std::string v;
      keys::AppendU64(&v, last_node_ + 1);
      kv[keys::SequenceKey("node")] = v;
    }
    if (last_edge_) {
      std::string v;
      keys::AppendU64(&v, last_edge_ + 1);
      kv[keys::SequenceKey("edge")] = v;
    }
    for (const auto& [k, id] : delta_.new_tokens) {
      std::string idv;
      keys::AppendU32(&idv, id);
      kv[keys::TokenByNameKey(k.first, k.second)] = idv;
      kv[keys::TokenByIdKey(k.first, id)] = k.second;
    }
    for (const auto& [k, v] : kv) LINER_RETURN_IF_ERROR(sst->Put(k, v));
    return Status::OK();
  }

  // Writes the adjacency of both directions and the index in parallel threads (the record
  // files are being finished by their own workers meanwhile), then the meta file, then
  // ingests every file at once.
  Status WriteAndIngest() {
    LINER_RETURN_IF_ERROR(CheckUnique());
    CollectCounts();
    if (!index_job_) StartIndexJob();
    SstOut out_lower(db_, kCfOut, Path(kCfOut)), in_lower(db_, kCfIn, Path(kCfIn)),
        out_upper(db_, kCfOut, Path(kCfOut) + ".upper"),
        in_upper(db_, kCfIn, Path(kCfIn) + ".upper"), meta_sst(db_, kCfMeta, Path(kCfMeta));
    // The index first, so its memory is free before the adjacency's is taken.
    {
      PhaseLog::Scope phase(log_, "commit: wait for the index writers");
      JoinIndexJob();
    }
    LINER_RETURN_IF_ERROR(index_job_->names_has.status());
    LINER_RETURN_IF_ERROR(index_job_->rest_has.status());
    index_.Release();
    // Both directions sorted (two threads), the edge list freed, then four files written.
    SortedAdj out_adj, in_adj;
    {
      std::thread t([&] {
        PhaseLog::Scope phase(log_, "adjacency: sort out");
        out_adj = SortAdjacency(true);
      });
      {
        PhaseLog::Scope phase(log_, "adjacency: sort in");
        in_adj = SortAdjacency(false);
      }
      t.join();
    }
    edges_.release();
    // Each writer also finishes its file (its fsync included), in parallel with the others;
    // meanwhile the record files' workers drain and their files are finished too.
    Result<bool> st[4] = {false, false, false, false};
    Result<bool> nodes_has = false, edges_has = false;
    std::thread records([&] {
      PhaseLog::Scope phase(log_, "commit: finish record files");
      if (nodes_) nodes_has = nodes_->Finish();
      if (edges_out_) edges_has = edges_out_->Finish();
    });
    auto write = [&](SortedAdj& s, uint64_t from, uint64_t to, SstOut* file) -> Result<bool> {
      LINER_RETURN_IF_ERROR(WriteAdjacency(s, from, to, file));
      return file->Finish();
    };
    {
      const uint64_t out_split = SplitBucket(out_adj), in_split = SplitBucket(in_adj);
      std::thread t0([&] {
        PhaseLog::Scope phase(log_, "adjacency: write out, lower half");
        st[0] = write(out_adj, 0, out_split, &out_lower);
      });
      std::thread t1([&] {
        PhaseLog::Scope phase(log_, "adjacency: write out, upper half");
        st[1] = write(out_adj, out_split, out_adj.range, &out_upper);
      });
      std::thread t2([&] {
        PhaseLog::Scope phase(log_, "adjacency: write in, lower half");
        st[2] = write(in_adj, 0, in_split, &in_lower);
      });
      {
        PhaseLog::Scope phase(log_, "adjacency: write in, upper half");
        st[3] = write(in_adj, in_split, in_adj.range, &in_upper);
      }
      t0.join();
      t1.join();
      t2.join();
    }
    records.join();
    for (const Result<bool>& r : st) LINER_RETURN_IF_ERROR(r.status());
    auto finish_phase = std::make_unique<PhaseLog::Scope>(log_, "commit: meta file");
    LINER_RETURN_IF_ERROR(WriteMeta(&meta_sst));
    // One ingestion argument per column family, its files in key order (they do not overlap).
    std::map<Cf, rocksdb::IngestExternalFileArg> by_cf;
    auto add = [&](SstOut* file, Result<bool> has_data) -> Status {
      if (!has_data.ok()) return has_data.status();
      if (!*has_data) return Status::OK();
      rocksdb::IngestExternalFileArg& arg = by_cf[file->cf()];
      arg.column_family = db_->cf(file->cf());
      arg.external_files.push_back(file->path());
      arg.options.move_files = true;
      arg.options.snapshot_consistency = true;
      arg.options.allow_global_seqno = true;
      arg.options.allow_blocking_flush = true;
      return Status::OK();
    };
    if (nodes_) LINER_RETURN_IF_ERROR(add(&nodes_->sst(), nodes_has));
    if (edges_out_) LINER_RETURN_IF_ERROR(add(&edges_out_->sst(), edges_has));
    LINER_RETURN_IF_ERROR(add(&out_lower, st[0]));
    LINER_RETURN_IF_ERROR(add(&out_upper, st[1]));
    LINER_RETURN_IF_ERROR(add(&in_lower, st[2]));
    LINER_RETURN_IF_ERROR(add(&in_upper, st[3]));
    LINER_RETURN_IF_ERROR(add(index_job_->names.get(), index_job_->names_has));
    LINER_RETURN_IF_ERROR(add(index_job_->rest.get(), index_job_->rest_has));
    LINER_RETURN_IF_ERROR(add(&meta_sst, meta_sst.Finish()));
    std::vector<rocksdb::IngestExternalFileArg> args;
    for (auto& [cf, arg] : by_cf) args.push_back(std::move(arg));
    finish_phase.reset();
    if (args.empty()) return Status::OK();
    PhaseLog::Scope ingest_phase(log_, "commit: ingest");
    LINER_RETURN_IF_ERROR(FromRocks(db_->db()->IngestExternalFiles(args), "ingest"));
    // The files are in; bring the in-memory tokens, counts and generation in step (this
    // rewrites the same counts and sequences).
    rocksdb::WriteBatch batch;
    return db_->CommitBatch(&batch, delta_);
  }

  // Commits the updates written through txn() (the counts the meta file adds to then include
  // them) and takes the write lock again for the ingestion.
  Status CommitGuard() {
    if (!guard_->dirty()) return Status::OK();
    LINER_RETURN_IF_ERROR(guard_->Commit());
    LINER_ASSIGN_OR_RETURN(guard_, db_->Begin());
    return Status::OK();
  }

  // Stops the helper that takes the edge list's pages, and waits for it.
  void StopPrefault() {
    if (!prefault_.joinable()) return;
    stop_prefault_ = true;
    prefault_.join();
  }

  void Cleanup() {
    StopPrefault();
    CancelIndexJob();
    nodes_.reset();
    edges_out_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
    guard_.reset();  // releases the write lock
  }

  RocksDatabase* db_;
  std::unique_ptr<Transaction> guard_;
  std::string dir_;
  bool finished_ = false;
  bool trust_unique_ = false;
  PhaseLog* log_ = nullptr;
  std::unique_ptr<AsyncSstOut> nodes_, edges_out_;
  RocksDatabase::Delta delta_;
  std::vector<char> special_;  // by property key token: 'K' name, 'X' indexed, 'U' unique
  NodeId first_node_ = 0, last_node_ = 0;
  EdgeId first_edge_ = 0, last_edge_ = 0;
  std::vector<uint64_t> set_counts_;   // nodes per label set of index_
  std::vector<uint64_t> type_counts_;  // edges per type token
  bulk::HugeArray<EdgeEnds> edges_;
  std::thread prefault_;  // takes index_'s and edges_' pages ahead of the parser (Reserve)
  std::atomic<bool> stop_prefault_{false};
  BulkIndex index_;
  std::unique_ptr<IndexJob> index_job_;
  int index_generation_ = 0;
  std::vector<std::string> unique_prefixes_;
  // Scratch buffers of AddNode / AddEdge.
  std::string value_, norm_, enc_;
  std::vector<std::string> names_;
};

}  // namespace

Result<std::unique_ptr<BulkLoader>> BulkLoader::Start(Database& db) {
  LINER_ASSIGN_OR_RETURN(auto guard, db.Begin());  // the write lock, held until the end
  auto* rocks = static_cast<RocksDatabase*>(&db);
  std::string dir = db.path() + "/bulk-" + std::to_string(::getpid());
  std::error_code ec;
  fs::remove_all(dir, ec);
  fs::create_directories(dir, ec);
  if (ec) return Status::IOError("bulk load: cannot create " + dir + ": " + ec.message());
  return std::unique_ptr<BulkLoader>(new RocksBulkLoader(rocks, std::move(guard), dir));
}

}  // namespace liner
