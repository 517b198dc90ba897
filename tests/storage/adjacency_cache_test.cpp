// The in-memory adjacency cache must answer exactly as the RocksDB prefix scans do: the same
// entries in the same order, for every node, direction and type, and never while a transaction
// has written or after a commit moved the generation.
#include <catch2/catch.hpp>

#include <limits>
#include <random>
#include <tuple>
#include <vector>

#include "storage/database.h"
#include "tests/support/open_db.h"
#include "tests/support/temp_dir.h"

using namespace liner;
using liner::testing::OpenDb;
using liner::testing::TempDir;

namespace {

using Entry = std::tuple<NodeId, NodeId, TokenId, EdgeId, bool>;

struct Answers {
  std::vector<std::vector<Entry>> neighbors;
  std::vector<uint64_t> degrees;
  std::vector<int> labels;
};

// Everything Neighbors, Degree and HasLabel say about nodes [1, limit) for `types`.
Answers Ask(Transaction& t, NodeId limit, const std::vector<TokenId>& types,
            const std::vector<TokenId>& labels) {
  Answers a;
  for (NodeId n = 1; n < limit; ++n) {
    for (Direction d : {Direction::kOut, Direction::kIn, Direction::kBoth}) {
      for (TokenId type : types) {
        std::vector<Entry> got;
        auto c = t.Neighbors(n, d, type);
        for (; c->Valid(); c->Next()) {
          const AdjEntry& e = c->entry();
          got.emplace_back(e.node, e.other, e.type, e.edge, e.outgoing);
        }
        REQUIRE(c->status().ok());
        a.neighbors.push_back(std::move(got));
        a.degrees.push_back(t.Degree(n, d, type));
      }
    }
    for (TokenId l : labels) {
      auto has = t.HasLabel(n, l);
      REQUIRE(has.ok());
      a.labels.push_back(*has ? 1 : 0);
    }
  }
  return a;
}

}  // namespace

