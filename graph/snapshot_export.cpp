// Export through Boost.Graph's writers: the ExportGraph is copied into an adjacency_list and
// every attribute becomes a string property map in a dynamic_properties table.
#include "graph/snapshot_export.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphml.hpp>
#include <boost/graph/graphviz.hpp>
#include <boost/property_map/dynamic_property_map.hpp>
#include <algorithm>
#include <cctype>
#include <map>
#include <ostream>
#include <set>
#include <unordered_map>

#include "graph/algo_control.h"
#include "storage/database.h"

namespace liner::graph {

namespace {

using ExportBoostGraph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property,
                          boost::property<boost::edge_index_t, size_t>>;

std::string Join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

const std::string* Find(const ExportProps& props, const std::string& key) {
  for (const auto& [k, v] : props) {
    if (k == key) return &v;
  }
  return nullptr;
}

// Column of one attribute: a value per node or per edge ("" when absent).
template <typename Items>
std::map<std::string, std::vector<std::string>> Columns(const Items& items,
                                                        const std::set<std::string>& reserved) {
  std::map<std::string, std::vector<std::string>> cols;
  for (size_t i = 0; i < items.size(); ++i) {
    for (const auto& [k, v] : items[i].props) {
      std::string key = reserved.count(k) ? "prop_" + k : k;
      auto& col = cols[key];
      col.resize(items.size());
      col[i] = v;
    }
  }
  for (auto& [k, col] : cols) col.resize(items.size());
  return cols;
}

}  // namespace

Result<ExportFormat> ParseExportFormat(std::string_view name) {
  std::string n(name);
  std::transform(n.begin(), n.end(), n.begin(), ::tolower);
  if (n == "graphml") return ExportFormat::kGraphml;
  if (n == "dot" || n == "graphviz") return ExportFormat::kDot;
  if (n == "edgelist" || n == "edges") return ExportFormat::kEdgelist;
  return Status::InvalidArgument("unknown export format '" + std::string(name) +
                                 "' (known: graphml, dot, edgelist)");
}

Result<ExportGraph> CollectWholeGraph(Transaction& txn, const Interrupt* interrupt) {
  ExportGraph g;
  uint64_t polls = 0;
  auto props_text = [&](const PropertyMap& props) {
    ExportProps out;
    for (const auto& [key, value] : props.entries()) {
      out.emplace_back(txn.TokenName(TokenKind::kPropertyKey, key), value.ToString());
    }
    return out;
  };
  auto nodes = txn.ScanNodes();
  for (; nodes->Valid(); nodes->Next()) {
    LINER_RETURN_IF_ERROR(PollInterrupt(interrupt, &polls, 1024));
    LINER_ASSIGN_OR_RETURN(auto rec, txn.GetNode(nodes->id()));
    if (!rec) continue;
    ExportNode n{rec->id, {}, props_text(rec->props)};
    for (TokenId l : rec->labels) n.labels.push_back(txn.TokenName(TokenKind::kLabel, l));
    g.nodes.push_back(std::move(n));
  }
  LINER_RETURN_IF_ERROR(nodes->status());
  std::unordered_map<TokenId, std::string> type_names;
  Status interrupted;
  LINER_RETURN_IF_ERROR(txn.ForEachEdge([&](const EdgeRecord& e) {
    auto it = type_names.find(e.type);
    if (it == type_names.end()) {
      it = type_names.emplace(e.type, txn.TokenName(TokenKind::kRelType, e.type)).first;
    }
    g.edges.push_back({e.id, e.src, e.dst, it->second, props_text(e.props)});
    interrupted = PollInterrupt(interrupt, &polls, 1024);
    return interrupted.ok();
  }));
  LINER_RETURN_IF_ERROR(interrupted);
  return g;
}

Status WriteGraph(const ExportGraph& g, ExportFormat format, std::ostream& out) {
  std::unordered_map<NodeId, size_t> index;
  for (size_t i = 0; i < g.nodes.size(); ++i) index.emplace(g.nodes[i].id, i);
  for (const auto& e : g.edges) {
    if (!index.count(e.src) || !index.count(e.dst)) {
      return Status::InvalidArgument("export: relationship " + std::to_string(e.id) +
                                     " has an endpoint that is not exported");
    }
  }
  if (format == ExportFormat::kEdgelist) {
    out << "# source\ttarget\ttype\n";
    for (const auto& e : g.edges) out << e.src << '\t' << e.dst << '\t' << e.type << '\n';
    return out.good() ? Status::OK() : Status::IOError("export: write failed");
  }

  ExportBoostGraph bg(g.nodes.size());
  for (size_t i = 0; i < g.edges.size(); ++i) {
    boost::add_edge(index[g.edges[i].src], index[g.edges[i].dst], i, bg);
  }
  auto vindex = boost::get(boost::vertex_index, bg);
  auto eindex = boost::get(boost::edge_index, bg);
  boost::dynamic_properties dp(boost::ignore_other_properties);

  std::vector<std::string> node_ids, labels, node_label, edge_ids, types, edge_label;
  for (const auto& n : g.nodes) {
    node_ids.push_back(std::to_string(n.id));
    labels.push_back(Join(n.labels, ":"));
    const std::string* name = Find(n.props, "name");
    if (name == nullptr) name = Find(n.props, "title");
    node_label.push_back(name != nullptr ? *name : labels.back());
  }
  for (const auto& e : g.edges) {
    edge_ids.push_back(std::to_string(e.id));
    types.push_back(e.type);
    const std::string* role = Find(e.props, "role");
    edge_label.push_back(role != nullptr ? e.type + " (" + *role + ")" : e.type);
  }
  const std::set<std::string> reserved = {"id", "labels", "type", "label", "node_id"};
  auto node_cols = Columns(g.nodes, reserved);
  auto edge_cols = Columns(g.edges, reserved);
  auto vmap = [&](std::vector<std::string>& col) {
    return boost::make_iterator_property_map(col.begin(), vindex);
  };
  auto emap = [&](std::vector<std::string>& col) {
    return boost::make_iterator_property_map(col.begin(), eindex);
  };

  if (format == ExportFormat::kGraphml) {
    dp.property("labels", vmap(labels));
    dp.property("type", emap(types));
    dp.property("id", emap(edge_ids));
    for (auto& [k, col] : node_cols) dp.property(k, vmap(col));
    for (auto& [k, col] : edge_cols) dp.property(k, emap(col));
    // Node ids of the GraphML document are "n<index>"; the NodeId goes in the `id` attribute.
    dp.property("id", vmap(node_ids));
    boost::write_graphml(out, bg, vindex, dp, /*ordered_vertices=*/true);
  } else {
    dp.property("node_id", vmap(node_ids));
    dp.property("label", vmap(node_label));
    dp.property("labels", vmap(labels));
    dp.property("label", emap(edge_label));
    dp.property("type", emap(types));
    boost::write_graphviz_dp(out, bg, dp, "node_id");
  }
  return out.good() ? Status::OK() : Status::IOError("export: write failed");
}

}  // namespace liner::graph
