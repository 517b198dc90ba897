// :show — draws a query's result, or a node and its neighbours, with Graphviz.
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>
#include <set>
#include <sstream>

#include <unistd.h>

#include "cli/shell.h"
#include "graph/graph.h"
#include "graph/model.h"

namespace liner::cli {
namespace {

struct Picture {
  std::map<NodeId, std::string> nodes;  // id -> label text
  std::map<EdgeId, std::tuple<NodeId, NodeId, std::string>> edges;
};

std::string DotQuote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out + "\"";
}

bool LooksLikeCypher(const std::string& text) {
  std::string first;
  for (char c : text) {
    if (std::isalpha(static_cast<unsigned char>(c))) {
      first += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    } else if (!first.empty()) {
      break;
    }
  }
  for (const char* kw : {"MATCH", "OPTIONAL", "RETURN", "WITH", "UNWIND", "CALL"}) {
    if (first == kw) return true;
  }
  return false;
}

void AddValue(Picture& pic, graph::Graph& g, const query::QValue& v) {
  auto add_node = [&](NodeId id) {
    std::string label;
    for (const auto& l : g.LabelsOf(id)) label += (label.empty() ? "" : ":") + l;
    pic.nodes[id] = g.DisplayName(id) + "\n" + label;
  };
  switch (v.type()) {
    case query::QValue::Type::kNode: add_node(v.as_node().id); break;
    case query::QValue::Type::kRel: {
      const auto& r = v.as_rel();
      add_node(r.start);
      add_node(r.end);
      std::string text = r.data ? r.type() : "";
      if (r.data) {
        auto it = r.properties().find(model::kRole);
        if (it != r.properties().end()) text += "\n" + it->second.ToDisplayString();
      }
      pic.edges[r.id] = {r.start, r.end, text};
      break;
    }
    case query::QValue::Type::kPath:
      for (const auto& n : v.as_path().nodes) AddValue(pic, g, query::QValue(n));
      for (const auto& r : v.as_path().rels) AddValue(pic, g, query::QValue(r));
      break;
    case query::QValue::Type::kList:
      for (const auto& e : v.as_list()) AddValue(pic, g, e);
      break;
    default: break;
  }
}

// The node, its neighbours, and the far side of Sample nodes (so samples read song to song).
Status Neighbourhood(Picture& pic, graph::Graph& g, NodeId center) {
  std::vector<NodeId> frontier = {center};
  std::set<NodeId> expanded;
  for (size_t i = 0; i < frontier.size(); ++i) {
    NodeId n = frontier[i];
    if (!expanded.insert(n).second) continue;
    auto hops = g.Neighbors(n, {});
    if (!hops.ok()) return hops.status();
    for (const auto& h : *hops) {
      if (pic.nodes.size() > 200) break;
      for (NodeId id : {h.from, h.to}) {
        std::string label;
        for (const auto& l : g.LabelsOf(id)) label += (label.empty() ? "" : ":") + l;
        pic.nodes[id] = g.DisplayName(id) + "\n" + label;
      }
      std::string text = g.TypeName(h.edge.type);
      std::string role = g.EdgeProperty(h.edge, model::kRole);
      if (!role.empty()) text += "\n" + role;
      pic.edges[h.edge.id] = {h.edge.src, h.edge.dst, text};
      auto labels = g.LabelsOf(h.to);
      if (n == center &&
          std::find(labels.begin(), labels.end(), model::kSample) != labels.end()) {
        frontier.push_back(h.to);
      }
    }
  }
  return Status::OK();
}

}  // namespace

Status Show(Shell& shell, const std::string& args) {
  if (args.empty()) return Status::InvalidArgument("usage: :show QUERY|NAME");
  auto txn = shell.db()->BeginRead();
  graph::Graph g(txn.get());
  Picture pic;
  std::string title = args;
  if (LooksLikeCypher(args)) {
    std::string q = args;
    if (!q.empty() && q.back() == ';') q.pop_back();
    auto result = shell.Query(q, shell.params());
    if (!result.ok()) return result.status();
    for (const auto& row : result->rows) {
      for (const auto& v : row) AddValue(pic, g, v);
    }
  } else {
    auto id = shell.ResolveNode(args, {});
    if (!id.ok()) return id.status();
    title = g.DisplayName(*id);
    LINER_RETURN_IF_ERROR(Neighbourhood(pic, g, *id));
    if (pic.nodes.empty()) pic.nodes[*id] = g.DisplayName(*id);
  }
  if (pic.nodes.empty()) return Status::NotFound(":show: the query returned no nodes, "
                                                 "relationships or paths to draw");
  std::ostringstream dot;
  dot << "digraph liner {\n  label=" << DotQuote(title)
      << ";\n  rankdir=LR;\n  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n"
         "  edge [fontname=\"Helvetica\", fontsize=10];\n";
  for (const auto& [id, text] : pic.nodes) dot << "  n" << id << " [label=" << DotQuote(text) << "];\n";
  for (const auto& [id, e] : pic.edges) {
    const auto& [from, to, text] = e;
    if (!pic.nodes.count(from) || !pic.nodes.count(to)) continue;
    dot << "  n" << from << " -> n" << to << " [label=" << DotQuote(text) << "];\n";
  }
  dot << "}\n";
  static int counter = 0;
  std::error_code ec;
  auto dir = std::filesystem::temp_directory_path(ec);
  if (ec) dir = ".";
  std::string base = (dir / ("liner-show-" + std::to_string(::getpid()) + "-" +
                             std::to_string(++counter))).string();
  std::ofstream(base + ".dot") << dot.str();
  std::string cmd = "dot -Tsvg '" + base + ".dot' -o '" + base + ".svg' 2>/dev/null";
  if (std::system(cmd.c_str()) != 0) {
    shell.out() << "wrote " << base << ".dot (" << pic.nodes.size() << " nodes, "
                << pic.edges.size() << " relationships); install Graphviz ('dot') for an SVG\n";
    return Status::OK();
  }
  shell.out() << "wrote " << base << ".svg (" << pic.nodes.size() << " nodes, "
              << pic.edges.size() << " relationships)\n";
  return Status::OK();
}

}  // namespace liner::cli
