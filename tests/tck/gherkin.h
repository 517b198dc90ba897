#pragma once
// A reader for the subset of Gherkin the openCypher TCK uses: Feature, Background, Scenario,
// Scenario Outline with Examples tables, tags, steps with a doc string ("""...""") or a data
// table (| a | b |). Outlines are expanded here: each example row becomes one Scenario.
// Plain value types and free functions; thread-compatible.

#include <string>
#include <vector>

#include "storage/status.h"

namespace liner::tck {

// A data table: rows of cells, already unescaped (\| \\ \n as Gherkin defines).
using Table = std::vector<std::vector<std::string>>;

struct Step {
  std::string keyword;  // Given, When, Then, And, But
  std::string text;     // the phrase after the keyword, e.g. "executing query:"
  std::string doc;      // the doc string, indentation removed; empty when none
  bool has_doc = false;
  Table table;          // empty when none
  int line = 0;
};

struct Scenario {
  std::string name;              // as written, outline placeholders substituted
  std::vector<std::string> tags;  // @ignore and friends, without the @
  std::vector<Step> steps;       // background steps first
  int line = 0;
  int example = 0;  // 1-based example row for an outline, 0 for a plain scenario
};

struct Feature {
  std::string path;      // path relative to the features folder, with '/' separators
  std::string name;
  std::vector<Scenario> scenarios;
};

// Parses one feature file's text; `path` is stored as the feature's path.
Result<Feature> ParseFeature(const std::string& text, const std::string& path);

// The stable key of a scenario in passing and check lists:
//   "<path> :: <name>" or "<path> :: <name> :: example <n>".
std::string ScenarioKey(const Feature& feature, const Scenario& scenario);

}  // namespace liner::tck
