// BulkLoader writes exactly the keys and values a Transaction writes (storage/FORMAT.md):
// the same graph loaded both ways gives byte-identical column families, also when the load
// goes into a database that already holds data. The fast encoders match codec and
// NormalizeName.
#include "storage/bulk_load.h"

#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "storage/bulk_encode.h"
#include "storage/bulk_memory.h"
#include "storage/codec.h"
#include "storage/database.h"
#include "tests/support/db_dump.h"
#include "tests/support/temp_dir.h"

using namespace liner;
using liner::testing::Dump;
using liner::testing::TempDir;

namespace {

// A graph description replayed through either writer.
struct Writer {
  virtual ~Writer() = default;
  virtual TokenId Token(TokenKind kind, const std::string& name) = 0;
  virtual NodeId Node(std::vector<TokenId> labels, PropertyMap props) = 0;
  virtual void Edge(NodeId a, NodeId b, TokenId type, PropertyMap props) = 0;
  virtual void Commit() = 0;
};

struct TxnWriter : Writer {
  std::unique_ptr<Transaction> txn;
  explicit TxnWriter(Database& db) {
    auto t = db.Begin();
    REQUIRE(t.ok());
    txn = std::move(t).value();
  }
  TokenId Token(TokenKind kind, const std::string& name) override {
    auto t = txn->GetOrCreateToken(kind, name);
    REQUIRE(t.ok());
    return *t;
  }
  NodeId Node(std::vector<TokenId> labels, PropertyMap props) override {
    std::sort(labels.begin(), labels.end());
    auto n = txn->CreateNode(labels, std::move(props));
    REQUIRE(n.ok());
    return *n;
  }
  void Edge(NodeId a, NodeId b, TokenId type, PropertyMap props) override {
    REQUIRE(txn->CreateEdge(a, b, type, std::move(props)).ok());
  }
  void Commit() override { REQUIRE(txn->Commit().ok()); }
};

struct BulkWriter : Writer {
  std::unique_ptr<BulkLoader> loader;
  // `reserve`: the Reserve(nodes, edges) hint given first (none when both are 0).
  explicit BulkWriter(Database& db, std::pair<uint64_t, uint64_t> reserve = {0, 0}) {
    auto l = BulkLoader::Start(db);
    REQUIRE(l.ok());
    loader = std::move(l).value();
    if (reserve.first != 0 || reserve.second != 0) {
      loader->Reserve(reserve.first, reserve.second);
    }
  }
  TokenId Token(TokenKind kind, const std::string& name) override {
    auto t = loader->Token(kind, name);
    REQUIRE(t.ok());
    return *t;
  }
  NodeId Node(std::vector<TokenId> labels, PropertyMap props) override {
    auto n = loader->AddNode(std::move(labels), std::move(props));
    REQUIRE(n.ok());
    return *n;
  }
  void Edge(NodeId a, NodeId b, TokenId type, PropertyMap props) override {
    REQUIRE(loader->AddEdge(a, b, type, std::move(props)).ok());
  }
  void Commit() override {
    Status st = loader->Commit();
    INFO(st.ToString());
    REQUIRE(st.ok());
  }
};

PropertyMap Props(std::vector<std::pair<TokenId, Value>> kv) {
  PropertyMap p;
  for (auto& [k, v] : kv) p.Set(k, std::move(v));
  return p;
}

// Nodes with every value type, names that normalise alike or differ only in case, accents
// and whitespace, aliases, several labels and none; edges of several types, parallel edges,
// self-loops and hubs. `round` varies names and ids so a second load adds new entries.
void Replay(Writer& w, int round, const std::vector<NodeId>& old_nodes) {
  const TokenId person = w.Token(TokenKind::kLabel, "Person");
  const TokenId song = w.Token(TokenKind::kLabel, "Song");
  const TokenId group = w.Token(TokenKind::kLabel, "Group");
  const TokenId name = w.Token(TokenKind::kPropertyKey, "name");
  const TokenId id = w.Token(TokenKind::kPropertyKey, "id");
  const TokenId title = w.Token(TokenKind::kPropertyKey, "title");
  const TokenId aliases = w.Token(TokenKind::kPropertyKey, "aliases");
  const TokenId year = w.Token(TokenKind::kPropertyKey, "year");
  const TokenId score = w.Token(TokenKind::kPropertyKey, "score");
  const TokenId mbid = w.Token(TokenKind::kPropertyKey, "mbid");
  const TokenId credited = w.Token(TokenKind::kRelType, "CREDITED");
  const TokenId samples = w.Token(TokenKind::kRelType, "SAMPLES");
  const TokenId role = w.Token(TokenKind::kPropertyKey, "role");
  const std::vector<std::string> names = {"Florence Welch",
                                          "florence  WELCH",
                                          "Beyoncé",
                                          "BEYONCE",
                                          "Straße",
                                          "Ab",
                                          "Abc",
                                          "ab\tc",
                                          "  padded  ",
                                          "a",
                                          "Zoë",
                                          "x\x01y",
                                          "Zz",
                                          "",
                                          "Ab",
                                          "Kendrick Lamar",
                                          "Sixteen bytes ab",
                                          "Sixteen bytes abc",
                                          "Sixteen bytes a",
                                          "sixteen BYTES AB"};
  std::vector<NodeId> nodes = old_nodes;
  for (int i = 0; i < 60; ++i) {
    std::string nm = names[i % names.size()] + (i >= 20 ? " " + std::to_string(i + round) : "");
    std::vector<TokenId> labels;
    if (i % 3 != 2) labels.push_back(i % 5 == 0 ? song : person);
    if (i % 7 == 0) labels.push_back(group);
    PropertyMap p;
    if (i % 4 == 0) {
      p.Set(title, Value(nm));
    } else {
      p.Set(name, Value(nm));
    }
    switch (i % 6) {
      case 0:
        p.Set(id, Value(int64_t{i * 37 % 11 - 5 + round * 100}));
        break;
      case 1:
        p.Set(id, Value("s" + std::to_string(i % 9 + round)));
        break;
      case 2:
        p.Set(id, Value(1.5 * i));
        break;
      case 3:
        p.Set(id, Value(2.0 * i + round));
        break;
      case 4:
        p.Set(id, Value(i % 2 == 0));
        break;
      default:
        break;
    }
    if (i % 5 == 1) p.Set(aliases, Value(ValueList{Value("Alias " + nm), Value(nm), Value(7)}));
    if (i % 3 == 0) p.Set(year, Value(int64_t{1960 + i}));
    if (i % 8 == 3) p.Set(score, Value(-0.25 * i));
    if (i % 10 == 9) p.Set(mbid, Value("mb-" + std::to_string(i + round * 1000)));
    nodes.push_back(w.Node(labels, std::move(p)));
  }
  for (size_t i = 0; i < nodes.size() * 3; ++i) {
    NodeId a = nodes[(i * 7) % nodes.size()];
    NodeId b = nodes[i % 5 == 0 ? 0 : (i * 13 + 1) % nodes.size()];  // a hub
    if (i % 11 == 0) b = a;                                          // self-loops
    PropertyMap p;
    if (i % 2 == 0) p.Set(role, Value(i % 4 == 0 ? "producer" : "writer"));
    w.Edge(a, b, i % 3 == 0 ? samples : credited, std::move(p));
    if (i % 17 == 0) w.Edge(a, b, credited, Props({}));  // a parallel edge
  }
  w.Commit();
}

std::vector<NodeId> AllNodes(Database& db) {
  std::vector<NodeId> out;
  auto txn = db.BeginRead();
  for (auto c = txn->ScanNodes(); c->Valid(); c->Next()) out.push_back(c->id());
  return out;
}

}  // namespace

