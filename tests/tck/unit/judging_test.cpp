// End-to-end: the runner's verdicts on small scenarios run through the real engine. Each
// wrong expectation must fail with the right cause, so the runner cannot pass everything.

#include <catch2/catch.hpp>

#include "tests/tck/gherkin.h"
#include "tests/tck/scenario_runner.h"

using namespace liner::tck;

namespace {

ScenarioResult RunOne(const std::string& body) {
  auto f = ParseFeature("Feature: F\n  Scenario: s\n    Given an empty graph\n" + body, "F.feature");
  REQUIRE(f.ok());
  REQUIRE(f->scenarios.size() == 1);
  return RunScenario(*f, f->scenarios[0], RunConfig{});
}

const char* kReturnOne =
    "    When executing query:\n      \"\"\"\n      RETURN 1 AS x\n      \"\"\"\n";
const char* kCreate =
    "    When executing query:\n      \"\"\"\n      CREATE (:A {k: 1})\n      \"\"\"\n"
    "    Then the result should be empty\n";

}  // namespace

TEST_CASE("a correct expected row passes and a wrong one fails", "[tck]") {
  auto ok = RunOne(std::string(kReturnOne) +
                   "    Then the result should be, in any order:\n      | x |\n      | 1 |\n");
  CHECK(ok.verdict == Verdict::kPassed);
  auto wrong = RunOne(std::string(kReturnOne) +
                      "    Then the result should be, in any order:\n      | x |\n      | 1.0 |\n");
  CHECK(wrong.verdict == Verdict::kFailed);
  CHECK(wrong.cause == "wrong result values");
  auto column = RunOne(std::string(kReturnOne) +
                       "    Then the result should be, in any order:\n      | y |\n      | 1 |\n");
  CHECK(column.cause == "wrong columns");
}

TEST_CASE("side effects are counted and compared", "[tck]") {
  auto ok = RunOne(std::string(kCreate) +
                   "    And the side effects should be:\n      | +nodes | 1 |\n"
                   "      | +labels | 1 |\n      | +properties | 1 |\n");
  CHECK(ok.verdict == Verdict::kPassed);
  INFO(ok.detail);
  auto wrong = RunOne(std::string(kCreate) + "    And no side effects\n");
  CHECK(wrong.verdict == Verdict::kFailed);
  CHECK(wrong.cause == "wrong side effects");
}

TEST_CASE("an expected error that is not raised fails the scenario", "[tck]") {
  auto r = RunOne(std::string(kReturnOne) +
                  "    Then a SyntaxError should be raised at compile time: UndefinedVariable\n");
  CHECK(r.verdict == Verdict::kFailed);
  CHECK(r.cause == "expected SyntaxError not raised");
  auto raised = RunOne(
      "    When executing query:\n      \"\"\"\n      RETURN undefinedVariable\n      \"\"\"\n"
      "    Then a SyntaxError should be raised at compile time: UndefinedVariable\n");
  INFO(raised.detail);
  CHECK(raised.verdict == Verdict::kPassed);
}

TEST_CASE("a scenario with an unknown step is skipped, not passed", "[tck]") {
  auto r = RunOne(std::string(kReturnOne) + "    Then the moon should be full\n");
  CHECK(r.verdict == Verdict::kSkipped);
}
