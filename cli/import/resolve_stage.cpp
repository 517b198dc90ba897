// A batch's new nodes and edges, in memory until flushed (see resolve_stage.h).
#include "cli/import/resolve_stage.h"

#include <algorithm>
#include <string>

namespace liner::import {

void StagedWrites::Reset(NodeId first_node, EdgeId first_edge) {
  first_node_ = first_node;
  first_edge_ = first_edge;
  // clear(), not a fresh vector: the arrays keep their size from one batch to the next
  // instead of growing again by copies into freshly faulted pages.
  nodes_.clear();
  edges_.clear();
}

NodeId StagedWrites::AddNode(std::vector<TokenId> labels, PropertyMap props) {
  std::sort(labels.begin(), labels.end());
  labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
  NodeRecord& r = nodes_.emplace_back();
  r.id = first_node_ + nodes_.size() - 1;
  r.labels = std::move(labels);
  r.props = std::move(props);
  return r.id;
}

EdgeId StagedWrites::AddEdge(NodeId src, NodeId dst, TokenId type, PropertyMap props) {
  EdgeRecord& r = edges_.emplace_back();
  r.id = first_edge_ + edges_.size() - 1;
  r.src = src;
  r.dst = dst;
  r.type = type;
  r.props = std::move(props);
  return r.id;
}

NodeRecord* StagedWrites::node(NodeId id) {
  if (id < first_node_ || id - first_node_ >= nodes_.size()) return nullptr;
  return &nodes_[id - first_node_];
}

EdgeRecord* StagedWrites::edge(EdgeId id) {
  if (id < first_edge_ || id - first_edge_ >= edges_.size()) return nullptr;
  return &edges_[id - first_edge_];
}

Status StagedWrites::WriteTo(BulkLoader& loader) {
  loader.Reserve(nodes_.size(), edges_.size());
  for (NodeRecord& r : nodes_) {
    LINER_ASSIGN_OR_RETURN(NodeId id, loader.AddNode(std::move(r.labels), r.props));
    if (id != r.id) {
      return Status::Internal("bulk import: node " + std::to_string(r.id) + " was loaded as " +
                              std::to_string(id));
    }
  }
  nodes_.clear();  // frees the records' properties before the edges are encoded
  for (const EdgeRecord& r : edges_) {
    LINER_ASSIGN_OR_RETURN(EdgeId id, loader.AddEdge(r.src, r.dst, r.type, r.props));
    if (id != r.id) {
      return Status::Internal("bulk import: edge " + std::to_string(r.id) + " was loaded as " +
                              std::to_string(id));
    }
  }
  edges_.clear();
  return Status::OK();
}

}  // namespace liner::import
