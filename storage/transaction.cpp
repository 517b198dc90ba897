// RocksTransaction: reads see the transaction's own writes (WriteBatchWithIndex over the
// database, or a snapshot for read-only transactions); Commit writes the whole batch at once.
#include <algorithm>
#include <set>

#include "storage/codec.h"
#include "storage/index_keys.h"
#include "storage/key_codec.h"
#include "storage/rocks_db.h"

namespace liner {
namespace {

Status RocksError(const rocksdb::Status& s, const char* what) {
  if (s.IsCorruption()) return Status::Corruption(std::string(what) + ": " + s.ToString());
  return Status::IOError(std::string(what) + ": " + s.ToString());
}

bool HasPrefix(const rocksdb::Slice& key, const std::string& prefix) {
  return key.size() >= prefix.size() && std::memcmp(key.data(), prefix.data(), prefix.size()) == 0;
}

// Smallest string greater than every string with this prefix ("" when there is none).
std::string PrefixEnd(std::string prefix) {
  while (!prefix.empty()) {
    auto& c = prefix.back();
    if (static_cast<uint8_t>(c) != 0xff) {
      ++c;
      return prefix;
    }
    prefix.pop_back();
  }
  return prefix;
}

// An iterator restricted to keys starting with `prefix`, reading through the transaction.
// `whole_table` scans (every edge record, for snapshots and exports) read ahead and bypass the
// block cache: they would only evict the blocks point lookups need.
class PrefixIter {
 public:
  PrefixIter(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf, rocksdb::WriteBatchWithIndex* wb,
             const rocksdb::Snapshot* snapshot, std::string prefix, bool whole_table = false)
      : prefix_(std::move(prefix)), upper_(PrefixEnd(prefix_)) {
    upper_slice_ = rocksdb::Slice(upper_);
    ro_.snapshot = snapshot;
    if (whole_table) {
      ro_.fill_cache = false;
      ro_.readahead_size = 4 << 20;
    }
    if (!upper_.empty()) ro_.iterate_upper_bound = &upper_slice_;
    rocksdb::Iterator* base = db->NewIterator(ro_, cf);
    it_.reset(wb ? wb->NewIteratorWithBase(cf, base, &ro_) : base);
    it_->Seek(prefix_);
  }
  bool Valid() const { return it_->Valid() && HasPrefix(it_->key(), prefix_); }
  void Next() { it_->Next(); }
  std::string_view key() const { return {it_->key().data(), it_->key().size()}; }
  std::string_view value() const { return {it_->value().data(), it_->value().size()}; }
  Status status() const {
    return it_->status().ok() ? Status::OK() : RocksError(it_->status(), "scan");
  }

 private:
  std::string prefix_, upper_;
  rocksdb::Slice upper_slice_;
  rocksdb::ReadOptions ro_;
  std::unique_ptr<rocksdb::Iterator> it_;
};

// Node ids stored in the last 8 bytes of each key under a prefix.
class PrefixNodeCursor final : public NodeCursor {
 public:
  explicit PrefixNodeCursor(std::unique_ptr<PrefixIter> it) : it_(std::move(it)) {}
  bool Valid() const override { return it_->Valid(); }
  void Next() override { it_->Next(); }
  NodeId id() const override {
    auto k = it_->key();
    return keys::ReadU64(k, k.size() - 8);
  }
  Status status() const override { return it_->status(); }

 private:
  std::unique_ptr<PrefixIter> it_;
};

class AdjCursorImpl final : public AdjCursor {
 public:
  using Factory = std::function<std::unique_ptr<PrefixIter>(bool out)>;
  AdjCursorImpl(NodeId node, Direction dir, Factory factory)
      : node_(node), dir_(dir), factory_(std::move(factory)) {
    out_phase_ = dir != Direction::kIn;
    it_ = factory_(out_phase_);
    Settle();
  }
  bool Valid() const override { return valid_; }
  void Next() override {
    it_->Next();
    Settle();
  }
  const AdjEntry& entry() const override { return entry_; }
  Status status() const override { return status_; }

