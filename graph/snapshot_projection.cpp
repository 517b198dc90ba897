// ResolveProjection: names of a Projection checked against the snapshot's tables and turned into
// bit tests. A name the snapshot has never seen is the caller's mistake, so it is an error that
// names it (a typo in a type must not silently give empty results).
#include <string>

#include "graph/snapshot_impl.h"

namespace liner::graph {

namespace {
std::string Known(const std::vector<std::string>& names, size_t skip = 0) {
  std::string out;
  for (size_t i = skip; i < names.size() && i < skip + 12; ++i) {
    out += (out.empty() ? "" : ", ") + names[i];
  }
  return out.empty() ? "none" : out;
}
}  // namespace

Result<ProjectionFilter> ResolveProjection(const Snapshot& snap, const Projection& p) {
  ProjectionFilter f;
  f.direction = p.direction;
  if (!p.types.empty()) {
    f.all_types = false;
    f.types.assign(snap.type_names().size(), false);
    for (const auto& t : p.types) {
      auto i = snap.TypeIndex(t);
      if (!i) {
        return Status::InvalidArgument("unknown relationship type '" + t +
                                       "' (known: " + Known(snap.type_names()) + ")");
      }
      f.types[*i] = true;
    }
  }
  if (!p.roles.empty()) {
    f.all_roles = false;
    f.roles.assign(snap.role_names().size(), false);
    for (const auto& r : p.roles) {
      auto i = snap.RoleIndex(r);
      if (!i || *i == 0) {
        return Status::InvalidArgument("unknown credit role '" + r +
                                       "' (known: " + Known(snap.role_names(), 1) + ")");
      }
      f.roles[*i] = true;
    }
  }
  if (!p.categories.empty()) {
    f.all_categories = false;
    for (const auto& c : p.categories) {
      auto cat = ParseCategory(c);
      if (!cat) {
        return Status::InvalidArgument(
            "unknown role category '" + c +
            "' (known: performance, writing, production, engineering, mixing, mastering, other)");
      }
      f.categories.set(static_cast<int>(*cat));
    }
  }
  if (!p.labels.empty()) {
    f.all_labels = false;
    for (const auto& l : p.labels) {
      auto i = snap.LabelIndex(l);
      if (!i) {
        return Status::InvalidArgument("unknown label '" + l +
                                       "' (known: " + Known(snap.label_names()) + ")");
      }
      f.labels |= LabelMask{1} << *i;
    }
  }
  return f;
}

Result<Vertex> RequireNode(const Snapshot& snap, NodeId id, const char* what) {
  auto i = snap.IndexOf(id);
  if (!i) {
    return Status::InvalidArgument(std::string(what) + ": node " + std::to_string(id) +
                                   " does not exist");
  }
  return *i;
}

}  // namespace liner::graph
