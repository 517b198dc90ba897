// Export writers: GraphML and DOT through Boost.Graph, and the plain edge list.
#include <catch2/catch.hpp>

#include <sstream>

#include "graph/snapshot_export.h"

namespace liner::graph {
namespace {

ExportGraph Small() {
  ExportGraph g;
  g.nodes.push_back({7, {"Person"}, {{"name", "Florence Welch"}}});
  g.nodes.push_back({9, {"Song"}, {{"title", "June"}, {"id", "song:june"}}});
  g.edges.push_back({3, 7, 9, "CREDITED", {{"role", "writer"}}});
  return g;
}

TEST_CASE("GraphML export carries labels, types and properties", "[graph]") {
  std::ostringstream out;
  REQUIRE(WriteGraph(Small(), ExportFormat::kGraphml, out).ok());
  std::string s = out.str();
  CHECK(s.find("<graphml") != std::string::npos);
  CHECK(s.find("Florence Welch") != std::string::npos);
  CHECK(s.find("CREDITED") != std::string::npos);
  CHECK(s.find("writer") != std::string::npos);
  CHECK(s.find("song:june") != std::string::npos);  // a property named id is kept as prop_id
  CHECK(s.find("<edge ") != std::string::npos);
}

TEST_CASE("DOT export names nodes by id and labels them by name", "[graph]") {
  std::ostringstream out;
  REQUIRE(WriteGraph(Small(), ExportFormat::kDot, out).ok());
  std::string s = out.str();
  CHECK(s.find("digraph") != std::string::npos);
  CHECK(s.find("7->9") != std::string::npos);
  CHECK(s.find("label=\"Florence Welch\"") != std::string::npos);
  CHECK(s.find("CREDITED (writer)") != std::string::npos);
}

TEST_CASE("the edge list has one line per relationship", "[graph]") {
  std::ostringstream out;
  REQUIRE(WriteGraph(Small(), ExportFormat::kEdgelist, out).ok());
  CHECK(out.str() == "# source\ttarget\ttype\n7\t9\tCREDITED\n");
}

TEST_CASE("export rejects unknown formats and dangling relationships", "[graph]") {
  auto f = ParseExportFormat("gexf");
  REQUIRE_FALSE(f.ok());
  CHECK(f.status().message().find("'gexf'") != std::string::npos);
  ExportGraph g = Small();
  g.edges.push_back({4, 7, 99, "CREDITED", {}});
  std::ostringstream out;
  CHECK_FALSE(WriteGraph(g, ExportFormat::kDot, out).ok());
}

}  // namespace
}  // namespace liner::graph
