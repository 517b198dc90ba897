// Recommendation: collaborators of collaborators, scored in one pass, explained in a second pass
// over the top k only.
//
// Hub collaborators (a mastering engineer on thousands of songs) dominate the scoring pass: each
// of their works' people is visited. Their part of the score does not depend on the seed except
// through one factor, so it is computed once per snapshot as a co-credit profile
//   profile(c)[q] = Σ over works t of c with q on it: weight(c on t) · weight(q on t) / log(1 + |people on t|)
// (sorted by q, exact) and a query adds strength · damping · profile(c)[q]. Profiles are cached
// in the snapshot up to a memory budget; past it they are computed per query (same result).
#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "graph/algo_credits.h"
#include "graph/algo_scratch.h"

namespace liner::graph {

namespace {

struct Profile;

struct Collaborator {
  double strength = 0;      // role-weighted similarity to the seed
  double hub_damping = 1;   // 1 / log(2 + |works|)
  Vertex best_work = 0;     // strongest shared work with the seed
  double best_term = -1;
  uint16_t role_with_seed = 0;
  std::shared_ptr<const Profile> profile;  // set for hubs
};

// Collaborators with at least this many works are scored through their cached profile.
constexpr size_t kHubWorks = 64;
// Cached profile entries per snapshot (12 bytes each): about 200 MB at most.
constexpr size_t kProfileBudget = 16u << 20;

struct Profile {
  size_t works = 0;             // |works of c|
  std::vector<Vertex> people;   // ascending
  std::vector<double> weights;  // profile(c)[people[i]]

  // profile(c)[q], 0 when q shares no work with c.
  double Of(Vertex q) const {
    auto it = std::lower_bound(people.begin(), people.end(), q);
    return it != people.end() && *it == q ? weights[it - people.begin()] : 0.0;
  }
};

// A dense accumulator over node indices with the list of touched slots (per thread).
struct DenseSum {
  std::vector<double> value;
  std::vector<Vertex> touched;
  void Reset(size_t n) {
    if (value.size() != n) value.assign(n, 0.0);
  }
  void Add(Vertex v, double x) {
    if (value[v] == 0) touched.push_back(v);
    value[v] += x;
  }
  void Clear() {
    for (Vertex v : touched) value[v] = 0;
    touched.clear();
  }
};

}  // namespace

struct Snapshot::Impl::CoCreditCache {
  std::mutex mu;
  std::unordered_map<Vertex, std::shared_ptr<const Profile>> profiles;
  size_t entries = 0;
};

namespace {

Snapshot::Impl::CoCreditCache& CacheOf(const Snapshot::Impl& s) {
  std::lock_guard<std::mutex> lock(s.cache_mu);
  if (!s.cocredit) s.cocredit = std::make_shared<Snapshot::Impl::CoCreditCache>();
  return *s.cocredit;
}

// profile(c) from c's works (as returned by CreditView::Works).
std::shared_ptr<const Profile> ComputeProfile(const CreditView& cv, Vertex c,
                                              const std::vector<CreditEntry>& cworks) {
  thread_local DenseSum acc;
  thread_local std::vector<CreditEntry> people;
  acc.Reset(cv.impl().ids.size());
  for (const CreditEntry& t : cworks) {
    cv.People(t.v, &people);
    double base = t.weight / std::log(1 + static_cast<double>(people.size()));
    for (const CreditEntry& q : people) {
      if (q.v != c) acc.Add(q.v, base * q.weight);
    }
  }
  auto p = std::make_shared<Profile>();
  p->works = cworks.size();
  std::sort(acc.touched.begin(), acc.touched.end());
  p->people = acc.touched;
  p->weights.reserve(p->people.size());
  for (Vertex q : p->people) p->weights.push_back(acc.value[q]);
  acc.Clear();
  return p;
}

// The cached profile of c, or null.
std::shared_ptr<const Profile> CachedProfile(const Snapshot::Impl& s, Vertex c) {
  auto& cache = CacheOf(s);
  std::lock_guard<std::mutex> lock(cache.mu);
  auto it = cache.profiles.find(c);
  return it != cache.profiles.end() ? it->second : nullptr;
}

std::shared_ptr<const Profile> ProfileOf(const CreditView& cv, Vertex c,
                                         const std::vector<CreditEntry>& cworks) {
  auto& cache = CacheOf(cv.impl());
  if (auto p = CachedProfile(cv.impl(), c)) return p;
  auto p = ComputeProfile(cv, c, cworks);
  std::lock_guard<std::mutex> lock(cache.mu);
  if (cache.entries + p->people.size() <= kProfileBudget) {
    auto [it, inserted] = cache.profiles.emplace(c, p);
    if (inserted) cache.entries += p->people.size();
    return it->second;
  }
  return p;
}

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

