// MusicBrainz importer: real web-service lookups and dump lines from ../shared/data, malformed
// input, idempotent re-import.
#include <catch2/catch.hpp>

#include "cli/import/importer.h"
#include "tests/import/resolve_test_support.h"

using namespace liner;
using namespace liner::import;
using namespace liner::testing;

TEST_CASE("ABBA's Knowing Me, Knowing You gets its exact producers, engineer and players",
          "[import]") {
  std::string file = SharedData("musicbrainz-ws-json/recording_credits.json");
  LINER_SKIP_WITHOUT(file);
  RealDb r;
  auto s = ImportMusicBrainz(*r.db, {file}, {});
  REQUIRE(s.ok());
  auto t = r.db->BeginRead();
  auto songs = ByName(*t, "Song", "Knowing Me, Knowing You");
  REQUIRE(songs.size() == 1);
  CHECK(CreditsIn(*t, songs[0], "production") ==
        std::multiset<Credit>{{"Benny Andersson", "producer", "production"},
                              {"Björn Ulvaeus", "producer", "production"}});
  CHECK(CreditsIn(*t, songs[0], "engineering") ==
        std::multiset<Credit>{{"Michael B. Tretow", "engineer", "engineering"}});
  auto performance = CreditsIn(*t, songs[0], "performance");
  CHECK(performance.count({"Lasse Wellander", "electric guitar", "performance"}) == 1);
  CHECK(performance.count({"ABBA", "primary artist", "performance"}) == 1);
  CHECK(CreditsIn(*t, songs[0], "writing").size() == 2);  // the two arrangers
  CHECK(ByName(*t, nullptr, "ABBA").size() == 1);
}

TEST_CASE("every MusicBrainz file in the shared data imports", "[import]") {
  std::string dir = SharedData("musicbrainz-ws-json");
  LINER_SKIP_WITHOUT(dir);
  RealDb r;
  auto s = ImportMusicBrainz(*r.db, {dir}, {});
  INFO(s.status().ToString());
  REQUIRE(s.ok());
  CHECK(s->records_read == 115);  // 40 lookups and 75 dump lines
  CHECK(s->records_skipped == 0);
  // Counts of this fixed data set (the *_null.json placeholders add nothing).
  CHECK(s->nodes_added == std::map<std::string, uint64_t>{
                              {"Album", 51}, {"Group", 3}, {"Label", 78}, {"Person", 55},
                              {"Song", 66}});
  CHECK(s->edges_added == std::map<std::string, uint64_t>{
                              {"APPEARS_ON", 17}, {"CREDITED", 76}, {"RELEASED_BY", 68}});
}

TEST_CASE("re-importing the same MusicBrainz files changes nothing", "[import]") {
  std::string dir = SharedData("musicbrainz-ws-json");
  LINER_SKIP_WITHOUT(dir);
  RealDb r;
  REQUIRE(ImportMusicBrainz(*r.db, {dir}, {}).ok());
  auto counts = r.db->Counts();
  uint64_t generation = r.db->generation();
  auto again = ImportMusicBrainz(*r.db, {dir}, {});
  REQUIRE(again.ok());
  CHECK(again->nodes_added.empty());
  CHECK(again->edges_added.empty());
  CHECK(r.db->Counts().nodes == counts.nodes);
  CHECK(r.db->Counts().edges == counts.edges);
  CHECK(r.db->generation() == generation);  // nothing written at all
}
