// The liner.* procedures called through the procedure registry on a small credits database:
// result columns and values, and errors that name the procedure and the argument.
#include <catch2/catch.hpp>

#include "graph/snapshot_cache.h"
#include "query/procedure.h"
#include "storage/database.h"
#include "tests/support/temp_dir.h"

namespace liner::query {
namespace {

using Rows = std::vector<std::vector<QValue>>;

// Persons Ann(1) Bob(2) Cat(3) Dan(4); songs S1 S2 S3; S3 samples S1 through a Sample.
//   S1: Ann producer, Bob performer      S2: Bob producer, Cat performer
//   S3: Dan performer
struct CreditsDb {
  testing::TempDir dir;
  std::unique_ptr<Database> db;
  std::unique_ptr<Transaction> txn;
  ProcedureRegistry registry;
  NodeId ann, bob, cat, dan, s1, s2, s3, sample;

  CreditsDb() {
    db = std::move(Database::Open(dir.Sub("db")).value());
    auto w = db->Begin().value();
    auto token = [&](TokenKind k, const char* n) { return w->GetOrCreateToken(k, n).value(); };
    TokenId person = token(TokenKind::kLabel, "Person"), song = token(TokenKind::kLabel, "Song");
    TokenId sample_label = token(TokenKind::kLabel, "Sample");
    TokenId credited = token(TokenKind::kRelType, "CREDITED");
    TokenId has_sample = token(TokenKind::kRelType, "HAS_SAMPLE");
    TokenId samples = token(TokenKind::kRelType, "SAMPLES");
    TokenId name = token(TokenKind::kPropertyKey, "name");
    TokenId title = token(TokenKind::kPropertyKey, "title");
    TokenId role = token(TokenKind::kPropertyKey, "role");
    auto node = [&](TokenId label, TokenId key, const char* text) {
      PropertyMap p;
      p.Set(key, Value(text));
      return w->CreateNode({label}, p).value();
    };
    ann = node(person, name, "Ann");
    bob = node(person, name, "Bob");
    cat = node(person, name, "Cat");
    dan = node(person, name, "Dan");
    s1 = node(song, title, "S1");
    s2 = node(song, title, "S2");
    s3 = node(song, title, "S3");
    sample = w->CreateNode({sample_label}, {}).value();
    auto credit = [&](NodeId p, NodeId s, const char* r) {
      PropertyMap props;
      props.Set(role, Value(r));
      REQUIRE(w->CreateEdge(p, s, credited, props).ok());
    };
    credit(ann, s1, "producer");
    credit(bob, s1, "performer");
    credit(bob, s2, "producer");
    credit(cat, s2, "performer");
    credit(dan, s3, "performer");
    REQUIRE(w->CreateEdge(s3, sample, has_sample, {}).ok());
    REQUIRE(w->CreateEdge(sample, s1, samples, {}).ok());
    REQUIRE(w->Commit().ok());
    txn = db->BeginRead();
    RegisterAlgorithmProcedures(registry);
  }
  ~CreditsDb() { graph::ClearSnapshotCache(); }