TEST_CASE("the adjacency cache answers exactly as the RocksDB scans", "[storage]") {
  TempDir dir;
  std::string path = (dir.path() / "db").string();
  std::vector<TokenId> types, labels;
  NodeId limit = 0, nodes_last = 0;
  {
    auto db = OpenDb(path, false);
    auto t = std::move(db->Begin()).value();
    for (const char* name : {"A", "B", "C"}) {
      labels.push_back(*t->GetOrCreateToken(TokenKind::kLabel, name));
    }
    for (const char* name : {"T1", "T2", "T3"}) {
      types.push_back(*t->GetOrCreateToken(TokenKind::kRelType, name));
    }
    std::mt19937 rng(7);
    std::vector<NodeId> nodes;
    for (int i = 0; i < 60; ++i) {
      std::vector<TokenId> ls;
      for (TokenId l : labels)
        if (rng() % 3 == 0) ls.push_back(l);
      nodes.push_back(*t->CreateNode(ls, {}));
    }
    for (int i = 0; i < 400; ++i) {
      NodeId s = nodes[rng() % nodes.size()];
      NodeId d = i % 40 == 0 ? s : nodes[rng() % nodes.size()];  // some self-loops
      REQUIRE(t->CreateEdge(s, d, types[rng() % types.size()], {}).ok());
    }
    REQUIRE(t->Commit().ok());
    limit = nodes.back() + 3;  // and a few ids that do not exist
    nodes_last = nodes.back();
  }
  std::vector<TokenId> ask_types = types;
  ask_types.push_back(kNoToken);
  ask_types.push_back(types.back() + 100);  // a type nobody has
  std::vector<TokenId> ask_labels = labels;
  ask_labels.push_back(labels.back() + 100);

  Answers scans;
  {
    auto db = OpenDb(path, false);
    REQUIRE(db->WarmCaches().ok());
    CHECK_FALSE(db->cache_info().adjacency_ready);
    auto t = db->BeginRead();
    scans = Ask(*t, limit, ask_types, ask_labels);
  }
  auto db = OpenDb(path, true);
  REQUIRE(db->WarmCaches().ok());
  REQUIRE(db->cache_info().adjacency_ready);
  CHECK(db->cache_info().adjacency_bytes > 0);
  {
    auto t = db->BeginRead();
    Answers cached = Ask(*t, limit, ask_types, ask_labels);
    CHECK(cached.neighbors == scans.neighbors);
    CHECK(cached.degrees == scans.degrees);
    CHECK(cached.labels == scans.labels);
    // The raw arrays (AdjacencyView) give the same entries and labels for the covered nodes.
    const AdjacencyView* v = t->CachedAdjacency();
    REQUIRE(v != nullptr);
    CHECK(v->node_limit > nodes_last);
    for (NodeId n = 1; n < limit && n < v->node_limit; ++n) {
      for (Direction d : {Direction::kOut, Direction::kIn}) {
        const AdjacencyView::Side& side = d == Direction::kOut ? v->out : v->in;
        for (TokenId type : ask_types) {
          std::vector<std::tuple<NodeId, TokenId, EdgeId>> want, got;
          for (auto c = t->Neighbors(n, d, type); c->Valid(); c->Next())
            want.emplace_back(c->entry().other, c->entry().type, c->entry().edge);
          AdjacencyView::Range r = v->Of(side, n, type);
          for (uint32_t i = r.begin; i < r.end; ++i)
            got.emplace_back(side.other[i], side.type[i], side.edge[i]);
          CHECK(got == want);
        }
      }
      for (TokenId l : ask_labels) {
        uint64_t mask = 0;
        bool has = v->AddLabel(l, &mask) && v->HasLabels(n, mask);
        CHECK(has == *t->HasLabel(n, l));
      }
    }
  }

  SECTION("a transaction that wrote sees its own edges, not the cache") {
    auto t = std::move(db->Begin()).value();
    NodeId n = *t->CreateNode({labels[0]}, {});
    REQUIRE(t->CreateEdge(1, n, types[0], {}).ok());
    CHECK(t->CachedAdjacency() == nullptr);  // its arrays no longer show what it sees
    bool found = false;
    for (auto c = t->Neighbors(1, Direction::kOut, types[0]); c->Valid(); c->Next())
      found |= c->entry().other == n;
    CHECK(found);
    CHECK(*t->HasLabel(n, labels[0]));
    REQUIRE(t->Commit().ok());
    // The commit moved the generation: the old cache no longer answers.
    CHECK_FALSE(db->cache_info().adjacency_ready);
    auto r = db->BeginRead();
    found = false;
    for (auto c = r->Neighbors(n, Direction::kIn, kNoToken); c->Valid(); c->Next())
      found |= c->entry().other == 1;
    CHECK(found);
    REQUIRE(db->WarmCaches().ok());
    CHECK(db->cache_info().adjacency_ready);
    auto r2 = db->BeginRead();
    CHECK(r2->Degree(n, Direction::kIn, types[0]) == 1);
  }
}

TEST_CASE("a read transaction keeps its generation's view while a cache is rebuilt", "[storage]") {
  TempDir dir;
  auto db = OpenDb((dir.path() / "db").string(), true);
  TokenId type;
  NodeId a, b;
  {
    auto t = std::move(db->Begin()).value();
    type = *t->GetOrCreateToken(TokenKind::kRelType, "T");
    a = *t->CreateNode({}, {});
    b = *t->CreateNode({}, {});
    REQUIRE(t->CreateEdge(a, b, type, {}).ok());
    REQUIRE(t->Commit().ok());
  }
  auto old_reader = db->BeginRead();
  {
    auto t = std::move(db->Begin()).value();
    REQUIRE(t->CreateEdge(a, b, type, {}).ok());
    REQUIRE(t->Commit().ok());
  }
  REQUIRE(db->WarmCaches().ok());  // built for the new generation
  CHECK(old_reader->Degree(a, Direction::kOut, type) == 1);
  CHECK(db->BeginRead()->Degree(a, Direction::kOut, type) == 2);
}

namespace {

// What the records say of `key` on node `n`: 0 absent (or no node), 1 integer, 2 another type.
int RecordKind(Transaction& t, NodeId n, TokenId key, int64_t* value) {
  auto rec = t.GetNode(n);
  REQUIRE(rec.ok());
  if (!rec->has_value()) return 0;
  const Value* v = (*rec)->props.Get(key);
  if (!v) return 0;
  if (!v->is_int()) return 2;
  *value = v->as_int();
  return 1;
}

}  // namespace

