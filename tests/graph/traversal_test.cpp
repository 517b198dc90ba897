#include <catch2/catch.hpp>

#include "graph/graph.h"
#include "graph/model.h"
#include "tests/support/temp_dir.h"

using namespace liner;
using liner::graph::EdgeFilter;
using liner::graph::Graph;
using liner::testing::TempDir;

namespace {

// A miniature of the seed: Kendrick and Florence linked through "We Cry Together" sampling
// "June", plus a second "Florence Welch" to exercise ambiguity.
struct MiniSeed {
  TempDir dir;
  std::unique_ptr<Database> db;
  NodeId kendrick, florence, machine, wct, june, sample, alchemist, peacock, valentine, sample2;

  MiniSeed() {
    db = std::move(Database::Open(dir.Sub("db"))).value();
    auto t = std::move(db->Begin()).value();
    auto tok = [&](TokenKind k, const char* n) { return *t->GetOrCreateToken(k, n); };
    auto node = [&](const char* label, const char* key, const char* value) {
      PropertyMap p;
      p.Set(tok(TokenKind::kPropertyKey, key), Value(value));
      return *t->CreateNode({tok(TokenKind::kLabel, label)}, std::move(p));
    };
    auto edge = [&](NodeId a, NodeId b, const char* type, const char* role = nullptr) {
      PropertyMap p;
      if (role) {
        p.Set(tok(TokenKind::kPropertyKey, "role"), Value(role));
        p.Set(tok(TokenKind::kPropertyKey, "category"), Value(model::CategoryForRole(role)));
      }
      p.Set(tok(TokenKind::kPropertyKey, "source"), Value("test"));
      REQUIRE(t->CreateEdge(a, b, tok(TokenKind::kRelType, type), std::move(p)).ok());
    };
    kendrick = node("Person", "name", "Kendrick Lamar");
    florence = node("Person", "name", "Florence Welch");
    machine = node("Group", "name", "Florence and the Machine");
    alchemist = node("Person", "name", "The Alchemist");
    peacock = node("Person", "name", "Gary Peacock");
    wct = node("Song", "title", "We Cry Together");
    june = node("Song", "title", "June");
    valentine = node("Song", "title", "Valentine");
    sample = node("Sample", "title", "June sample");
    sample2 = node("Sample", "title", "Valentine sample");
    edge(kendrick, wct, "CREDITED", "lead vocals");
    edge(alchemist, wct, "CREDITED", "production");
    edge(florence, wct, "CREDITED", "songwriting");
    edge(florence, june, "CREDITED", "songwriting");
    edge(florence, machine, "MEMBER_OF");
    edge(machine, june, "CREDITED", "performer");
    edge(peacock, valentine, "CREDITED", "performer");
    edge(wct, sample, "HAS_SAMPLE");
    edge(sample, june, "SAMPLES");
    edge(wct, sample2, "HAS_SAMPLE");
    edge(sample2, valentine, "SAMPLES");
    REQUIRE(t->Commit().ok());
  }
};

std::vector<std::string> Names(const std::vector<graph::LinkedRow>& rows) {
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.name);
  return out;
}

}  // namespace

TEST_CASE("linked through samples finds everyone on the sampling song", "[graph]") {
  MiniSeed s;
  auto txn = s.db->BeginRead();
  Graph g(txn.get());
  auto rows = g.Linked(s.florence, "samples");
  REQUIRE(rows.ok());
  // Florence is also credited on We Cry Together, so what it samples links her too.
  CHECK(Names(*rows) ==
        std::vector<std::string>{"Gary Peacock", "Kendrick Lamar", "The Alchemist"});
  REQUIRE(rows->size() == 3);
  CHECK((*rows)[1].roles == std::vector<std::string>{"lead vocals"});
  CHECK((*rows)[1].via == std::vector<std::string>{"We Cry Together samples June"});
  CHECK((*rows)[0].via == std::vector<std::string>{"We Cry Together samples Valentine"});
}

TEST_CASE("linked through samples works in the other direction too", "[graph]") {
  MiniSeed s;
  auto txn = s.db->BeginRead();
  Graph g(txn.get());
  auto rows = g.Linked(s.kendrick, "samples");
  REQUIRE(rows.ok());
  CHECK(Names(*rows) ==
        std::vector<std::string>{"Florence Welch", "Florence and the Machine", "Gary Peacock"});
}

TEST_CASE("linked via a role category and unknown via words", "[graph]") {
  MiniSeed s;
  auto txn = s.db->BeginRead();
  Graph g(txn.get());
  auto rows = g.Linked(s.kendrick, "production");
  REQUIRE(rows.ok());
  CHECK(Names(*rows) == std::vector<std::string>{"The Alchemist"});
  auto bad = g.Linked(s.kendrick, "vibes");
  CHECK(bad.status().code() == Status::Code::kInvalidArgument);
  CHECK(bad.status().message().find("vibes") != std::string::npos);
}

