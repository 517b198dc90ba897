// DetectFormat and entity-resolution name keys.
#include <catch2/catch.hpp>

#include "cli/import/importer.h"
#include "cli/import/resolve_names.h"
#include "tests/import/resolve_test_support.h"

using namespace liner;
using namespace liner::import;
using namespace liner::testing;

TEST_CASE("name keys ignore case, accents, punctuation, '&' and a leading The", "[import]") {
  CHECK(ResolveKey("The Beatles") == ResolveKey("beatles"));
  CHECK(ResolveKey("Björk") == ResolveKey("BJORK"));
  CHECK(ResolveKey("Florence + the Machine") == ResolveKey("Florence and the Machine"));
  CHECK(ResolveKey("Guns N' Roses") == ResolveKey("Guns N Roses"));
  CHECK(ResolveKey("AC/DC") == ResolveKey("ACDC"));
  CHECK(ResolveKey("The The") == "the");
  CHECK(ResolveKey("Benny Andersson") != ResolveKey("Björn Ulvaeus"));
}

TEST_CASE("DetectFormat tells the real-world formats apart by content", "[import]") {
  std::string shared = SharedData("");
  LINER_SKIP_WITHOUT(shared);
  CHECK(DetectFormat(shared + "musicbrainz-ws-json/recording_credits.json") ==
        Format::kMusicBrainz);
  CHECK(DetectFormat(shared + "musicbrainz-ws-json/dump-label.jsonl") == Format::kMusicBrainz);
  CHECK(DetectFormat(shared + "musicbrainz-ws-json") == Format::kMusicBrainz);
  CHECK(DetectFormat(shared + "discogs/discogs_20200806_artists.xml.gz") == Format::kDiscogs);
  CHECK(DetectFormat(shared + "discogs/single-records/release.xml") == Format::kDiscogs);
  CHECK(DetectFormat(shared + "discogs/api-json/release_1503102.json") == Format::kDiscogs);
  CHECK(DetectFormat(shared + "discogs") == Format::kDiscogs);
}

TEST_CASE("DetectFormat finds music-routes folders and native files", "[import]") {
  const std::string fixture = std::string(LINER_SOURCE_DIR) + "/tests/import/music_routes_fixture";
  CHECK(DetectFormat(fixture) == Format::kMusicRoutes);
  CHECK(DetectFormat(fixture + "/data") == Format::kMusicRoutes);
  RealDb r;
  CHECK(DetectFormat(r.Write("n.csv", "id:ID,:LABEL,name\np1,Person,A\n")) == Format::kCsv);
  CHECK(DetectFormat(r.Write("n.jsonl", R"({"type":"node","id":1,"labels":["Person"]})")) ==
        Format::kJsonl);
  CHECK(DetectFormat(r.Write("what.txt", "hello\n")) == Format::kAuto);
  CHECK(DetectFormat(r.dir.Sub("missing")) == Format::kAuto);
}
