#pragma once
// GenerateGraph: the deterministic synthetic music-credits graph of the peer benchmark
// (../shared/peers/gen/gen_graph.py), in C++: Person/Song/Sample nodes, CREDIT edges whose
// degrees come from a Simon / preferential-attachment process per role group, and
// HAS_SAMPLE/SAMPLES edges whose targets are drawn preferentially too.
//
// It draws the same random numbers as the Python script (CPython's Mersenne Twister, seeded the
// way random.Random(int) seeds it, and random() built from two 32-bit draws), so for the same
// persons, songs and seed it writes byte-identical persons.csv, songs.csv, samples.csv,
// credits.csv, has_sample.csv, samples_song.csv and params.json, and a stats.json that differs
// only in "gen_seconds".
//
// Pure functions over their arguments; thread-compatible.

#include <cstdint>
#include <string>

#include "storage/status.h"

namespace liner::cli {

// CPython's random.Random(seed) for integer seeds: MT19937 seeded with init_by_array over the
// 32-bit words of |seed|, and random() = (a >> 5, b >> 6) as a 53-bit fraction.
class PyRandom {
 public:
  explicit PyRandom(__int128 seed);
  double Random();
  uint32_t NextU32();

 private:
  static constexpr int kN = 624;
  uint32_t mt_[kN];
  int mti_ = kN + 1;
};

struct GenSpec {
  int64_t persons = 0;
  int64_t songs = 0;
  int64_t seed = 42;
  int nparams = 300;  // query parameters per list in params.json
};

struct GenStats {
  int64_t persons = 0, songs = 0, samples = 0, credits = 0;
  int64_t total_edges() const { return credits + 2 * samples; }
  double seconds = 0;
};

// The presets of the Python script: small, medium, large. InvalidArgument for other names.
Result<GenSpec> GenScale(const std::string& scale);

// Writes the six CSVs, params.json and stats.json into `outdir` (created when missing).
// InvalidArgument for fewer than 1 person or song; IOError when a file cannot be written.
Result<GenStats> GenerateGraph(const GenSpec& spec, const std::string& outdir);

}  // namespace liner::cli
