// BulkLoader over RocksDB: records stream into SST files as they arrive (ids only grow, so they
// are already sorted); adjacency and index keys are collected compactly, sorted at Commit()
// (adjacency by a counting sort on the node id), written, and every file is ingested in one
// IngestExternalFiles call. See storage/FORMAT.md, "Bulk load".
#include "storage/bulk_load.h"

#include <rocksdb/sst_file_writer.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <map>
#include <unordered_map>

#include "storage/codec.h"
#include "storage/key_codec.h"
#include "storage/rocks_db.h"

namespace liner {

namespace {

namespace fs = std::filesystem;

Status FromRocks(const rocksdb::Status& s, const std::string& what) {
  if (s.ok()) return Status::OK();
  return Status::IOError("bulk load: " + what + ": " + s.ToString());
}

// Append-only byte storage whose views stay valid (chunks never move).
class KeyArena {
 public:
  std::string_view Add(const std::string& key) {
    if (chunks_.empty() || used_ + key.size() > kChunk) {
      chunks_.emplace_back(new char[std::max(kChunk, key.size())]);
      used_ = 0;
    }
    char* p = chunks_.back().get() + used_;
    std::memcpy(p, key.data(), key.size());
    used_ += key.size();
    keys_.emplace_back(p, key.size());
    return keys_.back();
  }
  std::vector<std::string_view>& keys() { return keys_; }

 private:
  static constexpr size_t kChunk = 16 << 20;
  std::vector<std::unique_ptr<char[]>> chunks_;
  size_t used_ = 0;
  std::vector<std::string_view> keys_;
};

struct EdgeEnds {
  NodeId src, dst;
  EdgeId edge;
  TokenId type;
};

// One adjacency entry without its node (the node is the bucket it sits in).
struct Adj {
  NodeId other;
  EdgeId edge;
  TokenId type;
  bool operator<(const Adj& o) const {
    if (type != o.type) return type < o.type;
    if (other != o.other) return other < o.other;
    return edge < o.edge;
  }
};

class SstOut {
 public:
  SstOut(RocksDatabase* db, Cf cf, std::string path)
      : options_(db->db()->GetOptions(db->cf(cf))),
        writer_(rocksdb::EnvOptions(), options_, db->cf(cf)),
        cf_(cf),
        path_(std::move(path)) {}
  Status Put(std::string_view key, std::string_view value) {
    if (!open_) {
      LINER_RETURN_IF_ERROR(FromRocks(writer_.Open(path_), path_));
      open_ = true;
    }
    ++entries_;
    return FromRocks(writer_.Put(rocksdb::Slice(key.data(), key.size()),
                                 rocksdb::Slice(value.data(), value.size())),
                     path_);
  }
  // Finishes the file; returns false when it holds no entries (nothing to ingest).
  Result<bool> Finish() {
    if (!open_) return false;
    LINER_RETURN_IF_ERROR(FromRocks(writer_.Finish(), path_));
    open_ = false;
    return entries_ > 0;
  }
  Cf cf() const { return cf_; }
  const std::string& path() const { return path_; }

 private:
  rocksdb::Options options_;
  rocksdb::SstFileWriter writer_;
  Cf cf_;
  std::string path_;
  bool open_ = false;
  uint64_t entries_ = 0;
};

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

  Result<NodeId> AddNode(std::vector<TokenId> labels, PropertyMap props) override {
    if (finished_) return Status::InvalidArgument("bulk load already finished");
    std::sort(labels.begin(), labels.end());
    labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
    if (!labels.empty() && labels.front() == kNoToken) {
      return Status::InvalidArgument("node label token 0 is not a label");
    }
    for (const auto& e : props.entries()) {
      if (e.second.is_null()) return Status::InvalidArgument("null property value");
    }
    NodeRecord rec;
    rec.id = db_->AllocateNode();
    if (first_node_ == 0) first_node_ = rec.id;
    last_node_ = rec.id;
    rec.labels = std::move(labels);
    rec.props = std::move(props);
    LINER_RETURN_IF_ERROR(Out(kCfNodes)->Put(keys::NodeKey(rec.id), codec::EncodeNode(rec)));
    for (TokenId l : rec.labels) {
      label_nodes_[l].push_back(rec.id);
      delta_.counts[{'L', l}] += 1;
    }
    delta_.counts[{'N', 0}] += 1;
    AddIndexKeys(rec);
    return rec.id;
  }

