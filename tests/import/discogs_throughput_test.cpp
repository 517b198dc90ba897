// Throughput of the Discogs reader and importer on the shared dump samples. Hidden ([.bench]):
//   build/tests/test_import "[.bench]" -s
#include <catch2/catch.hpp>

#include <chrono>
#include <ctime>

#include "cli/import/discogs_xml.h"
#include "cli/import/importer.h"
#include "tests/import/resolve_test_support.h"

using namespace liner;
using namespace liner::import;
using namespace liner::testing;

TEST_CASE("Discogs gz dumps: parse and import throughput in MB/s of uncompressed XML",
          "[import][.bench]") {
  std::string dir = SharedData("discogs");
  LINER_SKIP_WITHOUT(dir);
  std::vector<std::string> files = {dir + "/discogs_20200806_artists.xml.gz",
                                    dir + "/discogs_20200806_labels.xml.gz",
                                    dir + "/discogs_20200806_masters.xml.gz"};
  uint64_t bytes = 0, records = 0;
  DiscogsHandlers count;
  count.release = [&](const DiscogsRelease&, uint64_t) { ++records; return Status::OK(); };
  count.artist = [&](const DiscogsArtist&, uint64_t) { ++records; return Status::OK(); };
  count.label = [&](const DiscogsLabel&, uint64_t) { ++records; return Status::OK(); };
  count.master = [&](const DiscogsMaster&, uint64_t) { ++records; return Status::OK(); };
  // CPU seconds as well as wall seconds: on a shared machine the wall clock mostly measures
  // the neighbours.
  auto t0 = std::chrono::steady_clock::now();
  std::clock_t c0 = std::clock();
  const int kRounds = 5;
  for (int i = 0; i < kRounds; ++i) {
    for (const auto& f : files) REQUIRE(ReadDiscogsXml(f, &bytes, count).ok());
  }
  double parse_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  double parse_cpu = double(std::clock() - c0) / CLOCKS_PER_SEC;
  CHECK(records == 3000 * kRounds);
  RealDb r;
  t0 = std::chrono::steady_clock::now();
  c0 = std::clock();
  auto s = ImportDiscogs(*r.db, files, {});
  double import_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  double import_cpu = double(std::clock() - c0) / CLOCKS_PER_SEC;
  REQUIRE(s.ok());
  WARN("parse only: " << bytes / 1e6 / parse_s << " MB/s wall, " << bytes / 1e6 / parse_cpu
                      << " MB/s CPU; import (resolve + write + commit): "
                      << s->bytes_read / 1e6 / import_s << " MB/s wall, "
                      << s->bytes_read / 1e6 / import_cpu << " MB/s CPU (" << s->bytes_read
                      << " bytes)");
}
