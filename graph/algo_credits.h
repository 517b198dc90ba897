#pragma once
// Private to graph/: the person–work view of a snapshot used by similarity, recommendation and
// lineage. A "person" is a Person or Group node; a "work" is whatever a CREDITED edge points at.

#include <vector>

#include "graph/algo_similarity.h"
#include "graph/snapshot_impl.h"

namespace liner::graph {

struct CreditEntry {
  Vertex v = 0;       // the work (from Works) or the person (from People)
  float weight = 0;   // best role weight on that work
  uint16_t role = 0;  // the role giving that weight
};

class CreditView {
 public:
  explicit CreditView(const Snapshot& snap);

  bool has_credits() const { return credited_ >= 0; }
  bool IsPerson(Vertex v) const { return (s_.labels[v] & people_) != 0; }
  // Distinct works of person v (in edge-id order), each with v's best role on it. Uses
  // ThreadScratch(2).
  void Works(Vertex v, std::vector<CreditEntry>* out) const { Collect(v, true, out); }
  // Distinct people credited on work w (in edge-id order), each with their best role on it.
  void People(Vertex w, std::vector<CreditEntry>* out) const { Collect(w, false, out); }
  // InvalidArgument unless id is a Person or Group of the snapshot.
  Result<Vertex> RequirePerson(NodeId id, const char* what) const;
  const Snapshot::Impl& impl() const { return s_; }

 private:
  void Collect(Vertex v, bool out_edges, std::vector<CreditEntry>* out) const;

  const Snapshot& snap_;
  const Snapshot::Impl& s_;
  int credited_ = -1;
  LabelMask people_ = 0;
};

}  // namespace liner::graph
