// The in-memory name index (NameCache) and the string columns of the name keys must answer
// exactly as the RocksDB name index and the records do: the same nodes in the same order for
// every name and label, the same string values, and never for a transaction that wrote.
#include <catch2/catch.hpp>

#include <optional>
#include <random>
#include <string>
#include <vector>

#include "storage/database.h"
#include "tests/support/open_db.h"
#include "tests/support/temp_dir.h"

using namespace liner;
using liner::testing::OpenDb;
using liner::testing::TempDir;

namespace {

// Names that collide once normalised (case, accents, whitespace), Unicode ones, prefixes of
// each other, and a few that no node carries.
const std::vector<std::string> kNames = {
    "Florence Welch", "florence welch", "FLORENCE  WELCH", " Florence Welch ", "Beyoncé",
    "Beyonce", "BEYONCE", "Straße", "STRASSE", "Sade", "Sade Adu", "Sa", "Björk", "bjork",
    "Ólafur Arnalds", "a", "A", "Zoë", "Nobody At All", "", "   "};

struct Graph {
  std::vector<TokenId> labels;
  TokenId name = kNoToken, title = kNoToken, aliases = kNoToken;
  NodeId limit = 0;
};

// Nodes with 0-2 labels, a name, a title, aliases or a non-string name, from `kNames`.
Graph Build(Database& db) {
  Graph g;
  auto t = std::move(db.Begin()).value();
  for (const char* l : {"Person", "Song", "Alias"})
    g.labels.push_back(*t->GetOrCreateToken(TokenKind::kLabel, l));
  g.name = *t->GetOrCreateToken(TokenKind::kPropertyKey, "name");
  g.title = *t->GetOrCreateToken(TokenKind::kPropertyKey, "title");
  g.aliases = *t->GetOrCreateToken(TokenKind::kPropertyKey, "aliases");
  std::mt19937 rng(7);
  for (int i = 0; i < 300; ++i) {
    std::vector<TokenId> labels;
    for (TokenId l : g.labels)
      if (rng() % 3 == 0) labels.push_back(l);
    PropertyMap props;
    const std::string& a = kNames[rng() % (kNames.size() - 3)];
    switch (rng() % 6) {
      case 0: props.Set(g.name, Value(a)); break;
      case 1: props.Set(g.title, Value(a)); break;
      case 2: props.Set(g.name, Value(int64_t{i})); break;  // not a string: no column value
      case 3: {
        ValueList list = {Value(a), Value(kNames[rng() % 8])};
        props.Set(g.aliases, Value(list));
        props.Set(g.name, Value(kNames[rng() % kNames.size()]));
        break;
      }
      case 4: break;  // no name at all
      default:
        props.Set(g.name, Value(a));
        props.Set(g.title, Value(kNames[rng() % kNames.size()]));
    }
    auto id = t->CreateNode(labels, std::move(props));
    REQUIRE(id.ok());
  }
  REQUIRE(t->Commit().ok());
  {
    // Deleted and renamed nodes must be gone from the cache too.
    auto w = std::move(db.Begin()).value();
    for (NodeId n = 3; n < 300; n += 17) REQUIRE(w->DeleteNode(n, true).ok());
    for (NodeId n = 5; n < 300; n += 23) {
      if (n % 17 != 3) REQUIRE(w->SetNodeProperty(n, g.name, Value("Sade")).ok());
    }
    REQUIRE(w->Commit().ok());
  }
  g.limit = 305;
  return g;
}

struct NameAnswers {
  std::vector<std::vector<NodeId>> found;
  std::vector<std::optional<std::string>> names;  // per node and key: the string, or none
};

NameAnswers Ask(Transaction& t, const Graph& g, bool cached) {
  NameAnswers a;
  std::vector<TokenId> scopes = g.labels;
  scopes.push_back(kNoToken);
  scopes.push_back(g.labels.back() + 40);  // a label no node has
  for (const std::string& n : kNames)
    for (TokenId l : scopes) a.found.push_back(t.FindByName(l, n));
  for (NodeId n = 0; n < g.limit; ++n) {
    for (TokenId key : {g.name, g.title}) {
      std::optional<std::string> want;
      if (cached) {
        std::string_view v;
        auto has = t.CachedStringProperty(n, key, &v);
        if (has) {
          if (*has) want = std::string(v);
          a.names.push_back(want);
          continue;
        }
      }
      auto rec = t.GetNode(n);
      REQUIRE(rec.ok());
      if (rec->has_value()) {
        const Value* v = (*rec)->props.Get(key);
        if (v && v->is_string()) want = v->as_string();
      }
      a.names.push_back(want);
    }
  }
  return a;
}

}  // namespace

TEST_CASE("The name cache finds the same nodes as the name index for every name and label",
          "[storage]") {
  TempDir dir;
  const std::string path = (dir.path() / "db").string();
  Graph g;
  NameAnswers want;
  {
    auto db = OpenDb(path, false);
    g = Build(*db);
    auto t = db->BeginRead();
    want = Ask(*t, g, false);
  }
  auto db = OpenDb(path, true);
  REQUIRE(db->WarmCaches().ok());
  REQUIRE(db->cache_info().adjacency_ready);
  auto t = db->BeginRead();
  NameAnswers got = Ask(*t, g, true);
  REQUIRE(got.found.size() == want.found.size());
  size_t hits = 0;
  for (size_t i = 0; i < want.found.size(); ++i) {
    CHECK(got.found[i] == want.found[i]);
    hits += !want.found[i].empty();
  }
  CHECK(hits > 40);
  CHECK(got.names == want.names);
  // The string columns answer (nothing read from records) for the string and absent values.
  std::string_view v;
  int served = 0;
  for (NodeId n = 1; n < 300; ++n) served += t->CachedStringProperty(n, g.name, &v).has_value();
  CHECK(served > 150);
  // A key that is not a name key has no column.
  auto other = db->BeginRead()->LookupToken(TokenKind::kLabel, "Person");
  CHECK_FALSE(t->CachedStringProperty(1, other, &v).has_value());
}

TEST_CASE("A transaction that wrote finds names by its own writes, not by the name cache",
          "[storage]") {
  TempDir dir;
  auto db = OpenDb((dir.path() / "db").string(), true);
  Graph g = Build(*db);
  REQUIRE(db->WarmCaches().ok());
  auto w = std::move(db->Begin()).value();
  auto before = w->FindByName(g.labels[0], "Only Written Here");
  CHECK(before.empty());
  PropertyMap props;
  props.Set(g.name, Value("Only written here"));
  auto created = w->CreateNode({g.labels[0]}, std::move(props));
  REQUIRE(created.ok());
  const std::vector<NodeId> just_it = {created.value()};
  const NodeId id = created.value();
  CHECK(w->FindByName(g.labels[0], "ONLY WRITTEN HERE") == just_it);
  std::string_view v;
  CHECK_FALSE(w->CachedStringProperty(id, g.name, &v).has_value());
  REQUIRE(w->Commit().ok());
  // After the commit the cache is stale: reads see the new node (from RocksDB or a rebuild).
  auto r = db->BeginRead();
  CHECK(r->FindByName(kNoToken, "only written here") == just_it);
  REQUIRE(db->WarmCaches().ok());
  auto r2 = db->BeginRead();
  CHECK(r2->FindByName(g.labels[0], "only  written here ") == just_it);
  REQUIRE(r2->CachedStringProperty(id, g.name, &v).value_or(false));
  CHECK(v == "Only written here");
}
