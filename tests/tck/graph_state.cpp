#include "tests/tck/graph_state.h"

#include <algorithm>
#include <iterator>

namespace liner::tck {

namespace {

void AddProps(char kind, uint64_t id, const PropertyMap& props, Transaction* tx,
              std::set<std::string>* out) {
  for (const auto& [key, value] : props.entries()) {
    out->insert(std::string(1, kind) + std::to_string(id) + "\x1f" +
                tx->TokenName(TokenKind::kPropertyKey, key) + "\x1f" + value.ToLiteral());
  }
}

template <typename T>
int64_t CountMissing(const std::set<T>& a, const std::set<T>& b) {
  // Elements of a that are not in b.
  int64_t n = 0;
  for (const auto& x : a) n += b.count(x) ? 0 : 1;
  return n;
}

}  // namespace

Result<GraphState> ReadGraphState(Database* db) {
  GraphState state;
  auto tx = db->BeginRead();
  auto cursor = tx->ScanNodes();
  for (; cursor->Valid(); cursor->Next()) {
    NodeId id = cursor->id();
    auto node = tx->GetNode(id);
    if (!node.ok()) return node.status();
    if (!node->has_value()) continue;
    state.nodes.insert(id);
    for (TokenId l : (*node)->labels) state.labels.insert(tx->TokenName(TokenKind::kLabel, l));
    AddProps('n', id, (*node)->props, tx.get(), &state.properties);
  }
  LINER_RETURN_IF_ERROR(cursor->status());
  LINER_RETURN_IF_ERROR(tx->ForEachEdge([&](const EdgeRecord& e) {
    state.relationships.insert(e.id);
    AddProps('r', e.id, e.props, tx.get(), &state.properties);
    return true;
  }));
  return state;
}

std::map<std::string, int64_t> SideEffects(const GraphState& before, const GraphState& after) {
  return {
      {"+nodes", CountMissing(after.nodes, before.nodes)},
      {"-nodes", CountMissing(before.nodes, after.nodes)},
      {"+relationships", CountMissing(after.relationships, before.relationships)},
      {"-relationships", CountMissing(before.relationships, after.relationships)},
      {"+properties", CountMissing(after.properties, before.properties)},
      {"-properties", CountMissing(before.properties, after.properties)},
      {"+labels", CountMissing(after.labels, before.labels)},
      {"-labels", CountMissing(before.labels, after.labels)},
  };
}

}  // namespace liner::tck
