#pragma once
// Dump: every key and value of every column family of a closed Liner database, for tests that
// compare databases byte for byte. Uses Catch2's REQUIRE; include from tests only.

#include <rocksdb/db.h>

#include <catch2/catch.hpp>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace liner::testing {

// "cf/key" -> value, for the database at `path` (opened read-only).
inline std::map<std::string, std::string> Dump(const std::string& path) {
  std::vector<std::string> names;
  REQUIRE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), path, &names).ok());
  std::vector<rocksdb::ColumnFamilyDescriptor> descs;
  for (const auto& n : names) descs.emplace_back(n, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  REQUIRE(rocksdb::DB::OpenForReadOnly(rocksdb::DBOptions(), path, descs, &handles, &raw).ok());
  std::unique_ptr<rocksdb::DB> db(raw);
  std::map<std::string, std::string> out;
  for (size_t i = 0; i < handles.size(); ++i) {
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), handles[i]));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      out[names[i] + "/" + it->key().ToString()] = it->value().ToString();
    }
    REQUIRE(it->status().ok());
  }
  for (auto* h : handles) db->DestroyColumnFamilyHandle(h);
  return out;
}

}  // namespace liner::testing
