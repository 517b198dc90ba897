// End-to-end: `liner import` of datasets/seed through the built binary, then the stored graph
// is read back through the storage API and compared with the seed article's facts.
#include <catch2/catch.hpp>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "storage/database.h"
#include "tests/cli/seed_support.h"

namespace liner {
namespace {

using testing::SeedDb;

std::unique_ptr<Database> OpenReadOnly(const std::string& path) {
  OpenOptions options;
  options.create_if_missing = false;
  options.read_only = true;
  auto db = Database::Open(path, options);
  INFO(db.status().ToString());
  REQUIRE(db.ok());
  return std::move(db).value();
}

void RequireImported(const SeedDb& seed) {
  INFO("liner import stderr: " << seed.import_output().err);
  REQUIRE(seed.import_output().exit_code == 0);
}

// The one node of `label` called `name`.
NodeId FindOne(Transaction& txn, const std::string& label, const std::string& name) {
  TokenId label_id = txn.LookupToken(TokenKind::kLabel, label);
  REQUIRE(label_id != kNoToken);
  std::vector<NodeId> ids = txn.FindByName(label_id, name);
  INFO(label << " " << name);
  REQUIRE(ids.size() == 1);
  return ids[0];
}

const Value* Prop(Transaction& txn, const PropertyMap& props, const std::string& key) {
  TokenId k = txn.LookupToken(TokenKind::kPropertyKey, key);
  return k == kNoToken ? nullptr : props.Get(k);
}

std::string StringProp(Transaction& txn, const PropertyMap& props, const std::string& key) {
  const Value* v = Prop(txn, props, key);
  return v != nullptr && v->is_string() ? v->as_string() : "";
}

// name -> roles of everyone CREDITED on the node `target`.
std::map<std::string, std::set<std::string>> CreditsOn(Transaction& txn, NodeId target) {
  std::map<std::string, std::set<std::string>> roles;
  TokenId credited = txn.LookupToken(TokenKind::kRelType, "CREDITED");
  REQUIRE(credited != kNoToken);
  auto cursor = txn.Neighbors(target, Direction::kIn, credited);
  for (; cursor->Valid(); cursor->Next()) {
    auto edge = txn.GetEdge(cursor->entry().edge);
    REQUIRE(edge.ok());
    REQUIRE(edge->has_value());
    auto person = txn.GetNode(cursor->entry().other);
    REQUIRE(person.ok());
    REQUIRE(person->has_value());
    roles[StringProp(txn, (*person)->props, "name")].insert(
        StringProp(txn, (*edge)->props, "role"));
  }
  REQUIRE(cursor->status().ok());
  return roles;
}

TEST_CASE("Importing the seed dataset stores 38 nodes and 48 edges, counted by label and type",
          "[cli][seed]") {
  SeedDb seed;
  RequireImported(seed);
  auto db = OpenReadOnly(seed.path());
  GraphCounts counts = db->Counts();
  CHECK(counts.nodes == 38);
  CHECK(counts.edges == 48);
  std::map<std::string, uint64_t> labels = {{"Person", 23}, {"Group", 1},  {"Song", 3},
                                            {"Sample", 2},  {"Album", 1},  {"Label", 4},
                                            {"Studio", 4}};
  CHECK(counts.by_label == labels);
  std::map<std::string, uint64_t> types = {
      {"CREDITED", 34},   {"HAS_SAMPLE", 2}, {"SAMPLES", 2},  {"MEMBER_OF", 1},
      {"APPEARS_ON", 1},  {"RELEASED_BY", 4}, {"RECORDED_AT", 2}, {"MIXED_AT", 1},
      {"MASTERED_AT", 1}};
  CHECK(counts.by_type == types);
}

TEST_CASE("Every seed edge names the article as its source and every credit has a category",
          "[cli][seed]") {
  SeedDb seed;
  RequireImported(seed);
  auto db = OpenReadOnly(seed.path());
  auto txn = db->BeginRead();
  TokenId credited = txn->LookupToken(TokenKind::kRelType, "CREDITED");
  const std::set<std::string> categories = {"performance", "writing",  "production", "engineering",
                                            "mixing",      "mastering", "other"};
  int edges = 0;
  Status st = txn->ForEachEdge([&](const EdgeRecord& e) {
    ++edges;
    CHECK(StringProp(*txn, e.props, "source") == "Wikipedia: We Cry Together");
    if (e.type == credited) {
      CHECK(categories.count(StringProp(*txn, e.props, "category")) == 1);
      CHECK_FALSE(StringProp(*txn, e.props, "role").empty());
    }
    return true;
  });
  REQUIRE(st.ok());
  CHECK(edges == 48);
}

TEST_CASE("Everyone in the seed article's infobox and personnel list is credited with every role",
          "[cli][seed]") {
  SeedDb seed;
  RequireImported(seed);
  auto db = OpenReadOnly(seed.path());
  auto txn = db->BeginRead();
  NodeId song = FindOne(*txn, "Song", "We Cry Together");
  std::map<std::string, std::set<std::string>> expected = {
      {"Kendrick Lamar", {"primary artist", "lead vocals", "songwriting"}},
      {"Taylour Paige", {"primary artist", "lead vocals"}},
      {"Whitney Alford", {"narration"}},
      {"The Alchemist", {"songwriting", "production"}},
      {"Bekon", {"songwriting", "production"}},
      {"J.Lbs", {"songwriting", "production"}},
      {"Florence Welch", {"songwriting"}},
      {"Gary Peacock", {"songwriting"}},
      {"Emile Haynie", {"production"}},
      {"Ray Charles Brown Jr.", {"recording engineer"}},
      {"Johnathan Turner", {"recording engineer"}},
      {"James Blunt", {"recording engineer"}},
      {"Matt Schaeffer", {"recording engineer"}},
      {"Logan Haynes", {"recording assistance"}},
      {"Andrew Boyd", {"recording assistance"}},
      {"Tristan Bott", {"recording assistance"}},
      {"Derek Ali", {"mixing"}},
      {"Cyrus Taghipour", {"mixing"}},
      {"Curtis Bye", {"mixing assistance"}},
      {"Brandon Blatz", {"mixing assistance"}},
      {"Emerson Mancini", {"mastering"}},
  };
  CHECK(CreditsOn(*txn, song) == expected);

  std::map<std::string, std::set<std::string>> june = {
      {"Florence and the Machine", {"performer"}}, {"Florence Welch", {"songwriting"}}};
  CHECK(CreditsOn(*txn, FindOne(*txn, "Song", "June")) == june);
  std::map<std::string, std::set<std::string>> valentine = {
      {"Gary Peacock", {"performer", "songwriting"}},
      {"Art Lande", {"performer"}},
      {"Eliot Zigmund", {"performer"}}};
  CHECK(CreditsOn(*txn, FindOne(*txn, "Song", "Valentine")) == valentine);
}

TEST_CASE("The seed song carries the article's facts as typed properties", "[cli][seed]") {
  SeedDb seed;
  RequireImported(seed);
  auto db = OpenReadOnly(seed.path());
  auto txn = db->BeginRead();
  auto node = txn->GetNode(FindOne(*txn, "Song", "We Cry Together"));
  REQUIRE(node.ok());
  REQUIRE(node->has_value());
  const PropertyMap& p = (*node)->props;
  CHECK(StringProp(*txn, p, "id") == "song:we-cry-together");
  CHECK(StringProp(*txn, p, "released") == "2022-05-13");
  CHECK(StringProp(*txn, p, "key") == "B-flat minor");
  const std::vector<std::pair<std::string, int64_t>> ints = {
      {"year", 2022},           {"recorded_from", 2019},         {"recorded_to", 2020},
      {"length_seconds", 341},  {"peak_billboard_hot_100", 16},  {"peak_sweden", 96},
      {"billboard_hot_100_week_2", 97}, {"billboard_hot_100_drop", 81}};
  for (const auto& [key, want] : ints) {
    INFO(key);
    const Value* v = Prop(*txn, p, key);
    REQUIRE(v != nullptr);
    REQUIRE(v->is_int());
    CHECK(v->as_int() == want);
  }
  const Value* genres = Prop(*txn, p, "genres");
  REQUIRE(genres != nullptr);
  CHECK(*genres == Value(ValueList{Value("Jazz rap"), Value("Spoken word")}));

  // The eighth track of the album, on the APPEARS_ON edge.
  TokenId appears_on = txn->LookupToken(TokenKind::kRelType, "APPEARS_ON");
  auto cursor = txn->Neighbors((*node)->id, Direction::kOut, appears_on);
  REQUIRE(cursor->Valid());
  CHECK(cursor->entry().other == FindOne(*txn, "Album", "Mr. Morale & the Big Steppers"));
  auto edge = txn->GetEdge(cursor->entry().edge);
  REQUIRE(edge.ok());
  REQUIRE(edge->has_value());
  const Value* track = Prop(*txn, (*edge)->props, "track_number");
  REQUIRE(track != nullptr);
  CHECK(*track == Value(8));
}

TEST_CASE("Seed people keep their legal names and nicknames as aliases of one node",
          "[cli][seed]") {
  SeedDb seed;
  RequireImported(seed);
  auto db = OpenReadOnly(seed.path());
  auto txn = db->BeginRead();
  const std::vector<std::pair<std::string, std::string>> aliases = {
      {"Kendrick Lamar", "Kendrick Duckworth"}, {"The Alchemist", "Alan Maman"},
      {"Bekon", "Daniel Tannenbaum"},           {"J.Lbs", "Jason Pounds"},
      {"Derek Ali", "MixedByAli"},              {"Cyrus Taghipour", "NOIS"},
      {"Curtis Bye", "Sircut"}};
  for (const auto& [name, alias] : aliases) {
    INFO(name);
    auto node = txn->GetNode(FindOne(*txn, "Person", name));
    REQUIRE(node.ok());
    REQUIRE(node->has_value());
    const Value* v = Prop(*txn, (*node)->props, "aliases");
    REQUIRE(v != nullptr);
    CHECK(*v == Value(ValueList{Value(alias)}));
  }
  // A person without aliases has no aliases property, not an empty one.
  auto paige = txn->GetNode(FindOne(*txn, "Person", "Taylour Paige"));
  REQUIRE(paige.ok());
  REQUIRE(paige->has_value());
  CHECK(Prop(*txn, (*paige)->props, "aliases") == nullptr);
}

TEST_CASE("Each seed sample links the sampling song to the sampled one, and Welch is a member",
          "[cli][seed]") {
  SeedDb seed;
  RequireImported(seed);
  auto db = OpenReadOnly(seed.path());
  auto txn = db->BeginRead();
  TokenId has_sample = txn->LookupToken(TokenKind::kRelType, "HAS_SAMPLE");
  TokenId samples = txn->LookupToken(TokenKind::kRelType, "SAMPLES");
  NodeId song = FindOne(*txn, "Song", "We Cry Together");
  std::set<NodeId> sampled;
  for (auto c = txn->Neighbors(song, Direction::kOut, has_sample); c->Valid(); c->Next()) {
    for (auto s = txn->Neighbors(c->entry().other, Direction::kOut, samples); s->Valid();
         s->Next()) {
      sampled.insert(s->entry().other);
    }
  }
  CHECK(sampled == std::set<NodeId>{FindOne(*txn, "Song", "June"),
                                    FindOne(*txn, "Song", "Valentine")});

  TokenId member_of = txn->LookupToken(TokenKind::kRelType, "MEMBER_OF");
  auto m = txn->Neighbors(FindOne(*txn, "Person", "Florence Welch"), Direction::kOut, member_of);
  REQUIRE(m->Valid());
  CHECK(m->entry().other == FindOne(*txn, "Group", "Florence and the Machine"));
}

}  // namespace
}  // namespace liner
