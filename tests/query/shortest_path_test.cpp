// shortestPath / allShortestPaths against a brute-force search on small random multigraphs
// (self-loops, parallel edges, two types): the lengths, the single path and the whole set of
// shortest paths must agree, directed and undirected, typed or not, with per-relationship and
// per-node predicates, property maps and a length bound, with and without the adjacency cache.
#include <algorithm>
#include <functional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "tests/query/query_test_util.h"

namespace liner::query::testing {
namespace {

struct TestEdge {
  int from, to;
  char type;  // 'A' or 'B'
  int k, w;   // k: the edge's number (property k); w: a weight 1..3 (property w)
};

struct Variant {
  std::string pattern;  // the relationship pattern, e.g. "-[:A*1..6]->"
  std::string where;    // "" or a WHERE clause on p
  // The brute force's view of the same restrictions.
  std::string types;    // allowed types, "" = any
  int dir;              // 1 outgoing, -1 incoming, 0 both
  int max_hops;
  std::function<bool(const TestEdge&)> rel_ok;
  std::function<bool(int)> node_ok;
};

std::string Join(const std::vector<int>& v) {
  std::string s = "[";
  for (size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + std::to_string(v[i]);
  return s + "]";
}

// Every shortest walk from src to dst (as "[edge ks] | [node ids]"), found by enumerating all
// walks of length 1, 2, ... up to max_hops; empty when none.
std::set<std::string> BruteForce(const std::vector<TestEdge>& edges, const Variant& v, int src,
                                 int dst) {
  std::set<std::string> found;
  if (!v.node_ok(src) || !v.node_ok(dst)) return found;
  std::vector<int> ks, nodes{src};
  std::function<void(int, int)> walk = [&](int at, int left) {
    if (left == 0) {
      if (at == dst) found.insert(Join(ks) + " | " + Join(nodes));
      return;
    }
    for (const TestEdge& e : edges) {
      if (!v.types.empty() && v.types.find(e.type) == std::string::npos) continue;
      if (!v.rel_ok(e)) continue;
      std::vector<int> next;
      if (v.dir >= 0 && e.from == at) next.push_back(e.to);
      if (v.dir <= 0 && e.to == at && !(v.dir == 0 && e.from == at)) next.push_back(e.from);
      for (int n : next) {
        if (!v.node_ok(n)) continue;
        if (std::find(ks.begin(), ks.end(), e.k) != ks.end()) continue;  // no relationship twice
        ks.push_back(e.k);
        nodes.push_back(n);
        walk(n, left - 1);
        ks.pop_back();
        nodes.pop_back();
      }
    }
  };
  for (int len = 1; len <= v.max_hops && found.empty(); ++len) walk(src, len);
  return found;
}

std::vector<TestEdge> RandomGraph(std::mt19937& rng, int nodes, int edges) {
  std::vector<TestEdge> out;
  std::uniform_int_distribution<int> node(0, nodes - 1), coin(0, 3), weight(1, 3);
  for (int i = 0; i < edges; ++i) {
    int a = node(rng), b = node(rng);
    out.push_back({a, b, coin(rng) == 0 ? 'B' : 'A', i, weight(rng)});
    if (coin(rng) == 0) out.push_back({a, b, 'A', ++i, weight(rng)});  // a parallel edge
  }
  return out;
}

void Load(QueryFixture& f, int nodes, const std::vector<TestEdge>& edges) {
  f.Rows("UNWIND range(0, " + std::to_string(nodes - 1) + ") AS i CREATE (:V {id: i})");
  for (char type : {'A', 'B'}) {
    std::string list;
    for (const TestEdge& e : edges) {
      if (e.type != type) continue;
      list += std::string(list.empty() ? "" : ", ") + "[" + std::to_string(e.from) + ", " +
              std::to_string(e.to) + ", " + std::to_string(e.k) + ", " + std::to_string(e.w) +
              "]";
    }
    if (list.empty()) continue;
    f.Rows("UNWIND [" + list + "] AS e MATCH (a:V {id: e[0]}), (b:V {id: e[1]}) CREATE (a)-[:" +
           std::string(1, type) + " {k: e[2], w: e[3]}]->(b)");
  }
}

std::vector<Variant> Variants() {
  auto any_rel = [](const TestEdge&) { return true; };
  auto any_node = [](int) { return true; };
  return {
      {"-[*]-", "", "", 0, 15, any_rel, any_node},
      {"-[*]->", "", "", 1, 15, any_rel, any_node},
      {"<-[*1..]-", "", "", -1, 15, any_rel, any_node},
      {"-[:A*1..]->", "", "A", 1, 15, any_rel, any_node},
      {"-[:B|A*]-", "", "AB", 0, 15, any_rel, any_node},
      {"-[*..2]-", "", "", 0, 2, any_rel, any_node},
      {"-[:A*1..3]->", "", "A", 1, 3, any_rel, any_node},
      {"-[*]-", "WHERE all(r IN relationships(p) WHERE r.w >= 2)", "", 0, 15,
       [](const TestEdge& e) { return e.w >= 2; }, any_node},
      {"-[*]->", "WHERE all(r IN relationships(p) WHERE r.w <> 2)", "", 1, 15,
       [](const TestEdge& e) { return e.w != 2; }, any_node},
      {"-[*]-", "WHERE all(n IN nodes(p) WHERE n.id % 3 <> 1)", "", 0, 15, any_rel,
       [](int n) { return n % 3 != 1; }},
      {"-[:A*1.. {w: 1}]-", "", "A", 0, 15, [](const TestEdge& e) { return e.w == 1; },
       any_node},
  };
}

void Compare(QueryFixture& f, const std::vector<TestEdge>& edges, int nodes, std::mt19937& rng,
             int* nonempty) {
  std::uniform_int_distribution<int> node(0, nodes - 1);
  for (const Variant& v : Variants()) {
    for (int pair = 0; pair < 12; ++pair) {
      int src = node(rng), dst = node(rng);
      if (src == dst) dst = (dst + 1) % nodes;
      std::set<std::string> want = BruteForce(edges, v, src, dst);
      Params params{{"s", QValue(int64_t{src})}, {"d", QValue(int64_t{dst})}};
      std::string head = "MATCH (a:V {id: $s}), (b:V {id: $d}) MATCH p = ";
      std::string tail = "((a)" + v.pattern + "(b)) " + v.where +
                         " RETURN [r IN relationships(p) | r.k], [n IN nodes(p) | n.id]";
      INFO("src " << src << " dst " << dst << ": " << tail);
      std::vector<std::string> one = f.Rows(head + "shortestPath" + tail, params);
      std::vector<std::string> all = f.Rows(head + "allShortestPaths" + tail, params);
      if (want.empty()) {
        CHECK(one.empty());
        CHECK(all.empty());
        continue;
      }
      ++*nonempty;
      REQUIRE(one.size() == 1);
      CHECK(want.count(one[0]) == 1);
      CHECK(std::set<std::string>(all.begin(), all.end()) == want);
      CHECK(all.size() == want.size());  // no path twice
      // The same database gives the same single path every time.
      CHECK(f.Rows(head + "shortestPath" + tail, params) == one);
    }
  }
}

}  // namespace

TEST_CASE("shortestPath and allShortestPaths agree with a brute-force search on random graphs",
          "[query]") {
  std::mt19937 rng(20261127);
  int nonempty = 0;
  for (int graph = 0; graph < 6; ++graph) {
    QueryFixture f;
    int nodes = 6 + graph;
    std::vector<TestEdge> edges = RandomGraph(rng, nodes, nodes + 4 + graph * 2);
    Load(f, nodes, edges);
    INFO("graph " << graph);
    Compare(f, edges, nodes, rng, &nonempty);  // adjacency from RocksDB
    REQUIRE(f.db().WarmCaches().ok());
    Compare(f, edges, nodes, rng, &nonempty);  // adjacency from the in-memory cache
  }
  CHECK(nonempty > 300);  // the comparisons mostly had paths to compare
}

TEST_CASE("shortestPath between a node and itself yields no path of length one or more",
          "[query]") {
  QueryFixture f;
  f.Rows("CREATE (a:V {id: 0})-[:A]->(b:V {id: 1})-[:A]->(a), (a)-[:A]->(a)");
  CHECK(f.Rows("MATCH (a:V {id: 0}) MATCH p = shortestPath((a)-[*]-(a)) RETURN p").empty());
  CHECK(f.One("MATCH (a:V {id: 0}) MATCH p = shortestPath((a)-[*0..]-(a)) RETURN length(p)") ==
        "0");
}

}  // namespace liner::query::testing
