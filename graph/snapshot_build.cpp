// BuildSnapshot: one pass over storage. Labels come from one ScanLabel per label token (no
// node record is decoded), the node set from ScanNodes, and edges with their role/category
// from ForEachEdge.
#include <string>
#include <vector>

#include "graph/algo_control.h"
#include "graph/snapshot.h"
#include "storage/database.h"

namespace liner::graph {

Result<std::shared_ptr<const Snapshot>> BuildSnapshot(Transaction& txn, uint64_t generation,
                                                      const Interrupt* interrupt) {
  SnapshotBuilder b;
  b.set_generation(generation);
  uint64_t polls = 0;

  // Label bits per node, keyed by NodeId (sorted merge with the node scan below).
  std::vector<std::pair<NodeId, LabelMask>> label_bits;
  for (const auto& [token, name] : txn.Tokens(TokenKind::kLabel)) {
    uint32_t bit = b.InternLabel(name);
    if (bit >= 64) continue;  // Build() reports the overflow
    auto c = txn.ScanLabel(token);
    for (; c->Valid(); c->Next()) {
      label_bits.emplace_back(c->id(), LabelMask{1} << bit);
      LINER_RETURN_IF_ERROR(PollInterrupt(interrupt, &polls));
    }
    LINER_RETURN_IF_ERROR(c->status());
  }
  std::sort(label_bits.begin(), label_bits.end());

  size_t li = 0;
  auto nodes = txn.ScanNodes();
  for (; nodes->Valid(); nodes->Next()) {
    NodeId id = nodes->id();
    LabelMask mask = 0;
    while (li < label_bits.size() && label_bits[li].first < id) ++li;
    while (li < label_bits.size() && label_bits[li].first == id) mask |= label_bits[li++].second;
    b.AddNode(id, mask);
    LINER_RETURN_IF_ERROR(PollInterrupt(interrupt, &polls));
  }
  LINER_RETURN_IF_ERROR(nodes->status());
  label_bits = {};

  // Relationship type token -> snapshot type index.
  std::vector<uint32_t> type_of;
  for (const auto& [token, name] : txn.Tokens(TokenKind::kRelType)) {
    if (token >= type_of.size()) type_of.resize(token + 1, 0);
    type_of[token] = b.InternType(name);
  }
  TokenId role_key = txn.LookupToken(TokenKind::kPropertyKey, "role");
  TokenId category_key = txn.LookupToken(TokenKind::kPropertyKey, "category");

  Status interrupted;
  Status st = txn.ForEachEdge([&](const EdgeRecord& e) {
    uint32_t role = 0;
    RoleCategory category = RoleCategory::kNone;
    const Value* r = role_key != kNoToken ? e.props.Get(role_key) : nullptr;
    if (r != nullptr && r->is_string()) {
      role = b.InternRole(r->as_string());
      category = CategoryOfRole(r->as_string());
    }
    const Value* c = category_key != kNoToken ? e.props.Get(category_key) : nullptr;
    if (c != nullptr && c->is_string()) {
      category = ParseCategory(c->as_string()).value_or(RoleCategory::kOther);
    }
    uint32_t type = e.type < type_of.size() ? type_of[e.type] : b.InternType("?");
    b.AddEdge(e.id, e.src, e.dst, type, role, category);
    interrupted = PollInterrupt(interrupt, &polls);
    return interrupted.ok();
  });
  LINER_RETURN_IF_ERROR(interrupted);
  LINER_RETURN_IF_ERROR(st);
  return b.Build();
}

}  // namespace liner::graph
