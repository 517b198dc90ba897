#pragma once
// People on the person–song graph (CREDITED edges from Person or Group to Song or Album):
// similarity to one seed person, recommendations of people to work with, and sample lineage.
//
// Everything is computed per seed (work proportional to the seed's 2- or 3-hop neighbourhood),
// never all-pairs. Results are deterministic: score descending, ties by NodeId.
//
// Role weights (per role category, the best of a person's roles on a song):
//   production 1.0, performance 0.8, writing 0.8, mixing 0.5, engineering 0.4, other 0.3,
//   mastering 0.2 (a song shared with a producer says more than one shared with the mastering
//   engineer who masters thousands of songs).
//
// Thread safety: reentrant; only reads the snapshot.

#include <functional>
#include <string>
#include <vector>

#include "graph/algo_control.h"
#include "graph/snapshot.h"

namespace liner::graph {

enum class SimilarityMetric { kJaccard, kAdamicAdar, kRoleWeighted };

// "jaccard", "adamic_adar" (also "adamicadar", "adamic-adar"), "role_weighted" ("weighted").
Result<SimilarityMetric> ParseSimilarityMetric(std::string_view name);
double CategoryWeight(RoleCategory c);

// The k people most similar to `person` among those who share at least one work with them:
//   jaccard        |W(p) ∩ W(q)| / |W(p) ∪ W(q)| over their sets of works
//   adamic_adar    Σ over shared works w of 1 / log(|people on w|)
//   role_weighted  Σ over shared works w of weight(p on w) · weight(q on w) / log(1 + |people on w|)
// InvalidArgument when `person` is unknown or not a Person/Group.
Result<std::vector<NodeScore>> Similar(const Snapshot& snap, NodeId person, size_t k,
                                       SimilarityMetric metric,
                                       const Interrupt* interrupt = nullptr);

// Why a candidate was recommended: one shared collaborator and the strongest pair of works.
struct RecommendReason {
  NodeId via = 0;                  // the collaborator both have worked with
  NodeId work_with_seed = 0;       // the seed and `via` are both credited on it
  NodeId work_with_candidate = 0;  // `via` and the candidate are both credited on it
  std::string via_role_with_seed;
  std::string via_role_with_candidate;
  std::string candidate_role;
  double contribution = 0;
};

// "Sounwave: writer on 'We Cry Together' with the seed; producer on 'June' (they: performer)",
// with node names from `name_of`.
std::string FormatReason(const RecommendReason& reason,
                         const std::function<std::string(NodeId)>& name_of);

struct Recommendation {
  NodeId person = 0;
  double score = 0;
  size_t shared_collaborators = 0;
  std::vector<RecommendReason> reasons;  // strongest first, at most `max_reasons`
};

// People the seed has not worked with, ranked by their collaborators in common with the seed:
//   score(q) = Σ over collaborators c of the seed, over works t of c with q on it:
//              strength(seed, c) · weight(c on t) · weight(q on t) / log(1 + |people on t|)
//              / log(2 + |works of c|)
// where strength(seed, c) is the role-weighted similarity of seed and c (a prolific hub
// collaborator is damped by the last factor).
Result<std::vector<Recommendation>> Recommend(const Snapshot& snap, NodeId person, size_t k,
                                              size_t max_reasons = 3,
                                              const Interrupt* interrupt = nullptr);

struct LineageEntry {
  NodeId song = 0;
  int depth = 0;
  bool up = true;  // true: the start samples it (transitively); false: it samples the start
};

// Songs up and down the sampling chain from `song`: (Song)-[:HAS_SAMPLE]->(Sample)-[:SAMPLES]->
// (source Song), also a direct (Song)-[:SAMPLES]->(Song). One step of depth = one song hop.
// max_depth 0 = unlimited. Ordered: up before down, then depth, then id.
// InvalidArgument when `song` is unknown or not a Song.
Result<std::vector<LineageEntry>> Lineage(const Snapshot& snap, NodeId song, int max_depth,
                                          const Interrupt* interrupt = nullptr);

}  // namespace liner::graph
