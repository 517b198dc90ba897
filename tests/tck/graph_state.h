#pragma once
// GraphState: what the TCK's side-effect metrics observe in a graph (node ids, relationship ids,
// (entity, key, value) property triples, distinct labels), read straight from storage, and the
// difference of two states as the TCK's +nodes/-nodes/+relationships/... counts.
// Plain value types; thread-compatible.

#include <cstdint>
#include <map>
#include <set>
#include <string>

#include "storage/database.h"

namespace liner::tck {

struct GraphState {
  std::set<NodeId> nodes;
  std::set<EdgeId> relationships;
  std::set<std::string> properties;  // "n<id>\x1f<key>\x1f<literal>" or "r<id>..."
  std::set<std::string> labels;      // labels carried by at least one node
};

// Reads the state from a read-only snapshot of `db`.
Result<GraphState> ReadGraphState(Database* db);

// The side effects from `before` to `after`, keyed "+nodes", "-nodes", "+relationships",
// "-relationships", "+properties", "-properties", "+labels", "-labels" (all keys present).
std::map<std::string, int64_t> SideEffects(const GraphState& before, const GraphState& after);

}  // namespace liner::tck
