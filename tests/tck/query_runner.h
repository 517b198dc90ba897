#pragma once
// QueryRunner: the one seam between the TCK runner and Liner's query engine. It runs a Cypher
// statement with TCK-notation parameters and returns the columns and rows converted to TCK
// values (or the error), and registers the TCK's fake procedures when the engine can.
// Not thread-safe; one per scenario, over one database.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "storage/database.h"
#include "tests/tck/gherkin.h"
#include "tests/tck/tck_value.h"

namespace liner::tck {

struct QueryOutcome {
  bool ok = false;
  bool compile_time = false;  // the error came from parsing/planning, before any row
  std::string error;          // the engine's message when !ok
  std::vector<std::string> columns;
  std::vector<std::vector<TckValue>> rows;
};

class QueryRunner {
 public:
  virtual ~QueryRunner() = default;
  // Runs `cypher` to completion (a write statement commits) with a time limit in milliseconds.
  virtual QueryOutcome Run(const std::string& cypher,
                           const std::map<std::string, TckValue>& params, int timeout_ms) = 0;
  // Registers "test.my.proc(in :: INTEGER?) :: (out :: STRING?)" answering from `table`
  // (header row: input then output columns). Returns an error when not supported.
  virtual Status RegisterProcedure(const std::string& signature, const Table& table) = 0;
};

// A runner over Liner's engine for `db` (which must outlive it).
std::unique_ptr<QueryRunner> MakeQueryRunner(Database* db);

}  // namespace liner::tck
