// Micro-benchmarks of storage hot paths: key encoding, adjacency prefix scans, two-hop
// expansion and breadth-first search through Transaction::Neighbors, on a generated graph
// (persons credited on songs, power-law-ish: every 16th person is a hub).
//   cmake -DLINER_BUILD_BENCH=ON ... && ./bench/micro_storage
#include <benchmark/benchmark.h>

#include <filesystem>
#include <random>
#include <unordered_set>

#include "storage/bulk_load.h"
#include "storage/database.h"
#include "storage/key_codec.h"

namespace {

using namespace liner;

// One database for every benchmark of this process, built once with the BulkLoader.
struct Fixture {
  std::string dir;
  std::unique_ptr<Database> db;
  std::vector<NodeId> persons;
  TokenId credited = kNoToken;

  Fixture() {
    dir = (std::filesystem::temp_directory_path() / "liner-micro-storage").string();
    std::filesystem::remove_all(dir);
    db = std::move(Database::Open(dir)).value();
    auto loader = std::move(BulkLoader::Start(*db)).value();
    TokenId person = *loader->Token(TokenKind::kLabel, "Person");
    TokenId song = *loader->Token(TokenKind::kLabel, "Song");
    credited = *loader->Token(TokenKind::kRelType, "CREDITED");
    std::vector<NodeId> songs;
    for (int i = 0; i < 20000; ++i) persons.push_back(*loader->AddNode({person}, {}));
    for (int i = 0; i < 30000; ++i) songs.push_back(*loader->AddNode({song}, {}));
    std::mt19937_64 rng(42);
    for (NodeId s : songs) {
      for (int k = 0; k < 5; ++k) {
        size_t p = rng() % persons.size();
        if (k == 0) p -= p % 16;  // hubs
        (void)loader->AddEdge(persons[p], s, credited, {});
      }
    }
    (void)loader->Commit();
  }
  ~Fixture() {
    db.reset();
    std::filesystem::remove_all(dir);
  }
};

Fixture& F() {
  static Fixture f;
  return f;
}

void BM_AdjKeyEncode(benchmark::State& state) {
  uint64_t i = 0;
  for (auto _ : state) {
    ++i;
    std::string k = keys::AdjKey(true, i, 3, i * 7, i * 13);
    benchmark::DoNotOptimize(k);
  }
}
BENCHMARK(BM_AdjKeyEncode);

void BM_AdjacencyScan(benchmark::State& state) {
  auto& f = F();
  auto txn = f.db->BeginRead();
  size_t i = 0, entries = 0;
  for (auto _ : state) {
    NodeId p = f.persons[(i++ * 16) % f.persons.size()];  // a hub
    for (auto c = txn->Neighbors(p, Direction::kOut, f.credited); c->Valid(); c->Next()) {
      benchmark::DoNotOptimize(c->entry().other);
      ++entries;
    }
  }
  state.counters["entries/s"] = benchmark::Counter(entries, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_AdjacencyScan);

// Collaborators: person -> songs -> persons (Q3's shape).
void BM_TwoHopExpansion(benchmark::State& state) {
  auto& f = F();
  auto txn = f.db->BeginRead();
  size_t i = 0;
  std::unordered_set<NodeId> seen;
  for (auto _ : state) {
    seen.clear();
    NodeId p = f.persons[(i++ * 7919) % f.persons.size()];
    for (auto s = txn->Neighbors(p, Direction::kOut, f.credited); s->Valid(); s->Next()) {
      for (auto q = txn->Neighbors(s->entry().other, Direction::kIn, f.credited); q->Valid();
           q->Next()) {
        seen.insert(q->entry().other);
      }
    }
    benchmark::DoNotOptimize(seen.size());
  }
}
BENCHMARK(BM_TwoHopExpansion);

// Undirected BFS over CREDITED up to 4 hops (2 collaboration hops, Q6's shape).
void BM_Bfs4Hops(benchmark::State& state) {
  auto& f = F();
  auto txn = f.db->BeginRead();
  size_t i = 0;
  for (auto _ : state) {
    std::unordered_set<NodeId> seen{f.persons[(i++ * 104729) % f.persons.size()]};
    std::vector<NodeId> frontier(seen.begin(), seen.end()), next;
    for (int hop = 0; hop < 4 && !frontier.empty(); ++hop) {
      next.clear();
      for (NodeId n : frontier) {
        for (auto c = txn->Neighbors(n, Direction::kBoth, f.credited); c->Valid(); c->Next()) {
          if (seen.insert(c->entry().other).second) next.push_back(c->entry().other);
        }
      }
      frontier.swap(next);
    }
    benchmark::DoNotOptimize(seen.size());
  }
}
BENCHMARK(BM_Bfs4Hops)->Unit(benchmark::kMillisecond);

}  // namespace
