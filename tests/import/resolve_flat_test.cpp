// FlatMap64, the resolver's open-addressing maps (cli/import/resolve_flat.h).
#include <catch2/catch.hpp>

#include <cstdint>
#include <unordered_map>

#include "cli/import/resolve_flat.h"

namespace liner::import {
namespace {

TEST_CASE("FlatMap64 finds what it holds across growth and forgets it on Clear", "[import]") {
  FlatMap64 map;
  std::unordered_map<uint64_t, uint64_t> want;
  uint64_t x = 88172645463325252ull;
  for (int i = 0; i < 50000; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    const uint64_t key = (i % 7 == 0) ? static_cast<uint64_t>(i) : x;  // dense keys too
    const bool inserted = map.Insert(key, static_cast<uint64_t>(i));
    CHECK(inserted == want.emplace(key, static_cast<uint64_t>(i)).second);
  }
  CHECK(map.size() == want.size());
  for (const auto& [k, v] : want) {
    const uint64_t* got = map.Find(k);
    REQUIRE(got != nullptr);
    CHECK(*got == v);
  }
  CHECK_FALSE(map.Contains(0xDEADBEEFDEADBEEFull));
  map.Clear();
  CHECK(map.size() == 0);
  CHECK_FALSE(map.Contains(want.begin()->first));
  CHECK(map.Insert(want.begin()->first, 5));
  CHECK(*map.Find(want.begin()->first) == 5);
}

TEST_CASE("FlatMap64 keeps the first value of a key and stores key 0 as a key", "[import]") {
  FlatMap64 map;
  CHECK(map.Find(0) == nullptr);
  CHECK(map.Insert(0, 10));
  CHECK_FALSE(map.Insert(0, 11));
  REQUIRE(map.Find(0) != nullptr);
  CHECK(*map.Find(0) == 10);
  CHECK(map.Insert(2, 20));
  CHECK(*map.Find(2) == 20);
  CHECK(map.size() == 2);
}

}  // namespace
}  // namespace liner::import