TEST_CASE("integer columns answer property reads and equality seeks as records and index do",
          "[storage]") {
  TempDir dir;
  std::string path = (dir.path() / "db").string();
  auto db = OpenDb(path, false);
  std::vector<TokenId> labels;
  TokenId id_key, mbid_key, other_key;
  NodeId limit = 0;
  // `id`: integers, with floats (3.0 must be found by a seek for 3), strings and lists mixed
  // into one variant of the graph, spread far apart (binary search instead of the dense direct
  // table, and the extremes of int64, one of which is the columns' "no integer" mark) in
  // another; `discogs_id`: integers only, dense; `year`: not a cached key.
  const int variant = GENERATE(0, 1, 2);
  const bool mixed = variant == 1, sparse = variant == 2;
  const int64_t scale = sparse ? 1'000'003 : 1;
  std::vector<int64_t> seek_values;
  for (int64_t v = -6; v < 40; ++v) seek_values.push_back(v * scale);
  for (int64_t v : {std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::min() + 1,
                    std::numeric_limits<int64_t>::max()})
    seek_values.push_back(v);
  {
    auto t = std::move(db->Begin()).value();
    for (const char* name : {"A", "B"}) labels.push_back(*t->GetOrCreateToken(TokenKind::kLabel, name));
    id_key = *t->GetOrCreateToken(TokenKind::kPropertyKey, "id");
    mbid_key = *t->GetOrCreateToken(TokenKind::kPropertyKey, "discogs_id");
    other_key = *t->GetOrCreateToken(TokenKind::kPropertyKey, "year");
    std::mt19937 rng(mixed ? 11 : 5);
    for (int i = 0; i < 300; ++i) {
      std::vector<TokenId> ls;
      for (TokenId l : labels)
        if (rng() % 2 == 0) ls.push_back(l);
      PropertyMap props;
      int r = static_cast<int>(rng() % 10);
      int64_t v = (static_cast<int64_t>(rng() % 40) - 5) * scale;
      if (sparse && i % 50 == 7) v = std::numeric_limits<int64_t>::min();
      if (sparse && i % 50 == 8) v = std::numeric_limits<int64_t>::max();
      if (r < 7) props.Set(id_key, Value(v));
      else if (mixed && r == 7) props.Set(id_key, Value(static_cast<double>(v)));
      else if (mixed && r == 8) props.Set(id_key, Value(std::string("s") + std::to_string(v)));
      if (rng() % 3 != 0) props.Set(mbid_key, Value(static_cast<int64_t>(i)));
      props.Set(other_key, Value(static_cast<int64_t>(1990 + i % 7)));
      NodeId n = *t->CreateNode(ls, props);
      limit = n + 3;
    }
    REQUIRE(t->Commit().ok());
  }
  // Delete a few nodes so that the columns have holes.
  {
    auto t = std::move(db->Begin()).value();
    for (NodeId n = 5; n < 40; n += 9) REQUIRE(t->DeleteNode(n, true).ok());
    REQUIRE(t->Commit().ok());
  }
  auto uncached = db->BeginRead();  // without the cache: index seeks and records
  std::vector<std::vector<NodeId>> seeks_before;
  std::vector<TokenId> scopes = {kNoToken, labels[0], labels[1], labels[1] + 50};
  for (TokenId key : {id_key, mbid_key}) {
    for (TokenId l : scopes) {
      for (int64_t v : seek_values) {
        auto ids = uncached->FindByProperty(l, key, Value(v));
        REQUIRE(ids.has_value());
        seeks_before.push_back(*ids);
      }
    }
  }
  uncached.reset();
  db.reset();
  db = OpenDb(path, true);
  REQUIRE(db->WarmCaches().ok());
  REQUIRE(db->cache_info().adjacency_ready);
  // discogs_id always takes the direct table, id only while its values are dense integers.
  CHECK(db->cache_info().dense_seek_keys == (variant == 0 ? 2u : 1u));
  auto t = db->BeginRead();
  size_t i = 0;
  for (TokenId key : {id_key, mbid_key}) {
    for (TokenId l : scopes) {
      for (int64_t v : seek_values) {
        auto ids = t->FindByProperty(l, key, Value(v));
        REQUIRE(ids.has_value());
        CHECK(*ids == seeks_before[i++]);
      }
    }
  }
  int served = 0;
  for (NodeId n = 0; n < limit; ++n) {
    for (TokenId key : {id_key, mbid_key, other_key}) {
      int64_t want = 0, got = -1;
      int kind = RecordKind(*t, n, key, &want);
      auto cached = t->CachedIntProperty(n, key, &got);
      if (key == other_key) {
        CHECK_FALSE(cached.has_value());  // only the indexed keys have columns
        continue;
      }
      if (kind == 2 || (n + 3 >= limit && !cached)) {  // ids past the last node: not cached
        CHECK_FALSE(cached.has_value());
        continue;
      }
      REQUIRE(cached.has_value());
      ++served;
      CHECK(static_cast<int>(*cached) == kind);
      if (kind == 1) CHECK(got == want);
    }
  }
  CHECK(served > 400);
  // A transaction that wrote reads its own values, not the columns.
  auto w = std::move(db->Begin()).value();
  REQUIRE(w->SetNodeProperty(1, id_key, Value(int64_t{999})).ok());
  int64_t got = 0;
  CHECK_FALSE(w->CachedIntProperty(1, id_key, &got).has_value());
  auto ids = w->FindByProperty(kNoToken, id_key, Value(int64_t{999}));
  REQUIRE(ids.has_value());
  CHECK(*ids == std::vector<NodeId>{1});
}

