// Opening a database: column families, the format version check, the process lock, and the
// in-memory state (token dictionary, counters, id sequences) loaded once at open.
#include <rocksdb/filter_policy.h>
#include <rocksdb/slice_transform.h>
#include <rocksdb/table.h>

#include <filesystem>

#include "storage/key_codec.h"
#include "storage/rocks_db.h"

namespace liner {

namespace {

const char* const kCfNames[kCfCount] = {"default", "nodes", "edges", "out", "in", "index", "meta"};

Status FromRocks(const rocksdb::Status& s, const std::string& path) {
  if (s.ok()) return Status::OK();
  std::string msg = s.ToString();
  if (s.IsIOError() && (msg.find("lock") != std::string::npos ||
                        msg.find("Resource temporarily unavailable") != std::string::npos)) {
    return Status::Busy("database " + path +
                        " is open for writing in another process (its LOCK is held); close the "
                        "other liner process, or open this one read-only");
  }
  if (s.IsCorruption()) return Status::Corruption(path + ": " + msg);
  return Status::IOError(path + ": " + msg);
}

rocksdb::ColumnFamilyOptions CfOptions(Cf cf, const std::shared_ptr<rocksdb::Cache>& cache) {
  rocksdb::ColumnFamilyOptions o;
  rocksdb::BlockBasedTableOptions t;
  t.block_cache = cache;
  t.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  t.cache_index_and_filter_blocks = false;
  if (cf == kCfOut || cf == kCfIn) {
    // Adjacency scans are prefix scans over (tag, node): prefix bloom filters skip SST files
    // that hold no edge of that node.
    o.prefix_extractor.reset(rocksdb::NewFixedPrefixTransform(keys::kAdjNodePrefixSize));
    t.whole_key_filtering = false;
  }
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(t));
  o.compression = rocksdb::kLZ4Compression;
  o.bottommost_compression = rocksdb::kZSTD;
  return o;
}

}  // namespace

Result<std::unique_ptr<Database>> Database::Open(const std::string& path,
                                                 const OpenOptions& options) {
  return RocksDatabase::OpenImpl(path, options);
}

const std::vector<std::string>& Database::UniqueKeys() {
  static const std::vector<std::string> k = {"mbid", "discogs_id"};
  return k;
}
const std::vector<std::string>& Database::IndexedKeys() {
  static const std::vector<std::string> k = {"id", "mbid", "discogs_id"};
  return k;
}
const std::vector<std::string>& Database::NameKeys() {
  static const std::vector<std::string> k = {"name", "title", "aliases"};
  return k;
}