TEST_CASE("shortest path crosses the sample and reads as a sentence", "[graph]") {
  MiniSeed s;
  auto txn = s.db->BeginRead();
  Graph g(txn.get());
  auto via = EdgeFilter::FromVia("samples");
  REQUIRE(via.ok());
  auto p = g.ShortestPath(s.alchemist, s.peacock, *via);
  REQUIRE(p.ok());
  REQUIRE(p->has_value());
  CHECK((*p)->hops.size() == 4);
  CHECK(g.PathSentence(**p) ==
        "The Alchemist — production on → We Cry Together — samples → Valentine — performed by → "
        "Gary Peacock");
  // And backwards through the sample: "sampled by".
  auto back = g.ShortestPath(s.peacock, s.alchemist, *via);
  REQUIRE(back.ok());
  REQUIRE(back->has_value());
  CHECK(g.PathSentence(**back) ==
        "Gary Peacock — performer on → Valentine — sampled by → We Cry Together — produced by → "
        "The Alchemist");
  // Restricting to credits only, Kendrick reaches Florence through We Cry Together.
  auto credits = EdgeFilter::FromVia("CREDITED");
  auto q = g.ShortestPath(s.kendrick, s.florence, *credits);
  REQUIRE(q.ok());
  REQUIRE(q->has_value());
  CHECK(g.PathSentence(**q) == "Kendrick Lamar — lead vocals on → We Cry Together — written by → Florence Welch");
  // Outgoing only: no path from a song back to a person.
  EdgeFilter out;
  out.direction = Direction::kOut;
  auto none = g.ShortestPath(s.june, s.kendrick, out);
  REQUIRE(none.ok());
  CHECK_FALSE(none->has_value());
}

TEST_CASE("all shortest paths enumerates each equal-length route", "[graph]") {
  MiniSeed s;
  auto txn = s.db->BeginRead();
  Graph g(txn.get());
  // Florence reaches June directly (credit) — and The Alchemist reaches June in 3 hops along
  // two routes? Only one; Kendrick to June: via WCT->sample->June (3) or WCT<-Florence->June (3).
  auto paths = g.AllShortestPaths(s.kendrick, s.june, EdgeFilter{});
  REQUIRE(paths.ok());
  CHECK(paths->size() == 2);
  for (const auto& p : *paths) CHECK(p.hops.size() == 3);
}

TEST_CASE("name lookup is accent- and case-insensitive and reports ambiguity", "[graph]") {
  MiniSeed s;
  {
    auto t = std::move(s.db->Begin()).value();
    PropertyMap p;
    p.Set(*t->GetOrCreateToken(TokenKind::kPropertyKey, "name"), Value("Florence Wélch"));
    p.Set(*t->GetOrCreateToken(TokenKind::kPropertyKey, "mbid"), Value("other-florence"));
    REQUIRE(t->CreateNode({*t->GetOrCreateToken(TokenKind::kLabel, "Person")}, p).ok());
    REQUIRE(t->Commit().ok());
  }
  auto txn = s.db->BeginRead();
  Graph g(txn.get());
  auto one = g.ResolveOne("KENDRICK lamar");
  REQUIRE(one.ok());
  CHECK(*one == s.kendrick);
  auto amb = g.ResolveOne("florence welch");
  REQUIRE_FALSE(amb.ok());
  CHECK(amb.status().message().find("ambiguous") != std::string::npos);
  CHECK(amb.status().message().find("mbid other-florence") != std::string::npos);
  auto by_id = g.ResolveOne("#" + std::to_string(s.florence));
  REQUIRE(by_id.ok());
  CHECK(*by_id == s.florence);
  auto missing = g.ResolveOne("Kendrik");
  CHECK(missing.status().code() == Status::Code::kNotFound);
  CHECK(missing.status().message().find("Kendrick Lamar") != std::string::npos);
}

TEST_CASE("k-hop expansion honours depth and type filters", "[graph]") {
  MiniSeed s;
  auto txn = s.db->BeginRead();
  Graph g(txn.get());
  auto one = g.KHop(s.florence, 1, EdgeFilter{});
  REQUIRE(one.ok());
  CHECK(one->size() == 3);  // WCT, June, the Machine
  auto via = EdgeFilter::FromVia("MEMBER_OF");
  auto members = g.KHop(s.florence, 3, *via);
  REQUIRE(members.ok());
  CHECK(members->size() == 1);
}
