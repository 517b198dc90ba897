#include "tests/tck/gherkin.h"

#include <sstream>

namespace liner::tck {

namespace {

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

bool StartsWith(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

// Splits "| a | b\|c |" into unescaped, trimmed cells.
std::vector<std::string> SplitRow(const std::string& line) {
  std::vector<std::string> cells;
  std::string cur;
  bool started = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == '\\' && i + 1 < line.size()) {
      char n = line[i + 1];
      if (n == '|' || n == '\\') {
        cur.push_back(n);
        ++i;
        continue;
      }
      if (n == 'n') {
        cur.push_back('\n');
        ++i;
        continue;
      }
      cur.push_back(c);
      continue;
    }
    if (c == '|') {
      if (started) cells.push_back(Trim(cur));
      started = true;
      cur.clear();
      continue;
    }
    cur.push_back(c);
  }
  return cells;
}

std::string Substitute(std::string text, const std::vector<std::string>& names,
                       const std::vector<std::string>& values) {
  for (size_t i = 0; i < names.size() && i < values.size(); ++i) {
    std::string key = "<" + names[i] + ">";
    size_t pos = 0;
    while ((pos = text.find(key, pos)) != std::string::npos) {
      text.replace(pos, key.size(), values[i]);
      pos += values[i].size();
    }
  }
  return text;
}

struct RawScenario {
  Scenario scenario;
  bool outline = false;
  Table examples;  // header row, then one row per example (across all Examples blocks)
};

}  // namespace

Result<Feature> ParseFeature(const std::string& text, const std::string& path) {
  Feature feature;
  feature.path = path;
  std::vector<std::string> lines;
  {
    std::istringstream in(text);
    std::string l;
    while (std::getline(in, l)) lines.push_back(l);
  }
  std::vector<Step> background;
  std::vector<RawScenario> raws;
  std::vector<std::string> pending_tags;
  // Where steps go: 0 nowhere, 1 background, 2 current scenario; examples when in_examples.
  int target = 0;
  bool in_examples = false;
  bool expect_header = false;
  auto err = [&](size_t i, const std::string& what) {
    return Status::InvalidArgument(path + ":" + std::to_string(i + 1) + ": " + what);
  };
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string t = Trim(lines[i]);
    if (t.empty() || t[0] == '#') continue;
    if (t[0] == '@') {
      std::istringstream tags(t);
      std::string tag;
      while (tags >> tag) pending_tags.push_back(tag.substr(1));
      continue;
    }
    if (StartsWith(t, "Feature:")) {
      feature.name = Trim(t.substr(8));
      pending_tags.clear();
      continue;
    }
    if (StartsWith(t, "Background:")) {
      target = 1;
      in_examples = false;
      continue;
    }
    if (StartsWith(t, "Scenario Outline:") || StartsWith(t, "Scenario Template:") ||
        StartsWith(t, "Scenario:") || StartsWith(t, "Example:")) {
      RawScenario raw;
      raw.outline = !StartsWith(t, "Scenario:") && !StartsWith(t, "Example:");
      raw.scenario.name = Trim(t.substr(t.find(':') + 1));
      raw.scenario.line = static_cast<int>(i + 1);
      raw.scenario.tags = std::move(pending_tags);
      pending_tags.clear();
      raws.push_back(std::move(raw));
      target = 2;
      in_examples = false;
      continue;
    }
    if (StartsWith(t, "Examples:") || StartsWith(t, "Scenarios:")) {
      if (raws.empty()) return err(i, "Examples outside a scenario outline");
      in_examples = true;
      expect_header = true;
      pending_tags.clear();
      continue;
    }
    if (t[0] == '|') {
      auto cells = SplitRow(t);
      if (in_examples) {
        Table& ex = raws.back().examples;
        // Every Examples block starts with a header row; keep only the first block's.
        bool header = expect_header;
        expect_header = false;
        if (header && !ex.empty()) continue;
        ex.push_back(std::move(cells));
        continue;
      }
      std::vector<Step>* steps = target == 1 ? &background
                                 : target == 2 ? &raws.back().scenario.steps
                                               : nullptr;
      if (steps == nullptr || steps->empty()) return err(i, "table without a step");
      steps->back().table.push_back(std::move(cells));
      continue;
    }
    if (StartsWith(t, "\"\"\"") || StartsWith(t, "```")) {
      std::string fence = t.substr(0, 3);
      size_t indent = lines[i].find(fence);
      std::string doc;
      size_t j = i + 1;
      for (; j < lines.size(); ++j) {
        if (Trim(lines[j]) == fence) break;
        std::string l = lines[j];
        size_t strip = 0;
        while (strip < indent && strip < l.size() && (l[strip] == ' ' || l[strip] == '\t')) {
          ++strip;
        }
        if (!doc.empty() || j > i + 1) doc += "\n";
        doc += l.substr(strip);
      }
      if (j == lines.size()) return err(i, "doc string not closed");
      std::vector<Step>* steps = target == 1 ? &background
                                 : target == 2 ? &raws.back().scenario.steps
                                               : nullptr;
      if (steps == nullptr || steps->empty()) return err(i, "doc string without a step");
      steps->back().doc = doc;
      steps->back().has_doc = true;
      i = j;
      continue;
    }
    static const char* kKeywords[] = {"Given ", "When ", "Then ", "And ", "But ", "* "};
    bool matched = false;
    for (const char* kw : kKeywords) {
      if (StartsWith(t, kw)) {
        Step step;
        step.keyword = Trim(kw);
        step.text = Trim(t.substr(std::string(kw).size()));
        step.line = static_cast<int>(i + 1);
        if (target == 1) {
          background.push_back(std::move(step));
        } else if (target == 2) {
          raws.back().scenario.steps.push_back(std::move(step));
        } else {
          return err(i, "step outside a scenario");
        }
        matched = true;
        break;
      }
    }
    if (!matched) {
      // Free text under Feature:/Scenario: is a description; Gherkin allows it.
      continue;
    }
  }

  for (auto& raw : raws) {
    if (!raw.outline) {
      Scenario s = raw.scenario;
      s.steps.insert(s.steps.begin(), background.begin(), background.end());
      feature.scenarios.push_back(std::move(s));
      continue;
    }
    if (raw.examples.size() < 2) continue;  // an outline without example rows runs nothing
    const auto& names = raw.examples.front();
    for (size_t r = 1; r < raw.examples.size(); ++r) {
      const auto& values = raw.examples[r];
      Scenario s;
      s.name = Substitute(raw.scenario.name, names, values);
      s.tags = raw.scenario.tags;
      s.line = raw.scenario.line;
      s.example = static_cast<int>(r);
      s.steps = background;
      for (Step step : raw.scenario.steps) {
        step.text = Substitute(step.text, names, values);
        step.doc = Substitute(step.doc, names, values);
        for (auto& row : step.table) {
          for (auto& cell : row) cell = Substitute(cell, names, values);
        }
        s.steps.push_back(std::move(step));
      }
      feature.scenarios.push_back(std::move(s));
    }
  }
  return feature;
}

std::string ScenarioKey(const Feature& feature, const Scenario& scenario) {
  std::string key = feature.path + " :: " + scenario.name;
  if (scenario.example > 0) key += " :: example " + std::to_string(scenario.example);
  // Keys live one per line in list files.
  for (char& c : key) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return key;
}

}  // namespace liner::tck
