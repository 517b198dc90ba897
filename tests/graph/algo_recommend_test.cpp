// Recommend against a brute-force evaluation of its formula on random credit graphs with hub
// collaborators (people on hundreds of songs, scored through cached co-credit profiles).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <set>

#include "graph/algo_similarity.h"

namespace liner::graph {
namespace {

const char* kRoles[] = {"producer", "performer", "writer", "mixer", "engineer", "mastering"};

struct Credits {
  std::shared_ptr<const Snapshot> snap;
  // person -> work -> best weight, and work -> person -> best weight
  std::map<NodeId, std::map<NodeId, double>> works_of, people_on;
};

// People 1..P, songs 100000+; each song gets 1-4 random people plus, usually, one of three hubs
// (people 1, 2, 3), so hubs have hundreds of works. Some credits repeat with another role.
Credits MakeCredits(uint64_t seed) {
  std::mt19937_64 rng(seed);
  const NodeId people = 400, songs = 1200;
  SnapshotBuilder b;
  for (NodeId p = 1; p <= people; ++p) b.AddNode(p, {"Person"});
  for (NodeId s = 0; s < songs; ++s) b.AddNode(100000 + s, {"Song"});
  Credits c;
  EdgeId e = 1;
  auto credit = [&](NodeId p, NodeId s) {
    const char* role = kRoles[rng() % 6];
    b.AddEdge(e++, p, s, "CREDITED", role);
    double w = CategoryWeight(CategoryOfRole(role));
    double& a = c.works_of[p][s];
    a = std::max(a, w);
    double& z = c.people_on[s][p];
    z = std::max(z, w);
  };
  for (NodeId s = 0; s < songs; ++s) {
    NodeId song = 100000 + s;
    if (rng() % 4 != 0) credit(1 + rng() % 3, song);
    for (int i = 0, n = 1 + static_cast<int>(rng() % 4); i < n; ++i) {
      credit(4 + rng() % (people - 3), song);
    }
  }
  c.snap = *b.Build();
  return c;
}

// The documented formula, evaluated with maps (in double; Recommend keeps role weights as
// floats, hence the 1e-6 tolerance below).
std::map<NodeId, double> BruteForce(const Credits& c, NodeId seed) {
  auto size = [&](NodeId t) { return static_cast<double>(c.people_on.at(t).size()); };
  std::map<NodeId, double> strength;
  for (const auto& [t, w] : c.works_of.at(seed)) {
    for (const auto& [q, wq] : c.people_on.at(t)) {
      if (q != seed) strength[q] += w * wq / std::log(1 + size(t));
    }
  }
  std::map<NodeId, double> score;
  for (const auto& [cb, st] : strength) {
    const auto& works = c.works_of.at(cb);
    double damping = 1 / std::log(2 + static_cast<double>(works.size()));
    for (const auto& [t, wc] : works) {
      for (const auto& [q, wq] : c.people_on.at(t)) {
        if (q == seed || strength.count(q)) continue;
        score[q] += st * damping * wc * wq / std::log(1 + size(t));
      }
    }
  }
  return score;
}

}  // namespace

TEST_CASE("recommend agrees with a brute-force evaluation of its formula, hubs included", "[graph]") {
  for (uint64_t seed : {1, 2, 3}) {
    Credits c = MakeCredits(seed);
    REQUIRE(c.works_of.at(1).size() >= 64);  // a hub: scored through its profile
    for (NodeId person : {NodeId{1}, NodeId{5}, NodeId{17}, NodeId{123}, NodeId{399}}) {
      if (!c.works_of.count(person)) continue;
      INFO("graph " << seed << ", person " << person);
      auto expected = BruteForce(c, person);
      // Twice: the second run reads the cached profiles.
      for (int run = 0; run < 2; ++run) {
        auto r = Recommend(*c.snap, person, 8, 1000);
        REQUIRE(r.ok());
        REQUIRE(r->size() == std::min<size_t>(8, expected.size()));
        std::vector<std::pair<double, NodeId>> order;
        for (const auto& [q, s] : expected) order.emplace_back(-s, q);
        std::sort(order.begin(), order.end());
        for (size_t i = 0; i < r->size(); ++i) {
          const Recommendation& rec = (*r)[i];
          CHECK(rec.score == Approx(expected.at(rec.person)).epsilon(1e-6));
          CHECK(rec.score == Approx(-order[i].first).epsilon(1e-6));
          // The reasons account for the whole score.
          double sum = 0;
          for (const auto& why : rec.reasons) sum += why.contribution;
          CHECK(sum == Approx(rec.score).epsilon(1e-6));
          if (i > 0) CHECK((*r)[i - 1].score >= rec.score);
        }
      }
    }
  }
}

}  // namespace liner::graph
