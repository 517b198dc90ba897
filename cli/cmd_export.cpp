// liner export: the whole graph, or the nodes and relationships a query returns, as GraphML,
// Graphviz DOT or an edge list (graph/snapshot_export.h does the writing with Boost.Graph).
#include <fstream>
#include <iostream>
#include <set>

#include "cli/db_open.h"
#include "graph/snapshot_export.h"
#include "query/engine.h"

namespace liner::cli {

namespace {

graph::ExportProps PropsText(const query::QMap& props) {
  graph::ExportProps out;
  for (const auto& [k, v] : props) out.emplace_back(k, v.ToDisplayString());
  return out;
}

// Collects nodes, relationships and the parts of paths from every value of a result row.
struct QueryCollector {
  graph::ExportGraph g;
  std::set<NodeId> nodes;
  std::set<EdgeId> edges;

  void Add(const query::QValue& v) {
    if (v.is_node()) {
      AddNode(v.as_node());
    } else if (v.is_rel()) {
      AddRel(v.as_rel());
    } else if (v.is_path()) {
      for (const auto& n : v.as_path().nodes) AddNode(n);
      for (const auto& r : v.as_path().rels) AddRel(r);
    } else if (v.is_list()) {
      for (const auto& e : v.as_list()) Add(e);
    } else if (v.is_map()) {
      for (const auto& [k, e] : v.as_map()) Add(e);
    }
  }
  void AddNode(const query::QNode& n) {
    if (!nodes.insert(n.id).second) return;
    g.nodes.push_back({n.id, n.labels(), PropsText(n.properties())});
  }
  void AddRel(const query::QRel& r) {
    if (!edges.insert(r.id).second) return;
    g.edges.push_back({r.id, r.start, r.end, r.type(), PropsText(r.properties())});
  }
  // Endpoints of returned relationships that were not returned themselves.
  Status AddMissingEndpoints(Transaction& txn) {
    std::vector<NodeId> missing;
    for (const auto& e : g.edges) {
      for (NodeId id : {e.src, e.dst}) {
        if (!nodes.count(id)) missing.push_back(id);
      }
    }
    for (NodeId id : missing) {
      if (nodes.count(id)) continue;
      LINER_ASSIGN_OR_RETURN(auto rec, txn.GetNode(id));
      if (!rec) return Status::NotFound("node " + std::to_string(id));
      graph::ExportNode n{id, {}, {}};
      for (TokenId l : rec->labels) n.labels.push_back(txn.TokenName(TokenKind::kLabel, l));
      for (const auto& [key, value] : rec->props.entries()) {
        n.props.emplace_back(txn.TokenName(TokenKind::kPropertyKey, key), value.ToString());
      }
      nodes.insert(id);
      g.nodes.push_back(std::move(n));
    }
    return Status::OK();
  }
};

Result<graph::ExportGraph> FromQuery(Database& db, const std::string& cypher) {
  query::Engine engine(&db);
  LINER_ASSIGN_OR_RETURN(auto cursor, engine.Execute(cypher));
  QueryCollector c;
  std::vector<query::QValue> row;
  while (cursor->Next(&row)) {
    for (const auto& v : row) c.Add(v);
  }
  LINER_RETURN_IF_ERROR(cursor->status());
  auto txn = db.BeginRead();
  LINER_RETURN_IF_ERROR(c.AddMissingEndpoints(*txn));
  return std::move(c.g);
}

}  // namespace

int CmdExport(const std::vector<std::string>& args, Io& io) {
  Flags flags("liner export");
  flags.Value("db").Value("format").Value("query").Value("out");
  Status st = flags.Parse(args);
  Result<graph::ExportFormat> format = graph::ExportFormat::kGraphml;
  if (st.ok()) {
    format = graph::ParseExportFormat(flags.Get("format", "graphml"));
    if (!format.ok()) st = format.status().WithContext("liner export: --format");
  }
  if (st.ok() && !flags.positionals().empty()) {
    st = Status::InvalidArgument("liner export: unexpected argument '" +
                                 flags.positionals()[0] + "'");
  }
  if (!st.ok()) {
    io.err << "error: " << st.message() << "\n";
    return 2;
  }
  auto db = OpenDatabase(flags, io, /*read_only=*/true);
  if (!db.ok()) {
    io.err << "error: " << db.status().message() << "\n";
    return 1;
  }
  Result<graph::ExportGraph> g = Status::OK();
  if (flags.Has("query")) {
    g = FromQuery(**db, flags.Get("query"));
  } else {
    auto txn = (*db)->BeginRead();
    g = graph::CollectWholeGraph(*txn);
  }
  if (!g.ok()) {
    io.err << "error: " << g.status().message() << "\n";
    return 1;
  }
  std::ofstream file;
  std::ostream* out = &io.out;
  if (flags.Has("out")) {
    file.open(flags.Get("out"), std::ios::binary);
    if (!file) {
      io.err << "error: liner export: cannot write '" << flags.Get("out") << "'\n";
      return 1;
    }
    out = &file;
  }
  st = graph::WriteGraph(*g, *format, *out);
  if (!st.ok()) {
    io.err << "error: " << st.message() << "\n";
    return 1;
  }
  if (flags.Has("out")) {
    io.err << "exported " << g->nodes.size() << " nodes and " << g->edges.size()
           << " relationships to " << flags.Get("out") << "\n";
  }
  return 0;
}

}  // namespace liner::cli
