// liner-tck: runs openCypher TCK feature files (or Liner's own TCK-style features) against the
// query engine and reports passed/failed/skipped per folder and in total. Its last line reads
//   TCK total T: passed P, failed F, skipped S; clauses total T2: passed P2
// Exit status: 0 after a report run (failures are data, not a verdict), 1 when --check-list
// finds a listed scenario failing or missing, 2 on bad arguments.

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "tests/tck/gherkin.h"
#include "tests/tck/isolated_run.h"
#include "tests/tck/report.h"
#include "tests/tck/scenario_runner.h"

namespace fs = std::filesystem;
using namespace liner::tck;

namespace {

constexpr const char* kUsage =
    "usage: liner-tck [FEATURES_DIR] [--features DIR] [--filter SUBSTR]... [--exclude SUBSTR]...\n"
    "                 [--write-passing FILE] [--failures FILE] [--failures-md FILE]\n"
    "                 [--check-list FILE] [--timeout SECONDS] [--no-fork] [--verbose]\n"
    "                 [--dry-run] [--progress]\n"
    "Runs every scenario (each example row counts as one) on a fresh database.\n"
    "  FEATURES_DIR       default: <source>/../shared/opencypher-tck/tck/features\n"
    "  --filter SUBSTR    run scenarios whose key 'path :: name' contains SUBSTR (any of them)\n"
    "  --exclude SUBSTR   skip scenarios whose key contains SUBSTR\n"
    "  --write-passing F  write the keys of passing scenarios, sorted, one per line\n"
    "  --failures F       one line per failure: key | cause | query | expected vs got\n"
    "  --failures-md F    failures grouped by cause, most common first (markdown)\n"
    "  --check-list F     run only the scenarios listed in F; exit 1 if any fails\n"
    "  --timeout S        per-query limit in the engine (default 10); the process running a\n"
    "                     scenario is killed after 3*S seconds\n"
    "  --no-fork          run in this process (a crash ends the run)\n"
    "  --progress         one line per feature file on stderr as it finishes\n"
    "  --dry-run          only read the features: list scenario keys and unknown steps\n";

struct Args {
  std::string features;
  std::vector<std::string> filters, excludes;
  std::string write_passing, failures, failures_md, check_list;
  int timeout_s = 10;
  bool fork = true;
  bool verbose = false;
  bool dry_run = false;
  bool progress = false;
};

bool ParseArgs(int argc, char** argv, Args* a) {
  a->features = std::string(LINER_SOURCE_DIR) + "/../shared/opencypher-tck/tck/features";
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&](std::string* out) {
      if (i + 1 >= argc) return false;
      *out = argv[++i];
      return true;
    };
    std::string v;
    if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      std::exit(0);
    } else if (arg == "--features") {
      if (!value(&a->features)) return false;
    } else if (arg == "--filter") {
      if (!value(&v)) return false;
      a->filters.push_back(v);
    } else if (arg == "--exclude") {
      if (!value(&v)) return false;
      a->excludes.push_back(v);
    } else if (arg == "--write-passing") {
      if (!value(&a->write_passing)) return false;
    } else if (arg == "--failures") {
      if (!value(&a->failures)) return false;
    } else if (arg == "--failures-md") {
      if (!value(&a->failures_md)) return false;
    } else if (arg == "--check-list") {
      if (!value(&a->check_list)) return false;
    } else if (arg == "--timeout") {
      if (!value(&v)) return false;
      a->timeout_s = std::atoi(v.c_str());
      if (a->timeout_s <= 0) return false;
    } else if (arg == "--no-fork") {
      a->fork = false;
    } else if (arg == "--progress") {
      a->progress = true;
    } else if (arg == "--dry-run") {
      a->dry_run = true;
    } else if (arg == "--verbose" || arg == "-v") {
      a->verbose = true;
    } else if (!arg.empty() && arg[0] != '-') {
      a->features = arg;
    } else {
      std::cerr << "liner-tck: unknown option " << arg << "\n";
      return false;
    }
  }
  return true;
}

bool Selected(const std::string& key, const Args& a) {
  for (const auto& e : a.excludes) {
    if (key.find(e) != std::string::npos) return false;
  }
  if (a.filters.empty()) return true;
  for (const auto& f : a.filters) {
    if (key.find(f) != std::string::npos) return true;
  }
  return false;
}

