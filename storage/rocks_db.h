#pragma once
// RocksDB implementation of Database and Transaction (private to storage/: include only from
// storage/*.cpp). See storage/database.h for the contract and storage/FORMAT.md for the layout.

#include <rocksdb/db.h>
#include <rocksdb/utilities/write_batch_with_index.h>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "storage/adjacency_cache.h"
#include "storage/database.h"

namespace liner {

// Column family handles, in the order they are opened.
enum Cf : int { kCfDefault = 0, kCfNodes, kCfEdges, kCfOut, kCfIn, kCfIndex, kCfMeta, kCfCount };

class RocksDatabase final : public Database {
 public:
  ~RocksDatabase() override;
  static Result<std::unique_ptr<Database>> OpenImpl(const std::string& path,
                                                    const OpenOptions& options);

  Result<std::unique_ptr<Transaction>> Begin() override;
  std::unique_ptr<Transaction> BeginRead() override;
  GraphCounts Counts() override;
  const std::string& path() const override { return path_; }
  bool read_only() const override { return read_only_; }
  uint64_t generation() const override { return generation_.load(); }
  Status WarmCaches() override;
  CacheInfo cache_info() const override;

  // ---- shared with RocksTransaction ----
  rocksdb::DB* db() { return db_.get(); }
  rocksdb::ColumnFamilyHandle* cf(Cf c) { return handles_[c]; }

  struct TokenTable {
    std::unordered_map<std::string, TokenId> by_name;
    std::unordered_map<TokenId, std::string> by_id;
  };
  // Token lookups against committed tokens (thread-safe).
  TokenId LookupCommittedToken(TokenKind kind, std::string_view name);
  std::string CommittedTokenName(TokenKind kind, TokenId id);
  std::vector<std::pair<TokenId, std::string>> CommittedTokens(TokenKind kind);
  TokenId AllocateToken() { return next_token_.fetch_add(1); }
  NodeId AllocateNode() { return next_node_.fetch_add(1); }
  EdgeId AllocateEdge() { return next_edge_.fetch_add(1); }
  // The ids the next AllocateNode / AllocateEdge will return.
  NodeId NextNode() const { return next_node_.load(); }
  EdgeId NextEdge() const { return next_edge_.load(); }

  // Ids of special property keys, or kNoToken while unused (refreshed after commits).
  struct SpecialKeys {
    std::vector<TokenId> name_keys, indexed_keys, unique_keys;
  };

  // Applies a committed transaction's effects to the in-memory state and writes the counters
  // and sequences into `batch` before it is written. Called with commit_mu_ held.
  struct Delta {
    std::map<std::pair<TokenKind, std::string>, TokenId> new_tokens;
    std::map<std::pair<char, TokenId>, int64_t> counts;  // ('L', label) / ('T', type) / ('N',0)
  };
  Status CommitBatch(rocksdb::WriteBatch* batch, const Delta& delta);
  void ReleaseWriter() { writer_mu_.unlock(); }

  // A RocksDB snapshot (null for `with_snapshot` false) and the generation it shows, taken
  // together under commit_mu_ so that no commit falls between them.
  uint64_t SnapshotAndGeneration(bool with_snapshot, const rocksdb::Snapshot** snapshot);
  // The adjacency cache of generation `gen` when it is built, else null. Each miss counts
  // towards starting a background build (after kCacheMissesBeforeBuild misses at one
  // generation), so write-heavy work never pays for builds it would not use.
  std::shared_ptr<const AdjacencyCache> AdjCache(uint64_t gen);

 private:
  RocksDatabase() = default;
  Status LoadState();

  std::string path_;
  bool read_only_ = false;
  std::shared_ptr<rocksdb::Cache> block_cache_;
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  std::mutex writer_mu_;  // held by the open read-write transaction
  std::mutex commit_mu_;
  mutable std::shared_mutex state_mu_;  // guards tokens_ and counts_
  TokenTable tokens_[3];
  std::map<std::pair<char, TokenId>, uint64_t> counts_;
  std::atomic<uint64_t> next_node_{1}, next_edge_{1};
  std::atomic<uint32_t> next_token_{1};
  std::atomic<uint64_t> generation_{0};

  // ---- adjacency cache (see storage/adjacency_cache.h) ----
  static constexpr uint64_t kCacheMissesBeforeBuild = 256;
  Result<std::shared_ptr<const AdjacencyCache>> BuildCache();
  void StartCacheBuild();  // with cache_mu_ held
  // Whether the cache is built for generation `gen` (with cache_mu_ held).
  bool CacheIsFor(uint64_t gen) const { return adj_cache_ && adj_cache_->generation() == gen; }
  mutable std::mutex cache_mu_;
  std::shared_ptr<const AdjacencyCache> adj_cache_;  // guarded by cache_mu_
  std::thread cache_thread_;                         // the background build, if any
  std::atomic<bool> cache_stop_{false};
  std::atomic<bool> cache_building_{false};
  std::atomic<uint64_t> cache_misses_{0};
  uint64_t cache_misses_gen_ = 0;                    // generation cache_misses_ counts for
  uint64_t cache_unsupported_gen_ = UINT64_MAX;      // a build said "does not fit" for it
  bool cache_disabled_ = false;
};

// Creates a transaction over `db`; a read-write one must hold db->writer lock already.
std::unique_ptr<Transaction> MakeRocksTransaction(RocksDatabase* db, bool read_only);

}  // namespace liner