  Result<EdgeId> AddEdge(NodeId src, NodeId dst, TokenId type, PropertyMap props) override {
    if (finished_) return Status::InvalidArgument("bulk load already finished");
    if (type == kNoToken) return Status::InvalidArgument("relationship without a type");
    if (!Exists(src)) return Status::NotFound("start node " + std::to_string(src));
    if (!Exists(dst)) return Status::NotFound("end node " + std::to_string(dst));
    EdgeRecord rec;
    rec.id = db_->AllocateEdge();
    rec.src = src;
    rec.dst = dst;
    rec.type = type;
    rec.props = std::move(props);
    LINER_RETURN_IF_ERROR(Out(kCfEdges)->Put(keys::EdgeKey(rec.id), codec::EncodeEdge(rec)));
    edges_.push_back(EdgeEnds{src, dst, rec.id, type});
    delta_.counts[{'E', 0}] += 1;
    delta_.counts[{'T', type}] += 1;
    last_edge_ = rec.id;
    return rec.id;
  }

  Status Commit() override {
    if (finished_) return Status::InvalidArgument("bulk load already finished");
    finished_ = true;
    Status st = WriteAndIngest();
    Cleanup();
    return st;
  }

 private:
  // ---- helpers ----
  SstOut* Out(Cf cf) {
    auto& slot = outs_[cf];
    if (!slot) {
      slot = std::make_unique<SstOut>(db_, cf, dir_ + "/cf" + std::to_string(cf) + ".sst");
    }
    return slot.get();
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
    if (has(nk)) special_[id] = 'K';
    if (has(ik)) special_[id] = has(uk) ? 'U' : 'X';
  }

  void AddIndexKeys(const NodeRecord& rec) {
    if (special_.empty()) return;
    // Distinct normalised names (name, title, each alias), as Transaction indexes them.
    names_.clear();
    auto add_name = [&](const Value& v) {
      if (!v.is_string()) return;
      std::string norm = NormalizeName(v.as_string());
      if (!norm.empty() && std::find(names_.begin(), names_.end(), norm) == names_.end()) {
        names_.push_back(std::move(norm));
      }
    };
    for (const auto& [key, value] : rec.props.entries()) {
      auto sp = special_.find(key);
      if (sp == special_.end()) continue;
      if (sp->second == 'K') {
        if (value.is_list()) {
          for (const Value& e : value.as_list()) add_name(e);
        } else {
          add_name(value);
        }
      } else {
        std::string enc;
        if (!keys::EncodeIndexValue(value, &enc)) continue;
        for (TokenId l : rec.labels) {
          std::string k = keys::PropertyPrefix(l, key, enc);
          if (sp->second == 'U') unique_prefixes_.push_back(k);
          keys::AppendU64(&k, rec.id);
          index_keys_.Add(k);
        }
        std::string k = keys::PropertyPrefix(kNoToken, key, enc);
        keys::AppendU64(&k, rec.id);
        index_keys_.Add(k);
      }
    }
    for (const std::string& norm : names_) {
      for (TokenId l : rec.labels) index_keys_.Add(keys::NameKey(l, norm, rec.id));
      index_keys_.Add(keys::NameKey(kNoToken, norm, rec.id));
    }
  }

