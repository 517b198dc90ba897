// IdSpace: integer ids in consecutive runs are found by arithmetic, and any other order (gaps,
// descending, negative, huge, duplicates) gives the same answers as the tables.
#include <catch2/catch.hpp>

#include <cstdint>
#include <map>
#include <random>

#include "cli/import/native_importer.h"

using liner::NodeId;
using liner::import::IdSpace;

namespace {

// Inserts `ids` as nodes first, first + 1, ... and checks every answer against a std::map.
void CheckAgainstMap(const std::vector<int64_t>& ids, NodeId first = 1) {
  IdSpace space;
  std::map<int64_t, NodeId> expect;
  NodeId node = first;
  for (int64_t id : ids) {
    bool fresh = expect.emplace(id, node).second;
    CHECK(space.InsertInt(id, node) == fresh);
    if (fresh) ++node;
  }
  for (const auto& [id, n] : expect) CHECK(space.FindInt(id) == n);
  for (int64_t probe : {int64_t{-1}, int64_t{0}, int64_t{1}, int64_t{5}, int64_t{1} << 30,
                        INT64_MIN, INT64_MAX}) {
    auto it = expect.find(probe);
    CHECK(space.FindInt(probe) == (it == expect.end() ? 0 : it->second));
  }
}

}  // namespace

TEST_CASE("integer ids in one consecutive run are found, and ids outside it are not",
          "[import]") {
  IdSpace space;
  for (int64_t id = 10; id < 1010; ++id) REQUIRE(space.InsertInt(id, 100 + id));
  CHECK(space.FindInt(10) == 110);
  CHECK(space.FindInt(1009) == 1109);
  CHECK(space.FindInt(9) == 0);
  CHECK(space.FindInt(1010) == 0);
  CHECK(space.FindInt(-1) == 0);
  CHECK_FALSE(space.InsertInt(500, 7));  // a duplicate
  CHECK(space.FindInt(500) == 600);
}

TEST_CASE("integer ids out of order, with gaps, negative or huge give the same answers as a map",
          "[import]") {
  CheckAgainstMap({0, 1, 2, 3, 7, 8, 4});
  CheckAgainstMap({5, 4, 3, 2, 1, 0});
  CheckAgainstMap({0, 1, 2, 1, 3});  // a duplicate inside the run
  CheckAgainstMap({0, 1, 2, 3, 3, 4});
  CheckAgainstMap({-3, -2, -1, 0, 1});
  CheckAgainstMap({INT64_MAX - 1, INT64_MAX, 0});
  CheckAgainstMap({INT64_MIN, INT64_MIN + 1, 5});
  CheckAgainstMap({int64_t{1} << 40, (int64_t{1} << 40) + 1, 3});
  std::mt19937_64 rng(7);
  std::vector<int64_t> ids;
  for (int i = 0; i < 2000; ++i) ids.push_back(static_cast<int64_t>(rng() % 3000) - 100);
  CheckAgainstMap(ids);
}

TEST_CASE("a run of integer ids that breaks keeps the run's ids findable", "[import]") {
  IdSpace space;
  for (int64_t id = 0; id < 100; ++id) REQUIRE(space.InsertInt(id, id + 1));
  REQUIRE(space.InsertInt(200, 101));  // a gap ends the run
  REQUIRE(space.InsertInt(100, 102));
  CHECK_FALSE(space.InsertInt(50, 103));
  for (int64_t id = 0; id < 100; ++id) CHECK(space.FindInt(id) == static_cast<NodeId>(id + 1));
  CHECK(space.FindInt(200) == 101);
  CHECK(space.FindInt(100) == 102);
  CHECK(space.FindInt(101) == 0);
}
