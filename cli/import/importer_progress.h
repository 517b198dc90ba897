#pragma once
// Progress: the progress bar of an import on stderr at a terminal, and the import's timing.
//
//   [#########...........]  45%  12,345 records  180.3 MB  21.4 MB/s  ETA 1m23s
//
// The percentage and ETA come from the position in the input files (for compressed files and
// archives, the compressed bytes consumed, so they reach 100% with the last byte) against their
// total size on disk; the MB and MB/s count uncompressed input. Redrawn at most four times a
// second; cleared by Finish(). Not thread-safe.

#include <chrono>
#include <cstdint>
#include <string>

#include "cli/import/importer.h"

namespace liner::import {

class Progress {
 public:
  // `total_position` is the total size of the input on disk (0 when unknown: no bar, no ETA).
  explicit Progress(const ImportOptions& options, uint64_t total_position = 0);

  // Called per record: records read so far, uncompressed bytes parsed, position in the input.
  void Update(uint64_t records, uint64_t bytes, uint64_t position);
  // Clears the bar; returns seconds since construction.
  double Finish();

  // The text of the bar (without the leading carriage return): for tests and Update().
  static std::string Render(uint64_t records, uint64_t bytes, uint64_t position, uint64_t total,
                            double seconds);

 private:
  const ImportOptions& options_;
  uint64_t total_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
  bool drawn_ = false;
};

}  // namespace liner::import
