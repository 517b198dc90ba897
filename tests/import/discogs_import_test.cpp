// Discogs importer: the real dump samples and single records in ../shared/data, API JSON,
// role parsing, track ranges, malformed input and idempotent re-import.
#include <catch2/catch.hpp>

#include <zlib.h>

#include "cli/import/discogs_writer.h"
#include "cli/import/importer.h"
#include "cli/import/roles_taxonomy.h"
#include "tests/import/resolve_test_support.h"

using namespace liner;
using namespace liner::import;
using namespace liner::testing;

namespace {

NodeId OneSong(Transaction& t, const std::string& title) {
  auto songs = ByName(t, "Song", title);
  REQUIRE(songs.size() == 1);
  return songs[0];
}

const char* kTinyRelease = R"(<releases>
<release id="77"><title>Tiny</title>
 <artists><artist><id>5</id><name>Heiko Laux</name><anv/><join/><role/><tracks/></artist></artists>
 <extraartists>
  <artist><id>9</id><name>Ann Example (2)</name><anv>A.E.</anv><join/>
   <role>Producer [Co-producer], Mixed By, Washboard Whisperer</role><tracks>A1 to A2</tracks></artist>
 </extraartists>
 <tracklist>
  <track><position>A1</position><title>One</title><duration>3:10</duration></track>
  <track><position>A2</position><title>Two</title><duration>4:00</duration></track>
  <track><position>B1</position><title>Three</title><duration>1:00</duration></track>
 </tracklist>
</release>
</releases>
)";

}  // namespace

TEST_CASE("Discogs role strings split into roles, qualifiers and categories", "[import]") {
  auto roles = ParseDiscogsRoles("Producer [Co-producer], Mixed By, Guitar [Electric, Rhythm]");
  REQUIRE(roles.size() == 3);
  CHECK(roles[0].role == "Producer");
  CHECK(roles[0].qualifier == "Co-producer");
  CHECK(roles[0].category == RoleCategory::kProduction);
  CHECK(roles[1].role == "Mixed By");
  CHECK(roles[1].category == RoleCategory::kMixing);
  CHECK(roles[2].role == "Guitar");
  CHECK(roles[2].qualifier == "Electric, Rhythm");
  CHECK(roles[2].category == RoleCategory::kPerformance);
  CHECK(ParseDiscogsRoles("Engineer [Mastering]")[0].category == RoleCategory::kMastering);
  CHECK(ParseDiscogsRoles("Written-By")[0].category == RoleCategory::kWriting);
  CHECK(ParseDiscogsRoles("Photography By")[0].category == RoleCategory::kOther);
  CHECK_FALSE(ParseDiscogsRoles("Presenter")[0].known);
  CHECK(ParseDiscogsRoles("").empty());
}

TEST_CASE("Discogs track ranges select the credited tracks", "[import]") {
  std::vector<std::string> pos = {"A1", "A2", "A3", "B1", "B2"};
  CHECK(MatchTrackSpec("A1 to A3", pos) == std::vector<size_t>{0, 1, 2});
  CHECK(MatchTrackSpec("A2, B2", pos) == std::vector<size_t>{1, 4});
  CHECK(MatchTrackSpec("1 to 2", {"1", "2", "3"}) == std::vector<size_t>{0, 1});
  CHECK(MatchTrackSpec("C9", pos).empty());
  CHECK(DiscogsDisplayName("Care Company (2)") == "Care Company");
  CHECK(DiscogsDisplayName("Blink (182 Fans)") == "Blink (182 Fans)");
}

