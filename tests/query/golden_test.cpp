// Golden query tests: every tests/golden/*.test file is run on a fresh database.
//
// File format (after Kùzu and DuckDB's sqllogictest):
//   # comment lines; the first may say "dataset: setup" (the default)
//   setup                  Cypher run before the queries (statements separated by ';'),
//   CREATE (...);          ending at a blank line
//
//   query                  a query, then '----', then the expected rows: one line per row,
//   MATCH ... RETURN ...;  cells as Cypher literals ('text', 1, 2.5, [1, 2], (:L {k: v}))
//   ----                   joined by " | ". Rows compare in order when the query has ORDER BY,
//   'a' | 1                as a multiset otherwise. The block ends at a blank line.
//
//   error                  a statement that must fail, then '----', then the exact error
//   MATCH (a RETURN a;     message (every line of it, trailing spaces ignored)
//   ----
//   line 1, column 10: ...
// Set LINER_GOLDEN_SHOW=1 to print every query's actual output (for writing new files).

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "query/engine.h"
#include "storage/database.h"
#include "tests/support/temp_dir.h"

namespace {

namespace fs = std::filesystem;
using liner::query::Engine;
using liner::query::QValue;

struct Block {
  std::string kind;  // setup, query, error
  int line = 0;
  std::string text;
  std::vector<std::string> expected;
};

std::string RTrim(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.pop_back();
  return s;
}

std::vector<Block> ParseGolden(const std::string& content) {
  std::vector<Block> blocks;
  std::istringstream in(content);
  std::string line;
  int n = 0;
  Block* cur = nullptr;
  bool after_dashes = false;
  while (std::getline(in, line)) {
    ++n;
    line = RTrim(line);
    if (cur == nullptr) {
      if (line.empty() || line[0] == '#') continue;
      blocks.push_back(Block{line, n, "", {}});
      cur = &blocks.back();
      after_dashes = false;
      continue;
    }
    if (line.empty()) {
      // A blank line ends a setup block or the expected part; inside a query it is kept.
      if (cur->kind == "setup" || after_dashes) {
        cur = nullptr;
      } else {
        cur->text += "\n";
      }
      continue;
    }
    if (cur->kind != "setup" && line == "----" && !after_dashes) {
      after_dashes = true;
      continue;
    }
    if (after_dashes) {
      cur->expected.push_back(line);
    } else {
      cur->text += (cur->text.empty() ? "" : "\n") + line;
    }
  }
  return blocks;
}

// Splits a setup block at ';' outside quotes.
std::vector<std::string> SplitStatements(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  char quote = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quote) {
      cur.push_back(c);
      if (c == '\\' && i + 1 < text.size()) {
        cur.push_back(text[++i]);
      } else if (c == quote) {
        quote = 0;
      }
    } else if (c == '\'' || c == '"' || c == '`') {
      quote = c;
      cur.push_back(c);
    } else if (c == ';') {
      out.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (cur.find_first_not_of(" \t\n") != std::string::npos) out.push_back(cur);
  return out;
}

std::string StripSemicolon(std::string q) {
  q = RTrim(q);
  while (!q.empty() && (q.back() == '\n' || q.back() == ' ')) q.pop_back();
  if (!q.empty() && q.back() == ';') q.pop_back();
  return q;
}

std::string Render(const std::vector<QValue>& row) {
  std::string out;
  for (size_t i = 0; i < row.size(); ++i) out += (i ? " | " : "") + row[i].ToCypherString();
  return out;
}

std::string Lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += "  " + l + "\n";
  return out.empty() ? "  (no rows)\n" : out;
}

std::vector<std::string> GoldenFiles() {
  std::vector<std::string> files;
  fs::path dir = fs::path(LINER_SOURCE_DIR) / "tests" / "golden";
  if (!fs::is_directory(dir)) return files;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".test") files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

bool HasOrderBy(const std::string& q) {
  std::string upper = q;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  // Only an ORDER BY of the final projection orders the result; a good enough test is
  // whether ORDER BY appears after the last RETURN.
  size_t ret = upper.rfind("RETURN");
  return ret != std::string::npos && upper.find("ORDER BY", ret) != std::string::npos;
}

}  // namespace

TEST_CASE("golden query files give their expected rows and errors", "[query][golden]") {
  auto files = GoldenFiles();
  REQUIRE_FALSE(files.empty());
  bool show = std::getenv("LINER_GOLDEN_SHOW") != nullptr;
  for (const auto& file : files) {
    std::ifstream in(file);
    std::stringstream ss;
    ss << in.rdbuf();
    auto blocks = ParseGolden(ss.str());
    liner::testing::TempDir dir;
    auto db = liner::Database::Open(dir.Sub("db"));
    REQUIRE(db.ok());
    Engine engine(db->get());
    std::string name = fs::path(file).filename().string();
    for (const auto& b : blocks) {
      std::string where = name + ":" + std::to_string(b.line);
      INFO(where);
      if (b.kind == "setup") {
        for (const auto& stmt : SplitStatements(b.text)) {
          auto r = liner::query::RunQuery(engine, stmt);
          INFO("setup statement: " << stmt);
          REQUIRE(r.ok());
        }
        continue;
      }
      REQUIRE((b.kind == "query" || b.kind == "error"));
      std::string q = StripSemicolon(b.text);
      INFO("query: " << q);
      auto r = liner::query::RunQuery(engine, q);
      if (b.kind == "error") {
        std::vector<std::string> got;
        if (!r.ok()) {
          std::istringstream lines(r.status().message());
          std::string l;
          while (std::getline(lines, l)) got.push_back(RTrim(l));
        }
        if (show) std::cout << where << " error:\n" << Lines(got);
        INFO("expected error:\n" << Lines(b.expected) << "got:\n"
                                 << (r.ok() ? "  no error\n" : Lines(got)));
        CHECK(got == b.expected);
        continue;
      }
      if (!r.ok()) {
        FAIL_CHECK("query failed: " << r.status().message());
        continue;
      }
      std::vector<std::string> got;
      for (const auto& row : r->rows) got.push_back(RTrim(Render(row)));
      if (show) std::cout << where << " rows:\n" << Lines(got);
      auto expected = b.expected;
      if (!HasOrderBy(q)) {
        std::sort(got.begin(), got.end());
        std::sort(expected.begin(), expected.end());
      }
      INFO("expected:\n" << Lines(expected) << "got:\n" << Lines(got));
      CHECK(got == expected);
    }
  }
}

TEST_CASE("golden file blocks are read with their expected lines", "[query][golden]") {
  auto blocks = ParseGolden(
      "# dataset: setup\nsetup\nCREATE (:A {k: 'x;y'});\nCREATE (:B)\n\n"
      "query\nMATCH (n)\n\nRETURN n;\n----\n(:A)\n(:B)\n\nerror\nRETURN x\n----\nbad\n");
  REQUIRE(blocks.size() == 3);
  CHECK(SplitStatements(blocks[0].text).size() == 2);
  CHECK(SplitStatements(blocks[0].text)[0] == "CREATE (:A {k: 'x;y'})");
  CHECK(blocks[1].text == "MATCH (n)\n\nRETURN n;");
  CHECK(blocks[1].expected == std::vector<std::string>{"(:A)", "(:B)"});
  CHECK(blocks[2].kind == "error");
  CHECK(blocks[2].expected == std::vector<std::string>{"bad"});
  CHECK(HasOrderBy("MATCH (n) WITH n ORDER BY n.k RETURN n") == false);
  CHECK(HasOrderBy("MATCH (n) RETURN n ORDER BY n.k"));
}
