// Per-seed similarity on the person–work graph, and the CreditView it walks.
#include "graph/algo_similarity.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <unordered_map>

#include "graph/algo_credits.h"
#include "graph/algo_scratch.h"

namespace liner::graph {

double CategoryWeight(RoleCategory c) {
  switch (c) {
    case RoleCategory::kProduction: return 1.0;
    case RoleCategory::kPerformance: return 0.8;
    case RoleCategory::kWriting: return 0.8;
    case RoleCategory::kMixing: return 0.5;
    case RoleCategory::kEngineering: return 0.4;
    case RoleCategory::kMastering: return 0.2;
    case RoleCategory::kOther:
    case RoleCategory::kNone: return 0.3;
  }
  return 0.3;
}

Result<SimilarityMetric> ParseSimilarityMetric(std::string_view name) {
  std::string n;
  for (char c : name) {
    if (c != '_' && c != '-' && c != ' ') n += static_cast<char>(std::tolower(c));
  }
  if (n == "jaccard") return SimilarityMetric::kJaccard;
  if (n == "adamicadar" || n == "aa") return SimilarityMetric::kAdamicAdar;
  if (n == "roleweighted" || n == "weighted" || n == "role") {
    return SimilarityMetric::kRoleWeighted;
  }
  return Status::InvalidArgument("unknown similarity metric '" + std::string(name) +
                                 "' (known: jaccard, adamic_adar, role_weighted)");
}

// ---- CreditView ----

CreditView::CreditView(const Snapshot& snap) : snap_(snap), s_(snap.impl()) {
  if (auto t = snap.TypeIndex("CREDITED")) credited_ = static_cast<int>(*t);
  for (const char* l : {"Person", "Group"}) {
    if (auto i = snap.LabelIndex(l)) people_ |= LabelMask{1} << *i;
  }
}

Result<Vertex> CreditView::RequirePerson(NodeId id, const char* what) const {
  LINER_ASSIGN_OR_RETURN(Vertex v, RequireNode(snap_, id, what));
  if (!IsPerson(v)) {
    return Status::InvalidArgument(std::string(what) + ": node " + std::to_string(id) +
                                   " is not a Person or Group");
  }
  return v;
}

void CreditView::Collect(Vertex v, bool out_edges, std::vector<CreditEntry>* out) const {
  out->clear();
  if (credited_ < 0) return;
  auto add = [&](Vertex u, const EdgeProps& p) {
    if (p.type != credited_) return;
    if (!out_edges && !IsPerson(u)) return;
    out->push_back({u, static_cast<float>(CategoryWeight(p.category)), p.role});
  };
  if (out_edges) {
    for (auto [it, end] = boost::out_edges(v, s_.g); it != end; ++it) {
      add(boost::target(*it, s_.g), s_.g[*it]);
    }
  } else {
    for (auto [it, end] = boost::in_edges(v, s_.g); it != end; ++it) {
      add(boost::source(*it, s_.g), s_.g[*it]);
    }
  }
  // Distinct by vertex (first-seen order, i.e. edge-id order), keeping the best weight. A
  // stamped position table makes this O(degree) instead of a sort per call.
  StampedArray& pos = ThreadScratch(2);
  pos.Reset(s_.ids.size());
  size_t kept = 0;
  for (size_t i = 0; i < out->size(); ++i) {
    CreditEntry e = (*out)[i];
    if (pos.Has(e.v)) {
      CreditEntry& prev = (*out)[pos.Get(e.v)];
      if (e.weight > prev.weight) prev = e;
    } else {
      pos.Set(e.v, static_cast<uint32_t>(kept));
      (*out)[kept++] = e;
    }
  }
  out->resize(kept);
}

// ---- Similar ----

Result<std::vector<NodeScore>> Similar(const Snapshot& snap, NodeId person, size_t k,
                                       SimilarityMetric metric, const Interrupt* interrupt) {
  CreditView cv(snap);
  LINER_ASSIGN_OR_RETURN(Vertex p, cv.RequirePerson(person, "node"));
  std::vector<CreditEntry> works, people;
  cv.Works(p, &works);
  struct Acc {
    double shared = 0, aa = 0, rw = 0;
  };
  std::unordered_map<Vertex, Acc> acc;
  uint64_t polls = 0;
  for (const CreditEntry& w : works) {
    LINER_RETURN_IF_ERROR(PollInterrupt(interrupt, &polls, 64));
    cv.People(w.v, &people);
    double size = static_cast<double>(people.size());
    for (const CreditEntry& q : people) {
      if (q.v == p) continue;
      Acc& a = acc[q.v];
      a.shared += 1;
      a.aa += 1 / std::log(std::max(size, 2.0));
      a.rw += w.weight * q.weight / std::log(1 + size);
    }
  }
  std::vector<NodeScore> out;
  out.reserve(acc.size());
  std::vector<CreditEntry> qworks;
  for (const auto& [q, a] : acc) {
    double score = 0;
    switch (metric) {
      case SimilarityMetric::kJaccard: {
        LINER_RETURN_IF_ERROR(PollInterrupt(interrupt, &polls, 64));
        cv.Works(q, &qworks);
        score = a.shared / (static_cast<double>(works.size() + qworks.size()) - a.shared);
        break;
      }
      case SimilarityMetric::kAdamicAdar: score = a.aa; break;
      case SimilarityMetric::kRoleWeighted: score = a.rw; break;
    }
    out.push_back({snap.node_id(q), score});
  }
  SortScores(&out, k);
  return out;
}

}  // namespace liner::graph