std::string FirstQuery(const Scenario& s) {
  for (const auto& step : s.steps) {
    if (step.text.rfind("executing query:", 0) == 0) return step.doc;
  }
  return "";
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (!ParseArgs(argc, argv, &args)) {
    std::cerr << kUsage;
    return 2;
  }
  if (!fs::is_directory(args.features)) {
    std::cout << "TCK features folder not found: " << args.features
              << " (../shared is absent?); skipping\n";
    std::cout << "TCK total 0: passed 0, failed 0, skipped 0; clauses total 0: passed 0\n";
    return 0;
  }
  fs::path root = fs::canonical(args.features);
  // A fast temporary file system when there is one: every scenario opens a fresh RocksDB.
  // All of this run's databases live in one directory, removed at the end even when a child
  // crashed before cleaning up its own.
  fs::path tmp_base = std::getenv("TMPDIR") != nullptr ? fs::path(std::getenv("TMPDIR"))
                      : fs::is_directory("/dev/shm")   ? fs::path("/dev/shm")
                                                       : fs::temp_directory_path();
  fs::path run_dir = tmp_base / ("liner-tck-" + std::to_string(getpid()));
  fs::create_directories(run_dir);
  setenv("TMPDIR", run_dir.c_str(), 1);
  struct RemoveRunDir {
    fs::path dir;
    ~RemoveRunDir() {
      std::error_code ec;
      fs::remove_all(dir, ec);
    }
  } remove_run_dir{run_dir};

  std::set<std::string> check;
  if (!args.check_list.empty()) {
    std::ifstream in(args.check_list);
    if (!in) {
      std::cerr << "liner-tck: cannot read " << args.check_list << "\n";
      return 2;
    }
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty() && line[0] != '#') check.insert(line);
    }
  }

  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file() && e.path().extension() == ".feature") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());

  RunConfig config;
  config.graphs_dir = (root.parent_path() / "graphs").string();
  config.timeout_ms = args.timeout_s * 1000;
  IsolationOptions iso;
  iso.fork = args.fork;
  iso.hard_timeout_s = args.timeout_s * 3;

  Report report;
  std::set<std::string> seen_paths;
  for (const auto& file : files) {
    std::ifstream in(file);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string rel = fs::relative(file, root).generic_string();
    auto feature = ParseFeature(ss.str(), rel);
    if (!feature.ok()) {
      std::cerr << "liner-tck: " << feature.status().message() << "\n";
      continue;
    }
    seen_paths.insert(rel);
    std::vector<size_t> selected;
    for (size_t i = 0; i < feature->scenarios.size(); ++i) {
      std::string key = ScenarioKey(*feature, feature->scenarios[i]);
      if (!Selected(key, args)) continue;
      if (!check.empty() || !args.check_list.empty()) {
        if (!check.count(key)) continue;
      }
      selected.push_back(i);
    }
    if (selected.empty()) continue;
    if (args.dry_run) {
      for (size_t i : selected) {
        const Scenario& s = feature->scenarios[i];
        std::string key = ScenarioKey(*feature, s);
        std::string skip = SkipReason(*feature, s);
        for (const auto& step : s.steps) {
          if (!KnownStep(step.text)) skip = "unknown step: " + step.text;
        }
        std::cout << key << (skip.empty() ? "" : "  [" + skip + "]") << "\n";
        report.Add(rel, key, ScenarioResult{skip.empty() ? Verdict::kPassed : Verdict::kSkipped,
                                            skip, ""});
      }
      continue;
    }
    auto results = RunIsolated(*feature, selected, config, iso);
    if (args.progress) {
      int passed = 0;
      for (const auto& r : results) passed += r.verdict == Verdict::kPassed ? 1 : 0;
      std::cerr << rel << ": " << passed << "/" << results.size() << " passed\n";
    }
    for (size_t k = 0; k < selected.size(); ++k) {
      const Scenario& s = feature->scenarios[selected[k]];
      ScenarioResult r = results[k];
      if (r.verdict == Verdict::kFailed && r.detail.rfind("query:", 0) != 0) {
        r.detail = "query:\n    " + FirstQuery(s) + "\n" + r.detail;
      }
      std::string key = ScenarioKey(*feature, s);
      if (args.verbose) {
        const char* v = r.verdict == Verdict::kPassed   ? "PASS"
                        : r.verdict == Verdict::kFailed ? "FAIL"
                                                        : "SKIP";
        std::cout << v << " " << key << (r.cause.empty() ? "" : "  (" + r.cause + ")") << "\n";
        if (r.verdict == Verdict::kFailed) std::cout << r.detail;
      }
      report.Add(rel, key, r);
    }
  }

  if (args.dry_run) std::cout << "Dry run: nothing was executed; 'passed' means 'would run'.\n";
  report.PrintSummary(std::cout);
  if (!args.write_passing.empty() && !report.WritePassing(args.write_passing)) {
    std::cerr << "liner-tck: cannot write " << args.write_passing << "\n";
  }
  if (!args.failures.empty() && !report.WriteFailureLines(args.failures)) {
    std::cerr << "liner-tck: cannot write " << args.failures << "\n";
  }
  if (!args.failures_md.empty() && !report.WriteFailuresMarkdown(args.failures_md)) {
    std::cerr << "liner-tck: cannot write " << args.failures_md << "\n";
  }
  int exit_code = 0;
  if (!args.check_list.empty()) {
    // Listed scenarios of the selected feature files that no longer exist are failures too.
    std::vector<std::string> missing;
    for (const auto& key : check) {
      std::string path = key.substr(0, key.find(" :: "));
      if (seen_paths.count(path) && Selected(key, args) && !report.Has(key)) {
        missing.push_back(key);
      }
    }
    for (const auto& key : missing) std::cout << "MISSING (listed, not found): " << key << "\n";
    auto regressions = report.NotPassed();
    for (const auto& [key, r] : regressions) {
      std::cout << "REGRESSION: " << key << "  (" << r.cause << ")\n" << r.detail;
    }
    if (!missing.empty() || !regressions.empty()) exit_code = 1;
  }
  report.PrintTotalLine(std::cout);
  return exit_code;
}
