// MusicBrainz JSON dump archives: read as a stream (tar, and tar.xz when xz is installed),
// members that are not entity files skipped, damaged archives reported.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <sstream>

#include "cli/import/importer.h"
#include "tests/import/resolve_test_support.h"

using namespace liner;
using namespace liner::import;
using namespace liner::testing;

namespace {

// One ustar member: 512-byte header, the data, zero padding to 512 bytes.
std::string TarMember(const std::string& name, const std::string& data) {
  char h[512] = {0};
  std::snprintf(h, 100, "%s", name.c_str());
  std::snprintf(h + 100, 8, "%07o", 0644);
  std::snprintf(h + 108, 8, "%07o", 0);
  std::snprintf(h + 116, 8, "%07o", 0);
  std::snprintf(h + 124, 12, "%011llo", static_cast<unsigned long long>(data.size()));
  std::snprintf(h + 136, 12, "%011o", 0);
  h[156] = '0';
  std::memcpy(h + 257, "ustar", 6);
  std::memcpy(h + 263, "00", 2);
  std::memset(h + 148, ' ', 8);
  unsigned sum = 0;
  for (unsigned char c : h) sum += c;
  std::snprintf(h + 148, 8, "%06o", sum);
  std::string out(h, 512);
  out += data;
  out.append((512 - data.size() % 512) % 512, '\0');
  return out;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("A MusicBrainz dump archive imports its entity members and skips the others",
          "[import]") {
  std::string file = SharedData("musicbrainz-ws-json/dump-label.jsonl");
  LINER_SKIP_WITHOUT(file);
  RealDb r;
  const std::string labels = ReadAll(file);
  const std::string tar = TarMember("mbdump/COPYING", "CC0\n") +
                          TarMember("mbdump/label", labels) + std::string(1024, '\0');
  const std::string path = r.Write("mbdump.tar", tar);
  auto s = ImportMusicBrainz(*r.db, {path}, {});
  INFO(s.status().ToString());
  REQUIRE(s.ok());
  CHECK(s->records_read == 75);
  CHECK(s->nodes_added.at("Label") >= 75);
  auto t = r.db->BeginRead();
  CHECK(ByName(*t, "Label", "Abstract Logix").size() == 1);

  // The same archive compressed with xz, when xz is installed: the same graph.
  if (std::system(("xz -k -z -q " + path + " 2>/dev/null").c_str()) == 0) {
    RealDb x;
    auto sx = ImportMusicBrainz(*x.db, {path + ".xz"}, {});
    INFO(sx.status().ToString());
    REQUIRE(sx.ok());
    CHECK(sx->records_read == 75);
    CHECK(GraphDump(*x.db) == GraphDump(*r.db));
    // Cut in half, as by an interrupted download.
    const std::string xz = ReadAll(path + ".xz");
    const std::string cut = r.Write("cut.tar.xz", xz.substr(0, xz.size() / 2));
    RealDb c;
    auto sc = ImportMusicBrainz(*c.db, {cut}, {});
    REQUIRE_FALSE(sc.ok());
    CHECK_THAT(sc.status().message(),
               Catch::StartsWith(cut + ":") &&
                   (Catch::Contains("(damaged or truncated?)") ||
                    Catch::Contains("(is the file complete?)")));
    CHECK(NodeCount(*c.db) == 0);
  } else {
    WARN("xz is not installed: the .tar.xz variant was not tried");
  }
}

TEST_CASE("A damaged MusicBrainz dump archive is reported and nothing of it is kept", "[import]") {
  std::string file = SharedData("musicbrainz-ws-json/dump-label.jsonl");
  LINER_SKIP_WITHOUT(file);
  RealDb r;
  const std::string labels = ReadAll(file);
  std::string tar = TarMember("mbdump/label", labels);
  tar.resize(tar.size() / 2);  // cut in the middle of the member
  const std::string path = r.Write("cut.tar", tar);
  ImportOptions o;
  o.batch_writes = 20;  // batches were committed before the damage is found
  auto s = ImportMusicBrainz(*r.db, {path}, o);
  REQUIRE_FALSE(s.ok());
  CHECK_THAT(s.status().message(), Catch::StartsWith(path + ":") &&
                                       Catch::Contains("archive"));
  CHECK(NodeCount(*r.db) == 0);
}