Result<std::unique_ptr<Database>> RocksDatabase::OpenImpl(const std::string& path,
                                                          const OpenOptions& options) {
  namespace fs = std::filesystem;
  std::error_code ec;
  bool exists = fs::exists(fs::path(path) / "CURRENT", ec);
  if (!exists) {
    if (!options.create_if_missing || options.read_only) {
      return Status::NotFound("no Liner database at " + path);
    }
    if (fs::exists(path, ec) && !fs::is_directory(path, ec)) {
      return Status::InvalidArgument(path + " exists and is not a directory");
    }
    if (fs::is_directory(path, ec) && !fs::is_empty(path, ec)) {
      return Status::InvalidArgument(path + " is a non-empty directory that is not a Liner "
                                            "database; choose an empty or new directory");
    }
  } else {
    std::vector<std::string> cfs;
    rocksdb::Status s = rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), path, &cfs);
    if (!s.ok()) return FromRocks(s, path);
    if (std::find(cfs.begin(), cfs.end(), "meta") == cfs.end()) {
      return Status::InvalidArgument(path + " is a RocksDB database but not a Liner database");
    }
  }

  auto cache = rocksdb::NewLRUCache((options.block_cache_mb ? options.block_cache_mb : 8) << 20);
  rocksdb::DBOptions dbo;
  dbo.create_if_missing = true;
  dbo.create_missing_column_families = true;
  dbo.max_background_jobs = 2;
  // One budget for all seven column families' memtables (otherwise up to 7 x 2 x 64 MB), so a
  // long import's memory stays bounded.
  dbo.db_write_buffer_size = size_t{256} << 20;
  dbo.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;
  dbo.keep_log_file_num = 2;
  std::vector<rocksdb::ColumnFamilyDescriptor> descs;
  for (int i = 0; i < kCfCount; ++i) {
    descs.emplace_back(kCfNames[i], CfOptions(static_cast<Cf>(i), cache));
  }

  std::unique_ptr<RocksDatabase> self(new RocksDatabase());
  self->path_ = path;
  self->block_cache_ = cache;
  self->read_only_ = options.read_only;
  self->cache_disabled_ = !options.adjacency_cache;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s;
  if (options.read_only) {
    s = rocksdb::DB::OpenForReadOnly(dbo, path, descs, &self->handles_, &raw);
  } else if (exists) {
    s = rocksdb::DB::Open(dbo, path, descs, &self->handles_, &raw);
  } else {
    // A new database: the column families are created in one call, which writes the OPTIONS
    // file once (DB::Open creating them writes and fsyncs it, and the directory, once per
    // family: a tenth of a second of every import into a new database).
    s = rocksdb::DB::Open(dbo, path, {descs[0]}, &self->handles_, &raw);
    if (s.ok()) {
      self->db_.reset(raw);
      std::vector<rocksdb::ColumnFamilyHandle*> more;
      s = raw->CreateColumnFamilies({descs.begin() + 1, descs.end()}, &more);
      self->handles_.insert(self->handles_.end(), more.begin(), more.end());
      if (s.ok() && self->handles_.size() != descs.size()) {
        s = rocksdb::Status::Corruption("created " + std::to_string(self->handles_.size()) +
                                        " column families of " + std::to_string(descs.size()));
      }
    }
  }
  if (!self->db_ && raw != nullptr) self->db_.reset(raw);
  if (!s.ok()) return FromRocks(s, path);
  LINER_RETURN_IF_ERROR(self->LoadState());
  return std::unique_ptr<Database>(std::move(self));
}

RocksDatabase::~RocksDatabase() {
  cache_stop_ = true;
  if (cache_thread_.joinable()) cache_thread_.join();
  if (db_) {
    for (auto* h : handles_) db_->DestroyColumnFamilyHandle(h);
    db_->Close();
  }
}

Status RocksDatabase::LoadState() {
  rocksdb::ReadOptions ro;
  std::string value;
  rocksdb::Status s = db_->Get(ro, cf(kCfMeta), keys::Tagged(keys::KeyTag::kVersion), &value);
  if (s.IsNotFound()) {
    if (read_only_) return Status::InvalidArgument(path_ + " is not a Liner database");
    std::string v;
    keys::AppendU32(&v, kFormatVersion);
    s = db_->Put(rocksdb::WriteOptions(), cf(kCfMeta), keys::Tagged(keys::KeyTag::kVersion), v);
    if (!s.ok()) return FromRocks(s, path_);
  } else if (!s.ok()) {
    return FromRocks(s, path_);
  } else {
    uint32_t version = value.size() == 4 ? keys::ReadU32(value, 0) : 0;
    if (version != kFormatVersion) {
      return Status::VersionMismatch(path_ + " has storage format version " +
                                     std::to_string(version) + ", this liner reads version " +
                                     std::to_string(kFormatVersion) +
                                     "; re-import the data with this version");
    }
  }

  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, cf(kCfMeta)));
  uint32_t max_token = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    std::string_view k(it->key().data(), it->key().size());
    std::string_view v(it->value().data(), it->value().size());
    switch (static_cast<keys::KeyTag>(k[0])) {
      case keys::KeyTag::kTokenById: {
        auto kind = static_cast<uint8_t>(k[1]);
        TokenId id = keys::ReadU32(k, 2);
        if (kind > 2) return Status::Corruption(path_ + ": token kind " + std::to_string(kind));
        tokens_[kind].by_id[id] = std::string(v);
        tokens_[kind].by_name[std::string(v)] = id;
        max_token = std::max(max_token, id);
        break;
      }
      case keys::KeyTag::kCount:
        counts_[{k[1], keys::ReadU32(k, 2)}] = keys::ReadU64(v, 0);
        break;
      case keys::KeyTag::kSequence:
        if (k.substr(1) == "node") next_node_ = keys::ReadU64(v, 0);
        if (k.substr(1) == "edge") next_edge_ = keys::ReadU64(v, 0);
        break;
      default:
        break;
    }
  }
  next_token_ = max_token + 1;
  return FromRocks(it->status(), path_);
}

