#pragma once
// Runs the scenarios of one feature file in a forked child process, so that a crash or a hang
// in the engine costs only the scenario it happened in: the parent kills a child that shows no
// progress within the hard timeout, records that scenario as failed and forks a new child for
// the rest of the file. Not thread-safe (uses fork and waitpid).

#include <functional>
#include <vector>

#include "tests/tck/gherkin.h"
#include "tests/tck/scenario_runner.h"

namespace liner::tck {

struct IsolationOptions {
  bool fork = true;          // false: run in this process (for debugging)
  int hard_timeout_s = 30;   // per scenario, enforced by the parent
};

// Runs feature.scenarios[i] for every i in `selected`; results are in the same order.
std::vector<ScenarioResult> RunIsolated(const Feature& feature, const std::vector<size_t>& selected,
                                        const RunConfig& config, const IsolationOptions& options);

}  // namespace liner::tck
