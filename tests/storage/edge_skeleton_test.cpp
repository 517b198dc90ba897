// The raw edge-record decoder behind Transaction::ForEachEdgeSkeleton agrees with the cereal
// decoder, and rejects truncated records.
#include <catch2/catch.hpp>

#include "storage/codec.h"
#include "storage/database.h"
#include "tests/support/temp_dir.h"

using namespace liner;

TEST_CASE("the edge skeleton decoder reads endpoints, type and chosen string properties", "[storage]") {
  EdgeRecord e;
  e.id = 9;
  e.src = 0x0102030405060708ULL;
  e.dst = 42;
  e.type = 7;
  e.props.Set(3, Value(ValueList{Value(int64_t{1}), Value("x"), Value(ValueList{Value(true)})}));
  e.props.Set(5, Value("producer"));
  e.props.Set(6, Value(2.5));
  e.props.Set(8, Value(int64_t{-3}));
  e.props.Set(11, Value("production"));
  e.props.Set(12, Value());
  std::string bytes = codec::EncodeEdge(e);

  EdgeSkeleton s;
  REQUIRE(codec::DecodeEdgeSkeleton(9, bytes, {5, 11}, &s).ok());
  CHECK(s.id == 9);
  CHECK(s.src == e.src);
  CHECK(s.dst == 42);
  CHECK(s.type == 7);
  CHECK(s.strings[0] == "producer");
  CHECK(s.strings[1] == "production");

  // A key that is not a string, and a key that is absent, give empty views.
  REQUIRE(codec::DecodeEdgeSkeleton(9, bytes, {6, 99}, &s).ok());
  CHECK(s.strings[0].empty());
  CHECK(s.strings[1].empty());

  for (size_t cut : {size_t{0}, size_t{5}, bytes.size() - 1}) {
    Status st = codec::DecodeEdgeSkeleton(9, bytes.substr(0, cut), {5, 11}, &s);
    CHECK(st.code() == Status::Code::kCorruption);
  }
}

TEST_CASE("ForEachEdgeSkeleton visits every edge in id order, with a transaction's own writes", "[storage]") {
  liner::testing::TempDir dir;
  auto db = Database::Open((dir.path() / "db").string(), {});
  REQUIRE(db.ok());
  auto txn = (*db)->Begin();
  REQUIRE(txn.ok());
  Transaction& t = **txn;
  TokenId knows = *t.GetOrCreateToken(TokenKind::kRelType, "KNOWS");
  TokenId role = *t.GetOrCreateToken(TokenKind::kPropertyKey, "role");
  NodeId a = *t.CreateNode({}, {}), b = *t.CreateNode({}, {});
  PropertyMap p;
  p.Set(role, Value("mixer"));
  EdgeId e1 = *t.CreateEdge(a, b, knows, p);
  EdgeId e2 = *t.CreateEdge(b, a, knows, {});
  std::vector<EdgeSkeleton> seen;
  std::vector<std::string> roles;
  auto collect = [&](const EdgeSkeleton& e) {
    seen.push_back(e);
    roles.emplace_back(e.strings[0]);
    return true;
  };
  REQUIRE(t.ForEachEdgeSkeleton({role, kNoToken}, collect).ok());
  REQUIRE(seen.size() == 2);
  CHECK(seen[0].id == e1);
  CHECK(seen[0].src == a);
  CHECK(seen[0].dst == b);
  CHECK(seen[0].type == knows);
  CHECK(roles == std::vector<std::string>{"mixer", ""});
  CHECK(seen[1].id == e2);
  REQUIRE(t.Commit().ok());

  auto read = (*db)->BeginRead();
  size_t n = 0;
  REQUIRE(read->ForEachEdgeSkeleton({role, kNoToken}, [&](const EdgeSkeleton&) {
    ++n;
    return false;  // stops after the first
  }).ok());
  CHECK(n == 1);
}
