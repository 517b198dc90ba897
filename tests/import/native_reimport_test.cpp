// Importing the same native files twice changes nothing; a later file updates what changed.
#include <catch2/catch.hpp>

#include <fstream>

#include "cli/import/native_import.h"
#include "storage/database.h"
#include "tests/support/temp_dir.h"

using namespace liner;
using namespace liner::import;
using liner::testing::TempDir;

namespace {

std::string Write(const TempDir& dir, const std::string& name, const std::string& text) {
  std::string path = dir.Sub(name);
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

Result<ImportSummary> Import(Database& db, const std::vector<std::string>& paths) {
  auto inputs = ExpandNativePaths(paths);
  if (!inputs.ok()) return inputs.status();
  return ImportNative(db, *inputs, NativeOptions{});
}

}  // namespace

TEST_CASE("re-importing the seed dataset changes nothing", "[import]") {
  TempDir dir;
  auto db = std::move(Database::Open(dir.Sub("db"))).value();
  std::string seed = std::string(LINER_SOURCE_DIR) + "/datasets/seed";
  auto first = Import(*db, {seed});
  REQUIRE(first.ok());
  GraphCounts before = db->Counts();
  CHECK(before.nodes == 38);
  CHECK(before.edges == 48);
  auto second = Import(*db, {seed});
  REQUIRE(second.ok());
  GraphCounts after = db->Counts();
  CHECK(after.nodes == before.nodes);
  CHECK(after.edges == before.edges);
  CHECK(after.by_label == before.by_label);
  CHECK(second->nodes_merged == 38);
  CHECK(second->edges_added.empty());
}

TEST_CASE("a later file updates the properties of nodes it already holds", "[import]") {
  TempDir dir;
  auto db = std::move(Database::Open(dir.Sub("db"))).value();
  auto v1 = Write(dir, "people_v1.csv", "id:ID,:LABEL,name,born:int\np1,Person,Ann,1970\n");
  auto v2 = Write(dir, "people_v2.csv", "id:ID,:LABEL,name,born:int\np1,Person,Ann,1971\np2,Person,Bo,1980\n");
  REQUIRE(Import(*db, {v1}).ok());
  auto r = Import(*db, {v2});
  REQUIRE(r.ok());
  CHECK(r->nodes_merged == 1);
  CHECK(r->nodes_added["Person"] == 1);
  auto t = db->BeginRead();
  TokenId person = t->LookupToken(TokenKind::kLabel, "Person");
  auto ann = t->FindByName(person, "Ann");
  REQUIRE(ann.size() == 1);
  auto rec = t->GetNode(ann[0]);
  REQUIRE(rec.ok());
  TokenId born = t->LookupToken(TokenKind::kPropertyKey, "born");
  CHECK((*rec)->props.Get(born)->as_int() == 1971);
}
