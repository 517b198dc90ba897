#include <catch2/catch.hpp>
#include <sys/wait.h>

#include <fstream>
#include <unistd.h>

#include "storage/codec.h"
#include "storage/database.h"
#include "storage/key_codec.h"
#include "tests/support/temp_dir.h"

using namespace liner;
using liner::testing::TempDir;

namespace {

std::unique_ptr<Database> OpenDb(const std::string& path, OpenOptions o = {}) {
  auto db = Database::Open(path, o);
  REQUIRE(db.ok());
  return std::move(db).value();
}

TokenId Tok(Transaction& t, TokenKind k, const char* name) {
  auto r = t.GetOrCreateToken(k, name);
  REQUIRE(r.ok());
  return *r;
}

PropertyMap Props(Transaction& t, std::initializer_list<std::pair<const char*, Value>> kv) {
  PropertyMap m;
  for (const auto& [k, v] : kv) m.Set(Tok(t, TokenKind::kPropertyKey, k), v);
  return m;
}

}  // namespace

TEST_CASE("node and adjacency keys sort numerically by id", "[storage]") {
  auto [lo, hi] = GENERATE(table<uint64_t, uint64_t>({{1, 2}, {255, 256}, {0xffff, 0x10000},
                                                      {0xffffffffULL, 0x100000000ULL}}));
  CHECK(keys::NodeKey(lo) < keys::NodeKey(hi));
  CHECK(keys::AdjKey(true, lo, 3, 0, 0) < keys::AdjKey(true, hi, 1, 0, 0));
  CHECK(keys::AdjKey(true, 7, 1, lo, 9) < keys::AdjKey(true, 7, 1, hi, 0));
  CHECK(keys::AdjKey(true, 7, 1, 5, 5).size() == keys::kAdjKeySize);
}

TEST_CASE("index value encoding treats integral floats as integers", "[storage]") {
  std::string a, b, c;
  REQUIRE(keys::EncodeIndexValue(Value(int64_t{42}), &a));
  REQUIRE(keys::EncodeIndexValue(Value(42.0), &b));
  REQUIRE(keys::EncodeIndexValue(Value("42"), &c));
  CHECK(a == b);
  CHECK(a != c);
  std::string l;
  CHECK_FALSE(keys::EncodeIndexValue(Value(ValueList{1, 2}), &l));
}

TEST_CASE("node and edge records round-trip through the codec", "[storage]") {
  NodeRecord n;
  n.id = 77;
  n.labels = {1, 4};
  n.props.Set(2, Value("Florence Welch"));
  n.props.Set(3, Value(ValueList{Value(int64_t{1}), Value(2.5), Value(true), Value("x")}));
  n.props.Set(9, Value(-5));
  auto back = codec::DecodeNode(77, codec::EncodeNode(n));
  REQUIRE(back.ok());
  CHECK(back->labels == n.labels);
  CHECK(back->props == n.props);

  EdgeRecord e;
  e.src = 1;
  e.dst = 2;
  e.type = 5;
  e.props.Set(1, Value("producer"));
  auto eb = codec::DecodeEdge(3, codec::EncodeEdge(e));
  REQUIRE(eb.ok());
  CHECK(eb->src == 1);
  CHECK(eb->dst == 2);
  CHECK(eb->props == e.props);

  CHECK_FALSE(codec::DecodeNode(1, "\x05garbage").ok());
}

TEST_CASE("name normalisation ignores case, accents and extra spaces", "[storage]") {
  CHECK(NormalizeName("Beyoncé") == NormalizeName("BEYONCE"));
  CHECK(NormalizeName("  Florence   Welch ") == NormalizeName("florence welch"));
  CHECK(NormalizeName("Straße") == NormalizeName("STRASSE"));
  CHECK(NormalizeName("Björk") == "bjork");
  CHECK(NormalizeName("Sigur Rós") != NormalizeName("Sigur Ros!"));
}

