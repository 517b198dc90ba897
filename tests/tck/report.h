#pragma once
// Report: collects scenario verdicts and prints the per-folder and total summary, the passing
// list, one-line failures and failures grouped by cause. Not thread-safe.

#include <map>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "tests/tck/scenario_runner.h"

namespace liner::tck {

class Report {
 public:
  // `path` is the feature file relative to the features folder; `key` the scenario key.
  void Add(const std::string& path, const std::string& key, const ScenarioResult& result);

  // Per folder, per top-level folder, skip reasons and pass rates (without the total line).
  void PrintSummary(std::ostream& out) const;
  // "TCK total T: passed P, failed F, skipped S; clauses total T2: passed P2".
  void PrintTotalLine(std::ostream& out) const;

  bool WritePassing(const std::string& file) const;
  bool WriteFailureLines(const std::string& file) const;
  bool WriteFailuresMarkdown(const std::string& file) const;

  bool Has(const std::string& key) const;
  // Keys of scenarios that failed or were skipped, with why (for --check-list).
  std::vector<std::pair<std::string, ScenarioResult>> NotPassed() const;

 private:
  struct Entry {
    std::string path;
    std::string key;
    ScenarioResult result;
  };
  struct Counts {
    int passed = 0, failed = 0, skipped = 0;
    int total() const { return passed + failed + skipped; }
  };
  std::vector<Entry> entries_;
};

}  // namespace liner::tck
