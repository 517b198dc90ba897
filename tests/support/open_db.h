#pragma once
// OpenDb: opens (or creates) a Liner database for a test, with the read caches (adjacency
// cache, integer and string columns, name cache) on or off, so a test can compare the two.
// Uses Catch2's REQUIRE; include from tests only.

#include <catch2/catch.hpp>
#include <memory>
#include <string>

#include "storage/database.h"

namespace liner::testing {

inline std::unique_ptr<Database> OpenDb(const std::string& path, bool cache) {
  OpenOptions o;
  o.adjacency_cache = cache;
  auto db = Database::Open(path, o);
  REQUIRE(db.ok());
  return std::move(db).value();
}

}  // namespace liner::testing