 private:
  void Settle() {
    for (;;) {
      if (it_->Valid()) {
        auto k = it_->key();
        entry_.node = node_;
        entry_.type = keys::ReadU32(k, 9);
        entry_.other = keys::ReadU64(k, 13);
        entry_.edge = keys::ReadU64(k, 21);
        entry_.outgoing = out_phase_;
        // With both directions, a self-loop is reported once (from the outgoing side).
        if (dir_ == Direction::kBoth && !out_phase_ && entry_.other == node_) {
          it_->Next();
          continue;
        }
        valid_ = true;
        return;
      }
      if (!it_->status().ok()) {
        status_ = it_->status();
        valid_ = false;
        return;
      }
      if (dir_ == Direction::kBoth && out_phase_) {
        out_phase_ = false;
        it_ = factory_(false);
        continue;
      }
      valid_ = false;
      return;
    }
  }

  NodeId node_;
  Direction dir_;
  Factory factory_;
  bool out_phase_ = true;
  bool valid_ = false;
  AdjEntry entry_;
  Status status_;
  std::unique_ptr<PrefixIter> it_;
};

// Adjacency from the in-memory cache: the same entries, in the same order, as AdjCursorImpl.
class CachedAdjCursor final : public AdjCursor {
 public:
  CachedAdjCursor(std::shared_ptr<const AdjacencyCache> cache, NodeId node, Direction dir,
                  TokenId type)
      : cache_(std::move(cache)), node_(node), dir_(dir), type_(type) {
    out_phase_ = dir != Direction::kIn;
    Start();
  }
  bool Valid() const override { return pos_ < end_; }
  void Next() override {
    ++pos_;
    Settle();
  }
  const AdjEntry& entry() const override { return entry_; }
  Status status() const override { return Status::OK(); }

 private:
  void Start() {
    side_ = out_phase_ ? &cache_->out() : &cache_->in();
    std::tie(pos_, end_) = cache_->Range(*side_, node_, type_);
    Settle();
  }
  void Settle() {
    for (;;) {
      if (pos_ < end_) {
        entry_.node = node_;
        entry_.other = side_->other[pos_];
        entry_.edge = side_->edge[pos_];
        entry_.type = side_->type[pos_];
        entry_.outgoing = out_phase_;
        if (dir_ == Direction::kBoth && !out_phase_ && entry_.other == node_) {
          ++pos_;
          continue;
        }
        return;
      }
      if (dir_ == Direction::kBoth && out_phase_) {
        out_phase_ = false;
        side_ = &cache_->in();
        std::tie(pos_, end_) = cache_->Range(*side_, node_, type_);
        continue;
      }
      return;
    }
  }

  std::shared_ptr<const AdjacencyCache> cache_;
  const AdjacencyCache::Side* side_ = nullptr;
  NodeId node_;
  Direction dir_;
  TokenId type_;
  bool out_phase_ = true;
  uint32_t pos_ = 0, end_ = 0;
  AdjEntry entry_;
};

class RocksTransaction final : public Transaction {
 public:
  RocksTransaction(RocksDatabase* db, bool read_only) : db_(db), read_only_(read_only) {
    // A read-write transaction holds the writer lock, so no commit can move the generation
    // while it is open; a read-only one pins it with its snapshot.
    generation_ = db_->SnapshotAndGeneration(read_only, &snapshot_);
    if (!read_only) {
      wb_ = std::make_unique<rocksdb::WriteBatchWithIndex>(rocksdb::BytewiseComparator(), 0,
                                                           /*overwrite_key=*/true);
    }
    ro_.snapshot = snapshot_;
  }
  ~RocksTransaction() override {
    if (!finished_) Rollback();
    if (snapshot_) db_->db()->ReleaseSnapshot(snapshot_);
  }

  bool read_only() const override { return read_only_; }
  uint64_t generation() const override { return generation_; }
  bool dirty() const override { return dirty_; }

  // ---- tokens ----
  TokenId LookupToken(TokenKind kind, std::string_view name) override {
    auto it = pending_tokens_.find({kind, std::string(name)});
    if (it != pending_tokens_.end()) return it->second;
    return db_->LookupCommittedToken(kind, name);
  }

  Result<TokenId> GetOrCreateToken(TokenKind kind, std::string_view name) override {
    if (name.empty()) return Status::InvalidArgument("empty name for a label, type or key");
    TokenId id = LookupToken(kind, name);
    if (id != kNoToken) return id;
    LINER_RETURN_IF_ERROR(CheckWritable());
    id = db_->AllocateToken();
    std::string idv;
    keys::AppendU32(&idv, id);
    Put(kCfMeta, keys::TokenByNameKey(kind, name), idv);
    Put(kCfMeta, keys::TokenByIdKey(kind, id), std::string(name));
    pending_tokens_[{kind, std::string(name)}] = id;
    pending_names_[{kind, id}] = std::string(name);
    special_valid_ = false;
    return id;
  }

