// Batched imports stay all-or-nothing: committed batches are undone when a later record is bad,
// batching changes nothing in the result, and bounded caches give the same graph.
#include <catch2/catch.hpp>

#include <sstream>

#include "cli/import/importer.h"
#include "cli/import/resolve_seen.h"
#include "tests/import/resolve_test_support.h"
#include "tests/support/db_dump.h"

using namespace liner;
using namespace liner::import;
using namespace liner::testing;

namespace {

// Nodes the Discogs artists dump changes: artist 1 gets another real name, artist 2 turns
// from Person into Group (it has members in the dump); one node the dump never names.
const char* kBefore = R"(<artists>
<artist><id>1</id><name>The Persuader</name><realname>Someone Else</realname></artist>
<artist><id>2</id><name>Mr. James Barth &amp; A.D.</name></artist>
<artist><id>999999999</id><name>Nobody From The Dump</name></artist>
</artists>
)";

// A release without an id: the import's last record, after many committed batches.
const char* kBadRelease = R"(<releases>
<release id="900000001"><title>Fine</title><artists><artist><id>3</id><name>Josh Wink</name></artist></artists></release>
<release><title>No id</title></release>
</releases>
)";

std::vector<std::string> DumpFiles(const std::string& dir) {
  return {dir + "/discogs_20200806_artists.xml.gz", dir + "/discogs_20200806_labels.xml.gz",
          dir + "/discogs_20200806_masters.xml.gz", dir + "/single-records/release.xml"};
}

ImportOptions Batched(uint64_t writes, bool bulk = true) {
  ImportOptions o;
  o.batch_writes = writes;
  o.bulk = bulk;
  return o;
}

// The two write paths, with batch sizes that give each many batches on the Discogs dump files
// (a bulk batch costs a few SST files and an ingestion, so it is given more writes).
struct WritePath {
  const char* name;
  bool bulk;
  uint64_t writes;
  uint64_t min_batches;
};
const WritePath kPaths[] = {{"bulk SST batches", true, 1000, 5}, {"transactional batches", false, 200, 20}};

// The records, adjacency and index column families of the database at `path`, byte for byte
// (the meta family keeps the names an undone import created, by design). Closes and reopens
// `db`.
std::map<std::string, std::string> GraphBytes(std::unique_ptr<Database>& db,
                                              const std::string& path) {
  db.reset();
  auto all = Dump(path);
  for (auto it = all.begin(); it != all.end();) {
    it = it->first.rfind("meta/", 0) == 0 ? all.erase(it) : std::next(it);
  }
  auto reopened = Database::Open(path);
  REQUIRE(reopened.ok());
  db = std::move(reopened).value();
  return all;
}

}  // namespace

TEST_CASE("A malformed Discogs record after many committed batches leaves the database as it was",
          "[import]") {
  std::string dir = SharedData("discogs");
  LINER_SKIP_WITHOUT(dir);
  for (const WritePath& path : kPaths) {
    INFO(path.name);
    RealDb r;
    REQUIRE(ImportDiscogs(*r.db, {r.Write("before.xml", kBefore)}, {}).ok());
    const auto before = GraphDump(*r.db);
    const auto counts = r.db->Counts();
    const auto bytes = GraphBytes(r.db, r.dir.Sub("db"));

    // Without the bad record the same input takes many batches and changes the old nodes;
    // importing it again changes nothing.
    {
      RealDb probe;
      REQUIRE(ImportDiscogs(*probe.db, {probe.Write("before.xml", kBefore)}, {}).ok());
      auto s = ImportDiscogs(*probe.db, DumpFiles(dir), Batched(path.writes, path.bulk));
      REQUIRE(s.ok());
      CHECK(s->batches > path.min_batches);
      CHECK(s->nodes_merged >= 2);
      const auto after = GraphDump(*probe.db);
      CHECK(after != before);
      auto again = ImportDiscogs(*probe.db, DumpFiles(dir), Batched(path.writes, path.bulk));
      REQUIRE(again.ok());
      CHECK(again->nodes_added.empty());
      CHECK(again->edges_added.empty());
      CHECK(GraphDump(*probe.db) == after);
    }

    std::vector<std::string> files = DumpFiles(dir);
    files.push_back(r.Write("bad.xml", kBadRelease));
    auto s = ImportDiscogs(*r.db, files, Batched(path.writes, path.bulk));
    REQUIRE_FALSE(s.ok());
    CHECK_THAT(s.status().message(), Catch::Contains("bad.xml:3") &&
                                         Catch::Contains("release has no id"));
    CHECK(r.db->Counts().nodes == counts.nodes);
    CHECK(r.db->Counts().edges == counts.edges);
    CHECK(r.db->Counts().by_label == counts.by_label);
    CHECK(GraphDump(*r.db) == before);
    CHECK(GraphBytes(r.db, r.dir.Sub("db")) == bytes);  // indexes and adjacency too
  }
}