TEST_CASE(
    "A bulk load writes the same bytes as a transaction, into an empty and a filled "
    "database",
    "[storage][bulk]") {
  TempDir dir;
  const std::string a = dir.Sub("txn"), b = dir.Sub("bulk");
  {
    auto txn_db = Database::Open(a);
    auto bulk_db = Database::Open(b);
    REQUIRE(txn_db.ok());
    REQUIRE(bulk_db.ok());
    {
      TxnWriter t(**txn_db);
      Replay(t, 0, {});
    }
    {
      BulkWriter w(**bulk_db);
      Replay(w, 0, {});
    }
    // A second load into the non-empty databases: new nodes, edges to old nodes.
    auto old_a = AllNodes(**txn_db), old_b = AllNodes(**bulk_db);
    REQUIRE(old_a == old_b);
    {
      TxnWriter t(**txn_db);
      Replay(t, 1, old_a);
    }
    {
      BulkWriter w(**bulk_db);
      Replay(w, 1, old_b);
    }
    CHECK((*txn_db)->Counts().edges == (*bulk_db)->Counts().edges);
  }
  auto da = Dump(a), db = Dump(b);
  CHECK(da.size() > 500);
  auto ia = da.begin(), ib = db.begin();
  for (; ia != da.end() && ib != db.end(); ++ia, ++ib) {
    INFO("key " << ia->first << " vs " << ib->first);
    REQUIRE(ia->first == ib->first);
    REQUIRE(ia->second == ib->second);
  }
  CHECK(da.size() == db.size());
}