TEST_CASE("a transaction sees its own writes and commit makes them durable", "[storage]") {
  TempDir dir;
  NodeId a, b;
  EdgeId e;
  {
    auto db = OpenDb(dir.Sub("db"));
    auto txn = std::move(db->Begin()).value();
    TokenId person = Tok(*txn, TokenKind::kLabel, "Person");
    TokenId song = Tok(*txn, TokenKind::kLabel, "Song");
    TokenId credited = Tok(*txn, TokenKind::kRelType, "CREDITED");
    a = *txn->CreateNode({person}, Props(*txn, {{"name", "Florence Welch"}}));
    b = *txn->CreateNode({song}, Props(*txn, {{"title", "June"}}));
    e = *txn->CreateEdge(a, b, credited, Props(*txn, {{"role", "songwriting"}}));
    // Visible inside the transaction before commit.
    CHECK(txn->FindByName(person, "florence welch") == std::vector<NodeId>{a});
    auto c = txn->Neighbors(a, Direction::kOut);
    REQUIRE(c->Valid());
    CHECK(c->entry().other == b);
    CHECK(c->entry().edge == e);
    // Not visible to a concurrent reader before commit.
    CHECK(db->BeginRead()->FindByName(kNoToken, "Florence Welch").empty());
    REQUIRE(txn->Commit().ok());
    CHECK(db->Counts().nodes == 2);
  }
  auto db = OpenDb(dir.Sub("db"));
  auto t = db->BeginRead();
  TokenId person = t->LookupToken(TokenKind::kLabel, "Person");
  REQUIRE(person != kNoToken);
  CHECK(t->FindByName(person, "FLORENCE WELCH") == std::vector<NodeId>{a});
  CHECK(t->FindByName(kNoToken, "June") == std::vector<NodeId>{b});
  CHECK(t->FindByNamePrefix(kNoToken, "flo", 10) == std::vector<NodeId>{a});
  auto in = t->Neighbors(b, Direction::kIn);
  REQUIRE(in->Valid());
  CHECK(in->entry().other == a);
  CHECK_FALSE(in->entry().outgoing);
  auto edge = t->GetEdge(e);
  REQUIRE(edge.ok());
  REQUIRE(edge->has_value());
  TokenId role = t->LookupToken(TokenKind::kPropertyKey, "role");
  CHECK((*edge)->props.Get(role)->as_string() == "songwriting");
  GraphCounts counts = db->Counts();
  CHECK(counts.nodes == 2);
  CHECK(counts.edges == 1);
  CHECK(counts.by_label["Person"] == 1);
  CHECK(counts.by_type["CREDITED"] == 1);
}

TEST_CASE("a rolled-back transaction leaves nothing behind", "[storage]") {
  TempDir dir;
  auto db = OpenDb(dir.Sub("db"));
  {
    auto txn = std::move(db->Begin()).value();
    TokenId person = Tok(*txn, TokenKind::kLabel, "Person");
    REQUIRE(txn->CreateNode({person}, Props(*txn, {{"name", "Ghost"}})).ok());
    // destroyed without commit
  }
  auto t = db->BeginRead();
  CHECK(t->LookupToken(TokenKind::kLabel, "Person") == kNoToken);
  CHECK(t->FindByName(kNoToken, "Ghost").empty());
  CHECK(db->Counts().nodes == 0);
  auto scan = t->ScanNodes();
  CHECK_FALSE(scan->Valid());
}

TEST_CASE("a failing write inside a batch leaves the batch uncommitted", "[storage]") {
  TempDir dir;
  auto db = OpenDb(dir.Sub("db"));
  auto txn = std::move(db->Begin()).value();
  TokenId artist = Tok(*txn, TokenKind::kLabel, "Person");
  REQUIRE(txn->CreateNode({artist}, Props(*txn, {{"mbid", "abc"}})).ok());
  auto dup = txn->CreateNode({artist}, Props(*txn, {{"mbid", "abc"}}));
  REQUIRE_FALSE(dup.ok());
  CHECK(dup.status().code() == Status::Code::kConstraint);
  txn->Rollback();
  CHECK(db->Counts().nodes == 0);
}

TEST_CASE("property equality index finds nodes by id, mbid and discogs_id", "[storage]") {
  TempDir dir;
  auto db = OpenDb(dir.Sub("db"));
  auto txn = std::move(db->Begin()).value();
  TokenId person = Tok(*txn, TokenKind::kLabel, "Person");
  TokenId id_key = Tok(*txn, TokenKind::kPropertyKey, "id");
  NodeId n = *txn->CreateNode({person}, Props(*txn, {{"id", int64_t{7}}, {"name", "X"}}));
  REQUIRE(txn->Commit().ok());
  auto t = db->BeginRead();
  auto hits = t->FindByProperty(person, id_key, Value(int64_t{7}));
  REQUIRE(hits.has_value());
  CHECK(*hits == std::vector<NodeId>{n});
  CHECK(t->FindByProperty(person, id_key, Value(7.0))->size() == 1);
  CHECK(t->FindByProperty(person, id_key, Value(int64_t{8}))->empty());
  TokenId name_key = t->LookupToken(TokenKind::kPropertyKey, "name");
  CHECK_FALSE(t->FindByProperty(person, name_key, Value("X")).has_value());
}