Result<std::unique_ptr<Transaction>> RocksDatabase::Begin() {
  if (read_only_) {
    return Status::InvalidArgument("database " + path_ + " is open read-only; cannot write");
  }
  if (!writer_mu_.try_lock()) {
    return Status::Busy("another write transaction is open on " + path_);
  }
  return MakeRocksTransaction(this, /*read_only=*/false);
}

std::unique_ptr<Transaction> RocksDatabase::BeginRead() {
  return MakeRocksTransaction(this, /*read_only=*/true);
}

GraphCounts RocksDatabase::Counts() {
  std::shared_lock lock(state_mu_);
  GraphCounts c;
  for (const auto& [k, n] : counts_) {
    if (n == 0) continue;
    auto [kind, token] = k;
    if (kind == 'N') c.nodes = n;
    if (kind == 'E') c.edges = n;
    if (kind == 'L') {
      auto it = tokens_[0].by_id.find(token);
      if (it != tokens_[0].by_id.end()) c.by_label[it->second] = n;
    }
    if (kind == 'T') {
      auto it = tokens_[1].by_id.find(token);
      if (it != tokens_[1].by_id.end()) c.by_type[it->second] = n;
    }
  }
  return c;
}

TokenId RocksDatabase::LookupCommittedToken(TokenKind kind, std::string_view name) {
  std::shared_lock lock(state_mu_);
  const auto& t = tokens_[static_cast<int>(kind)].by_name;
  auto it = t.find(std::string(name));
  return it == t.end() ? kNoToken : it->second;
}

std::string RocksDatabase::CommittedTokenName(TokenKind kind, TokenId id) {
  std::shared_lock lock(state_mu_);
  const auto& t = tokens_[static_cast<int>(kind)].by_id;
  auto it = t.find(id);
  return it == t.end() ? std::string() : it->second;
}

std::vector<std::pair<TokenId, std::string>> RocksDatabase::CommittedTokens(TokenKind kind) {
  std::shared_lock lock(state_mu_);
  std::vector<std::pair<TokenId, std::string>> out(tokens_[static_cast<int>(kind)].by_id.begin(),
                                                   tokens_[static_cast<int>(kind)].by_id.end());
  std::sort(out.begin(), out.end());
  return out;
}

Status RocksDatabase::CommitBatch(rocksdb::WriteBatch* batch, const Delta& delta) {
  std::lock_guard commit_lock(commit_mu_);
  std::map<std::pair<char, TokenId>, uint64_t> updated;
  {
    std::shared_lock lock(state_mu_);
    for (const auto& [k, d] : delta.counts) {
      auto it = counts_.find(k);
      int64_t base = it == counts_.end() ? 0 : static_cast<int64_t>(it->second);
      updated[k] = static_cast<uint64_t>(std::max<int64_t>(0, base + d));
    }
  }
  for (const auto& [k, n] : updated) {
    std::string v;
    keys::AppendU64(&v, n);
    batch->Put(cf(kCfMeta), keys::CountKey(k.first, k.second), v);
  }
  std::string node_seq, edge_seq;
  keys::AppendU64(&node_seq, next_node_.load());
  keys::AppendU64(&edge_seq, next_edge_.load());
  batch->Put(cf(kCfMeta), keys::SequenceKey("node"), node_seq);
  batch->Put(cf(kCfMeta), keys::SequenceKey("edge"), edge_seq);

  rocksdb::Status s = db_->Write(rocksdb::WriteOptions(), batch);
  if (!s.ok()) return FromRocks(s, path_);
  std::unique_lock lock(state_mu_);
  for (const auto& [k, id] : delta.new_tokens) {
    auto& t = tokens_[static_cast<int>(k.first)];
    t.by_name[k.second] = id;
    t.by_id[id] = k.second;
  }
  for (const auto& [k, n] : updated) counts_[k] = n;
  generation_.fetch_add(1);
  return Status::OK();
}

}  // namespace liner

