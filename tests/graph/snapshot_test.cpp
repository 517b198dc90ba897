// Snapshot: dense indices, labels, CSR contents, storage round trip and the generation cache.
#include <catch2/catch.hpp>

#include "graph/algo_paths.h"
#include "graph/snapshot.h"
#include "graph/snapshot_cache.h"
#include "storage/database.h"
#include "tests/support/temp_dir.h"

namespace liner::graph {
namespace {

TEST_CASE("a snapshot indexes nodes densely in node id order", "[graph]") {
  SnapshotBuilder b;
  b.AddNode(30, {"Song"});
  b.AddNode(10, {"Person"});
  b.AddNode(20, {"Person", "Group"});
  b.AddEdge(1, 10, 30, "CREDITED", "producer");
  auto snap = b.Build();
  REQUIRE(snap.ok());
  const Snapshot& s = **snap;
  CHECK(s.num_nodes() == 3);
  CHECK(s.num_edges() == 1);
  CHECK(s.node_id(0) == 10);
  CHECK(s.node_id(2) == 30);
  CHECK(s.IndexOf(20) == 1u);
  CHECK_FALSE(s.IndexOf(25).has_value());
  CHECK(s.HasLabel(1, "Group"));
  CHECK_FALSE(s.HasLabel(0, "Group"));
  CHECK(s.RoleIndex("producer").has_value());
  CHECK(s.MemoryBytes() > 0);
}

TEST_CASE("edge ids survive the build whether or not they run in sequence", "[graph]") {
  // 5, 6 run in sequence; 9 breaks the run, 3 goes backwards: every id must come back.
  SnapshotBuilder b;
  for (NodeId i = 1; i <= 5; ++i) b.AddNode(i, {"Node"});
  b.AddEdge(5, 1, 2, "LINK");
  b.AddEdge(6, 2, 3, "LINK");
  b.AddEdge(9, 3, 4, "LINK", "producer");
  b.AddEdge(3, 4, 5, "NEXT");
  auto snap = b.Build();
  REQUIRE(snap.ok());
  auto path = ShortestPath(**snap, 1, 5, {});
  REQUIRE(path.ok());
  REQUIRE(path->has_value());
  CHECK((*path)->edges == std::vector<EdgeId>{5, 6, 9, 3});
  PathOptions links;
  links.projection.types = {"LINK"};
  auto cut = ShortestPath(**snap, 1, 5, links);
  REQUIRE(cut.ok());
  CHECK_FALSE(cut->has_value());
  PathOptions produced;
  produced.projection.roles = {"producer"};
  auto one = ShortestPath(**snap, 3, 4, produced);
  REQUIRE(one.ok());
  REQUIRE(one->has_value());
  CHECK((*one)->edges == std::vector<EdgeId>{9});
}

TEST_CASE("a snapshot edge naming a missing node is reported as corruption", "[graph]") {
  SnapshotBuilder b;
  b.AddNode(1, {"Person"});
  b.AddEdge(7, 1, 2, "CREDITED");
  auto snap = b.Build();
  REQUIRE_FALSE(snap.ok());
  CHECK(snap.status().code() == Status::Code::kCorruption);
  CHECK(snap.status().message().find("edge 7") != std::string::npos);
}

TEST_CASE("role categories are parsed and derived from role names", "[graph]") {
  CHECK(ParseCategory("Production") == RoleCategory::kProduction);
  CHECK_FALSE(ParseCategory("cooking").has_value());
  CHECK(CategoryOfRole("mastering engineer") == RoleCategory::kMastering);
  CHECK(CategoryOfRole("mixer") == RoleCategory::kMixing);
  CHECK(CategoryOfRole("engineer") == RoleCategory::kEngineering);
  CHECK(CategoryOfRole("producer") == RoleCategory::kProduction);
  CHECK(CategoryOfRole("writer") == RoleCategory::kWriting);
  CHECK(CategoryOfRole("featured") == RoleCategory::kPerformance);
  CHECK(CategoryOfRole("lead vocals") == RoleCategory::kPerformance);
  CHECK(CategoryOfRole("") == RoleCategory::kNone);
}

// Two people credited on one song, written through the storage API.
struct SmallDb {
  testing::TempDir dir;
  std::unique_ptr<Database> db;
  NodeId alice = 0, bob = 0, song = 0;
  TokenId credited = 0, role = 0;