TEST_CASE("updates keep the name index and label index in step", "[storage]") {
  TempDir dir;
  auto db = OpenDb(dir.Sub("db"));
  auto txn = std::move(db->Begin()).value();
  TokenId person = Tok(*txn, TokenKind::kLabel, "Person");
  TokenId group = Tok(*txn, TokenKind::kLabel, "Group");
  TokenId name = Tok(*txn, TokenKind::kPropertyKey, "name");
  NodeId n = *txn->CreateNode({person}, Props(*txn, {{"name", "Old Name"}}));
  REQUIRE(txn->SetNodeProperty(n, name, Value("New Name")).ok());
  CHECK(txn->FindByName(person, "old name").empty());
  CHECK(txn->FindByName(person, "new name") == std::vector<NodeId>{n});
  REQUIRE(txn->AddLabel(n, group).ok());
  CHECK(txn->FindByName(group, "new name") == std::vector<NodeId>{n});
  REQUIRE(txn->RemoveLabel(n, person).ok());
  CHECK(txn->FindByName(person, "new name").empty());
  CHECK_FALSE(txn->ScanLabel(person)->Valid());
  REQUIRE(txn->Commit().ok());
  auto counts = db->Counts();
  CHECK(counts.by_label.count("Person") == 0);
  CHECK(counts.by_label["Group"] == 1);
}

TEST_CASE("deleting a node with relationships needs detach", "[storage]") {
  TempDir dir;
  auto db = OpenDb(dir.Sub("db"));
  auto txn = std::move(db->Begin()).value();
  TokenId t = Tok(*txn, TokenKind::kRelType, "MEMBER_OF");
  NodeId a = *txn->CreateNode({}, {});
  NodeId b = *txn->CreateNode({}, {});
  REQUIRE(txn->CreateEdge(a, b, t, {}).ok());
  REQUIRE(txn->CreateEdge(a, a, t, {}).ok());
  CHECK(txn->Degree(a, Direction::kBoth) == 2);  // self-loop once
  Status st = txn->DeleteNode(a, false);
  CHECK(st.code() == Status::Code::kConstraint);
  REQUIRE(txn->DeleteNode(a, true).ok());
  CHECK(txn->Degree(b, Direction::kBoth) == 0);
  REQUIRE(txn->Commit().ok());
  CHECK(db->Counts().edges == 0);
  CHECK(db->Counts().nodes == 1);
}

TEST_CASE("a second writer process gets a clear busy error", "[storage]") {
  TempDir dir;
  auto db = OpenDb(dir.Sub("db"));
  pid_t pid = fork();
  if (pid == 0) {
    auto other = Database::Open(dir.Sub("db"));
    bool busy = !other.ok() && other.status().code() == Status::Code::kBusy &&
                other.status().message().find("another process") != std::string::npos;
    auto ro = Database::Open(dir.Sub("db"), OpenOptions{.read_only = true});
    _exit(busy && ro.ok() ? 0 : 1);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}

TEST_CASE("only one write transaction at a time", "[storage]") {
  TempDir dir;
  auto db = OpenDb(dir.Sub("db"));
  auto first = db->Begin();
  REQUIRE(first.ok());
  auto second = db->Begin();
  CHECK(second.status().code() == Status::Code::kBusy);
  (*first)->Rollback();
  CHECK(db->Begin().ok());
}

TEST_CASE("opening a non-database or missing directory is a clear error", "[storage]") {
  TempDir dir;
  auto missing = Database::Open(dir.Sub("nope"), OpenOptions{.create_if_missing = false});
  CHECK(missing.status().code() == Status::Code::kNotFound);
  std::filesystem::create_directory(dir.Sub("junk"));
  { std::ofstream(dir.Sub("junk/file.txt")) << "hello"; }
  auto junk = Database::Open(dir.Sub("junk"));
  CHECK(junk.status().code() == Status::Code::kInvalidArgument);
}

TEST_CASE("aliases are found through the name index", "[storage]") {
  TempDir dir;
  auto db = OpenDb(dir.Sub("db"));
  auto txn = std::move(db->Begin()).value();
  TokenId person = Tok(*txn, TokenKind::kLabel, "Person");
  NodeId n = *txn->CreateNode(
      {person}, Props(*txn, {{"name", "The Alchemist"},
                             {"aliases", ValueList{Value("Alan Maman"), Value("ALCHEMIST")}}}));
  CHECK(txn->FindByName(person, "alan maman") == std::vector<NodeId>{n});
  CHECK(txn->FindByName(kNoToken, "The Alchemist") == std::vector<NodeId>{n});
  TokenId aliases = txn->LookupToken(TokenKind::kPropertyKey, "aliases");
  REQUIRE(txn->SetNodeProperty(n, aliases, Value()).ok());
  CHECK(txn->FindByName(person, "alan maman").empty());
}