  // Pass 1: score every 3-hop person (hubs through their profile).
  thread_local DenseSum score;
  score.Reset(s.ids.size());
  score.Clear();
  for (Vertex c : order) {
    Collaborator& info = collab[c];
    Status st = PollInterrupt(interrupt, &polls, 8);
    if (!st.ok()) {
      score.Clear();
      return st;
    }
    // A cached hub needs no walk at all; a hub's out-degree is at least its work count.
    if (boost::out_degree(c, s.g) >= kHubWorks) info.profile = CachedProfile(s, c);
    if (!info.profile) {
      cv.Works(c, &cworks);
      if (cworks.size() >= kHubWorks) info.profile = ProfileOf(cv, c, cworks);
    }
    size_t num_works = info.profile ? info.profile->works : cworks.size();
    info.hub_damping = 1 / std::log(2 + static_cast<double>(num_works));
    if (info.profile) {
      const Profile& profile = *info.profile;
      double factor = info.strength * info.hub_damping;
      for (size_t i = 0; i < profile.people.size(); ++i) {
        Vertex q = profile.people[i];
        if (!known.Has(q)) score.Add(q, factor * profile.weights[i]);
      }
      continue;
    }
    for (const CreditEntry& t : cworks) {
      cv.People(t.v, &people);
      double base = info.strength * info.hub_damping * t.weight /
                    std::log(1 + static_cast<double>(people.size()));
      for (const CreditEntry& q : people) {
        if (!known.Has(q.v)) score.Add(q.v, base * q.weight);
      }
    }
  }
  // The top k by score, ties by NodeId (= by index), without sorting every touched person.
  auto better = [&](Vertex a, Vertex b) {
    double x = score.value[a], y = score.value[b];
    return x != y ? x > y : a < b;
  };
  size_t limit = k == 0 ? score.touched.size() : k;  // 0 = all
  std::vector<Vertex> top;
  for (Vertex v : score.touched) {
    if (top.size() == limit && !better(v, top.front())) continue;
    top.push_back(v);
    std::push_heap(top.begin(), top.end(), better);  // front = the worst kept
    if (top.size() > limit) {
      std::pop_heap(top.begin(), top.end(), better);
      top.pop_back();
    }
  }
  std::sort(top.begin(), top.end(), better);
  std::vector<NodeScore> ranked;
  for (Vertex v : top) ranked.push_back({s.ids[v], score.value[v]});
  score.Clear();