  SmallDb() {
    auto opened = Database::Open(dir.Sub("db"));
    REQUIRE(opened.ok());
    db = std::move(*opened);
    auto txn = db->Begin().value();
    TokenId person = *txn->GetOrCreateToken(TokenKind::kLabel, "Person");
    TokenId song_label = *txn->GetOrCreateToken(TokenKind::kLabel, "Song");
    credited = *txn->GetOrCreateToken(TokenKind::kRelType, "CREDITED");
    role = *txn->GetOrCreateToken(TokenKind::kPropertyKey, "role");
    alice = *txn->CreateNode({person}, {});
    bob = *txn->CreateNode({person}, {});
    song = *txn->CreateNode({song_label}, {});
    PropertyMap producer;
    producer.Set(role, Value("producer"));
    PropertyMap mastering;
    mastering.Set(role, Value("mastering"));
    REQUIRE(txn->CreateEdge(alice, song, credited, producer).ok());
    REQUIRE(txn->CreateEdge(bob, song, credited, mastering).ok());
    REQUIRE(txn->Commit().ok());
  }
};

TEST_CASE("a snapshot built from storage has every node, label, edge and role", "[graph]") {
  SmallDb t;
  auto read = t.db->BeginRead();
  auto snap = BuildSnapshot(*read, t.db->generation());
  REQUIRE(snap.ok());
  const Snapshot& s = **snap;
  CHECK(s.num_nodes() == 3);
  CHECK(s.num_edges() == 2);
  CHECK(s.HasLabel(*s.IndexOf(t.alice), "Person"));
  CHECK(s.HasLabel(*s.IndexOf(t.song), "Song"));
  CHECK(s.RoleIndex("mastering").has_value());
  PathOptions opt;
  auto path = ShortestPath(s, t.alice, t.bob, opt);
  REQUIRE(path.ok());
  REQUIRE(path->has_value());
  CHECK((*path)->nodes == std::vector<NodeId>{t.alice, t.song, t.bob});
}

TEST_CASE("a snapshot with exact node counts reads ids from the label index, and scans nodes "
          "when some node has no label",
          "[graph]") {
  SmallDb t;
  auto build = [&](bool exact) {
    uint64_t generation = t.db->generation();
    GraphCounts counts = t.db->Counts();
    auto read = t.db->BeginRead();
    REQUIRE(read->generation() == generation);
    return BuildSnapshot(*read, generation, nullptr, {counts.nodes, counts.edges, exact});
  };
  auto check_same = [](const Snapshot& x, const Snapshot& y) {
    REQUIRE(x.num_nodes() == y.num_nodes());
    CHECK(x.num_edges() == y.num_edges());
    for (uint32_t i = 0; i < x.num_nodes(); ++i) {
      CHECK(x.node_id(i) == y.node_id(i));
      CHECK(x.labels(i) == y.labels(i));
    }
  };
  auto fast = build(true), scanned = build(false);
  REQUIRE(fast.ok());
  REQUIRE(scanned.ok());
  check_same(**fast, **scanned);
  CHECK((*fast)->num_nodes() == 3);
  CHECK((*fast)->HasLabel(*(*fast)->IndexOf(t.bob), "Person"));

  // A node with no label, and one with two: the label index no longer covers every node.
  auto txn = t.db->Begin().value();
  NodeId bare = *txn->CreateNode({}, {});
  TokenId group = *txn->GetOrCreateToken(TokenKind::kLabel, "Group");
  REQUIRE(txn->AddLabel(t.alice, group).ok());
  REQUIRE(txn->Commit().ok());
  fast = build(true);
  scanned = build(false);
  REQUIRE(fast.ok());
  REQUIRE(scanned.ok());
  check_same(**fast, **scanned);
  CHECK((*fast)->num_nodes() == 4);
  REQUIRE((*fast)->IndexOf(bare).has_value());
  CHECK((*fast)->labels(*(*fast)->IndexOf(bare)) == 0);
  CHECK((*fast)->HasLabel(*(*fast)->IndexOf(t.alice), "Group"));
  CHECK((*fast)->HasLabel(*(*fast)->IndexOf(t.alice), "Person"));
}

TEST_CASE("the snapshot cache is reused until a commit, then rebuilt with the write", "[graph]") {
  SmallDb t;
  auto first = GetSnapshot(*t.db);
  REQUIRE(first.ok());
  auto again = GetSnapshot(*t.db);
  REQUIRE(again.ok());
  CHECK(first->get() == again->get());

  auto txn = t.db->Begin().value();
  REQUIRE(txn->CreateEdge(t.alice, t.bob, t.credited, {}).ok());
  // A statement's own uncommitted write is visible to a snapshot of its transaction.
  auto own = GetSnapshot(*t.db, txn.get());
  REQUIRE(own.ok());
  CHECK((*own)->num_edges() == 3);
  REQUIRE(txn->Commit().ok());

  auto after = GetSnapshot(*t.db);
  REQUIRE(after.ok());
  CHECK(after->get() != first->get());
  CHECK((*after)->num_edges() == 3);
  ClearSnapshotCache();
}

TEST_CASE("a projection naming an unknown type, role, category or label is an error", "[graph]") {
  SnapshotBuilder b;
  b.AddNode(1, {"Person"});
  b.AddNode(2, {"Song"});
  b.AddEdge(1, 1, 2, "CREDITED", "producer");
  auto snap = *b.Build();
  PathOptions opt;
  opt.projection.types = {"CREDITTED"};
  auto r = ShortestPath(*snap, 1, 2, opt);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message().find("unknown relationship type 'CREDITTED'") != std::string::npos);
  opt.projection = {};
  opt.projection.roles = {"chef"};
  CHECK(ShortestPath(*snap, 1, 2, opt).status().message().find("'chef'") != std::string::npos);
  opt.projection = {};
  opt.projection.categories = {"cooking"};
  CHECK(ShortestPath(*snap, 1, 2, opt).status().message().find("'cooking'") !=
        std::string::npos);
  opt.projection = {};
  opt.projection.labels = {"Robot"};
  CHECK(ShortestPath(*snap, 1, 2, opt).status().message().find("'Robot'") != std::string::npos);
  opt.projection = {};
  CHECK(ShortestPath(*snap, 1, 99, opt).status().message().find("99") != std::string::npos);
}

}  // namespace
}  // namespace liner::graph