  std::string TokenName(TokenKind kind, TokenId id) override {
    auto it = pending_names_.find({kind, id});
    if (it != pending_names_.end()) return it->second;
    return db_->CommittedTokenName(kind, id);
  }

  std::vector<std::pair<TokenId, std::string>> Tokens(TokenKind kind) override {
    auto out = db_->CommittedTokens(kind);
    for (const auto& [k, id] : pending_tokens_) {
      if (k.first == kind) out.emplace_back(id, k.second);
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  // ---- reads ----
  Result<std::optional<NodeRecord>> GetNode(NodeId id) override {
    std::string v;
    LINER_ASSIGN_OR_RETURN(bool found, Get(kCfNodes, keys::NodeKey(id), &v));
    if (!found) return std::optional<NodeRecord>();
    LINER_ASSIGN_OR_RETURN(NodeRecord rec, codec::DecodeNode(id, v));
    return std::optional<NodeRecord>(std::move(rec));
  }

  Result<std::optional<EdgeRecord>> GetEdge(EdgeId id) override {
    std::string v;
    LINER_ASSIGN_OR_RETURN(bool found, Get(kCfEdges, keys::EdgeKey(id), &v));
    if (!found) return std::optional<EdgeRecord>();
    LINER_ASSIGN_OR_RETURN(EdgeRecord rec, codec::DecodeEdge(id, v));
    return std::optional<EdgeRecord>(std::move(rec));
  }

  std::optional<IntPropKind> CachedIntProperty(NodeId id, TokenId key, int64_t* value) override {
    const AdjacencyCache* cache = CacheRaw();
    if (!cache) return std::nullopt;
    return cache->columns().Get(id, key, value);
  }

  const AdjacencyView* CachedAdjacency() override {
    const AdjacencyCache* cache = CacheRaw();
    return cache ? &cache->view() : nullptr;
  }

  std::optional<bool> CachedStringProperty(NodeId id, TokenId key,
                                           std::string_view* value) override {
    const AdjacencyCache* cache = CacheRaw();
    if (!cache) return std::nullopt;
    return cache->columns().GetString(id, key, value);
  }

  Result<bool> HasLabel(NodeId id, TokenId label) override {
    if (const AdjacencyCache* cache = CacheRaw()) {
      if (auto has = cache->HasLabel(id, label)) return *has;
    }
    LINER_ASSIGN_OR_RETURN(auto rec, GetNode(id));
    return rec.has_value() && rec->HasLabel(label);
  }

  bool NodeExists(NodeId id) override {
    std::string v;
    auto r = Get(kCfNodes, keys::NodeKey(id), &v);
    return r.ok() && *r;
  }

  std::unique_ptr<NodeCursor> ScanNodes() override {
    return std::make_unique<PrefixNodeCursor>(Iter(kCfNodes, keys::Tagged(keys::KeyTag::kNode)));
  }

  std::unique_ptr<NodeCursor> ScanLabel(TokenId label) override {
    return std::make_unique<PrefixNodeCursor>(Iter(kCfIndex, keys::LabelPrefix(label)));
  }

  Status ForEachEdge(const std::function<bool(const EdgeRecord&)>& fn) override {
    auto it = Iter(kCfEdges, keys::Tagged(keys::KeyTag::kEdge), /*whole_table=*/true);
    for (; it->Valid(); it->Next()) {
      EdgeId id = keys::ReadU64(it->key(), 1);
      LINER_ASSIGN_OR_RETURN(EdgeRecord rec, codec::DecodeEdge(id, it->value()));
      if (!fn(rec)) break;
    }
    return it->status();
  }

  Status ForEachEdgeSkeleton(const std::array<TokenId, 2>& string_keys,
                             const std::function<bool(const EdgeSkeleton&)>& fn) override {
    auto it = Iter(kCfEdges, keys::Tagged(keys::KeyTag::kEdge), /*whole_table=*/true);
    EdgeSkeleton e;
    for (; it->Valid(); it->Next()) {
      EdgeId id = keys::ReadU64(it->key(), 1);
      LINER_RETURN_IF_ERROR(codec::DecodeEdgeSkeleton(id, it->value(), string_keys, &e));
      if (!fn(e)) break;
    }
    return it->status();
  }

  std::unique_ptr<AdjCursor> Neighbors(NodeId node, Direction dir, TokenId type) override {
    if (auto cache = Cache()) {
      return std::make_unique<CachedAdjCursor>(std::move(cache), node, dir, type);
    }
    return std::make_unique<AdjCursorImpl>(node, dir, [this, node, type](bool out) {
      return Iter(out ? kCfOut : kCfIn, keys::AdjPrefix(out, node, type));
    });
  }

  uint64_t Degree(NodeId node, Direction dir, TokenId type) override {
    if (const AdjacencyCache* cache = CacheRaw()) {
      uint64_t n = 0;
      if (dir != Direction::kIn) {
        auto [b, e] = cache->Range(cache->out(), node, type);
        n += e - b;
      }
      if (dir != Direction::kOut) {
        auto [b, e] = cache->Range(cache->in(), node, type);
        if (dir == Direction::kIn) {
          n += e - b;
        } else {
          for (uint32_t i = b; i < e; ++i) n += cache->in().other[i] != node;
        }
      }
      return n;
    }
    uint64_t n = 0;
    for (auto c = Neighbors(node, dir, type); c->Valid(); c->Next()) ++n;
    return n;
  }

  std::vector<NodeId> FindByName(TokenId label, std::string_view name) override {
    std::string norm = NormalizeName(name);
    std::vector<NodeId> out;
    if (norm.empty()) return out;
    if (const AdjacencyCache* cache = CacheRaw(); cache && cache->names().ready()) {
      // The label-0 entries with the label bits: the same nodes, in the same order, as the
      // label's own entries (every named node has both, written in one batch).
      bool exact = true;
      for (uint32_t node : cache->names().Find(norm)) {
        if (label == kNoToken) {
          out.push_back(node);
          continue;
        }
        std::optional<bool> has = cache->HasLabel(node, label);
        if (!has) {
          exact = false;
          break;
        }
        if (*has) out.push_back(node);
      }
      if (exact) return out;
      out.clear();
    }
    for (auto it = Iter(kCfIndex, keys::NamePrefix(label, norm, true)); it->Valid(); it->Next()) {
      out.push_back(keys::ReadU64(it->key(), it->key().size() - 8));
    }
    return out;
  }

  std::vector<NodeId> FindByNamePrefix(TokenId label, std::string_view prefix,
                                       size_t limit) override {
    std::string norm = NormalizeName(prefix);
    std::vector<NodeId> out;
    std::set<NodeId> seen;
    for (auto it = Iter(kCfIndex, keys::NamePrefix(label, norm, false));
         it->Valid() && out.size() < limit; it->Next()) {
      NodeId id = keys::ReadU64(it->key(), it->key().size() - 8);
      if (seen.insert(id).second) out.push_back(id);
    }
    return out;
  }

  std::optional<std::vector<NodeId>> FindByProperty(TokenId label, TokenId key,
                                                    const Value& value) override {
    RefreshSpecialKeys();
    if (std::find(indexed_keys_.begin(), indexed_keys_.end(), key) == indexed_keys_.end()) {
      return std::nullopt;
    }
    std::vector<NodeId> out;
    if (const AdjacencyCache* cache = CacheRaw(); cache && value.is_int()) {
      // From the integer column when every value of `key` is an integer (so there is no 1.0
      // for 1 to find); the column's nodes are below the cache's node limit, where HasLabel
      // always answers.
      if (cache->columns().ForEachEqual(key, value.as_int(), [&](NodeId n) {
            if (label == kNoToken || cache->HasLabel(n, label).value_or(false)) out.push_back(n);
          })) {
        return out;
      }
      out.clear();
    }
    std::string enc;
    if (!keys::EncodeIndexValue(value, &enc)) return out;
    for (auto it = Iter(kCfIndex, keys::PropertyPrefix(label, key, enc)); it->Valid();
         it->Next()) {
      out.push_back(keys::ReadU64(it->key(), it->key().size() - 8));
    }
    return out;
  }

  // ---- writes ----
  Result<NodeId> CreateNode(const std::vector<TokenId>& labels, PropertyMap props) override {
    LINER_RETURN_IF_ERROR(CheckWritable());
    NodeRecord rec;
    rec.labels = labels;
    std::sort(rec.labels.begin(), rec.labels.end());
    rec.labels.erase(std::unique(rec.labels.begin(), rec.labels.end()), rec.labels.end());
    if (!rec.labels.empty() && rec.labels.front() == kNoToken) {
      return Status::InvalidArgument("node label token 0 is not a label");
    }
    for (auto& e : props.mutable_entries()) {
      if (e.second.is_null()) return Status::InvalidArgument("null property value");
    }
    rec.props = std::move(props);
    rec.id = db_->AllocateNode();
    LINER_RETURN_IF_ERROR(AddIndexes(rec));
    Put(kCfNodes, keys::NodeKey(rec.id), codec::EncodeNode(rec));
    for (TokenId l : rec.labels) {
      Put(kCfIndex, keys::LabelKey(l, rec.id), "");
      delta_.counts[{'L', l}] += 1;
    }
    delta_.counts[{'N', 0}] += 1;
    return rec.id;
  }

  Result<EdgeId> CreateEdge(NodeId src, NodeId dst, TokenId type, PropertyMap props) override {
    LINER_RETURN_IF_ERROR(CheckWritable());
    if (type == kNoToken) return Status::InvalidArgument("relationship without a type");
    if (!NodeExists(src)) return Status::NotFound("start node " + std::to_string(src));
    if (!NodeExists(dst)) return Status::NotFound("end node " + std::to_string(dst));
    EdgeRecord rec;
    rec.id = db_->AllocateEdge();
    rec.src = src;
    rec.dst = dst;
    rec.type = type;
    rec.props = std::move(props);
    Put(kCfEdges, keys::EdgeKey(rec.id), codec::EncodeEdge(rec));
    Put(kCfOut, keys::AdjKey(true, src, type, dst, rec.id), "");
    Put(kCfIn, keys::AdjKey(false, dst, type, src, rec.id), "");
    delta_.counts[{'E', 0}] += 1;
    delta_.counts[{'T', type}] += 1;
    return rec.id;
  }

  Status SetNodeProperty(NodeId id, TokenId key, Value value) override {
    return UpdateNode(id, [&](NodeRecord* rec) {
      rec->props.Set(key, std::move(value));
      return Status::OK();
    });
  }

  Status ReplaceNodeProperties(NodeId id, PropertyMap props) override {
    return UpdateNode(id, [&](NodeRecord* rec) {
      rec->props = std::move(props);
      return Status::OK();
    });
  }

  Status AddLabel(NodeId id, TokenId label) override {
    if (label == kNoToken) return Status::InvalidArgument("label token 0");
    return UpdateNode(id, [&](NodeRecord* rec) {
      if (rec->HasLabel(label)) return Status::OK();
      rec->labels.insert(std::upper_bound(rec->labels.begin(), rec->labels.end(), label), label);
      Put(kCfIndex, keys::LabelKey(label, id), "");
      delta_.counts[{'L', label}] += 1;
      return Status::OK();
    });
  }

  Status RemoveLabel(NodeId id, TokenId label) override {
    return UpdateNode(id, [&](NodeRecord* rec) {
      auto it = std::lower_bound(rec->labels.begin(), rec->labels.end(), label);
      if (it == rec->labels.end() || *it != label) return Status::OK();
      rec->labels.erase(it);
      Delete(kCfIndex, keys::LabelKey(label, id));
      delta_.counts[{'L', label}] -= 1;
      return Status::OK();
    });
  }

  Status SetEdgeProperty(EdgeId id, TokenId key, Value value) override {
    return UpdateEdge(id, [&](EdgeRecord* rec) { rec->props.Set(key, std::move(value)); });
  }

  Status ReplaceEdgeProperties(EdgeId id, PropertyMap props) override {
    return UpdateEdge(id, [&](EdgeRecord* rec) { rec->props = std::move(props); });
  }

  Status DeleteEdge(EdgeId id) override {
    LINER_RETURN_IF_ERROR(CheckWritable());
    LINER_ASSIGN_OR_RETURN(auto rec, GetEdge(id));
    if (!rec) return Status::NotFound("relationship " + std::to_string(id));
    Delete(kCfEdges, keys::EdgeKey(id));
    Delete(kCfOut, keys::AdjKey(true, rec->src, rec->type, rec->dst, id));
    Delete(kCfIn, keys::AdjKey(false, rec->dst, rec->type, rec->src, id));
    delta_.counts[{'E', 0}] -= 1;
    delta_.counts[{'T', rec->type}] -= 1;
    return Status::OK();
  }

  Status DeleteNode(NodeId id, bool detach) override {
    LINER_RETURN_IF_ERROR(CheckWritable());
    LINER_ASSIGN_OR_RETURN(auto rec, GetNode(id));
    if (!rec) return Status::NotFound("node " + std::to_string(id));
    std::vector<EdgeId> edges;
    for (auto c = Neighbors(id, Direction::kBoth, kNoToken); c->Valid(); c->Next()) {
      edges.push_back(c->entry().edge);
    }
    if (!edges.empty() && !detach) {
      return Status::Constraint("cannot delete node " + std::to_string(id) + ": it still has " +
                                std::to_string(edges.size()) +
                                " relationship(s); delete them first or use DETACH DELETE");
    }
    std::sort(edges.begin(), edges.end());
    edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
    for (EdgeId e : edges) LINER_RETURN_IF_ERROR(DeleteEdge(e));
    RemoveIndexes(*rec);
    for (TokenId l : rec->labels) {
      Delete(kCfIndex, keys::LabelKey(l, id));
      delta_.counts[{'L', l}] -= 1;
    }
    Delete(kCfNodes, keys::NodeKey(id));
    delta_.counts[{'N', 0}] -= 1;
    return Status::OK();
  }

  Status Commit() override {
    if (finished_) return Status::InvalidArgument("transaction already finished");
    Status st;
    if (!read_only_ && dirty_) {
      RocksDatabase::Delta delta = delta_;
      for (const auto& [k, id] : pending_tokens_) delta.new_tokens[k] = id;
      st = db_->CommitBatch(wb_->GetWriteBatch(), delta);
    }
    Finish();
    return st;
  }

  void Rollback() override {
    if (finished_) return;
    Finish();
  }

 private:
  void Finish() {
    finished_ = true;
    if (wb_) {
      wb_->Clear();
      db_->ReleaseWriter();
    }
  }

  Status CheckWritable() {
    if (read_only_) return Status::InvalidArgument("write in a read-only transaction");
    if (finished_) return Status::InvalidArgument("transaction already finished");
    return Status::OK();
  }

  Result<bool> Get(Cf cf, const std::string& key, std::string* value) {
    rocksdb::Status s = wb_ ? wb_->GetFromBatchAndDB(db_->db(), ro_, db_->cf(cf), key, value)
                            : db_->db()->Get(ro_, db_->cf(cf), key, value);
    if (s.IsNotFound()) return false;
    if (!s.ok()) return RocksError(s, "read");
    return true;
  }

  std::unique_ptr<PrefixIter> Iter(Cf cf, std::string prefix, bool whole_table = false) {
    return std::make_unique<PrefixIter>(db_->db(), db_->cf(cf), wb_.get(), snapshot_,
                                        std::move(prefix), whole_table);
  }

  void Put(Cf cf, const std::string& key, const std::string& value) {
    wb_->Put(db_->cf(cf), key, value);
    dirty_ = true;
  }
  void Delete(Cf cf, const std::string& key) {
    wb_->Delete(db_->cf(cf), key);
    dirty_ = true;
  }

  void RefreshSpecialKeys() {
    if (special_valid_) return;
    auto resolve = [&](const std::vector<std::string>& names, std::vector<TokenId>* out) {
      out->clear();
      for (const auto& n : names) {
        TokenId t = LookupToken(TokenKind::kPropertyKey, n);
        if (t != kNoToken) out->push_back(t);
      }
    };
    resolve(Database::NameKeys(), &name_keys_);
    resolve(Database::IndexedKeys(), &indexed_keys_);
    resolve(Database::UniqueKeys(), &unique_keys_);
    // A key created by another transaction since may be missing: re-check every time while
    // some are unresolved (cheap map lookups).
    special_valid_ = name_keys_.size() == Database::NameKeys().size() &&
                     indexed_keys_.size() == Database::IndexedKeys().size();
  }

  // Distinct normalised names a node is found by (storage/index_keys.h).
  std::vector<std::string> IndexedNames(const NodeRecord& rec) {
    std::vector<std::string> out;
    liner::IndexedNames(rec, name_keys_, &out);
    return out;
  }

  // Index entries of a node: name index and equality index, under each label and under label 0
  // (any label). Fails with Constraint when a unique key's value is taken by another node.
  Status AddIndexes(const NodeRecord& rec) {
    RefreshSpecialKeys();
    std::vector<TokenId> scopes = rec.labels;
    scopes.push_back(kNoToken);
    for (const std::string& norm : IndexedNames(rec)) {
      for (TokenId l : scopes) Put(kCfIndex, keys::NameKey(l, norm, rec.id), "");
    }
    for (TokenId key : indexed_keys_) {
      const Value* v = rec.props.Get(key);
      std::string enc;
      if (!v || !keys::EncodeIndexValue(*v, &enc)) continue;
      bool unique = std::find(unique_keys_.begin(), unique_keys_.end(), key) != unique_keys_.end();
      for (TokenId l : scopes) {
        std::string prefix = keys::PropertyPrefix(l, key, enc);
        if (unique && l != kNoToken) {
          for (auto it = Iter(kCfIndex, prefix); it->Valid(); it->Next()) {
            NodeId other = keys::ReadU64(it->key(), it->key().size() - 8);
            if (other != rec.id) {
              return Status::Constraint(TokenName(TokenKind::kPropertyKey, key) + " " +
                                        v->ToLiteral() + " already belongs to node " +
                                        std::to_string(other) + " with label " +
                                        TokenName(TokenKind::kLabel, l));
            }
          }
        }
        keys::AppendU64(&prefix, rec.id);
        Put(kCfIndex, prefix, "");
      }
    }
    return Status::OK();
  }

  void RemoveIndexes(const NodeRecord& rec) {
    RefreshSpecialKeys();
    std::vector<std::string> index_keys;
    NodeIndexKeys(rec, name_keys_, indexed_keys_, &index_keys);
    for (const std::string& k : index_keys) Delete(kCfIndex, k);
  }

  template <typename Fn>
  Status UpdateNode(NodeId id, Fn&& fn) {
    LINER_RETURN_IF_ERROR(CheckWritable());
    LINER_ASSIGN_OR_RETURN(auto rec, GetNode(id));
    if (!rec) return Status::NotFound("node " + std::to_string(id));
    RemoveIndexes(*rec);
    LINER_RETURN_IF_ERROR(fn(&*rec));
    LINER_RETURN_IF_ERROR(AddIndexes(*rec));
    Put(kCfNodes, keys::NodeKey(id), codec::EncodeNode(*rec));
    return Status::OK();
  }

  template <typename Fn>
  Status UpdateEdge(EdgeId id, Fn&& fn) {
    LINER_RETURN_IF_ERROR(CheckWritable());
    LINER_ASSIGN_OR_RETURN(auto rec, GetEdge(id));
    if (!rec) return Status::NotFound("relationship " + std::to_string(id));
    fn(&*rec);
    Put(kCfEdges, keys::EdgeKey(id), codec::EncodeEdge(*rec));
    return Status::OK();
  }

  RocksDatabase* db_;
  bool read_only_;
  bool finished_ = false;
  // The adjacency cache when it shows exactly what this transaction sees (nothing written yet).
  std::shared_ptr<const AdjacencyCache> Cache() {
    CacheRaw();
    return dirty_ ? nullptr : cache_;
  }
  // The same without a reference count (the transaction holds it in cache_).
  const AdjacencyCache* CacheRaw() {
    if (dirty_) return nullptr;
    if (!cache_ || cache_->generation() != generation_) cache_ = db_->AdjCache(generation_);
    return cache_.get();
  }

  bool dirty_ = false;
  uint64_t generation_ = 0;
  std::shared_ptr<const AdjacencyCache> cache_;
  const rocksdb::Snapshot* snapshot_ = nullptr;
  rocksdb::ReadOptions ro_;
  std::unique_ptr<rocksdb::WriteBatchWithIndex> wb_;
  RocksDatabase::Delta delta_;
  std::map<std::pair<TokenKind, std::string>, TokenId> pending_tokens_;
  std::map<std::pair<TokenKind, TokenId>, std::string> pending_names_;
  bool special_valid_ = false;
  std::vector<TokenId> name_keys_, indexed_keys_, unique_keys_;
};

}  // namespace

std::unique_ptr<Transaction> MakeRocksTransaction(RocksDatabase* db, bool read_only) {
  return std::make_unique<RocksTransaction>(db, read_only);
}

}  // namespace liner