TEST_CASE("Discogs release 3 gets its exact roles", "[import]") {
  std::string file = SharedData("discogs/single-records/release.xml");
  LINER_SKIP_WITHOUT(file);
  RealDb r;
  auto s = ImportDiscogs(*r.db, {file}, {});
  INFO(s.status().ToString());
  REQUIRE(s.ok());
  auto t = r.db->BeginRead();
  auto album = ById(*t, "Album", "discogs_id", Value(int64_t{3}));
  REQUIRE(album.size() == 1);
  CHECK(Prop(*t, album[0], "title") == "Profound Sounds Vol. 1");
  CHECK(CreditsOf(*t, album[0]) ==
        std::multiset<Credit>{{"Josh Wink", "primary artist", "performance"},
                              {"Josh Wink", "DJ Mix", "mixing"}});
  CHECK(CreditsIn(*t, OneSong(*t, "Untitled 8"), "production") ==
        std::multiset<Credit>{{"Chris Lum", "Producer", "production"}});
  CHECK(CreditsOf(*t, OneSong(*t, "K-Mart Shopping (Hi-Fi Mix)")) ==
        std::multiset<Credit>{{"Nerio's Dubwork", "primary artist", "performance"},
                              {"Kathy Lee", "primary artist", "performance"},
                              {"Alex Hi-Fi", "Remix", "production"}});
  CHECK(CreditsIn(*t, OneSong(*t, "Sweat"), "other") ==
        std::multiset<Credit>{{"Stacey Pullen", "Presenter", "other"}});
  CHECK(s->unknown_kept.at("discogs role 'Presenter'") == 1);
  // Discogs' " (2)" disambiguation is not part of the name.
  CHECK(ByName(*t, "Person", "Care Company").size() == 1);
  CHECK(s->nodes_added.at("Song") == 14);
  CHECK(s->edges_added.at("APPEARS_ON") == 14);
  CHECK(ByName(*t, "Label", "Ruffhouse Records").size() == 1);
  CHECK(ByName(*t, "Label", "Columbia Records").size() == 1);
}

TEST_CASE("a Discogs credit limited to tracks lands on those songs, one edge per role",
          "[import]") {
  RealDb r;
  auto s = ImportDiscogs(*r.db, {r.Write("tiny.xml", kTinyRelease)}, {});
  REQUIRE(s.ok());
  auto t = r.db->BeginRead();
  std::multiset<Credit> expected{{"Heiko Laux", "primary artist", "performance"},
                                 {"Ann Example", "Producer", "production"},
                                 {"Ann Example", "Mixed By", "mixing"},
                                 {"Ann Example", "Washboard Whisperer", "other"}};
  CHECK(CreditsOf(*t, OneSong(*t, "One")) == expected);
  CHECK(CreditsOf(*t, OneSong(*t, "Two")) == expected);
  CHECK(CreditsOf(*t, OneSong(*t, "Three")) ==
        std::multiset<Credit>{{"Heiko Laux", "primary artist", "performance"}});
  CHECK(s->unknown_kept.at("discogs role 'Washboard Whisperer'") == 2);
  auto ann = ById(*t, "Person", "discogs_id", Value(int64_t{9}));
  REQUIRE(ann.size() == 1);
  CHECK(Prop(*t, ann[0], "discogs_name") == "Ann Example (2)");
}

TEST_CASE("every Discogs file in the shared data imports, twice without changes", "[import]") {
  std::string dir = SharedData("discogs");
  LINER_SKIP_WITHOUT(dir);
  std::vector<std::string> paths = {dir, dir + "/single-records", dir + "/api-json"};
  RealDb r;
  auto s = ImportDiscogs(*r.db, paths, {});
  INFO(s.status().ToString());
  REQUIRE(s.ok());
  CHECK(s->records_skipped == 0);
  CHECK(s->records_read == 3000 + 4 + 5);
  CHECK(s->nodes_added.at("Group") > 50);     // artists with members
  CHECK(s->edges_added.at("MEMBER_OF") > 100);
  auto counts = r.db->Counts();
  uint64_t generation = r.db->generation();
  auto again = ImportDiscogs(*r.db, paths, {});
  REQUIRE(again.ok());
  CHECK(again->nodes_added.empty());
  CHECK(again->edges_added.empty());
  CHECK(r.db->Counts().nodes == counts.nodes);
  CHECK(r.db->generation() == generation);
  // The API JSON of Rick Astley's single credits Stock, Aitken & Waterman as producers.
  auto t = r.db->BeginRead();
  auto saw = ById(*t, "Group", "discogs_id", Value(int64_t{20942}));
  auto saw_p = ById(*t, "Person", "discogs_id", Value(int64_t{20942}));
  CHECK(saw.size() + saw_p.size() == 1);
}

TEST_CASE("broken Discogs XML stops the import with file, line and reason, nothing kept",
          "[import]") {
  RealDb r;
  std::string bad = std::string(kTinyRelease).replace(std::string(kTinyRelease).find("</title>"),
                                                      8, "</titel>");
  auto s = ImportDiscogs(*r.db, {r.Write("broken.xml", bad)}, {});
  REQUIRE_FALSE(s.ok());
  CHECK(s.status().message() == r.dir.Sub("broken.xml") + ":2:31: XML error: mismatched tag");
  CHECK(NodeCount(*r.db) == 0);
}

