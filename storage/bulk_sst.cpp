#include "storage/bulk_sst.h"

#include <cstring>

namespace liner::bulk {

namespace {

Status FromRocks(const rocksdb::Status& s, const std::string& what) {
  if (s.ok()) return Status::OK();
  return Status::IOError("bulk load: " + what + ": " + s.ToString());
}

rocksdb::Options BulkOptions(RocksDatabase* db, Cf cf) {
  rocksdb::Options o = db->db()->GetOptions(db->cf(cf));
  // The index files are written without compression: LZ4 was 5% of an import's instructions
  // there (compressing, and zeroing its state per 4 KiB block) for a fifth of the disk, and
  // name / id lookups then read their blocks without decompressing. The adjacency keeps LZ4:
  // leaving it out saves 4% more instructions but grows the database by 38%.
  o.compression = cf == kCfIndex ? rocksdb::kNoCompression : rocksdb::kLZ4Compression;
  o.bottommost_compression = o.compression;
  return o;
}

// Writeback starts every few MiB while a file is written instead of all at its final fsync.
rocksdb::EnvOptions BulkEnvOptions() {
  rocksdb::EnvOptions e;
  e.bytes_per_sync = 4 << 20;
  return e;
}

// Bloom filters are left out of every bulk file:
// - the adjacency and index column families are read by prefix seeks only (the index has no
//   prefix extractor, so its whole-key filters are never consulted; an adjacency prefix lands
//   in one file of a load, found by key range);
// - a node or edge record file holds consecutive ids of one load and sits in the bottom level,
//   where a lookup of an id it holds, nearly every lookup, gains nothing from a filter (it
//   only adds a probe of a filter that is 1.2 bytes per record), and an id it does not hold
//   is found absent by the file's key range or one index and data block read. Building the
//   filters was 2.2% of a bulk import's instructions (hashing each key, then the filter).
// Files that later transactions and compactions write keep the column families' filters.
constexpr bool kSkipFilters = true;

}  // namespace

SstOut::SstOut(RocksDatabase* db, Cf cf, std::string path)
    : options_(BulkOptions(db, cf)),
      // Keep written pages cached: the file is ingested (linked) right after it is written.
      writer_(BulkEnvOptions(), options_, db->cf(cf), /*invalidate_page_cache=*/false,
              rocksdb::Env::IOPriority::IO_TOTAL, /*skip_filters=*/kSkipFilters),
      cf_(cf),
      path_(std::move(path)) {}

Status SstOut::OpenAndPut(std::string_view key, std::string_view value) {
  LINER_RETURN_IF_ERROR(FromRocks(writer_.Open(path_), path_));
  open_ = true;
  return Put(key, value);
}

Status SstOut::Error(const rocksdb::Status& s) const { return FromRocks(s, path_); }

Result<bool> SstOut::Finish() {
  if (!open_) return false;
  LINER_RETURN_IF_ERROR(FromRocks(writer_.Finish(), path_));
  open_ = false;
  return entries_ > 0;
}

AsyncSstOut::AsyncSstOut(RocksDatabase* db, Cf cf, std::string path, PhaseLog* log,
                         std::string name)
    : sst_(db, cf, std::move(path)), log_(log), name_(std::move(name)) {
  chunk_ = NewChunk(kChunkBytes + kChunkBytes / 4);
  worker_ = std::thread([this] {
    PhaseLog::Scope phase(log_, name_);
    Work();
  });
}

AsyncSstOut::~AsyncSstOut() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    done_ = true;
    queue_.clear();
  }
  cv_.notify_all();
  if (worker_.joinable()) worker_.join();
}

void AsyncSstOut::MakeRoom(size_t need) {
  if (chunk_.size > 0) Submit();
  if (need > chunk_.capacity) chunk_ = NewChunk(need);
}

void AsyncSstOut::Submit() {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return queue_.size() < kMaxQueued; });
  queue_.push_back(std::move(chunk_));
  if (free_.empty()) {
    chunk_ = NewChunk(kChunkBytes + kChunkBytes / 4);
  } else {
    chunk_ = std::move(free_.back());
    free_.pop_back();
  }
  lock.unlock();
  cv_.notify_all();
}

void AsyncSstOut::Work() {
  for (;;) {
    Chunk chunk;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return done_ || !queue_.empty(); });
      if (queue_.empty()) return;  // done and drained
      chunk = std::move(queue_.front());
      queue_.pop_front();
    }
    cv_.notify_all();
    if (!status_.ok()) continue;  // keep draining after an error
    const char* p = chunk.data.get();
    const char* end = p + chunk.size;
    while (p < end) {
      uint32_t klen, vlen;
      std::memcpy(&klen, p, 4);
      std::memcpy(&vlen, p + 4, 4);
      p += 8;
      Status st = sst_.Put(std::string_view(p, klen), std::string_view(p + klen, vlen));
      p += klen + vlen;
      if (!st.ok()) {
        status_ = st;
        break;
      }
    }
    chunk.size = 0;
    std::lock_guard<std::mutex> lock(mu_);
    free_.push_back(std::move(chunk));
  }
}

Result<bool> AsyncSstOut::Finish() {
  if (chunk_.size > 0) Submit();
  {
    std::lock_guard<std::mutex> lock(mu_);
    done_ = true;
  }
  cv_.notify_all();
  if (worker_.joinable()) worker_.join();
  LINER_RETURN_IF_ERROR(status_);
  return sst_.Finish();
}

}  // namespace liner::bulk
