#pragma once
// Exporting a graph (the whole database or a query's result) for other tools: GraphML and
// Graphviz DOT through Boost.Graph's write_graphml / write_graphviz_dp, or a plain edge list.
// ExportGraph is plain data, so cli/ fills it without seeing Boost. Thread-compatible.

#include <iosfwd>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/status.h"
#include "storage/types.h"

namespace liner {
class Transaction;
}

namespace liner::graph {

class Interrupt;

using ExportProps = std::vector<std::pair<std::string, std::string>>;  // key, value as text

struct ExportNode {
  NodeId id = 0;
  std::vector<std::string> labels;
  ExportProps props;
};

struct ExportEdge {
  EdgeId id = 0;
  NodeId src = 0, dst = 0;
  std::string type;
  ExportProps props;
};

struct ExportGraph {
  std::vector<ExportNode> nodes;  // every edge endpoint must be among them
  std::vector<ExportEdge> edges;
};

enum class ExportFormat { kGraphml, kDot, kEdgelist };

// "graphml", "dot" (or "graphviz"), "edgelist"; InvalidArgument naming the format otherwise.
Result<ExportFormat> ParseExportFormat(std::string_view name);

// Every node and edge `txn` sees, with labels, types and properties as text.
Result<ExportGraph> CollectWholeGraph(Transaction& txn, const Interrupt* interrupt = nullptr);

// Writes `g`. GraphML: attributes `labels` (":"-joined), `type` and every property key as
// strings. DOT: node ids are NodeIds, `label` = name/title (else labels), edge label = type
// (and role). Edge list: "src<TAB>dst<TAB>type" lines after a "# source target type" header.
// InvalidArgument when an edge's endpoint is missing from g.nodes.
Status WriteGraph(const ExportGraph& g, ExportFormat format, std::ostream& out);

}  // namespace liner::graph
