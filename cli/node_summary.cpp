// Short descriptions that tell same-named nodes apart (see node_summary.h).
#include "cli/node_summary.h"

#include <algorithm>
#include <map>

#include "graph/model.h"

namespace liner::cli {
namespace {

// The names of the nodes `id` reaches over `type` edges in `dir`, at most `max`.
std::vector<std::string> Across(graph::Graph& g, NodeId id, const char* type, Direction dir,
                                size_t max) {
  graph::EdgeFilter f;
  f.types = {type};
  f.direction = dir;
  std::vector<std::string> out;
  auto hops = g.Neighbors(id, f);
  if (!hops.ok()) return out;
  for (const auto& h : *hops) {
    std::string name = g.DisplayName(h.to);
    if (std::find(out.begin(), out.end(), name) != out.end()) continue;
    if (out.size() == max) {
      out.push_back("…");
      break;
    }
    out.push_back(name);
  }
  return out;
}

std::string Join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

}  // namespace

std::string TopCredits(graph::Graph& g, NodeId id, size_t max_nodes) {
  graph::EdgeFilter f;
  f.types = {model::kCredited};
  auto hops = g.Neighbors(id, f);
  if (!hops.ok()) return "";
  struct Other {
    size_t first;  // order of appearance, for ties
    bool forward;
    std::vector<std::string> roles;
  };
  std::map<NodeId, Other> others;
  for (const auto& h : *hops) {
    auto [it, fresh] = others.try_emplace(h.to, Other{others.size(), h.forward, {}});
    std::string role = g.EdgeProperty(h.edge, model::kRole);
    if (role.empty()) role = "credited";
    auto& roles = it->second.roles;
    if (std::find(roles.begin(), roles.end(), role) == roles.end()) roles.push_back(role);
  }
  std::vector<std::pair<NodeId, const Other*>> order;
  for (const auto& [node, o] : others) order.push_back({node, &o});
  std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
    if (a.second->roles.size() != b.second->roles.size()) {
      return a.second->roles.size() > b.second->roles.size();
    }
    return a.second->first < b.second->first;
  });
  std::vector<std::string> parts;
  for (const auto& [node, o] : order) {
    if (parts.size() == max_nodes) {
      parts.push_back("…");
      break;
    }
    std::string roles = Join(o->roles, ", ");
    parts.push_back(o->forward ? roles + " on " + g.DisplayName(node)
                               : g.DisplayName(node) + " (" + roles + ")");
  }
  return Join(parts, "; ");
}

std::string Context(graph::Graph& g, NodeId id) {
  std::vector<std::string> parts;
  auto albums = Across(g, id, model::kAppearsOn, Direction::kOut, 2);
  if (!albums.empty()) parts.push_back("on " + Join(albums, ", "));
  auto groups = Across(g, id, model::kMemberOf, Direction::kOut, 2);
  if (!groups.empty()) parts.push_back("member of " + Join(groups, ", "));
  auto members = Across(g, id, model::kMemberOf, Direction::kIn, 3);
  if (!members.empty()) parts.push_back("members " + Join(members, ", "));
  return Join(parts, "; ");
}

}  // namespace liner::cli
