// Recommendation (collaborators of collaborators, scored in one pass, explained in a second pass
// over the top k only) and sample lineage.
#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "graph/algo_credits.h"
#include "graph/algo_scratch.h"

namespace liner::graph {

namespace {

struct Collaborator {
  double strength = 0;      // role-weighted similarity to the seed
  double hub_damping = 1;   // 1 / log(2 + |works|)
  Vertex best_work = 0;     // strongest shared work with the seed
  double best_term = -1;
  uint16_t role_with_seed = 0;
};

}  // namespace

Result<std::vector<Recommendation>> Recommend(const Snapshot& snap, NodeId person, size_t k,
                                              size_t max_reasons, const Interrupt* interrupt) {
  CreditView cv(snap);
  const Snapshot::Impl& s = cv.impl();
  LINER_ASSIGN_OR_RETURN(Vertex p, cv.RequirePerson(person, "node"));
  uint64_t polls = 0;

  // Pass 0: the seed's collaborators and how strongly they are tied to the seed.
  std::vector<CreditEntry> works, people, cworks;
  cv.Works(p, &works);
  std::unordered_map<Vertex, Collaborator> collab;
  for (const CreditEntry& w : works) {
    LINER_RETURN_IF_ERROR(PollInterrupt(interrupt, &polls, 64));
    cv.People(w.v, &people);
    double size = static_cast<double>(people.size());
    for (const CreditEntry& c : people) {
      if (c.v == p) continue;
      double term = w.weight * c.weight / std::log(1 + size);
      Collaborator& info = collab[c.v];
      info.strength += term;
      if (term > info.best_term) {
        info.best_term = term;
        info.best_work = w.v;
        info.role_with_seed = c.role;
      }
    }
  }
  std::vector<Vertex> order;
  order.reserve(collab.size());
  for (const auto& [c, info] : collab) order.push_back(c);
  std::sort(order.begin(), order.end());  // fixed summation order: reproducible scores
  // The seed and its collaborators are never candidates: an O(1) mark per vertex.
  StampedArray& known = ThreadScratch(1);
  known.Reset(s.ids.size());
  known.Set(p, 1);
  for (Vertex c : order) known.Set(c, 1);

  // Pass 1: score every 3-hop person.
  thread_local std::vector<double> score;
  if (score.size() != s.ids.size()) score.assign(s.ids.size(), 0.0);
  std::vector<Vertex> touched;
  auto cleanup = [&] {
    for (Vertex v : touched) score[v] = 0;
  };
  for (Vertex c : order) {
    Collaborator& info = collab[c];
    cv.Works(c, &cworks);
    info.hub_damping = 1 / std::log(2 + static_cast<double>(cworks.size()));
    for (const CreditEntry& t : cworks) {
      Status st = PollInterrupt(interrupt, &polls, 64);
      if (!st.ok()) {
        cleanup();
        return st;
      }
      cv.People(t.v, &people);
      double base = info.strength * info.hub_damping * t.weight /
                    std::log(1 + static_cast<double>(people.size()));
      for (const CreditEntry& q : people) {
        if (known.Has(q.v)) continue;
        if (score[q.v] == 0) touched.push_back(q.v);
        score[q.v] += base * q.weight;
      }
    }
  }
  std::vector<NodeScore> ranked;
  ranked.reserve(touched.size());
  for (Vertex v : touched) ranked.push_back({s.ids[v], score[v]});
  cleanup();
  SortScores(&ranked, k);

  // Pass 2: explain each of the top k by recomputing its contributions per collaborator.
  std::vector<Recommendation> out;
  for (const NodeScore& r : ranked) {
    LINER_RETURN_IF_ERROR(PollInterrupt(interrupt, &polls, 1));
    Vertex q = *snap.IndexOf(r.node);
    Recommendation rec{r.node, r.score, 0, {}};
    std::unordered_map<Vertex, RecommendReason> by_via;
    std::unordered_map<Vertex, double> best_term;
    cv.Works(q, &cworks);
    for (const CreditEntry& t : cworks) {
      cv.People(t.v, &people);
      double size = static_cast<double>(people.size());
      for (const CreditEntry& c : people) {
        auto it = collab.find(c.v);
        if (it == collab.end()) continue;
        const Collaborator& info = it->second;
        double term = info.strength * info.hub_damping * c.weight * t.weight / std::log(1 + size);
        RecommendReason& reason = by_via[c.v];
        reason.contribution += term;
        if (term > best_term[c.v]) {
          best_term[c.v] = term;
          reason.via = s.ids[c.v];
          reason.work_with_seed = s.ids[info.best_work];
          reason.work_with_candidate = s.ids[t.v];
          reason.via_role_with_seed = s.role_names[info.role_with_seed];
          reason.via_role_with_candidate = s.role_names[c.role];
          reason.candidate_role = s.role_names[t.role];
        }
      }
    }
    rec.shared_collaborators = by_via.size();
    for (auto& [v, reason] : by_via) rec.reasons.push_back(std::move(reason));
    std::sort(rec.reasons.begin(), rec.reasons.end(),
              [](const RecommendReason& a, const RecommendReason& b) {
                return a.contribution != b.contribution ? a.contribution > b.contribution
                                                        : a.via < b.via;
              });
    if (rec.reasons.size() > max_reasons) rec.reasons.resize(max_reasons);
    out.push_back(std::move(rec));
  }
  return out;
}

std::string FormatReason(const RecommendReason& r,
                         const std::function<std::string(NodeId)>& name_of) {
  auto role = [](const std::string& s) { return s.empty() ? std::string("credited") : s; };
  return name_of(r.via) + ": " + role(r.via_role_with_seed) + " on '" +
         name_of(r.work_with_seed) + "' with the seed; " + role(r.via_role_with_candidate) +
         " on '" + name_of(r.work_with_candidate) + "' (they: " + role(r.candidate_role) + ")";
}

Result<std::vector<LineageEntry>> Lineage(const Snapshot& snap, NodeId song, int max_depth,
                                          const Interrupt* interrupt) {
  const Snapshot::Impl& s = snap.impl();
  LINER_ASSIGN_OR_RETURN(Vertex start, RequireNode(snap, song, "song"));
  if (!snap.HasLabel(start, "Song")) {
    return Status::InvalidArgument("song: node " + std::to_string(song) + " is not a Song");
  }
  if (max_depth < 0) return Status::InvalidArgument("depth must be >= 0");
  auto has_sample = snap.TypeIndex("HAS_SAMPLE");
  auto samples = snap.TypeIndex("SAMPLES");
  auto song_label = snap.LabelIndex("Song");
  auto is_song = [&](Vertex v) { return (s.labels[v] >> *song_label & 1) != 0; };
  std::vector<LineageEntry> out;
  if (!samples) return out;
  uint64_t polls = 0;

  // One song hop: up follows HAS_SAMPLE then SAMPLES forwards (or SAMPLES song -> song); down
  // follows them backwards.
  auto step = [&](Vertex v, bool up, std::vector<Vertex>* next) {
    auto follow = [&](Vertex x, const EdgeProps& p, Vertex y) {
      if (p.type == *samples && is_song(y)) {
        next->push_back(y);
      } else if (has_sample && p.type == *has_sample && !is_song(y)) {
        // y is a Sample: continue along SAMPLES in the same direction.
        if (up) {
          for (auto [it, end] = boost::out_edges(y, s.g); it != end; ++it) {
            Vertex z = boost::target(*it, s.g);
            if (s.g[*it].type == *samples && is_song(z)) next->push_back(z);
          }
        }
      }
    };
    if (up) {
      for (auto [it, end] = boost::out_edges(v, s.g); it != end; ++it) {
        follow(v, s.g[*it], boost::target(*it, s.g));
      }
      return;
    }
    for (auto [it, end] = boost::in_edges(v, s.g); it != end; ++it) {
      const EdgeProps& p = s.g[*it];
      Vertex x = boost::source(*it, s.g);
      if (p.type != *samples) continue;
      if (is_song(x)) {
        next->push_back(x);
      } else if (has_sample) {
        for (auto [jt, jend] = boost::in_edges(x, s.g); jt != jend; ++jt) {
          Vertex y = boost::source(*jt, s.g);
          if (s.g[*jt].type == *has_sample && is_song(y)) next->push_back(y);
        }
      }
    }
  };

  for (bool up : {true, false}) {
    StampedArray& seen = ThreadScratch(0);
    seen.Reset(s.ids.size());
    seen.Set(start, 0);
    std::vector<Vertex> frontier{start};
    for (int d = 1; (max_depth == 0 || d <= max_depth) && !frontier.empty(); ++d) {
      std::vector<Vertex> next, fresh;
      for (Vertex v : frontier) {
        LINER_RETURN_IF_ERROR(PollInterrupt(interrupt, &polls, 256));
        step(v, up, &next);
      }
      for (Vertex v : next) {
        if (!seen.Has(v)) {
          seen.Set(v, d);
          fresh.push_back(v);
        }
      }
      std::sort(fresh.begin(), fresh.end());
      for (Vertex v : fresh) out.push_back({s.ids[v], d, up});
      frontier = std::move(fresh);
    }
  }
  return out;
}

}  // namespace liner::graph
