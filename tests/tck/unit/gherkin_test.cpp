#include <catch2/catch.hpp>

#include "tests/tck/gherkin.h"

using liner::tck::ParseFeature;
using liner::tck::ScenarioKey;

TEST_CASE("a feature's background runs before every scenario", "[tck]") {
  const char* text = R"(# comment
Feature: F
  Background:
    Given an empty graph

  @ignore
  Scenario: [1] one
    When executing query:
      """
      MATCH (n)
        RETURN n
      """
    Then the result should be, in any order:
      | n |
      | (:A {s: 'x\|y'}) |
)";
  auto f = ParseFeature(text, "dir/F.feature");
  REQUIRE(f.ok());
  REQUIRE(f->scenarios.size() == 1);
  const auto& s = f->scenarios[0];
  CHECK(s.tags == std::vector<std::string>{"ignore"});
  REQUIRE(s.steps.size() == 3);
  CHECK(s.steps[0].text == "an empty graph");
  CHECK(s.steps[1].doc == "MATCH (n)\n  RETURN n");
  CHECK(s.steps[2].table[1][0] == "(:A {s: 'x|y'})");
  CHECK(ScenarioKey(*f, s) == "dir/F.feature :: [1] one");
}

TEST_CASE("every example row of an outline is its own scenario", "[tck]") {
  const char* text = R"(Feature: F
  Scenario Outline: [2] value <v>
    Given any graph
    When executing query:
      """
      RETURN <v> AS x
      """
    Then the result should be, in any order:
      | x   |
      | <v> |

    Examples:
      | v |
      | 1 |
      | 2 |

    Examples:
      | v |
      | 3 |
)";
  auto f = ParseFeature(text, "F.feature");
  REQUIRE(f.ok());
  REQUIRE(f->scenarios.size() == 3);
  CHECK(f->scenarios[2].steps[1].doc == "RETURN 3 AS x");
  CHECK(f->scenarios[2].steps[2].table[1][0] == "3");
  CHECK(ScenarioKey(*f, f->scenarios[0]) == "F.feature :: [2] value 1 :: example 1");
  CHECK(ScenarioKey(*f, f->scenarios[2]) == "F.feature :: [2] value 3 :: example 3");
}

TEST_CASE("an unclosed doc string is an error with the line", "[tck]") {
  auto f = ParseFeature("Feature: F\n  Scenario: s\n    When executing query:\n      \"\"\"\n      x\n",
                        "F.feature");
  REQUIRE_FALSE(f.ok());
  CHECK(f.status().message().find("F.feature:4") != std::string::npos);
}
