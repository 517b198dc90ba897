#pragma once
// Runs one TCK scenario on a fresh database and judges it by the TCK's rules: result rows in
// any order or in order (optionally ignoring list element order), an empty result, side effects
// counted from storage before and after the query, and expected errors.
// Free functions; each call uses its own temporary database.

#include <string>

#include "tests/tck/gherkin.h"

namespace liner::tck {

enum class Verdict { kPassed, kFailed, kSkipped };

struct ScenarioResult {
  Verdict verdict = Verdict::kFailed;
  // A short cause for grouping failures and skips, e.g. "wrong result rows" or
  // "engine error: unknown function <name>" (literals replaced by placeholders).
  std::string cause;
  // The full story: query, expected and actual values or the error text.
  std::string detail;
};

struct RunConfig {
  std::string graphs_dir;  // tck/graphs, for "Given the binary-tree-1 graph"
  int timeout_ms = 10000;  // per query
};

ScenarioResult RunScenario(const Feature& feature, const Scenario& scenario,
                           const RunConfig& config);

// Whether the runner understands a step phrase (for --dry-run).
bool KnownStep(const std::string& text);

// Whether the runner skips a scenario without running it, and why ("" when it runs).
std::string SkipReason(const Feature& feature, const Scenario& scenario);

}  // namespace liner::tck
