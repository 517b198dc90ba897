#pragma once
// StagedWrites: the nodes and edges one batch of a bulk real-data import creates, held in
// memory until the batch is flushed through a BulkLoader (resolve_batches.h).
//
// The resolver reads back and changes what it created a moment ago (a later record fills a
// gap, adds an alias, turns a Person into a Group), which a BulkLoader cannot do: its files
// only grow. So a batch's new records wait here, readable and changeable, under the ids the
// loader will give them (the loader's next ids when the batch began, in creation order), and
// WriteTo() hands them to the loader in id order when the batch ends.
// Memory: the records themselves (about 150-300 bytes per node or edge) for one batch; the two
// arrays keep the capacity of the largest batch so far (a few dozen bytes per slot).
// Not thread-safe.

#include <cstdint>
#include <vector>

#include "storage/bulk_load.h"
#include "storage/database.h"

namespace liner::import {

class StagedWrites {
 public:
  // Empties the stage; the next nodes and edges get ids from `first_node` / `first_edge` up.
  void Reset(NodeId first_node, EdgeId first_edge);

  NodeId AddNode(std::vector<TokenId> labels, PropertyMap props);
  EdgeId AddEdge(NodeId src, NodeId dst, TokenId type, PropertyMap props);
  // The staged record, or nullptr when `id` is not one of this batch's.
  NodeRecord* node(NodeId id);
  EdgeRecord* edge(EdgeId id);

  size_t nodes() const { return nodes_.size(); }
  size_t edges() const { return edges_.size(); }
  bool empty() const { return nodes_.empty() && edges_.empty(); }

  // Adds every staged node, then every edge, to `loader` (which must allocate exactly the
  // staged ids: Internal otherwise) and empties the stage.
  Status WriteTo(BulkLoader& loader);

 private:
  NodeId first_node_ = 0;
  EdgeId first_edge_ = 0;
  std::vector<NodeRecord> nodes_;
  std::vector<EdgeRecord> edges_;
};

}  // namespace liner::import
