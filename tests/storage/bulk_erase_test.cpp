// BulkErase (storage/bulk_erase.h) leaves a database byte for byte as it was before the erased
// nodes and edges were created, whether a transaction or a bulk loader created them, with
// edges to and between older nodes, several labels, names, aliases and unique keys.
#include "storage/bulk_erase.h"

#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

#include "storage/bulk_load.h"
#include "storage/database.h"
#include "tests/support/db_dump.h"
#include "tests/support/temp_dir.h"

using namespace liner;
using liner::testing::Dump;
using liner::testing::TempDir;

namespace {

// The dump without the id sequences (ids are never reused, so erasing does not rewind them).
std::map<std::string, std::string> DumpWithoutSequences(const std::string& path) {
  auto all = Dump(path);
  for (auto it = all.begin(); it != all.end();) {
    it = it->first.rfind("meta/S", 0) == 0 ? all.erase(it) : std::next(it);
  }
  return all;
}

PropertyMap Props(Transaction& t, std::vector<std::pair<std::string, Value>> kv) {
  PropertyMap p;
  for (auto& [k, v] : kv) p.Set(*t.GetOrCreateToken(TokenKind::kPropertyKey, k), std::move(v));
  return p;
}

}  // namespace

TEST_CASE("A bulk erase of an import's nodes and edges restores the database's bytes",
          "[storage][bulk]") {
  TempDir dir;
  const std::string path = dir.Sub("db");
  NodeId old_singer = 0, old_song = 0;
  {
    auto db = Database::Open(path);
    REQUIRE(db.ok());
    auto t = (*db)->Begin();
    REQUIRE(t.ok());
    Transaction& txn = **t;
    TokenId person = *txn.GetOrCreateToken(TokenKind::kLabel, "Person");
    TokenId group = *txn.GetOrCreateToken(TokenKind::kLabel, "Group");
    TokenId song = *txn.GetOrCreateToken(TokenKind::kLabel, "Song");
    TokenId credited = *txn.GetOrCreateToken(TokenKind::kRelType, "CREDITED");
    TokenId member = *txn.GetOrCreateToken(TokenKind::kRelType, "MEMBER_OF");
    old_singer = *txn.CreateNode({person}, Props(txn, {{"name", Value("Old Singer")},
                                                       {"mbid", Value("m-1")}}));
    old_song = *txn.CreateNode({song}, Props(txn, {{"title", Value("Old Song")}}));
    NodeId band = *txn.CreateNode({group}, Props(txn, {{"name", Value("Old Band")},
                                                       {"aliases", Value(ValueList{})},
                                                       {"discogs_id", Value(int64_t{1})}}));
    REQUIRE(txn.CreateEdge(old_singer, old_song, credited, Props(txn, {{"role", Value("writer")}})).ok());
    REQUIRE(txn.CreateEdge(old_singer, band, member, {}).ok());
    REQUIRE(txn.Commit().ok());
  }
  const auto before = DumpWithoutSequences(path);
  auto db = Database::Open(path);
  REQUIRE(db.ok());
  const NodeId first_node = (*db)->Counts().nodes + 1;
  std::vector<IdRange> nodes, edges;
  {
    auto t = (*db)->Begin();
    REQUIRE(t.ok());
    Transaction& txn = **t;
    TokenId person = txn.LookupToken(TokenKind::kLabel, "Person");
    TokenId group = txn.LookupToken(TokenKind::kLabel, "Group");
    TokenId credited = txn.LookupToken(TokenKind::kRelType, "CREDITED");
    TokenId member = txn.LookupToken(TokenKind::kRelType, "MEMBER_OF");
    NodeId a = *txn.CreateNode({person}, Props(txn, {{"name", Value("Beyoncé")},
                                                     {"aliases", Value(ValueList{Value("Queen B"), Value("BEYONCE")})},
                                                     {"discogs_id", Value(int64_t{7})}}));
    NodeId b = *txn.CreateNode({person, group}, Props(txn, {{"name", Value("New Band")}}));
    auto e1 = txn.CreateEdge(a, old_song, credited, Props(txn, {{"role", Value("vocals")}}));
    REQUIRE(e1.ok());
    REQUIRE(txn.CreateEdge(old_singer, b, member, {}).ok());
    auto e3 = txn.CreateEdge(a, b, member, {});
    REQUIRE(e3.ok());
    REQUIRE(txn.Commit().ok());
    CHECK(a == first_node);
    nodes.push_back({a, b + 1});
    edges.push_back({*e1, *e3 + 1});
  }
  {
    auto l = BulkLoader::Start(**db);
    REQUIRE(l.ok());
    BulkLoader& loader = **l;
    TokenId song = *loader.Token(TokenKind::kLabel, "Song");
    TokenId credited = *loader.Token(TokenKind::kRelType, "CREDITED");
    TokenId title = *loader.Token(TokenKind::kPropertyKey, "title");
    TokenId mbid = *loader.Token(TokenKind::kPropertyKey, "mbid");
    PropertyMap p;
    p.Set(title, Value("New Song"));
    p.Set(mbid, Value("m-3"));
    NodeId s = *loader.AddNode({song}, p);
    NodeId bare = *loader.AddNode({}, PropertyMap());
    auto f1 = loader.AddEdge(first_node, s, credited, PropertyMap());
    REQUIRE(f1.ok());
    REQUIRE(loader.AddEdge(old_singer, s, credited, PropertyMap()).ok());
    REQUIRE(loader.AddEdge(bare, bare, credited, PropertyMap()).ok());
    auto f4 = loader.AddEdge(old_singer, old_song, credited, PropertyMap());  // old to old
    REQUIRE(f4.ok());
    REQUIRE(loader.Commit().ok());
    // Overlapping, touching and out-of-range ranges.
    nodes.push_back({s, bare + 1});
    nodes.push_back({bare, bare + 10});
    edges.push_back({*f1, *f4});
    edges.push_back({*f4, *f4 + 1});
  }
  CHECK((*db)->Counts().nodes == 7);
  auto erased = BulkErase(**db, nodes, edges);
  INFO(erased.status().ToString());
  REQUIRE(erased.ok());
  CHECK(erased->nodes == 4);
  CHECK(erased->edges == 7);
  GraphCounts counts = (*db)->Counts();
  CHECK(counts.nodes == 3);
  CHECK(counts.edges == 2);
  {
    auto r = (*db)->BeginRead();
    CHECK(r->FindByName(kNoToken, "Beyoncé").empty());
    CHECK(r->FindByName(kNoToken, "Old Singer").size() == 1);
    CHECK(!r->GetNode(first_node)->has_value());
  }
  db->reset();
  const auto after = DumpWithoutSequences(path);
  auto ia = before.begin(), ib = after.begin();
  for (; ia != before.end() && ib != after.end(); ++ia, ++ib) {
    INFO("key " << ia->first << " vs " << ib->first);
    REQUIRE(ia->first == ib->first);
    REQUIRE(ia->second == ib->second);
  }
  CHECK(before.size() == after.size());
}
