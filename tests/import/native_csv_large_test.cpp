// CsvReader over a file larger than the span after which it gives read pages back to the
// kernel: every record is still read whole and right, with its line number, across the
// release points, and an error at the end still names its line.
#include <catch2/catch.hpp>
#include <fstream>
#include <string>

#include "cli/import/csv_reader.h"
#include "tests/support/temp_dir.h"

using liner::import::CsvReader;
using liner::testing::TempDir;

namespace {

// Row i: "i,name <i>,<payload>" with a quoted two-line field every 1000th row.
std::string Row(int i) {
  std::string payload(static_cast<size_t>(i % 37), static_cast<char>('a' + i % 26));
  if (i % 1000 == 999) {
    return std::to_string(i) + ",\"quoted, " + std::to_string(i) + "\nsecond line\"," + payload +
           "\n";
  }
  return std::to_string(i) + ",name " + std::to_string(i) + "," + payload + "\n";
}

}  // namespace

TEST_CASE("CSV reader reads a 20 MB file right across the pages it gives back", "[import]") {
  TempDir d;
  const std::string path = d.Sub("big.csv");
  int rows = 0;
  {
    std::ofstream out(path, std::ios::binary);
    size_t bytes = 0;
    while (bytes < (20u << 20)) {
      std::string r = Row(rows++);
      bytes += r.size();
      out << r;
    }
    out << "tail,\"never closed\n";
  }
  auto reader = CsvReader::Open(path);
  REQUIRE(reader.ok());
  CsvReader& r = **reader;
  uint64_t line = 1;
  for (int i = 0; i < rows; ++i) {
    REQUIRE(r.Next());
    REQUIRE(r.size() == 3);
    REQUIRE(r.line() == line);
    REQUIRE(r.field(0) == std::to_string(i));
    if (i % 1000 == 999) {
      REQUIRE(r.field(1) == "quoted, " + std::to_string(i) + "\nsecond line");
      line += 2;
    } else {
      REQUIRE(r.field(1) == "name " + std::to_string(i));
      line += 1;
    }
    REQUIRE(r.field(2) ==
            std::string(static_cast<size_t>(i % 37), static_cast<char>('a' + i % 26)));
  }
  CHECK_FALSE(r.Next());
  CHECK_THAT(r.status().message(), Catch::Contains("big.csv:" + std::to_string(line) +
                                                   ":6: quoted field is never closed"));
}
