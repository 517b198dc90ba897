// BulkErase over RocksDB (see storage/bulk_erase.h): one sequential scan of the erased records
// computes the keys that only point deletions can remove; everything keyed by an erased id comes
// first in its key (records, the erased nodes' adjacency) goes with one range deletion per range.
#include "storage/bulk_erase.h"

#include <algorithm>
#include <array>
#include <memory>
#include <string>

#include "storage/codec.h"
#include "storage/index_keys.h"
#include "storage/key_codec.h"
#include "storage/rocks_db.h"

namespace liner {
namespace {

// Records whose point deletions go into one write (a few MB of keys).
constexpr uint64_t kChunkRecords = 20'000;

Status FromRocks(const rocksdb::Status& s, const std::string& what) {
  if (s.ok()) return Status::OK();
  return Status::IOError("bulk erase: " + what + ": " + s.ToString());
}

// Sorted, non-empty, disjoint and not touching.
std::vector<IdRange> Normalize(std::vector<IdRange> ranges) {
  ranges.erase(std::remove_if(ranges.begin(), ranges.end(),
                              [](const IdRange& r) { return r.first >= r.end; }),
               ranges.end());
  std::sort(ranges.begin(), ranges.end(),
            [](const IdRange& a, const IdRange& b) { return a.first < b.first; });
  std::vector<IdRange> out;
  for (const IdRange& r : ranges) {
    if (!out.empty() && r.first <= out.back().end) {
      out.back().end = std::max(out.back().end, r.end);
    } else {
      out.push_back(r);
    }
  }
  return out;
}

bool Contains(const std::vector<IdRange>& ranges, uint64_t id) {
  auto it = std::upper_bound(ranges.begin(), ranges.end(), id,
                             [](uint64_t v, const IdRange& r) { return v < r.first; });
  return it != ranges.begin() && id < std::prev(it)->end;
}

class Eraser {
 public:
  Eraser(RocksDatabase* db, std::vector<IdRange> nodes, std::vector<IdRange> edges)
      : db_(db), nodes_(Normalize(std::move(nodes))), edges_(Normalize(std::move(edges))) {
    for (const auto& n : Database::NameKeys()) Special(n, &name_keys_);
    for (const auto& n : Database::IndexedKeys()) Special(n, &indexed_keys_);
  }

  Result<BulkEraseStats> Run() {
    // Edges first: their adjacency entries under nodes that stay are found from the records.
    for (const IdRange& r : edges_) {
      LINER_RETURN_IF_ERROR(Scan(kCfEdges, keys::EdgeKey(r.first), keys::EdgeKey(r.end),
                                 [&](uint64_t id, std::string_view v) { return Edge(id, v); }));
    }
    for (const IdRange& r : nodes_) {
      LINER_RETURN_IF_ERROR(Scan(kCfNodes, keys::NodeKey(r.first), keys::NodeKey(r.end),
                                 [&](uint64_t id, std::string_view v) { return Node(id, v); }));
    }
    LINER_RETURN_IF_ERROR(Commit());
    // Then the records themselves and the erased nodes' adjacency, by ranges.
    for (const IdRange& r : edges_) {
      LINER_RETURN_IF_ERROR(DeleteRange(kCfEdges, keys::EdgeKey(r.first), keys::EdgeKey(r.end)));
    }
    for (const IdRange& r : nodes_) {
      LINER_RETURN_IF_ERROR(DeleteRange(kCfNodes, keys::NodeKey(r.first), keys::NodeKey(r.end)));
      for (bool out : {true, false}) {
        LINER_RETURN_IF_ERROR(DeleteRange(out ? kCfOut : kCfIn, keys::AdjPrefix(out, r.first),
                                          keys::AdjPrefix(out, r.end)));
      }
    }
    LINER_RETURN_IF_ERROR(Commit());
    return stats_;
  }

 private:
  void Special(const std::string& name, std::vector<TokenId>* out) {
    TokenId id = db_->LookupCommittedToken(TokenKind::kPropertyKey, name);
    if (id != kNoToken) out->push_back(id);
  }

