// Similarity, recommendation and sample lineage on small hand-computed credit graphs.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>

#include "graph/algo_similarity.h"

namespace liner::graph {
namespace {

// People 1..5, songs 11..14.
//   song 11: 1 producer, 2 performer, 3 mastering
//   song 12: 1 performer, 2 writer
//   song 13: 2 producer, 4 performer
//   song 14: 3 mastering, 5 performer
std::shared_ptr<const Snapshot> Credits() {
  SnapshotBuilder b;
  for (NodeId p = 1; p <= 5; ++p) b.AddNode(p, {"Person"});
  for (NodeId s = 11; s <= 14; ++s) b.AddNode(s, {"Song"});
  EdgeId e = 100;
  b.AddEdge(e++, 1, 11, "CREDITED", "producer");
  b.AddEdge(e++, 2, 11, "CREDITED", "performer");
  b.AddEdge(e++, 3, 11, "CREDITED", "mastering");
  b.AddEdge(e++, 1, 12, "CREDITED", "performer");
  b.AddEdge(e++, 2, 12, "CREDITED", "writer");
  b.AddEdge(e++, 2, 13, "CREDITED", "producer");
  b.AddEdge(e++, 4, 13, "CREDITED", "performer");
  b.AddEdge(e++, 3, 14, "CREDITED", "mastering");
  b.AddEdge(e++, 5, 14, "CREDITED", "performer");
  return *b.Build();
}

std::map<NodeId, double> ToMap(const std::vector<NodeScore>& v) {
  std::map<NodeId, double> m;
  for (const auto& s : v) m[s.node] = s.score;
  return m;
}

TEST_CASE("Jaccard similarity compares the sets of works", "[graph]") {
  auto g = Credits();
  auto r = Similar(*g, 1, 10, SimilarityMetric::kJaccard);
  REQUIRE(r.ok());
  auto m = ToMap(*r);
  CHECK(m.size() == 2);               // only people sharing a work
  CHECK(m[2] == Approx(2.0 / 3.0));   // {11,12} vs {11,12,13}
  CHECK(m[3] == Approx(1.0 / 3.0));   // {11,12} vs {11,14}
  CHECK((*r)[0].node == 2);
}

TEST_CASE("Adamic-Adar weighs small shared ensembles more", "[graph]") {
  auto g = Credits();
  auto m = ToMap(*Similar(*g, 1, 10, SimilarityMetric::kAdamicAdar));
  CHECK(m[2] == Approx(1 / std::log(3.0) + 1 / std::log(2.0)));
  CHECK(m[3] == Approx(1 / std::log(3.0)));
}

TEST_CASE("role-weighted similarity counts a producer more than a mastering engineer",
          "[graph]") {
  auto g = Credits();
  auto m = ToMap(*Similar(*g, 1, 10, SimilarityMetric::kRoleWeighted));
  // song 11 (3 people): producer 1.0 x performer 0.8 for person 2, x mastering 0.2 for 3;
  // song 12 (2 people): performer 0.8 x writer 0.8.
  CHECK(m[2] == Approx(1.0 * 0.8 / std::log(4.0) + 0.8 * 0.8 / std::log(3.0)));
  CHECK(m[3] == Approx(1.0 * 0.2 / std::log(4.0)));
  auto k1 = Similar(*g, 1, 1, SimilarityMetric::kRoleWeighted);
  REQUIRE(k1->size() == 1);
  CHECK((*k1)[0].node == 2);
}

TEST_CASE("similarity rejects a non-person and an unknown metric by name", "[graph]") {
  auto g = Credits();
  auto song = Similar(*g, 11, 5, SimilarityMetric::kJaccard);
  REQUIRE_FALSE(song.ok());
  CHECK(song.status().message().find("not a Person") != std::string::npos);
  auto metric = ParseSimilarityMetric("cosine");
  REQUIRE_FALSE(metric.ok());
  CHECK(metric.status().message().find("'cosine'") != std::string::npos);
  CHECK(*ParseSimilarityMetric("Adamic-Adar") == SimilarityMetric::kAdamicAdar);
}

TEST_CASE("recommend ranks people the seed has not worked with and explains why", "[graph]") {
  auto g = Credits();
  auto r = Recommend(*g, 1, 5);
  REQUIRE(r.ok());
  // Candidates: 4 (via 2 on song 13) and 5 (via 3 on song 14); never 2 or 3 (direct).
  REQUIRE(r->size() == 2);
  CHECK((*r)[0].person == 4);  // via a strong collaborator (2) and a producer
  CHECK((*r)[1].person == 5);  // via the mastering engineer only
  CHECK((*r)[0].score > (*r)[1].score);
  REQUIRE((*r)[0].reasons.size() == 1);
  const RecommendReason& why = (*r)[0].reasons[0];
  CHECK(why.via == 2);
  CHECK(why.work_with_candidate == 13);
  CHECK(why.via_role_with_candidate == "producer");
  CHECK(why.candidate_role == "performer");
  CHECK(why.work_with_seed == 12);  // 0.8*0.8/log 3 beats 1.0*0.8/log 4 on song 11
  CHECK(why.via_role_with_seed == "writer");
  CHECK(why.contribution == Approx((*r)[0].score));
  CHECK((*r)[0].shared_collaborators == 1);
  CHECK_FALSE(Recommend(*g, 12, 5).ok());
}

TEST_CASE("recommendations are identical across rebuilt snapshots", "[graph]") {
  auto a = Recommend(*Credits(), 1, 5);
  auto b = Recommend(*Credits(), 1, 5);
  REQUIRE(a->size() == b->size());
  for (size_t i = 0; i < a->size(); ++i) {
    CHECK((*a)[i].person == (*b)[i].person);
    CHECK((*a)[i].score == (*b)[i].score);
  }
}

TEST_CASE("lineage follows the sample chain up and down with depth", "[graph]") {
  // 1 samples 2 (through sample 101), 2 samples 3 (through 102), 4 samples 1 (through 103),
  // and 5 samples 3 directly.
  SnapshotBuilder b;
  for (NodeId s = 1; s <= 5; ++s) b.AddNode(s, {"Song"});
  for (NodeId x = 101; x <= 103; ++x) b.AddNode(x, {"Sample"});
  b.AddNode(50, {"Person"});
  EdgeId e = 1;
  auto chain = [&](NodeId from, NodeId sample, NodeId to) {
    b.AddEdge(e++, from, sample, "HAS_SAMPLE");
    b.AddEdge(e++, sample, to, "SAMPLES");
  };
  chain(1, 101, 2);
  chain(2, 102, 3);
  chain(4, 103, 1);
  b.AddEdge(e++, 5, 3, "SAMPLES");
  b.AddEdge(e++, 50, 1, "CREDITED", "producer");
  auto g = *b.Build();
  auto r = Lineage(*g, 1, 5);
  REQUIRE(r.ok());
  std::vector<std::tuple<NodeId, int, bool>> got;
  for (const auto& l : *r) got.emplace_back(l.song, l.depth, l.up);
  std::vector<std::tuple<NodeId, int, bool>> want{
      {2, 1, true}, {3, 2, true}, {4, 1, false}};
  CHECK(got == want);
  auto down = Lineage(*g, 3, 0);
  REQUIRE(down.ok());
  got.clear();
  for (const auto& l : *down) got.emplace_back(l.song, l.depth, l.up);
  want = {{2, 1, false}, {5, 1, false}, {1, 2, false}, {4, 3, false}};
  CHECK(got == want);
  CHECK(Lineage(*g, 3, 1)->size() == 2);
  CHECK(Lineage(*g, 50, 2).status().message().find("not a Song") != std::string::npos);
}

}  // namespace
}  // namespace liner::graph