  // Pass 2: explain the top k from the collaborators' side (a candidate is often a prolific
  // person whose own works are far more than the seed's collaborators'): contributions of hubs
  // from their profiles, of the others by walking their works once for all candidates; the
  // connecting work is looked up only for the reasons kept.
  LINER_RETURN_IF_ERROR(PollInterrupt(interrupt, &polls, 1));
  struct Why {
    double contribution = 0, best_term = -1;
    Vertex work = 0;
    uint16_t via_role = 0, candidate_role = 0;
    bool detailed = false;
  };
  std::vector<Vertex> cand;
  StampedArray& cand_index = ThreadScratch(0);
  cand_index.Reset(s.ids.size());
  for (const NodeScore& r : ranked) {
    cand_index.Set(*snap.IndexOf(r.node), static_cast<uint32_t>(cand.size()));
    cand.push_back(*snap.IndexOf(r.node));
  }
  std::vector<std::map<Vertex, Why>> why(cand.size());  // by collaborator
  for (Vertex c : order) {
    const Collaborator& info = collab[c];
    double factor = info.strength * info.hub_damping;
    if (info.profile) {
      for (size_t i = 0; i < cand.size(); ++i) {
        double x = info.profile->Of(cand[i]);
        if (x != 0) why[i][c].contribution = factor * x;
      }
      continue;
    }
    cv.Works(c, &cworks);
    for (const CreditEntry& t : cworks) {
      cv.People(t.v, &people);
      double base = factor * t.weight / std::log(1 + static_cast<double>(people.size()));
      for (const CreditEntry& q : people) {
        if (!cand_index.Has(q.v) || known.Has(q.v)) continue;
        Why& w = why[cand_index.Get(q.v)][c];
        double term = base * q.weight;
        w.contribution += term;
        w.detailed = true;
        if (term > w.best_term) {
          w.best_term = term;
          w.work = t.v;
          w.via_role = t.role;
          w.candidate_role = q.role;
        }
      }
    }
  }
  // The reasons kept per candidate: strongest first, ties by collaborator id.
  std::vector<std::vector<std::pair<Vertex, Why*>>> kept(cand.size());
  std::vector<std::pair<Vertex, size_t>> missing;  // (hub, candidate) needing the shared work
  for (size_t i = 0; i < cand.size(); ++i) {
    for (auto& [c, w] : why[i]) kept[i].emplace_back(c, &w);
    std::sort(kept[i].begin(), kept[i].end(), [](const auto& a, const auto& b) {
      return a.second->contribution != b.second->contribution
                 ? a.second->contribution > b.second->contribution
                 : a.first < b.first;
    });
    if (kept[i].size() > max_reasons) kept[i].resize(max_reasons);
    for (const auto& [c, w] : kept[i]) {
      if (!w->detailed) missing.emplace_back(c, i);
    }
  }
  // Shared works of a hub and a candidate: mark the hub's works once, scan the candidate's.
  std::sort(missing.begin(), missing.end());
  StampedArray& mark = ThreadScratch(3);
  std::vector<CreditEntry> qworks;
  for (size_t m = 0; m < missing.size(); ++m) {
    LINER_RETURN_IF_ERROR(PollInterrupt(interrupt, &polls, 1));
    auto [c, i] = missing[m];
    if (m == 0 || missing[m - 1].first != c) {
      cv.Works(c, &cworks);
      mark.Reset(s.ids.size());
      for (uint32_t j = 0; j < cworks.size(); ++j) mark.Set(cworks[j].v, j);
    }
    const Collaborator& info = collab[c];
    Why& w = why[i][c];
    cv.Works(cand[i], &qworks);
    for (const CreditEntry& t : qworks) {
      if (!mark.Has(t.v)) continue;
      const CreditEntry& ct = cworks[mark.Get(t.v)];
      cv.People(t.v, &people);
      double term = info.strength * info.hub_damping * ct.weight * t.weight /
                    std::log(1 + static_cast<double>(people.size()));
      if (term > w.best_term) {
        w.best_term = term;
        w.work = t.v;
        w.via_role = ct.role;
        w.candidate_role = t.role;
      }
    }
  }
  std::vector<Recommendation> out;
  for (size_t i = 0; i < cand.size(); ++i) {
    Recommendation rec{ranked[i].node, ranked[i].score, why[i].size(), {}};
    for (const auto& [c, w] : kept[i]) {
      const Collaborator& info = collab[c];
      RecommendReason reason;
      reason.via = s.ids[c];
      reason.work_with_seed = s.ids[info.best_work];
      reason.work_with_candidate = s.ids[w->work];
      reason.via_role_with_seed = s.role_names[info.role_with_seed];
      reason.via_role_with_candidate = s.role_names[w->via_role];
      reason.candidate_role = s.role_names[w->candidate_role];
      reason.contribution = w->contribution;
      rec.reasons.push_back(std::move(reason));
    }
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

}  // namespace liner::graph
