#pragma once
// SST file writers of the bulk loader (private to storage/bulk_*.cpp).
//
// SstOut writes one column family's sorted entries into one SST file with that column
// family's table options (prefix extractor, bloom filters), but with LZ4 (no compression for
// the index) instead of the bottommost ZSTD: bulk files are written once at import speed and
// land in the bottom level; a later compaction recompresses them with the column family's own
// settings.
// Not thread-safe: one thread per SstOut at a time (different SstOuts may run in parallel).
//
// AsyncSstOut hands entries to a worker thread in chunks, so the caller's thread keeps
// parsing while the worker builds the file. Put() is called from one thread.

#include <rocksdb/sst_file_writer.h>

#include <condition_variable>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "storage/bulk_timing.h"
#include "storage/rocks_db.h"

namespace liner::bulk {

class SstOut {
 public:
  SstOut(RocksDatabase* db, Cf cf, std::string path);
  // Inline: called once per key (48M times at the benchmark's large scale).
  Status Put(std::string_view key, std::string_view value) {
    if (!open_) return OpenAndPut(key, value);
    ++entries_;
    rocksdb::Status s = writer_.Put(rocksdb::Slice(key.data(), key.size()),
                                    rocksdb::Slice(value.data(), value.size()));
    if (s.ok()) [[likely]] return Status::OK();
    return Error(s);
  }
  // Finishes the file; returns false when it holds no entries (nothing to ingest).
  Result<bool> Finish();
  Cf cf() const { return cf_; }
  const std::string& path() const { return path_; }

 private:
  Status OpenAndPut(std::string_view key, std::string_view value);
  Status Error(const rocksdb::Status& s) const;

  rocksdb::Options options_;
  rocksdb::SstFileWriter writer_;
  Cf cf_;
  std::string path_;
  bool open_ = false;
  uint64_t entries_ = 0;
};

class AsyncSstOut {
 public:
  // `log` (may be null) gets the worker's phase, named `name`, when it ends.
  AsyncSstOut(RocksDatabase* db, Cf cf, std::string path, PhaseLog* log = nullptr,
              std::string name = "");
  ~AsyncSstOut();
  AsyncSstOut(const AsyncSstOut&) = delete;
  AsyncSstOut& operator=(const AsyncSstOut&) = delete;

  // Queues an entry (keys must ascend). Errors surface at Finish().
  void Put(std::string_view key, std::string_view value) {
    const size_t need = 8 + key.size() + value.size();
    if (chunk_.size + need > chunk_.capacity) MakeRoom(need);
    char* p = chunk_.data.get() + chunk_.size;
    const auto k = static_cast<uint32_t>(key.size()), v = static_cast<uint32_t>(value.size());
    std::memcpy(p, &k, 4);
    std::memcpy(p + 4, &v, 4);
    std::memcpy(p + 8, key.data(), key.size());
    if (!value.empty()) std::memcpy(p + 8 + key.size(), value.data(), value.size());
    chunk_.size += need;
    if (chunk_.size >= kChunkBytes) Submit();
  }
  // Writes what is queued, stops the worker and finishes the file (false: no entries).
  Result<bool> Finish();
  SstOut& sst() { return sst_; }

 private:
  // Chunks small enough to still be in the cache when the worker reads them.
  static constexpr size_t kChunkBytes = 256 << 10;
  static constexpr size_t kMaxQueued = 32;
  // Entries as (u32 key size, u32 value size, key, value), written with plain copies.
  struct Chunk {
    std::unique_ptr<char[]> data;
    size_t size = 0, capacity = 0;
  };
  static Chunk NewChunk(size_t capacity) {
    return Chunk{std::unique_ptr<char[]>(new char[capacity]), 0, capacity};
  }
  // Queues the current chunk and, for an entry larger than a chunk's slack, takes one that
  // holds it.
  void MakeRoom(size_t need);
  void Submit();
  void Work();

  SstOut sst_;
  PhaseLog* log_;
  std::string name_;
  Chunk chunk_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Chunk> queue_;
  std::vector<Chunk> free_;  // written chunks, reused (no fresh pages per chunk)
  bool done_ = false;
  Status status_;
  std::thread worker_;
};

}  // namespace liner::bulk
