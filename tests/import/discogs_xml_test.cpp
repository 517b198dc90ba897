// The Discogs XML reader's releases, built straight from expat's callbacks: every field the
// mapping reads, the first of repeated elements, ignored subtrees, and releases that follow each
// other reusing the reader's buffers.
#include <catch2/catch.hpp>

#include <fstream>
#include <vector>

#include "cli/import/discogs_xml.h"
#include "tests/support/temp_dir.h"

using namespace liner;
using namespace liner::import;
using namespace liner::testing;

namespace {

std::vector<DiscogsRelease> ReadReleases(const std::string& xml) {
  TempDir dir;
  const std::string path = dir.Sub("releases.xml");
  std::ofstream(path) << xml;
  std::vector<DiscogsRelease> out;
  DiscogsHandlers h;
  h.release = [&](const DiscogsRelease& r, uint64_t) {
    out.push_back(r);
    return Status::OK();
  };
  uint64_t bytes = 0;
  Status st = ReadDiscogsXml(path, &bytes, h);
  REQUIRE(st.ok());
  CHECK(bytes == xml.size());
  return out;
}

}  // namespace

TEST_CASE("a Discogs release is read with every field the mapping uses", "[import]") {
  auto releases = ReadReleases(R"(<releases>
<release id="7" status="Accepted">
  <images><image uri="x"><title>not the title</title></image></images>
  <artists><artist><id>11</id><name>Ann (2)</name><anv>A.</anv><join>&amp;</join><role></role>
    <tracks></tracks></artist><artist><name>Bo</name><id>x12</id></artist></artists>
  <title>First</title><title>Second</title>
  <labels><label name="Lab" catno="C 1" id="30"/><label name="No Id" catno="none"/></labels>
  <extraartists><artist><id>13</id><name>Cy</name><role>Producer [Co], Mixed By</role>
    <tracks>A1 to A2</tracks></artist></extraartists>
  <genres><genre>Rock</genre><genre></genre><genre>Pop</genre></genres>
  <styles><style>Punk</style></styles>
  <country>UK</country><released>1999-03-01</released><notes>a <b>long</b> note</notes>
  <master_id is_main_release="true">40</master_id>
  <tracklist>
    <track><position>A1</position><title>One</title><duration>3:01</duration>
      <artists><artist><id>14</id><name>Di</name></artist></artists>
      <sub_tracks><track><position>A1a</position><title>Sub</title></track></sub_tracks>
      <extraartists><artist><id>15</id><name>Ed</name><role>Bass</role></artist></extraartists>
    </track>
    <heading>not a track</heading>
    <track><position>A2</position><title>Two</title><duration></duration></track>
  </tracklist>
  <companies><company><id>50</id><name>Studio X</name><catno></catno>
    <entity_type_name>Recorded At</entity_type_name></company></companies>
</release>
<release id="8"><title>Next</title><tracklist><track><title>Only</title></track></tracklist>
</release>
</releases>
)");
  REQUIRE(releases.size() == 2);
  const DiscogsRelease& r = releases[0];
  CHECK(r.id == 7);
  CHECK(r.title == "First");
  CHECK(r.country == "UK");
  CHECK(r.released == "1999-03-01");
  CHECK(r.master_id == 40);
  CHECK(r.genres == std::vector<std::string>{"Rock", "", "Pop"});
  CHECK(r.styles == std::vector<std::string>{"Punk"});
  REQUIRE(r.artists.size() == 2);
  CHECK(r.artists[0].id == 11);
  CHECK(r.artists[0].name == "Ann (2)");
  CHECK(r.artists[0].anv == "A.");
  CHECK(r.artists[0].join == "&");
  CHECK(r.artists[1].id == 0);  // "x12" is not an id
  CHECK(r.artists[1].name == "Bo");
  REQUIRE(r.extraartists.size() == 1);
  CHECK(r.extraartists[0].role == "Producer [Co], Mixed By");
  CHECK(r.extraartists[0].tracks == "A1 to A2");
  REQUIRE(r.labels.size() == 2);
  CHECK(r.labels[0].id == 30);
  CHECK(r.labels[0].name == "Lab");
  CHECK(r.labels[0].catno == "C 1");
  CHECK(r.labels[1].id == 0);
  REQUIRE(r.companies.size() == 1);
  CHECK(r.companies[0].id == 50);
  CHECK(r.companies[0].name == "Studio X");
  CHECK(r.companies[0].type == "Recorded At");
  REQUIRE(r.tracks.size() == 2);  // the heading and the sub-track are not tracks
  CHECK(r.tracks[0].position == "A1");
  CHECK(r.tracks[0].title == "One");
  CHECK(r.tracks[0].duration == "3:01");
  REQUIRE(r.tracks[0].artists.size() == 1);
  CHECK(r.tracks[0].artists[0].id == 14);
  REQUIRE(r.tracks[0].extraartists.size() == 1);
  CHECK(r.tracks[0].extraartists[0].role == "Bass");
  CHECK(r.tracks[1].title == "Two");
  CHECK(r.tracks[1].artists.empty());

  // The second release starts from nothing, whatever the first one held.
  const DiscogsRelease& n = releases[1];
  CHECK(n.id == 8);
  CHECK(n.title == "Next");
  CHECK(n.country.empty());
  CHECK(n.master_id == 0);
  CHECK(n.genres.empty());
  CHECK(n.artists.empty());
  CHECK(n.labels.empty());
  CHECK(n.companies.empty());
  REQUIRE(n.tracks.size() == 1);
  CHECK(n.tracks[0].title == "Only");
  CHECK(n.tracks[0].position.empty());
}

TEST_CASE("a file whose root is one Discogs release is read as that release", "[import]") {
  auto releases = ReadReleases(R"(<release id="3"><title>Solo</title></release>)");
  REQUIRE(releases.size() == 1);
  CHECK(releases[0].id == 3);
  CHECK(releases[0].title == "Solo");
}