  Result<Rows> Call(const std::string& name, std::vector<QValue> args) {
    const ProcedureSpec* spec = registry.Find(name);
    if (spec == nullptr) return Status::NotFound(name);
    ProcContext ctx;
    ctx.db = db.get();
    ctx.txn = txn.get();
    ctx.LoadNode = [this](NodeId id) -> std::optional<QNode> {
      auto rec = txn->GetNode(id).value();
      if (!rec) return std::nullopt;
      auto data = std::make_shared<EntityData>();
      QMap props;
      for (const auto& [key, value] : rec->props.entries()) {
        props[txn->TokenName(TokenKind::kPropertyKey, key)] = QValue::FromStorage(value);
      }
      data->properties = std::make_shared<const QMap>(std::move(props));
      QNode n;
      n.id = id;
      n.data = data;
      return n;
    };
    return spec->fn(args, ctx);
  }
};

QValue Node(NodeId id) {
  QNode n;
  n.id = id;
  return QValue(n);
}

std::string ErrorOf(const Result<Rows>& r) { return r.ok() ? "" : r.status().message(); }

TEST_CASE("procedures declare the columns scripts rely on", "[query]") {
  ProcedureRegistry r;
  RegisterAlgorithmProcedures(r);
  auto cols = [&](const char* name) {
    std::vector<std::string> out;
    for (const auto& c : r.Find(name)->columns) out.push_back(c.name);
    return out;
  };
  using V = std::vector<std::string>;
  CHECK(cols("liner.pagerank") == V{"node", "score"});
  CHECK(cols("liner.personalizedPagerank") == V{"node", "score"});
  CHECK(cols("liner.components") == V{"node", "component"});
  CHECK(cols("liner.betweenness") == V{"node", "score"});
  CHECK(cols("liner.similar") == V{"node", "score"});
  CHECK(cols("liner.recommend") == V{"person", "score", "reasons"});
  CHECK(cols("liner.lineage") == V{"song", "depth", "direction"});
  CHECK(cols("liner.kShortestPaths") == V{"path"});
}

TEST_CASE("liner.recommend suggests a collaborator's collaborator with reasons", "[query]") {
  CreditsDb t;
  auto rows = t.Call("liner.recommend", {Node(t.ann), QValue(int64_t{5})});
  REQUIRE(rows.ok());
  REQUIRE(rows->size() == 1);
  CHECK((*rows)[0][0].as_node().id == t.cat);
  CHECK((*rows)[0][1].as_float() > 0);
  const QList& reasons = (*rows)[0][2].as_list();
  REQUIRE(reasons.size() == 1);
  CHECK(reasons[0].as_string() ==
        "Bob: performer on 'S1' with the seed; producer on 'S2' (they: performer)");
}

TEST_CASE("liner.similar, pagerank and components return one row per node", "[query]") {
  CreditsDb t;
  auto similar = t.Call("liner.similar", {Node(t.bob), QValue(int64_t{5}), QValue("jaccard")});
  REQUIRE(similar.ok());
  REQUIRE(similar->size() == 2);
  CHECK((*similar)[0][1].as_float() == Approx(0.5));  // Ann {S1} vs Bob {S1,S2}
  auto pr = t.Call("liner.pagerank", {QValue(QMap{{"labels", QValue("Person")}})});
  REQUIRE(pr.ok());
  CHECK(pr->size() == 4);
  auto comps = t.Call("liner.components", {QValue(QMap{})});
  REQUIRE(comps.ok());
  CHECK(comps->size() == 8);
  CHECK((*comps)[0][1].as_int() == static_cast<int64_t>(t.ann));
  auto bc = t.Call("liner.betweenness", {QValue(QMap{{"limit", QValue(int64_t{1})}})});
  REQUIRE(bc.ok());
  CHECK(bc->size() == 1);
}

TEST_CASE("liner.lineage and liner.kShortestPaths walk the sample chain", "[query]") {
  CreditsDb t;
  auto lineage = t.Call("liner.lineage", {Node(t.s1), QValue(int64_t{2})});
  REQUIRE(lineage.ok());
  REQUIRE(lineage->size() == 1);
  CHECK((*lineage)[0][0].as_node().id == t.s3);
  CHECK((*lineage)[0][2].as_string() == "down");
  auto paths = t.Call("liner.kShortestPaths",
                      {Node(t.ann), Node(t.dan), QValue(int64_t{2}), QValue(QMap{})});
  REQUIRE(paths.ok());
  REQUIRE(paths->size() == 1);
  const QPath& p = (*paths)[0][0].as_path();
  CHECK(p.nodes.front().id == t.ann);
  CHECK(p.nodes.back().id == t.dan);
  CHECK(p.rels.size() == 4);  // Ann-S1<-SAMPLES-Sample<-HAS_SAMPLE-S3<-Dan
}

TEST_CASE("procedure errors name the procedure and the argument", "[query]") {
  CreditsDb t;
  CHECK(ErrorOf(t.Call("liner.recommend", {Node(t.s1), QValue(int64_t{5})})) ==
        "liner.recommend: argument 'node': node " + std::to_string(t.s1) +
            " is not a Person or Group");
  CHECK(ErrorOf(t.Call("liner.recommend", {Node(999), QValue(int64_t{5})})).find(
            "argument 'node'") != std::string::npos);
  CHECK(ErrorOf(t.Call("liner.recommend", {QValue(), QValue(int64_t{5})})).find(
            "expected a node, got Null") != std::string::npos);
  CHECK(ErrorOf(t.Call("liner.similar", {Node(t.ann), QValue(int64_t{5}), QValue("cosine")}))
            .find("liner.similar: argument 'metric': unknown similarity metric 'cosine'") == 0);
  CHECK(ErrorOf(t.Call("liner.pagerank", {QValue(QMap{{"types", QValue("CREDITTED")}})}))
            .find("liner.pagerank: argument 'config': unknown relationship type 'CREDITTED'") ==
        0);
  CHECK(ErrorOf(t.Call("liner.pagerank", {QValue(QMap{{"colour", QValue("red")}})}))
            .find("unknown key 'colour'") != std::string::npos);
  CHECK(ErrorOf(t.Call("liner.lineage", {Node(t.ann), QValue(int64_t{1})})).find(
            "liner.lineage: argument 'song'") == 0);
  CHECK(ErrorOf(t.Call("liner.kShortestPaths",
                       {Node(t.ann), Node(12345), QValue(int64_t{2}), QValue(QMap{})}))
            .find("argument 'b'") != std::string::npos);
}

}  // namespace
}  // namespace liner::query
