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

TEST_CASE("truncated MusicBrainz JSON names file, line and column and keeps nothing",
          "[import]") {
  RealDb r;
  std::string file = r.Write("recording.json",
                             "{\n  \"id\": \"2f0c8d6f-0000-4000-8000-000000000001\",\n"
                             "  \"title\": \"Half\",\n  \"relations\": [\n");
  auto s = ImportMusicBrainz(*r.db, {file}, {});
  REQUIRE_FALSE(s.ok());
  CHECK_THAT(s.status().message(), Catch::StartsWith(file + ":5:1: malformed JSON: "));
  CHECK(NodeCount(*r.db) == 0);
}

TEST_CASE("a MusicBrainz dump line in the wrong encoding is a bad record", "[import]") {
  RealDb r;
  std::string good = R"({"id":"a0000000-0000-4000-8000-000000000001","name":"Good","sort-name":"Good","type":"Person"})";
  std::string latin1 = "{\"id\":\"a0000000-0000-4000-8000-000000000002\",\"name\":\"Bj\xF6rk\","
                       "\"sort-name\":\"Bj\xF6rk\",\"type\":\"Person\"}";
  std::string file = r.Write("artist.jsonl", good + "\n" + latin1 + "\n" + good + "\n");
  auto s = ImportMusicBrainz(*r.db, {file}, {});
  REQUIRE_FALSE(s.ok());
  CHECK_THAT(s.status().message(),
             Catch::StartsWith(file + ":2:56: malformed JSON: invalid UTF-8 (wrong encoding?)"));
  CHECK(NodeCount(*r.db) == 0);

  ImportOptions skip;
  skip.skip_bad = true;
  auto s2 = ImportMusicBrainz(*r.db, {file}, skip);
  REQUIRE(s2.ok());
  CHECK(s2->records_read == 3);
  CHECK(s2->records_skipped == 1);
  CHECK(s2->nodes_added.at("Person") == 1);  // the two good lines are one artist
}

TEST_CASE("a MusicBrainz entity without an id is rejected; nested names still resolve",
          "[import]") {
  RealDb r;
  std::string file = r.Write("recording.json", R"({"title": "No id", "length": 1000})");
  auto s = ImportMusicBrainz(*r.db, {file}, {});
  REQUIRE_FALSE(s.ok());
  CHECK(s.status().message() == file + ":1: recording has no id");
  std::string rel = r.Write("release.json", R"({"id": "r1", "title": "Missing relation id",
    "relations": [{"type": "producer", "target-type": "recording", "direction": "backward",
                   "recording": {"title": "x"}}]})");
  auto s2 = ImportMusicBrainz(*r.db, {rel}, {});
  REQUIRE_FALSE(s2.ok());
  CHECK(s2.status().message() ==
        rel + ":1: release r1, relation 1 (producer): recording has no id");
  CHECK(NodeCount(*r.db) == 0);
}

TEST_CASE("MusicBrainz relations become members, samples, studios and work credits",
          "[import]") {
  RealDb r;
  // One artist (a band member), one recording sampling another, recorded at a studio, and a
  // performance of a work whose composer is credited on the recording.
  std::string artist = r.Write("artist.json", R"({"id": "p1", "name": "Agnetha Fältskog",
    "sort-name": "Fältskog, Agnetha", "type": "Person", "relations": [
      {"type": "member of band", "target-type": "artist", "direction": "forward",
       "attributes": ["lead vocals"], "artist": {"id": "g1", "name": "ABBA"}}]})");
  std::string rec = r.Write("recording.json", R"({"id": "s1", "title": "Sampler", "relations": [
      {"type": "samples material", "target-type": "recording", "direction": "forward",
       "recording": {"id": "s2", "title": "Source"}},
      {"type": "recorded at", "target-type": "place", "direction": "forward",
       "place": {"id": "pl1", "name": "Polar Studios"}},
      {"type": "whistling", "target-type": "artist", "direction": "backward",
       "artist": {"id": "p2", "name": "Whistler"}},
      {"type": "performance", "target-type": "work", "direction": "forward",
       "work": {"id": "w1", "title": "The Work", "relations": [
         {"type": "composer", "target-type": "artist", "direction": "backward",
          "target-credit": "B. Andersson",
          "artist": {"id": "p3", "name": "Benny Andersson"}}]}}]})");
  auto s = ImportMusicBrainz(*r.db, {artist, rec}, {});
  INFO(s.status().ToString());
  REQUIRE(s.ok());
  CHECK(s->edges_added == std::map<std::string, uint64_t>{{"CREDITED", 2},
                                                          {"HAS_SAMPLE", 1},
                                                          {"MEMBER_OF", 1},
                                                          {"RECORDED_AT", 1},
                                                          {"SAMPLES", 1}});
  CHECK(s->unknown_kept.at("musicbrainz relationship 'whistling'") == 1);
  auto t = r.db->BeginRead();
  CHECK(ByName(*t, "Group", "ABBA").size() == 1);  // the band end of "member of band"
  CHECK(ByName(*t, "Studio", "Polar Studios").size() == 1);
  auto sampler = ById(*t, "Song", "mbid", Value("s1"));
  REQUIRE(sampler.size() == 1);
  CHECK(CreditsOf(*t, sampler[0]) ==
        std::multiset<Credit>{{"Benny Andersson", "composer", "writing"},
                              {"Whistler", "whistling", "other"}});
  CHECK(ByName(*t, "Sample", "Source").size() == 1);
}