  // Sorts adjacency entries by node with a counting sort (ids of one load are dense), then
  // each node's entries by (type, other, edge), and writes them.
  Status WriteAdjacency(bool out) {
    if (edges_.empty()) return Status::OK();
    NodeId lo = UINT64_MAX, hi = 0;
    for (const auto& e : edges_) {
      NodeId n = out ? e.src : e.dst;
      lo = std::min(lo, n);
      hi = std::max(hi, n);
    }
    uint64_t range = hi - lo + 1;
    std::string key;
    key.reserve(keys::kAdjKeySize);
    SstOut* sst = Out(out ? kCfOut : kCfIn);
    auto put = [&](NodeId node, const Adj& a) {
      key = keys::AdjKey(out, node, a.type, a.other, a.edge);
      return sst->Put(key, "");
    };
    if (range > 4 * edges_.size() + (1u << 20)) {
      // Sparse node ids (edges between old nodes): a plain sort.
      std::vector<std::pair<NodeId, Adj>> all;
      all.reserve(edges_.size());
      for (const auto& e : edges_) {
        all.push_back({out ? e.src : e.dst, Adj{out ? e.dst : e.src, e.edge, e.type}});
      }
      std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first < b.first : a.second < b.second;
      });
      for (const auto& [n, a] : all) LINER_RETURN_IF_ERROR(put(n, a));
      return Status::OK();
    }
    std::vector<uint64_t> start(range + 1, 0);
    for (const auto& e : edges_) ++start[(out ? e.src : e.dst) - lo + 1];
    for (uint64_t i = 1; i <= range; ++i) start[i] += start[i - 1];
    std::vector<Adj> adj(edges_.size());
    {
      std::vector<uint64_t> fill(start.begin(), start.end() - 1);
      for (const auto& e : edges_) {
        uint64_t b = (out ? e.src : e.dst) - lo;
        adj[fill[b]++] = Adj{out ? e.dst : e.src, e.edge, e.type};
      }
    }
    for (uint64_t b = 0; b < range; ++b) {
      auto first = adj.begin() + start[b], last = adj.begin() + start[b + 1];
      if (last - first > 1) std::sort(first, last);
      for (auto it = first; it != last; ++it) LINER_RETURN_IF_ERROR(put(lo + b, *it));
    }
    return Status::OK();
  }

  // Index CF: name keys 'K', label keys 'L', equality keys 'X' (tag order), each sorted.
  Status WriteIndex() {
    auto& keys = index_keys_.keys();
    std::sort(keys.begin(), keys.end());
    SstOut* sst = Out(kCfIndex);
    auto it = keys.begin();
    for (; it != keys.end() && (*it)[0] < static_cast<char>(keys::KeyTag::kLabel); ++it) {
      LINER_RETURN_IF_ERROR(sst->Put(*it, ""));
    }
    for (const auto& [label, nodes] : label_nodes_) {  // std::map: label order; nodes ascend
      for (NodeId n : nodes) LINER_RETURN_IF_ERROR(sst->Put(keys::LabelKey(label, n), ""));
    }
    for (; it != keys.end(); ++it) LINER_RETURN_IF_ERROR(sst->Put(*it, ""));
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
    std::unique_ptr<rocksdb::Iterator> it(
        db_->db()->NewIterator(rocksdb::ReadOptions(), db_->cf(kCfIndex)));
    for (const auto& p : unique_prefixes_) {
      it->Seek(p);
      if (it->Valid() && it->key().starts_with(p)) {
        return Status::Constraint(DescribeUnique(p) + " already belongs to node " +
                                  std::to_string(keys::ReadU64(std::string_view(
                                      it->key().data(), it->key().size()), it->key().size() - 8)));
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

  // Tokens, counts (existing + this load) and id sequences, in key order: C < S < T < U.
  Status WriteMeta() {
    SstOut* sst = Out(kCfMeta);
    GraphCounts before = db_->Counts();
    std::map<std::string, std::string> kv;
    for (const auto& [k, d] : delta_.counts) {
      uint64_t base = 0;
      auto [kind, token] = k;
      if (kind == 'N') base = before.nodes;
      if (kind == 'E') base = before.edges;
      if (kind == 'L' || kind == 'T') {
        std::string n = db_->CommittedTokenName(kind == 'L' ? TokenKind::kLabel
                                                             : TokenKind::kRelType, token);
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

  Status WriteAndIngest() {
    LINER_RETURN_IF_ERROR(CheckUnique());
    LINER_RETURN_IF_ERROR(WriteAdjacency(true));
    LINER_RETURN_IF_ERROR(WriteAdjacency(false));
    std::vector<EdgeEnds>().swap(edges_);
    LINER_RETURN_IF_ERROR(WriteIndex());
    LINER_RETURN_IF_ERROR(WriteMeta());
    std::vector<rocksdb::IngestExternalFileArg> args;
    for (auto& [cf, out] : outs_) {
      LINER_ASSIGN_OR_RETURN(bool has_data, out->Finish());
      if (!has_data) continue;
      rocksdb::IngestExternalFileArg arg;
      arg.column_family = db_->cf(cf);
      arg.external_files.push_back(out->path());
      arg.options.move_files = true;
      arg.options.snapshot_consistency = true;
      arg.options.allow_global_seqno = true;
      arg.options.allow_blocking_flush = true;
      args.push_back(std::move(arg));
    }
    if (args.empty()) return Status::OK();
    LINER_RETURN_IF_ERROR(FromRocks(db_->db()->IngestExternalFiles(args), "ingest"));
    // The files are in; bring the in-memory tokens, counts and generation in step (this
    // rewrites the same counts and sequences).
    rocksdb::WriteBatch batch;
    return db_->CommitBatch(&batch, delta_);
  }

  void Cleanup() {
    outs_.clear();
    std::error_code ec;
    fs::remove_all(dir_, ec);
    guard_.reset();  // releases the write lock
  }

  RocksDatabase* db_;
  std::unique_ptr<Transaction> guard_;
  std::string dir_;
  bool finished_ = false;
  std::map<Cf, std::unique_ptr<SstOut>> outs_;
  RocksDatabase::Delta delta_;
  std::unordered_map<TokenId, char> special_;  // 'K' name, 'X' indexed, 'U' unique
  NodeId first_node_ = 0, last_node_ = 0;
  EdgeId last_edge_ = 0;
  std::map<TokenId, std::vector<NodeId>> label_nodes_;
  std::vector<EdgeEnds> edges_;
  KeyArena index_keys_;
  std::vector<std::string> names_;  // scratch of AddIndexKeys
  std::vector<std::string> unique_prefixes_;
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
