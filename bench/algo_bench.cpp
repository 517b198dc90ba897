// algo_bench: timings of the snapshot and its algorithms on an existing database (e.g. the
// generator's medium or large graph imported with `liner import`).
//
//   algo_bench --db DIR [--queries N] [--seed S] [--only SECTION,...]
//
// SECTION: paths, pagerank, recommend, components, betweenness (the snapshot is always built).
//
// Prints a markdown table: snapshot build time and bytes per edge, shortest path between two
// random credited people (median, p95), PageRank with 20 iterations, recommendation and
// similarity for one person (median, p95), components and sampled betweenness.
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "graph/algo_centrality.h"
#include "graph/algo_paths.h"
#include "graph/algo_similarity.h"
#include "graph/snapshot.h"
#include "storage/database.h"

namespace {

using Clock = std::chrono::steady_clock;

double MsSince(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// CPU time of this thread in ms: on a shared, overloaded machine wall time overstates cost.
double CpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

// CPU time of the whole process in ms (the snapshot build scans on two threads).
double ProcessCpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t i = static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

// Current resident set size in KiB (from /proc/self/statm).
long RssKb() {
  long pages = 0, resident = 0;
  if (FILE* f = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(f);
  }
  return resident * 4;
}

void Row(const char* what, const std::string& value, const char* target) {
  std::printf("| %-44s | %20s | %-12s |\n", what, value.c_str(), target);
}

std::string Fmt(const char* f, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  std::string db_path;
  size_t queries = 300;
  uint64_t seed = 1;
  std::string only;  // comma-separated sections; empty = all
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--db")) db_path = argv[i + 1];
    if (!std::strcmp(argv[i], "--queries")) queries = std::stoul(argv[i + 1]);
    if (!std::strcmp(argv[i], "--seed")) seed = std::stoull(argv[i + 1]);
    if (!std::strcmp(argv[i], "--only")) only = "," + std::string(argv[i + 1]) + ",";
  }
  if (db_path.empty()) {
    std::fprintf(stderr,
                 "usage: algo_bench --db DIR [--queries N] [--seed S] "
                 "[--only paths,pagerank,recommend,components,betweenness]\n");
    return 2;
  }
  auto Want = [&](const char* section) {
    return only.empty() || only.find("," + std::string(section) + ",") != std::string::npos;
  };
  liner::OpenOptions options;
  options.read_only = true;
  options.create_if_missing = false;
  auto db = liner::Database::Open(db_path, options);
  if (!db.ok()) {
    std::fprintf(stderr, "open: %s\n", db.status().ToString().c_str());
    return 1;
  }
  long rss0 = RssKb();
  auto t0 = Clock::now();
  double cpu0 = ProcessCpuMs();
  uint64_t generation = (*db)->generation();
  liner::GraphCounts counts = (*db)->Counts();
  auto read = (*db)->BeginRead();
  liner::graph::SnapshotSizes sizes{counts.nodes, counts.edges,
                                    read->generation() == generation};
  auto built = liner::graph::BuildSnapshot(*read, generation, nullptr, sizes);
  double build_ms = MsSince(t0);
  double build_cpu = ProcessCpuMs() - cpu0;
  if (!built.ok()) {
    std::fprintf(stderr, "snapshot: %s\n", built.status().ToString().c_str());
    return 1;
  }
  const liner::graph::Snapshot& snap = **built;
  long rss1 = RssKb();

  // Credited people, and a fixed random sample of them.
  std::vector<liner::NodeId> people;
  {
    liner::graph::Projection p;
    p.types = {"CREDITED"};
    auto deg = liner::graph::Degree(snap, p);
    for (const auto& d : *deg) {
      if (d.score > 0 && snap.HasLabel(*snap.IndexOf(d.node), "Person")) people.push_back(d.node);
    }
    std::sort(people.begin(), people.end());
  }
  if (people.empty()) {
    std::fprintf(stderr, "no credited Person nodes in %s\n", db_path.c_str());
    return 1;
  }
  std::mt19937_64 rng(seed);
  auto pick = [&] { return people[rng() % people.size()]; };

  std::printf("Liner algorithm bench: %zu nodes, %zu edges, %zu credited people, %zu queries\n\n",
              snap.num_nodes(), snap.num_edges(), people.size(), queries);
  std::printf("| %-44s | %20s | %-12s |\n|%s|%s|%s|\n", "measure", "value", "target (10M)",
              std::string(46, '-').c_str(), std::string(22, '-').c_str(),
              std::string(14, '-').c_str());
  Row("snapshot build (ms wall)", Fmt("%.0f", build_ms), "<= 10 s");
  Row("snapshot build (ms CPU, both threads)", Fmt("%.0f", build_cpu), "");
  {
    auto ph = snap.build_phases();
    Row("  node side: label scans (+ node scan) (ms CPU)", Fmt("%.0f", ph.nodes_cpu_ms), "");
    Row("  edge side: edge scan (ms CPU)", Fmt("%.0f", ph.edges_cpu_ms), "");
    Row("  finish: id mapping + CSR (ms CPU, main)", Fmt("%.0f", ph.finish_cpu_ms), "");
    Row("  critical path, idle 2 cores (ms CPU)",
        Fmt("%.0f", std::max(ph.nodes_cpu_ms, ph.edges_cpu_ms) + ph.finish_cpu_ms), "<= 10 s");
  }
  {
    // How much of the build is storage: the same scans with nothing done per row (warm: the
    // label index blocks are in the block cache by now, so this understates the build's cost).
    double s0 = CpuMs();
    auto txn = (*db)->BeginRead();
    size_t rows = 0;
    for (const auto& [token, name] : txn->Tokens(liner::TokenKind::kLabel)) {
      for (auto c = txn->ScanLabel(token); c->Valid(); c->Next()) ++rows;
    }
    double s1 = CpuMs();
    liner::TokenId role = txn->LookupToken(liner::TokenKind::kPropertyKey, "role");
    liner::Status st = txn->ForEachEdgeSkeleton(
        {role, liner::kNoToken}, [&](const liner::EdgeSkeleton&) { return ++rows > 0; });
    if (!st.ok()) std::fprintf(stderr, "edge scan: %s\n", st.ToString().c_str());
    Row("  storage: label scans alone (ms CPU)", Fmt("%.0f", s1 - s0), "");
    Row("  storage: edge skeleton scan alone (ms CPU)", Fmt("%.0f", CpuMs() - s1), "");
  }
  Row("snapshot memory (MB, estimate)", Fmt("%.1f", snap.MemoryBytes() / 1048576.0), "");
  Row("snapshot bytes per edge (estimate)",
      Fmt("%.1f", static_cast<double>(snap.MemoryBytes()) / std::max<size_t>(1, snap.num_edges())),
      "");
  Row("RSS growth, snapshot held (MB)", Fmt("%.1f", (rss1 - rss0) / 1024.0), "");

  if (Want("paths")) {
    liner::graph::PathOptions credited;
    credited.projection.types = {"CREDITED"};
    std::vector<double> sp, sp_cpu;
    size_t found = 0;
    for (size_t i = 0; i < queries; ++i) {
      liner::NodeId a = pick(), b = pick();
      auto q0 = Clock::now();
      double c0 = CpuMs();
      auto r = liner::graph::ShortestPath(snap, a, b, credited);
      sp_cpu.push_back(CpuMs() - c0);
      sp.push_back(MsSince(q0));
      found += r.ok() && r->has_value();
    }
    Row("shortest path, person-person, median (ms)", Fmt("%.3f", Percentile(sp, 0.5)), "<= 1 ms");
    Row("shortest path p95 (ms)", Fmt("%.3f", Percentile(sp, 0.95)), "");
    Row("shortest path median (ms CPU)", Fmt("%.3f", Percentile(sp_cpu, 0.5)), "");
    Row("shortest path: pairs connected", Fmt("%.0f", static_cast<double>(found)), "");
  }
  if (Want("pagerank")) {
    auto p0 = Clock::now();
    double pc0 = CpuMs(), pp0 = ProcessCpuMs();
    liner::graph::PageRankOptions pr;
    pr.iterations = 20;
    pr.limit = 10;
    auto ranks = liner::graph::PageRank(snap, pr);
    Row("PageRank, 20 iterations, whole graph (ms)", Fmt("%.0f", MsSince(p0)), "<= 3 s");
    Row("PageRank, 20 iterations (ms CPU, main)", Fmt("%.0f", CpuMs() - pc0), "");
    Row("PageRank, 20 iterations (ms CPU, total)", Fmt("%.0f", ProcessCpuMs() - pp0), "");
  }
  if (Want("recommend")) {
    std::vector<double> rec, sim, rec_cpu;
    for (size_t i = 0; i < queries; ++i) {
      liner::NodeId p = pick();
      auto q0 = Clock::now();
      double c0 = CpuMs();
      auto r = liner::graph::Recommend(snap, p, 10);
      rec_cpu.push_back(CpuMs() - c0);
      rec.push_back(MsSince(q0));
      q0 = Clock::now();
      auto s = liner::graph::Similar(snap, p, 10, liner::graph::SimilarityMetric::kJaccard);
      sim.push_back(MsSince(q0));
    }
    Row("recommend(person, 10) median (ms)", Fmt("%.3f", Percentile(rec, 0.5)), "<= 10 ms");
    Row("recommend p95 (ms)", Fmt("%.3f", Percentile(rec, 0.95)), "");
    Row("recommend median (ms CPU)", Fmt("%.3f", Percentile(rec_cpu, 0.5)), "");
    Row("similar(person, 10, jaccard) median (ms)", Fmt("%.3f", Percentile(sim, 0.5)), "");
  }
  if (Want("components")) {
    auto c0 = Clock::now();
    auto comps = liner::graph::Components(snap, {});
    Row("connected components (ms)", Fmt("%.0f", MsSince(c0)), "");
  }
  if (Want("betweenness")) {
    auto b0 = Clock::now();
    double bc0 = CpuMs();
    liner::graph::BetweennessOptions bo;
    bo.samples = 16;
    bo.limit = 10;
    auto bc = liner::graph::Betweenness(snap, bo);
    Row("betweenness, 16 sampled sources (ms)", Fmt("%.0f", MsSince(b0)), "");
    Row("betweenness, 16 sampled sources (ms CPU)", Fmt("%.0f", CpuMs() - bc0), "");
  }
  return 0;
}