TEST_CASE("The bulk record encoders give codec's bytes", "[storage][bulk]") {
  NodeRecord n;
  n.labels = {2, 5, 9};
  n.props.Set(3, Value("Florence Welch"));
  n.props.Set(4, Value(int64_t{-42}));
  n.props.Set(7, Value(ValueList{Value(1.25), Value(true), Value("x"), Value(ValueList{})}));
  std::string out;
  bulk::EncodeNode(n.labels, n.props, &out);
  CHECK(out == codec::EncodeNode(n));
  NodeRecord empty;
  bulk::EncodeNode(empty.labels, empty.props, &out);
  CHECK(out == codec::EncodeNode(empty));
  EdgeRecord e;
  e.src = 1ull << 40;
  e.dst = 3;
  e.type = 17;
  e.props.Set(8, Value("producer"));
  e.props.Set(9, Value(false));
  bulk::EncodeEdge(e.src, e.dst, e.type, e.props, &out);
  CHECK(out == codec::EncodeEdge(e));
}

TEST_CASE("ASCII name normalisation agrees with NormalizeName on every ASCII character",
          "[storage][bulk]") {
  std::string out;
  for (int c = 0; c < 128; ++c) {
    for (const std::string& s : {std::string(1, static_cast<char>(c)),
                                 "  A" + std::string(1, static_cast<char>(c)) + "b  Z ",
                                 std::string(1, static_cast<char>(c)) + "\t\x1f" + "Q"}) {
      INFO("character " << c);
      REQUIRE(bulk::NormalizeAscii(s, &out));
      CHECK(out == bulk::NormalizeNameIcu(s));
      CHECK(out == NormalizeName(s));
    }
  }
  CHECK_FALSE(bulk::NormalizeAscii("Beyoncé", &out));
  CHECK(NormalizeName("Beyoncé  KNOWLES") == "beyonce knowles");
}

TEST_CASE("Nodes added after edges still get their index entries", "[storage][bulk]") {
  // The loader starts writing the index at the first edge; a later node must restart it.
  TempDir dir;
  const std::string a = dir.Sub("txn"), b = dir.Sub("bulk");
  auto run = [](Writer& w) {
    TokenId person = w.Token(TokenKind::kLabel, "Person");
    TokenId name = w.Token(TokenKind::kPropertyKey, "name");
    TokenId id = w.Token(TokenKind::kPropertyKey, "id");
    TokenId knows = w.Token(TokenKind::kRelType, "KNOWS");
    std::vector<NodeId> nodes;
    for (int round = 0; round < 3; ++round) {
      for (int i = 0; i < 200; ++i) {
        int n = round * 200 + i;
        nodes.push_back(w.Node({person}, Props({{name, Value("Person " + std::to_string(n))},
                                                {id, Value(int64_t{n})}})));
      }
      for (size_t i = 0; i < nodes.size(); ++i) {
        w.Edge(nodes[i], nodes[(i * 31 + round) % nodes.size()], knows, Props({}));
      }
    }
    w.Commit();
  };
  {
    auto txn_db = Database::Open(a);
    auto bulk_db = Database::Open(b);
    REQUIRE(txn_db.ok());
    REQUIRE(bulk_db.ok());
    TxnWriter t(**txn_db);
    run(t);
    BulkWriter w(**bulk_db);
    run(w);
    auto txn = (*bulk_db)->BeginRead();
    CHECK(txn->FindByName(kNoToken, "person 599").size() == 1);
  }
  auto da = Dump(a), db = Dump(b);
  CHECK(da.size() > 3000);
  CHECK(da == db);
}