TEST_CASE("Discogs XML in the wrong encoding is reported as an XML error", "[import]") {
  RealDb r;
  // Latin-1 "ä" (0xE4) in a document that is UTF-8 by default.
  std::string latin1 = "<artists><artist><id>1</id><name>Dahlb\xE4" "ck</name></artist></artists>";
  auto s = ImportDiscogs(*r.db, {r.Write("latin1.xml", latin1)}, {});
  REQUIRE_FALSE(s.ok());
  CHECK(s.status().message() ==
        r.dir.Sub("latin1.xml") + ":1:39: XML error: not well-formed (invalid token)");
  CHECK(NodeCount(*r.db) == 0);
}

TEST_CASE("a Discogs record without an id is an error, or skipped with skip_bad", "[import]") {
  RealDb r;
  std::string text = std::string("<releases>\n<release><title>No id</title></release>\n") +
                     std::string(kTinyRelease).substr(11);
  std::string file = r.Write("noid.xml.gz", "");
  {
    gzFile gz = gzopen(file.c_str(), "wb");
    gzwrite(gz, text.data(), static_cast<unsigned>(text.size()));
    gzclose(gz);
  }
  auto s = ImportDiscogs(*r.db, {file}, {});
  REQUIRE_FALSE(s.ok());
  CHECK(s.status().message() == file + ":2: release has no id");
  CHECK(NodeCount(*r.db) == 0);

  std::ostringstream warnings;
  ImportOptions skip;
  skip.skip_bad = true;
  skip.warnings = &warnings;
  auto s2 = ImportDiscogs(*r.db, {file}, skip);
  REQUIRE(s2.ok());
  CHECK(s2->records_skipped == 1);
  CHECK(warnings.str() == "skipped " + file + ":2: release has no id\n");
  CHECK(s2->nodes_added.at("Album") == 1);
}

TEST_CASE("Discogs track numbers too long for 64 bits are kept as text, not a crash",
          "[import]") {
  const std::string huge = "99999999999999999999999";
  CHECK(MatchTrackSpec("1 to " + huge, {"1", huge, "2"}) == std::vector<size_t>{0, 1});  // as written
  CHECK(MatchTrackSpec("1 to " + huge, {"1", "2"}).empty());
  CHECK(MatchTrackSpec(huge + " to 2", {"1", "2"}).empty());
  CHECK(MatchTrackSpec("1 to 2", {huge, "2"}) == std::vector<size_t>{1});
  RealDb r;
  std::string file = r.Write("huge.xml", "<releases><release id=\"5\"><title>T</title><tracklist>"
                                         "<track><position>" + huge + "</position><title>x</title>"
                                         "<duration>" + huge + ":00</duration></track>"
                                         "</tracklist></release></releases>\n");
  auto s = ImportDiscogs(*r.db, {file}, {});
  INFO(s.status().ToString());
  REQUIRE(s.ok());
  CHECK(s->edges_added.at("APPEARS_ON") == 1);
  auto t = r.db->BeginRead();
  const auto songs = ByName(*t, "Song", "x");
  REQUIRE(songs.size() == 1);
  CHECK(Prop(*t, songs[0], "duration") == huge + ":00");
}

TEST_CASE("a truncated Discogs API JSON file names the line and column", "[import]") {
  RealDb r;
  std::string file = r.Write("release_1.json", "{\n  \"id\": 1,\n  \"tracklist\": [\n");
  auto s = ImportDiscogs(*r.db, {file}, {});
  REQUIRE_FALSE(s.ok());
  CHECK_THAT(s.status().message(), Catch::StartsWith(file + ":4:1: malformed JSON: "));
}

TEST_CASE("A truncated Discogs .xml.gz dump is reported as damaged gzip data, nothing kept",
          "[import]") {
  std::string file = SharedData("discogs/discogs_20200806_labels.xml.gz");
  LINER_SKIP_WITHOUT(file);
  RealDb r;
  std::ifstream in(file, std::ios::binary);
  std::string gz((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string cut = r.Write("labels.xml.gz", gz.substr(0, gz.size() / 2));
  ImportOptions o;
  o.batch_writes = 50;  // batches were committed before the end is found missing
  auto s = ImportDiscogs(*r.db, {cut}, o);
  REQUIRE_FALSE(s.ok());
  CHECK(s.status().message() ==
        cut + ": damaged gzip data: unexpected end of file (is the file complete?)");
  CHECK(NodeCount(*r.db) == 0);
}