TEST_CASE("A bulk import's records land with the same ids, counts and indexes as a transactional one",
          "[import]") {
  std::string dir = SharedData("discogs");
  LINER_SKIP_WITHOUT(dir);
  RealDb bulk, txn;
  REQUIRE(ImportDiscogs(*bulk.db, {bulk.Write("before.xml", kBefore)}, {}).ok());
  REQUIRE(ImportDiscogs(*txn.db, {txn.Write("before.xml", kBefore)}, Batched(0, false)).ok());
  auto a = ImportDiscogs(*bulk.db, DumpFiles(dir), Batched(1000, true));
  auto b = ImportDiscogs(*txn.db, DumpFiles(dir), Batched(0, false));
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(a->nodes_added == b->nodes_added);
  CHECK(a->edges_added == b->edges_added);
  CHECK(GraphDump(*bulk.db) == GraphDump(*txn.db));
  CHECK(bulk.db->Counts().by_label == txn.db->Counts().by_label);
  CHECK(bulk.db->Counts().by_type == txn.db->Counts().by_type);
  // The name and id indexes find what the loader wrote (and what it changed: artist 2 became
  // a Group through the loader's transaction).
  auto t = bulk.db->BeginRead();
  CHECK(ById(*t, "Group", "discogs_id", Value(int64_t{2})).size() == 1);
  CHECK(ById(*t, "Person", "discogs_id", Value(int64_t{2})).empty());
  CHECK(ByName(*t, "Person", "Josh Wink").size() == 1);
}

TEST_CASE("A truncated MusicBrainz dump line after committed batches leaves the database as it was",
          "[import]") {
  std::string dir = SharedData("musicbrainz-ws-json");
  LINER_SKIP_WITHOUT(dir);
  RealDb r;
  REQUIRE(ImportMusicBrainz(*r.db, {dir + "/artist.json"}, {}).ok());
  const auto before = GraphDump(*r.db);
  std::ifstream in(dir + "/dump-label.jsonl");
  std::stringstream text;
  text << in.rdbuf();
  std::string lines = text.str();
  lines += lines.substr(0, 200) + "\n";  // a last line cut short
  const std::string bad = r.Write("label.jsonl", lines);
  auto s = ImportMusicBrainz(*r.db, {dir, bad}, Batched(200));
  REQUIRE_FALSE(s.ok());
  CHECK_THAT(s.status().message(), Catch::Contains("label.jsonl:76:") &&
                                       Catch::Contains("malformed JSON"));
  CHECK(GraphDump(*r.db) == before);

  // With --skip-bad the bad line is reported and everything else lands, in many batches.
  std::ostringstream warnings;
  ImportOptions skip = Batched(200);
  skip.skip_bad = true;
  skip.warnings = &warnings;
  auto s2 = ImportMusicBrainz(*r.db, {dir, bad}, skip);
  REQUIRE(s2.ok());
  CHECK(s2->records_skipped == 1);
  CHECK(s2->batches > 2);
  CHECK_THAT(warnings.str(), Catch::Contains("skipped ") && Catch::Contains("label.jsonl:76:"));
  RealDb whole;
  REQUIRE(ImportMusicBrainz(*whole.db, {dir + "/artist.json"}, {}).ok());
  REQUIRE(ImportMusicBrainz(*whole.db, {dir, dir + "/dump-label.jsonl"}, Batched(0)).ok());
  CHECK(GraphDump(*r.db) == GraphDump(*whole.db));
}

TEST_CASE("Batch size and cache bounds do not change what a Discogs import writes", "[import]") {
  std::string dir = SharedData("discogs");
  LINER_SKIP_WITHOUT(dir);
  RealDb one, many;
  auto a = ImportDiscogs(*one.db, DumpFiles(dir), Batched(0));
  REQUIRE(a.ok());
  CHECK(a->batches == 1);
  // Tiny caches: most lookups go to the indexes, as in a dump larger than memory.
  ImportOptions small = Batched(3000);
  small.cache_entries = 2000;  // full maps also end a bulk batch
  auto b = ImportDiscogs(*many.db, DumpFiles(dir), small);
  REQUIRE(b.ok());
  CHECK(b->batches > 5);
  CHECK(a->nodes_added == b->nodes_added);
  CHECK(a->edges_added == b->edges_added);
  const auto want = GraphDump(*one.db);
  CHECK(GraphDump(*many.db) == want);
  // Re-importing with bounded caches changes nothing.
  auto again = ImportDiscogs(*many.db, DumpFiles(dir), small);
  REQUIRE(again.ok());
  CHECK(again->nodes_added.empty());
  CHECK(again->edges_added.empty());
  CHECK(GraphDump(*many.db) == want);
}

TEST_CASE("The seen-keys filter never forgets a key and rarely claims an unseen one", "[import]") {
  SeenFilter seen(20);  // 1 Mbit
  auto key = [](const char* kind, int i) {
    return std::string("Person") + '\0' + kind + std::to_string(i);
  };
  for (int i = 0; i < 10000; ++i) seen.Add(key("name", i));
  int forgotten = 0, false_positives = 0;
  for (int i = 0; i < 10000; ++i) {
    forgotten += !seen.MaybeContains(key("name", i));
    false_positives += seen.MaybeContains(key("other", i));
  }
  CHECK(forgotten == 0);
  CHECK(false_positives < 20);  // expected about 0.3 in 10,000
}