TEST_CASE("A loader's transaction updates old nodes at Commit and not without it",
          "[storage][bulk]") {
  TempDir dir;
  auto opened = Database::Open(dir.Sub("db"));
  REQUIRE(opened.ok());
  Database& db = **opened;
  TokenId person = 0, name = 0, group = 0;
  NodeId old = 0;
  {
    auto t = db.Begin();
    REQUIRE(t.ok());
    person = *(*t)->GetOrCreateToken(TokenKind::kLabel, "Person");
    group = *(*t)->GetOrCreateToken(TokenKind::kLabel, "Group");
    name = *(*t)->GetOrCreateToken(TokenKind::kPropertyKey, "name");
    old = *(*t)->CreateNode({person}, Props({{name, Value("Old Name")}}));
    REQUIRE((*t)->Commit().ok());
  }
  auto load = [&](bool commit) {
    auto started = BulkLoader::Start(db);
    REQUIRE(started.ok());
    BulkLoader& l = **started;
    const NodeId next = l.next_node_id();
    const EdgeId next_edge = l.next_edge_id();
    REQUIRE(l.txn().ReplaceNodeProperties(old, Props({{name, Value("New Name")}})).ok());
    REQUIRE(l.txn().RemoveLabel(old, person).ok());
    REQUIRE(l.txn().AddLabel(old, group).ok());
    auto fresh = l.AddNode({person}, Props({{name, Value("Fresh")}}));
    REQUIRE(fresh.ok());
    CHECK(*fresh == next);
    TokenId knows = *l.Token(TokenKind::kRelType, "KNOWS");
    auto e = l.AddEdge(*fresh, old, knows, Props({}));
    REQUIRE(e.ok());
    CHECK(*e == next_edge);
    if (commit) REQUIRE(l.Commit().ok());
  };
  load(/*commit=*/false);
  {
    auto t = db.BeginRead();
    CHECK(t->FindByName(person, "old name").size() == 1);
    CHECK(t->FindByName(kNoToken, "fresh").empty());
    CHECK(db.Counts().nodes == 1);
  }
  load(/*commit=*/true);
  auto t = db.BeginRead();
  CHECK(t->FindByName(person, "old name").empty());
  CHECK(t->FindByName(group, "new name") == std::vector<NodeId>{old});
  CHECK(t->FindByName(person, "fresh").size() == 1);
  CHECK(t->Degree(old, Direction::kIn) == 1);
  const GraphCounts c = db.Counts();
  CHECK(c.nodes == 2);
  CHECK(c.edges == 1);
  CHECK(c.by_label.at("Person") == 1);
  CHECK(c.by_label.at("Group") == 1);
}

namespace {

// Nodes whose ids and names arrive as `runs` ascending runs (one per label when runs <= 3,
// the way input files deliver them), then edges between them.
void ReplayRuns(Writer& w, int runs) {
  TokenId labels[] = {w.Token(TokenKind::kLabel, "Person"), w.Token(TokenKind::kLabel, "Song"),
                      w.Token(TokenKind::kLabel, "Sample")};
  TokenId id = w.Token(TokenKind::kPropertyKey, "id");
  TokenId name = w.Token(TokenKind::kPropertyKey, "name");
  TokenId type = w.Token(TokenKind::kRelType, "CREDITED");
  const int per_run = 300 / runs;
  std::vector<NodeId> nodes;
  for (int r = 0; r < runs; ++r) {
    for (int i = 0; i < per_run; ++i) {
      int64_t v = runs <= 3 ? i : (i * 7919 + r) % 1000;  // many runs: no order at all
      nodes.push_back(w.Node({labels[r % 3]},
                             Props({{id, Value(v)},
                                    {name, Value("Name " + std::to_string(v % 97) + " of " +
                                                 std::to_string(r))}})));
    }
  }
  for (size_t i = 0; i < nodes.size(); ++i) {
    w.Edge(nodes[i], nodes[(i * 31 + 7) % nodes.size()], type, PropertyMap());
  }
  w.Commit();
}

}  // namespace