namespace liner {

uint64_t RocksDatabase::SnapshotAndGeneration(bool with_snapshot,
                                              const rocksdb::Snapshot** snapshot) {
  std::lock_guard lock(commit_mu_);
  if (with_snapshot) *snapshot = db_->GetSnapshot();
  return generation_.load();
}

Result<std::shared_ptr<const AdjacencyCache>> RocksDatabase::BuildCache() {
  AdjacencyCache::Inputs in;
  in.db = db_.get();
  in.out = cf(kCfOut);
  in.in = cf(kCfIn);
  in.index = cf(kCfIndex);
  in.nodes = cf(kCfNodes);
  for (const std::string& key : IndexedKeys()) {
    TokenId t = LookupCommittedToken(TokenKind::kPropertyKey, key);
    if (t != kNoToken) in.int_keys.push_back(t);
  }
  for (const std::string& key : NameKeys()) {
    TokenId t = LookupCommittedToken(TokenKind::kPropertyKey, key);
    if (t != kNoToken && key != "aliases") in.string_keys.push_back(t);  // lists: not a column
  }
  in.names = true;
  in.generation = SnapshotAndGeneration(true, &in.snapshot);
  in.node_limit = next_node_.load();
  {
    std::shared_lock lock(state_mu_);
    auto it = counts_.find({'E', 0});
    if (it != counts_.end()) in.edges_hint = it->second;
  }
  in.stop = &cache_stop_;
  auto built = AdjacencyCache::Build(in);
  db_->ReleaseSnapshot(in.snapshot);
  if (!built.ok()) return built.status();
  std::lock_guard lock(cache_mu_);
  if (!*built) {
    if (!cache_stop_) cache_unsupported_gen_ = in.generation;
    return std::shared_ptr<const AdjacencyCache>();
  }
  std::shared_ptr<const AdjacencyCache> c(std::move(*built));
  if (!adj_cache_ || adj_cache_->generation() < c->generation()) adj_cache_ = c;
  return c;
}

void RocksDatabase::StartCacheBuild() {
  if (cache_building_ || cache_disabled_) return;
  if (cache_thread_.joinable()) cache_thread_.join();  // a finished earlier build
  cache_building_ = true;
  cache_thread_ = std::thread([this] {
    (void)BuildCache();  // on failure the reads simply stay on RocksDB
    cache_building_ = false;
  });
}

std::shared_ptr<const AdjacencyCache> RocksDatabase::AdjCache(uint64_t gen) {
  if (cache_disabled_) return nullptr;
  std::lock_guard lock(cache_mu_);
  if (CacheIsFor(gen)) return adj_cache_;
  if (gen != generation_.load() || gen == cache_unsupported_gen_) return nullptr;
  if (cache_misses_gen_ != gen) {
    cache_misses_gen_ = gen;
    cache_misses_ = 0;
    if (adj_cache_ && adj_cache_->generation() < gen) adj_cache_.reset();  // free it early
  }
  if (++cache_misses_ == kCacheMissesBeforeBuild) StartCacheBuild();
  return nullptr;
}

Status RocksDatabase::WarmCaches() {
  if (cache_disabled_) return Status::OK();
  std::thread running;
  {
    std::lock_guard lock(cache_mu_);
    uint64_t gen = generation_.load();
    if (CacheIsFor(gen) || gen == cache_unsupported_gen_) return Status::OK();
    running = std::move(cache_thread_);
  }
  // Wait for a background build instead of racing it (joined outside the lock it takes).
  if (running.joinable()) running.join();
  {
    std::lock_guard lock(cache_mu_);
    if (CacheIsFor(generation_.load())) return Status::OK();
  }
  return BuildCache().status();
}

CacheInfo RocksDatabase::cache_info() const {
  CacheInfo info;
  std::lock_guard lock(cache_mu_);
  if (CacheIsFor(generation_.load())) {
    info.adjacency_ready = true;
    info.adjacency_bytes = adj_cache_->MemoryBytes();
    info.adjacency_build_ms = adj_cache_->build_ms();
    info.dense_seek_keys = static_cast<uint32_t>(adj_cache_->columns().DenseSeekKeys());
  }
  return info;
}

}  // namespace liner
