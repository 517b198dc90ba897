#include <catch2/catch.hpp>

#include "storage/database.h"
#include "tests/support/temp_dir.h"
#include "tests/tck/graph_state.h"

using namespace liner;

TEST_CASE("side effects count nodes, relationships, property triples and distinct labels",
          "[tck]") {
  testing::TempDir dir;
  auto db = Database::Open(dir.Sub("db"));
  REQUIRE(db.ok());
  auto before = tck::ReadGraphState(db->get());
  REQUIRE(before.ok());
  {
    auto tx = (*db)->Begin();
    REQUIRE(tx.ok());
    TokenId a = (*tx)->GetOrCreateToken(TokenKind::kLabel, "A").value();
    TokenId k = (*tx)->GetOrCreateToken(TokenKind::kPropertyKey, "k").value();
    TokenId t = (*tx)->GetOrCreateToken(TokenKind::kRelType, "T").value();
    PropertyMap props;
    props.Set(k, Value(int64_t{1}));
    NodeId n1 = (*tx)->CreateNode({a}, props).value();
    NodeId n2 = (*tx)->CreateNode({a}, {}).value();
    REQUIRE((*tx)->CreateEdge(n1, n2, t, props).ok());
    REQUIRE((*tx)->Commit().ok());
  }
  auto after = tck::ReadGraphState(db->get());
  REQUIRE(after.ok());
  auto fx = tck::SideEffects(*before, *after);
  CHECK(fx["+nodes"] == 2);
  CHECK(fx["+relationships"] == 1);
  CHECK(fx["+properties"] == 2);
  CHECK(fx["+labels"] == 1);
  CHECK(fx["-nodes"] == 0);
  // Changing a value is one removal and one addition of a triple.
  {
    auto tx = (*db)->Begin();
    REQUIRE(tx.ok());
    TokenId k = (*tx)->LookupToken(TokenKind::kPropertyKey, "k");
    NodeId first = *after->nodes.begin();
    REQUIRE((*tx)->SetNodeProperty(first, k, Value(int64_t{2})).ok());
    REQUIRE((*tx)->Commit().ok());
  }
  auto changed = tck::ReadGraphState(db->get());
  REQUIRE(changed.ok());
  auto fx2 = tck::SideEffects(*after, *changed);
  CHECK(fx2["+properties"] == 1);
  CHECK(fx2["-properties"] == 1);
  CHECK(fx2["+nodes"] == 0);
}