TEST_CASE("Index values arriving in ascending runs or in no order load the same as a transaction",
          "[storage][bulk]") {
  int runs = GENERATE(1, 2, 3, 150);
  TempDir dir;
  const std::string a = dir.Sub("txn"), b = dir.Sub("bulk");
  {
    auto txn_db = Database::Open(a);
    auto bulk_db = Database::Open(b);
    REQUIRE(txn_db.ok());
    REQUIRE(bulk_db.ok());
    TxnWriter t(**txn_db);
    ReplayRuns(t, runs);
    BulkWriter w(**bulk_db);
    ReplayRuns(w, runs);
  }
  auto da = Dump(a), db = Dump(b);
  CHECK(da.size() > 1000);
  CHECK(da == db);
}

TEST_CASE("HugeArray grows, keeps its elements and zeroes what it grows into", "[storage][bulk]") {
  bulk::HugeArray<uint64_t> a;
  for (uint64_t i = 0; i < 3'000'000; ++i) a.push_back(i * 3);  // grows past 8 MiB
  REQUIRE(a.size() == 3'000'000);
  CHECK(a[0] == 0);
  CHECK(a[2'999'999] == 8'999'997);
  a.resize(10);
  a.resize(20);
  CHECK(a[9] == 27);
  CHECK(a[10] == 0);  // once written, zeroed again when grown back
  CHECK(a[19] == 0);
  bulk::HugeArray<uint64_t> b = std::move(a);
  CHECK(a.empty());
  CHECK(b.size() == 20);
  b.release();
  CHECK(b.empty());
  b.resize(5);
  CHECK(b[4] == 0);
}

TEST_CASE("A size hint that is too small, too large or exact loads the same bytes as none",
          "[storage][bulk]") {
  // The loader takes the edge list's memory ahead on a helper thread from the hint; the list
  // still grows past a hint that was too small (the helper is stopped first).
  const auto hint = GENERATE(std::pair<uint64_t, uint64_t>{1, 1},
                             std::pair<uint64_t, uint64_t>{60, 203},
                             std::pair<uint64_t, uint64_t>{100'000, 3'000'000});
  TempDir dir;
  const std::string a = dir.Sub("plain"), b = dir.Sub("hinted");
  {
    auto plain = Database::Open(a);
    auto hinted = Database::Open(b);
    REQUIRE(plain.ok());
    REQUIRE(hinted.ok());
    {
      BulkWriter w(**plain);
      Replay(w, 0, {});
    }
    {
      BulkWriter w(**hinted, hint);
      Replay(w, 0, {});
    }
  }
  auto da = Dump(a), db = Dump(b);
  CHECK(da.size() > 500);
  CHECK(da == db);
}

TEST_CASE("HugeArray::Populate keeps elements that another thread writes meanwhile",
          "[storage][bulk]") {
  bulk::HugeArray<uint64_t> a;
  a.reserve(4'000'000);  // 32 MiB: huge pages
  std::atomic<bool> stop{false};
  std::thread helper([&] { a.Populate(4'000'000, stop); });
  for (uint64_t i = 0; i < 4'000'000; ++i) a.push_back(i + 1);  // within the capacity
  helper.join();
  uint64_t bad = 0;
  for (uint64_t i = 0; i < a.size(); ++i) bad += a[i] != i + 1;
  CHECK(bad == 0);
  // Stopped before it starts: returns without touching anything.
  stop = true;
  bulk::HugeArray<uint64_t> b;
  b.reserve(1'000'000);
  b.Populate(1'000'000, stop);
  CHECK(b.capacity() >= 1'000'000);
}

TEST_CASE("StoreBe writes the low bytes of a value big-endian for every width",
          "[storage][bulk]") {
  for (uint64_t v : {uint64_t{0}, uint64_t{1}, uint64_t{0x0102030405060708}, ~uint64_t{0},
                     uint64_t{0xfedcba9876543210}, uint64_t{1} << 40}) {
    for (int bytes = 1; bytes <= 8; ++bytes) {
      char buf[10] = {};
      char* end = bulk::StoreBe(buf + 1, v, bytes);
      CHECK(end == buf + 1 + bytes);
      CHECK(buf[0] == 0);
      CHECK(buf[1 + bytes] == 0);
      for (int i = 0; i < bytes; ++i) {
        const auto expect = static_cast<char>(v >> (8 * (bytes - 1 - i)));
        CHECK(buf[1 + i] == expect);
      }
    }
  }
}
