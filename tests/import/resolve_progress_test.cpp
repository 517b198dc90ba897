// The import progress bar and the end-of-import summary.
#include <catch2/catch.hpp>

#include <sstream>

#include "cli/import/importer.h"
#include "cli/import/importer_progress.h"
#include "tests/import/resolve_test_support.h"

using namespace liner;
using namespace liner::import;
using namespace liner::testing;

TEST_CASE("The progress bar shows percent of the input, records, MB, rate and ETA", "[import]") {
  // A quarter of the input in 10 s: 30 s to go.
  std::string bar = Progress::Render(12345, 50'000'000, 250, 1000, 10.0);
  CHECK(bar == "[#####...............]  25%  12,345 records  50.0 MB  5.0 MB/s  ETA 30s");
  CHECK_THAT(Progress::Render(7, 1'000'000, 10, 1000, 1.0), Catch::Contains("ETA 1m39s"));
  // Without a known total: no bar, no ETA.
  CHECK(Progress::Render(3, 2'500'000, 0, 0, 2.0) == "3 records  2.5 MB  1.2 MB/s");
  // The position never goes past 100%.
  CHECK_THAT(Progress::Render(9, 10, 2000, 1000, 1.0),
             Catch::StartsWith("[####################] 100%") && !Catch::Contains("ETA"));
}

TEST_CASE("A Discogs import of gzip dumps draws the bar from the compressed position at a terminal",
          "[import]") {
  std::string dir = SharedData("discogs");
  LINER_SKIP_WITHOUT(dir);
  RealDb r;
  std::ostringstream err;
  ImportOptions o;
  o.progress = &err;
  o.progress_is_terminal = true;
  auto s = ImportDiscogs(*r.db, {dir + "/discogs_20200806_labels.xml.gz"}, o);
  REQUIRE(s.ok());
  const std::string text = err.str();
  // Drawn at the first record (then at most four times a second) and cleared at the end.
  CHECK_THAT(text, Catch::StartsWith("\r[") && Catch::Contains("records") &&
                       Catch::Contains("%") && Catch::EndsWith("\r\033[K"));
  // Not at a terminal: nothing at all.
  RealDb quiet;
  std::ostringstream none;
  o.progress = &none;
  o.progress_is_terminal = false;
  REQUIRE(ImportDiscogs(*quiet.db, {dir + "/discogs_20200806_labels.xml.gz"}, o).ok());
  CHECK(none.str().empty());
}

TEST_CASE("The import summary lists nodes and edges per label and type, merges, unknown roles and skips",
          "[import]") {
  ImportSummary s;
  s.records_read = 10;
  s.nodes_added = {{"Person", 3}, {"Song", 2}};
  s.edges_added = {{"CREDITED", 4}};
  s.nodes_merged = 2;
  s.records_skipped = 1;
  s.batches = 3;
  for (int i = 0; i < 20; ++i) s.unknown_kept["role r" + std::to_string(i)] = 1;
  s.unknown_kept["discogs role 'Presenter'"] = 5;
  std::string text = s.ToString();
  CHECK_THAT(text, Catch::StartsWith("imported 10 records") &&
                       Catch::Contains("committed in 3 batches") &&
                       Catch::Contains("  nodes added: 5\n    Person: 3\n    Song: 2\n") &&
                       Catch::Contains("  edges added: 4\n    CREDITED: 4\n") &&
                       Catch::Contains("records merged into existing nodes: 2") &&
                       Catch::Contains("kept as category other: 25\n    discogs role 'Presenter': 5\n") &&
                       Catch::Contains("... and 6 more") &&
                       Catch::Contains("bad records skipped: 1"));
}