TEST_CASE("the adjacency cache's sure labels are those every other end of a type carries",
          "[storage]") {
  TempDir dir;
  auto db = OpenDb((dir.path() / "db").string(), true);
  std::vector<TokenId> labels, types;
  {
    auto t = std::move(db->Begin()).value();
    for (const char* name : {"A", "B", "C"})
      labels.push_back(*t->GetOrCreateToken(TokenKind::kLabel, name));
    for (const char* name : {"FROM_A_TO_B", "ANY", "NONE"})
      types.push_back(*t->GetOrCreateToken(TokenKind::kRelType, name));
    std::mt19937 rng(11);
    std::vector<NodeId> a, b, all;
    for (int i = 0; i < 40; ++i) {
      std::vector<TokenId> ls = {labels[i % 2]};  // A or B, sometimes C too
      if (rng() % 3 == 0) ls.push_back(labels[2]);
      all.push_back(*t->CreateNode(ls, {}));
      (i % 2 ? b : a).push_back(all.back());
    }
    all.push_back(*t->CreateNode({}, {}));  // no label
    REQUIRE(t->CreateEdge(all[0], all.back(), types[1], {}).ok());
    for (int i = 0; i < 150; ++i) {
      REQUIRE(t->CreateEdge(a[rng() % a.size()], b[rng() % b.size()], types[0], {}).ok());
      REQUIRE(t->CreateEdge(all[rng() % all.size()], all[rng() % all.size()], types[1], {}).ok());
    }
    REQUIRE(t->Commit().ok());
  }
  REQUIRE(db->WarmCaches().ok());
  auto t = db->BeginRead();
  const AdjacencyView* v = t->CachedAdjacency();
  REQUIRE(v != nullptr);
  std::vector<TokenId> ask = types;
  ask.push_back(kNoToken);
  ask.push_back(types.back() + 100);  // a type nobody has
  for (Direction d : {Direction::kOut, Direction::kIn}) {
    const AdjacencyView::Side& side = d == Direction::kOut ? v->out : v->in;
    for (TokenId type : ask) {
      uint64_t want = ~uint64_t{0};  // the AND over every entry's other end
      for (NodeId n = 0; n < v->node_limit; ++n) {
        AdjacencyView::Range r = v->Of(side, n, type);
        for (uint32_t i = r.begin; i < r.end; ++i) want &= v->label_bits[side.other[i]];
      }
      INFO("type " << type << (d == Direction::kOut ? " out" : " in"));
      CHECK(v->SureLabels(side, type) == want);
    }
  }
  uint64_t a_bit = 0, b_bit = 0, c_bit = 0;
  REQUIRE(v->AddLabel(labels[0], &a_bit));
  REQUIRE(v->AddLabel(labels[1], &b_bit));
  REQUIRE(v->AddLabel(labels[2], &c_bit));
  CHECK(v->SureLabels(v->out, types[0]) & b_bit);  // every FROM_A_TO_B ends at a B
  CHECK(v->SureLabels(v->in, types[0]) & a_bit);   // ... and starts at an A
  CHECK_FALSE(v->SureLabels(v->out, types[0]) & c_bit);
  CHECK(v->SureLabels(v->out, types[1]) == 0);      // ANY reaches the unlabelled node
  CHECK(v->SureLabels(v->out, types[2]) == ~uint64_t{0});  // NONE has no entry
}
