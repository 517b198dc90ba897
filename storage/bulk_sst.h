#pragma once
// SST file writers of the bulk loader (private to storage/bulk_*.cpp).
//
// SstOut writes one column family's sorted entries into one SST file with that column
// family's table options (prefix extractor, bloom filters), but with LZ4 instead of the
// bottommost ZSTD: bulk files are written once at import speed and land in the bottom level;
// a later compaction recompresses them with the column family's own settings.
// Not thread-safe: one thread per SstOut at a time (different SstOuts may run in parallel).
//
// AsyncSstOut hands entries to a worker thread in chunks, so the caller's thread keeps
// parsing while the worker builds the file. Put() is called from one thread.

#include <rocksdb/sst_file_writer.h>

#include <condition_variable>
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
  Status Put(std::string_view key, std::string_view value);
  // Finishes the file; returns false when it holds no entries (nothing to ingest).
  Result<bool> Finish();
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
    AppendU32(key.size());
    AppendU32(value.size());
    chunk_.append(key);
    chunk_.append(value);
    if (chunk_.size() >= kChunkBytes) Submit();
  }
  // Writes what is queued, stops the worker and finishes the file (false: no entries).
  Result<bool> Finish();
  SstOut& sst() { return sst_; }

 private:
  // Chunks small enough to still be in the cache when the worker reads them.
  static constexpr size_t kChunkBytes = 256 << 10;
  static constexpr size_t kMaxQueued = 32;
  void AppendU32(size_t v) {
    auto u = static_cast<uint32_t>(v);
    chunk_.append(reinterpret_cast<const char*>(&u), sizeof u);
  }
  void Submit();
  void Work();

  SstOut sst_;
  PhaseLog* log_;
  std::string name_;
  std::string chunk_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::string> queue_;
  std::vector<std::string> free_;  // written chunks, reused (no fresh pages per chunk)
  bool done_ = false;
  Status status_;
  std::thread worker_;
};

}  // namespace liner::bulk
