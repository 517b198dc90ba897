// ReadDiscogsXmlAhead parses on a second thread yet hands the handlers exactly what
// ReadDiscogsXml does, in the same order, with the same lines, byte counts and errors.
#include "cli/import/discogs_xml_ahead.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <string>
#include <vector>

#include "tests/import/resolve_test_support.h"

using namespace liner;
using namespace liner::import;
using namespace liner::testing;

namespace {

using Reader = Status (*)(const std::string&, uint64_t*, const DiscogsHandlers&, uint64_t*);

struct Seen {
  std::vector<std::string> records;  // "kind id line bytes position" per handler call
  Status status;
  uint64_t bytes = 0, position = 0;
};

// Reads `path` with `read`, recording every handler call; the handler fails on call `fail_at`
// (1-based; 0: never).
Seen Read(Reader read, const std::string& path, size_t fail_at = 0) {
  Seen out;
  auto note = [&](const char* kind, int64_t id, uint64_t line) {
    out.records.push_back(std::string(kind) + " " + std::to_string(id) + " " +
                          std::to_string(line) + " " + std::to_string(out.bytes) + " " +
                          std::to_string(out.position));
    if (out.records.size() == fail_at) return Status::Constraint("handler failed here");
    return Status::OK();
  };
  DiscogsHandlers h;
  h.release = [&](const DiscogsRelease& r, uint64_t line) {
    return note("release", r.id + static_cast<int64_t>(r.tracks.size()) * 1000000, line);
  };
  h.artist = [&](const DiscogsArtist& a, uint64_t line) { return note("artist", a.id, line); };
  h.label = [&](const DiscogsLabel& l, uint64_t line) { return note("label", l.id, line); };
  h.master = [&](const DiscogsMaster& m, uint64_t line) { return note("master", m.id, line); };
  out.status = read(path, &out.bytes, h, &out.position);
  return out;
}

void CheckSame(const Seen& a, const Seen& b) {
  CHECK(a.records == b.records);
  CHECK(a.status.ToString() == b.status.ToString());
  CHECK(a.bytes == b.bytes);
  CHECK(a.position == b.position);
}

}  // namespace

TEST_CASE("Reading Discogs XML ahead hands over the same records, lines and byte counts",
          "[import]") {
  std::string dir = SharedData("discogs");
  LINER_SKIP_WITHOUT(dir);
  for (const char* file : {"discogs_20200806_artists.xml.gz", "discogs_20200806_labels.xml.gz",
                           "discogs_20200806_masters.xml.gz", "single-records/release.xml"}) {
    INFO(file);
    const Seen plain = Read(&ReadDiscogsXml, dir + "/" + file);
    const Seen ahead = Read(&ReadDiscogsXmlAhead, dir + "/" + file);
    REQUIRE(plain.status.ok());
    CHECK(!plain.records.empty());
    CheckSame(plain, ahead);
  }
}

TEST_CASE("Reading Discogs XML ahead stops where a handler fails and reports XML errors last",
          "[import]") {
  TempDir dir;
  std::string xml = "<releases>\n";
  for (int i = 1; i <= 1000; ++i) {  // several times around the ring
    xml += "<release id=\"" + std::to_string(i) + "\"><title>T" + std::to_string(i) +
           "</title><tracklist><track><position>A1</position><title>x</title></track>"
           "</tracklist></release>\n";
  }
  const std::string good = dir.Sub("good.xml"), broken = dir.Sub("broken.xml");
  std::ofstream(good) << xml << "</releases>\n";
  std::ofstream(broken) << xml << "<release id=\"1001\"><title>oops</release>\n</releases>\n";

  // A handler error stops the reading at that record (the parser, a ring's worth ahead at most,
  // stops too), and is what the reading returns.
  const Seen stopped = Read(&ReadDiscogsXmlAhead, good, 7);
  CHECK(stopped.records.size() == 7);
  CHECK(stopped.status.code() == Status::Code::kConstraint);
  CheckSame(Read(&ReadDiscogsXml, good, 7), stopped);

  // Every record before the broken one is handled, then the XML error comes with its place.
  const Seen ahead = Read(&ReadDiscogsXmlAhead, broken);
  CHECK(ahead.records.size() == 1000);
  CHECK_THAT(ahead.status.message(), Catch::Contains("broken.xml:1002:") &&
                                         Catch::Contains("XML error: mismatched tag"));
  CheckSame(Read(&ReadDiscogsXml, broken), ahead);
}
