#include "tests/tck/report.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <set>

namespace liner::tck {

namespace {

std::string Folder(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "." : path.substr(0, slash);
}

std::string Top(const std::string& path) {
  size_t slash = path.find('/');
  return slash == std::string::npos ? "." : path.substr(0, slash);
}

std::string Percent(int part, int whole) {
  if (whole == 0) return "-";
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.1f%%", 100.0 * part / whole);
  return buf;
}

std::string OneLine(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\n') {
      out += " \\n ";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// Temporal scenarios may be left out of the totals (issue 3): the skip reason says so.
bool IsTemporal(const ScenarioResult& r) {
  return r.verdict == Verdict::kSkipped && r.cause.rfind("temporal", 0) == 0;
}

}  // namespace

void Report::Add(const std::string& path, const std::string& key, const ScenarioResult& result) {
  entries_.push_back({path, key, result});
}

void Report::PrintSummary(std::ostream& out) const {
  std::map<std::string, Counts> folders, tops;
  std::map<std::string, int> skip_reasons;
  Counts all, no_temporal, clauses, clauses_no_temporal;
  for (const auto& e : entries_) {
    for (Counts* c : {&folders[Folder(e.path)], &tops[Top(e.path)], &all}) {
      if (e.result.verdict == Verdict::kPassed) ++c->passed;
      if (e.result.verdict == Verdict::kFailed) ++c->failed;
      if (e.result.verdict == Verdict::kSkipped) ++c->skipped;
    }
    std::vector<Counts*> extra;
    bool is_clause = e.path.rfind("clauses/", 0) == 0;
    if (is_clause) extra.push_back(&clauses);
    if (!IsTemporal(e.result)) {
      extra.push_back(&no_temporal);
      if (is_clause) extra.push_back(&clauses_no_temporal);
    }
    for (Counts* c : extra) {
      if (e.result.verdict == Verdict::kPassed) ++c->passed;
      if (e.result.verdict == Verdict::kFailed) ++c->failed;
      if (e.result.verdict == Verdict::kSkipped) ++c->skipped;
    }
    if (e.result.verdict == Verdict::kSkipped) ++skip_reasons[e.result.cause];
  }
  char line[256];
  out << "Per folder (passed / failed / skipped of total, pass rate):\n";
  for (const auto& [name, c] : folders) {
    std::snprintf(line, sizeof(line), "  %-40s passed %4d  failed %4d  skipped %4d  of %4d  %s\n",
                  name.c_str(), c.passed, c.failed, c.skipped, c.total(),
                  Percent(c.passed, c.total()).c_str());
    out << line;
  }
  out << "Per top-level folder:\n";
  for (const auto& [name, c] : tops) {
    std::snprintf(line, sizeof(line), "  %-40s passed %4d  failed %4d  skipped %4d  of %4d  %s\n",
                  name.c_str(), c.passed, c.failed, c.skipped, c.total(),
                  Percent(c.passed, c.total()).c_str());
    out << line;
  }
  if (!skip_reasons.empty()) {
    out << "Skipped scenarios by reason:\n";
    for (const auto& [reason, n] : skip_reasons) out << "  " << n << "  " << reason << "\n";
  }
  out << "Pass rate of all scenarios: " << all.passed << "/" << all.total() << " = "
      << Percent(all.passed, all.total()) << "; temporal scenarios left out: "
      << no_temporal.passed << "/" << no_temporal.total() << " = "
      << Percent(no_temporal.passed, no_temporal.total()) << "\n";
  out << "Pass rate of clauses/: " << clauses.passed << "/" << clauses.total() << " = "
      << Percent(clauses.passed, clauses.total()) << "; temporal scenarios left out: "
      << clauses_no_temporal.passed << "/" << clauses_no_temporal.total() << " = "
      << Percent(clauses_no_temporal.passed, clauses_no_temporal.total()) << "\n";
}

void Report::PrintTotalLine(std::ostream& out) const {
  Counts all, clauses;
  for (const auto& e : entries_) {
    std::vector<Counts*> cs = {&all};
    if (e.path.rfind("clauses/", 0) == 0) cs.push_back(&clauses);
    for (Counts* c : cs) {
      if (e.result.verdict == Verdict::kPassed) ++c->passed;
      if (e.result.verdict == Verdict::kFailed) ++c->failed;
      if (e.result.verdict == Verdict::kSkipped) ++c->skipped;
    }
  }
  out << "TCK total " << all.total() << ": passed " << all.passed << ", failed " << all.failed
      << ", skipped " << all.skipped << "; clauses total " << clauses.total() << ": passed "
      << clauses.passed << "\n";
}

bool Report::WritePassing(const std::string& file) const {
  std::vector<std::string> keys;
  for (const auto& e : entries_) {
    if (e.result.verdict == Verdict::kPassed) keys.push_back(e.key);
  }
  std::sort(keys.begin(), keys.end());
  std::ofstream out(file);
  for (const auto& k : keys) out << k << "\n";
  return static_cast<bool>(out);
}

bool Report::WriteFailureLines(const std::string& file) const {
  std::ofstream out(file);
  for (const auto& e : entries_) {
    if (e.result.verdict != Verdict::kFailed) continue;
    out << e.key << " | " << e.result.cause << " | " << OneLine(e.result.detail) << "\n";
  }
  return static_cast<bool>(out);
}

bool Report::WriteFailuresMarkdown(const std::string& file) const {
  std::map<std::string, std::vector<const Entry*>> groups;
  int failed = 0;
  for (const auto& e : entries_) {
    if (e.result.verdict != Verdict::kFailed) continue;
    groups[e.result.cause].push_back(&e);
    ++failed;
  }
  std::vector<std::pair<std::string, std::vector<const Entry*>>> sorted(groups.begin(),
                                                                         groups.end());
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return a.second.size() > b.second.size();
  });
  std::ofstream out(file);
  out << "# TCK failures grouped by cause (most common first)\n\n";
  out << failed << " failing scenarios in " << sorted.size() << " groups. Each group lists its "
      << "scenarios and the full story of the first three.\n\n";
  for (const auto& [cause, list] : sorted) {
    out << "## " << list.size() << " × " << cause << "\n\n";
    for (size_t i = 0; i < list.size() && i < 3; ++i) {
      out << "- `" << list[i]->key << "`\n\n```\n" << list[i]->result.detail << "```\n\n";
    }
    if (list.size() > 3) {
      out << "<details><summary>" << list.size() - 3 << " more</summary>\n\n";
      for (size_t i = 3; i < list.size(); ++i) out << "- `" << list[i]->key << "`\n";
      out << "\n</details>\n\n";
    }
  }
  return static_cast<bool>(out);
}

bool Report::Has(const std::string& key) const {
  for (const auto& e : entries_) {
    if (e.key == key) return true;
  }
  return false;
}

std::vector<std::pair<std::string, ScenarioResult>> Report::NotPassed() const {
  std::vector<std::pair<std::string, ScenarioResult>> out;
  for (const auto& e : entries_) {
    if (e.result.verdict != Verdict::kPassed) out.emplace_back(e.key, e.result);
  }
  return out;
}

}  // namespace liner::tck
