#pragma once
// Helpers for query tests: a fresh database with an engine, and running a query to rows of
// Cypher text. One per test; not thread-safe.

#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "query/engine.h"
#include "storage/database.h"
#include "tests/support/temp_dir.h"

namespace liner::query::testing {

class QueryFixture {
 public:
  explicit QueryFixture(const OpenOptions& options = {}) {
    auto db = Database::Open(dir_.Sub("db"), options);
    REQUIRE(db.ok());
    db_ = std::move(db).value();
    engine_ = std::make_unique<Engine>(db_.get());
  }
  Engine& engine() { return *engine_; }
  Database& db() { return *db_; }

  // Runs `q`; REQUIREs success; returns rows as "v1 | v2" strings (Cypher literal text).
  std::vector<std::string> Rows(const std::string& q, const Params& params = {}) {
    auto r = RunQuery(*engine_, q, params);
    INFO(q);
    if (!r.ok()) FAIL(r.status().message());
    std::vector<std::string> out;
    for (const auto& row : r->rows) {
      std::string line;
      for (size_t i = 0; i < row.size(); ++i) line += (i ? " | " : "") + row[i].ToCypherString();
      out.push_back(line);
    }
    return out;
  }
  // The single value of a one-row, one-column result, as Cypher text.
  std::string One(const std::string& q, const Params& params = {}) {
    auto rows = Rows(q, params);
    INFO(q);
    REQUIRE(rows.size() == 1);
    return rows[0];
  }
  // Runs `q` and returns its error status (REQUIREs failure).
  Status Error(const std::string& q, const Params& params = {}) {
    auto r = RunQuery(*engine_, q, params);
    INFO(q);
    REQUIRE_FALSE(r.ok());
    return r.status();
  }

 private:
  liner::testing::TempDir dir_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<Engine> engine_;
};

}  // namespace liner::query::testing