  // Calls fn(id, value) for every record in [from, to) of `cf`, committing the point
  // deletions every kChunkRecords records.
  template <typename Fn>
  Status Scan(Cf cf, const std::string& from, const std::string& to, Fn&& fn) {
    rocksdb::ReadOptions ro;
    rocksdb::Slice upper(to);
    ro.iterate_upper_bound = &upper;
    ro.fill_cache = false;
    ro.readahead_size = 4 << 20;
    std::unique_ptr<rocksdb::Iterator> it(db_->db()->NewIterator(ro, db_->cf(cf)));
    for (it->Seek(from); it->Valid(); it->Next()) {
      std::string_view k(it->key().data(), it->key().size());
      if (k.size() != 9) continue;
      LINER_RETURN_IF_ERROR(
          fn(keys::ReadU64(k, 1), std::string_view(it->value().data(), it->value().size())));
      if (++pending_ >= kChunkRecords) LINER_RETURN_IF_ERROR(Commit());
    }
    return FromRocks(it->status(), "scan");
  }

  Status Edge(EdgeId id, std::string_view bytes) {
    EdgeSkeleton e;
    LINER_RETURN_IF_ERROR(codec::DecodeEdgeSkeleton(id, bytes, {kNoToken, kNoToken}, &e));
    if (!Contains(nodes_, e.src)) Delete(kCfOut, keys::AdjKey(true, e.src, e.type, e.dst, id));
    if (!Contains(nodes_, e.dst)) Delete(kCfIn, keys::AdjKey(false, e.dst, e.type, e.src, id));
    delta_.counts[{'T', e.type}] -= 1;
    delta_.counts[{'E', 0}] -= 1;
    ++stats_.edges;
    return Status::OK();
  }

  // The index entries RocksTransaction writes for a node (its AddIndexes), under each label
  // and under label 0.
  Status Node(NodeId id, std::string_view bytes) {
    LINER_ASSIGN_OR_RETURN(NodeRecord rec, codec::DecodeNode(id, bytes));
    NodeIndexKeys(rec, name_keys_, indexed_keys_, &index_keys_);
    for (const std::string& k : index_keys_) Delete(kCfIndex, k);
    for (TokenId l : rec.labels) {
      Delete(kCfIndex, keys::LabelKey(l, id));
      delta_.counts[{'L', l}] -= 1;
    }
    delta_.counts[{'N', 0}] -= 1;
    ++stats_.nodes;
    return Status::OK();
  }

  // Point deletions wait per column family and enter the batch sorted: the memtable's skip
  // list then inserts each one next to the previous (in record order, index keys arrive in
  // random order, and the skip-list searches were most of the undo's time).
  void Delete(Cf cf, std::string key) { deletes_[cf].push_back(std::move(key)); }
  Status DeleteRange(Cf cf, const std::string& from, const std::string& to) {
    return FromRocks(batch_.DeleteRange(db_->cf(cf), from, to), "range deletion");
  }
  Status Commit() {
    for (int cf = 0; cf < kCfCount; ++cf) {
      std::vector<std::string>& keys = deletes_[cf];
      std::sort(keys.begin(), keys.end());
      keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
      for (const std::string& k : keys) {
        LINER_RETURN_IF_ERROR(FromRocks(batch_.Delete(db_->cf(static_cast<Cf>(cf)), k), "batch"));
      }
      keys.clear();
    }
    pending_ = 0;
    if (batch_.Count() == 0 && delta_.counts.empty()) return Status::OK();
    Status st = db_->CommitBatch(&batch_, delta_);
    batch_.Clear();
    delta_ = {};
    return st;
  }

  RocksDatabase* db_;
  std::vector<IdRange> nodes_, edges_;
  std::vector<TokenId> name_keys_, indexed_keys_;
  rocksdb::WriteBatch batch_;
  std::array<std::vector<std::string>, kCfCount> deletes_;
  RocksDatabase::Delta delta_;
  uint64_t pending_ = 0;
  std::vector<std::string> index_keys_;  // scratch of Node
  BulkEraseStats stats_;
};

}  // namespace

Result<BulkEraseStats> BulkErase(Database& db, std::vector<IdRange> nodes,
                                 std::vector<IdRange> edges) {
  if (db.read_only()) return Status::InvalidArgument("bulk erase: the database is read-only");
  LINER_ASSIGN_OR_RETURN(auto guard, db.Begin());  // the write lock, held until the end
  Eraser eraser(static_cast<RocksDatabase*>(&db), std::move(nodes), std::move(edges));
  auto result = eraser.Run();
  guard->Rollback();
  return result;
}

}  // namespace liner
