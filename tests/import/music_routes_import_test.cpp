// music-routes-data importer: a tiny fixture in tests/import/music_routes_fixture, merging with
// people already in the database, bad links, and the real npm package when it was fetched.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "cli/import/importer.h"
#include "tests/import/resolve_test_support.h"

using namespace liner;
using namespace liner::import;
using namespace liner::testing;

namespace {

const std::string kFixture = std::string(LINER_SOURCE_DIR) + "/tests/import/music_routes_fixture";

// The folder datasets/music-routes/fetch.sh fills, or "" when it was never run.
std::string FetchedPackage() {
  const char* home = std::getenv("HOME");
  std::string base = std::getenv("LINER_CACHE_DIR") ? std::getenv("LINER_CACHE_DIR")
                     : home ? std::string(home) + "/.cache/liner" : "";
  std::string data = base + "/music-routes/5.1.3/node_modules/music-routes-data/data";
  return std::filesystem::exists(data + "/individuals.json") ? data : "";
}

}  // namespace

TEST_CASE("the music-routes fixture imports people, bands, songs, albums and credits",
          "[import]") {
  RealDb r;
  auto s = ImportMusicRoutes(*r.db, {kFixture}, {});
  INFO(s.status().ToString());
  REQUIRE(s.ok());
  CHECK(s->nodes_added == std::map<std::string, uint64_t>{
                              {"Album", 1}, {"Group", 1}, {"Person", 3}, {"Song", 2}});
  CHECK(s->edges_added == std::map<std::string, uint64_t>{{"APPEARS_ON", 1}, {"CREDITED", 6}});
  CHECK(s->unknown_kept.at("music-routes credit 'washboard whisper'") == 1);
  auto t = r.db->BeginRead();
  auto dog_days = ByName(*t, "Song", "Dog Days Are Over");
  REQUIRE(dog_days.size() == 1);
  CHECK(CreditsOf(*t, dog_days[0]) ==
        std::multiset<Credit>{{"Florence + the Machine", "primary artist", "performance"},
                              {"Florence Welch", "vocals", "performance"},
                              {"Isabella Summers", "keyboards", "performance"},
                              {"Isabella Summers", "washboard whisper", "other"}});
  // The artist "Elvis Presley" is the individual of that name: one node, both credits.
  auto elvis = ByName(*t, nullptr, "Elvis Presley");
  REQUIRE(elvis.size() == 1);
  auto hotel = ByName(*t, "Song", "Heartbreak Hotel");
  REQUIRE(hotel.size() == 1);
  CHECK(CreditsOf(*t, hotel[0]) ==
        std::multiset<Credit>{{"Elvis Presley", "primary artist", "performance"},
                              {"Elvis Presley", "performer", "performance"}});
}

TEST_CASE("music-routes people merge with people of the same name already in the database",
          "[import]") {
  RealDb r;
  {
    auto txn = std::move(r.db->Begin()).value();
    TokenId person = *txn->GetOrCreateToken(TokenKind::kLabel, "Person");
    TokenId group = *txn->GetOrCreateToken(TokenKind::kLabel, "Group");
    TokenId name = *txn->GetOrCreateToken(TokenKind::kPropertyKey, "name");
    TokenId id = *txn->GetOrCreateToken(TokenKind::kPropertyKey, "id");
    PropertyMap p, g;
    p.Set(name, Value("Florence Welch"));
    p.Set(id, Value("person:florence-welch"));
    g.Set(name, Value("Florence and the Machine"));
    g.Set(id, Value("group:florence-and-the-machine"));
    REQUIRE(txn->CreateNode({person}, p).ok());
    REQUIRE(txn->CreateNode({group}, g).ok());
    REQUIRE(txn->Commit().ok());
  }
  auto s = ImportMusicRoutes(*r.db, {kFixture}, {});
  REQUIRE(s.ok());
  CHECK(s->nodes_added.count("Group") == 0);  // "Florence + the Machine" is the same band
  CHECK(s->nodes_added.at("Person") == 2);
  auto t = r.db->BeginRead();
  auto florence = ByName(*t, "Person", "Florence Welch");
  REQUIRE(florence.size() == 1);
  CHECK(Prop(*t, florence[0], "id") == "person:florence-welch");
  CHECK(ByName(*t, "Group", "Florence and the Machine").size() == 1);

  // A second import finds everything again.
  auto nodes = NodeCount(*r.db);
  auto edges = EdgeCount(*r.db);
  auto again = ImportMusicRoutes(*r.db, {kFixture}, {});
  REQUIRE(again.ok());
  CHECK(again->nodes_added.empty());
  CHECK(again->edges_added.empty());
  CHECK(NodeCount(*r.db) == nodes);
  CHECK(EdgeCount(*r.db) == edges);
}

TEST_CASE("a music-routes link to an unknown track stops the import and keeps nothing",
          "[import]") {
  RealDb r;
  std::filesystem::create_directories(r.dir.Sub("mr"));
  for (const auto& e : std::filesystem::directory_iterator(kFixture + "/data")) {
    std::filesystem::copy(e.path(), r.dir.Sub("mr/" + e.path().filename().string()).c_str());
  }
  std::string file = r.Write("mr/individual_track.json",
                             R"([{"individual_id": "Florence Welch", "track_id": "99"}])");
  auto s = ImportMusicRoutes(*r.db, {r.dir.Sub("mr")}, {});
  REQUIRE_FALSE(s.ok());
  CHECK(s.status().message() == file + ": record 1: unknown track_id '99'");
  CHECK(NodeCount(*r.db) == 0);
}

TEST_CASE("the real music-routes-data package imports when fetch.sh has cached it",
          "[import][.slow]") {
  std::string data = FetchedPackage();
  if (data.empty()) {
    WARN("skipped: run datasets/music-routes/fetch.sh to test the real package");
    return;
  }
  RealDb r;
  auto s = ImportMusicRoutes(*r.db, {data}, {});
  INFO(s.status().ToString());
  REQUIRE(s.ok());
  CHECK(s->records_skipped == 0);
  CHECK(s->nodes_added.at("Song") == 13322);
  CHECK(s->nodes_added.at("Person") > 10000);
  CHECK(s->edges_added.at("CREDITED") >= 64080);
}
