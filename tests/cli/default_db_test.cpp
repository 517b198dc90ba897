#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "cli/command.h"
#include "cli/db_open.h"
#include "tests/support/temp_dir.h"

using namespace liner;
using liner::testing::TempDir;

namespace {

struct EnvVar {
  std::string name;
  EnvVar(const char* n, const std::string& v) : name(n) { setenv(n, v.c_str(), 1); }
  ~EnvVar() { unsetenv(name.c_str()); }
};

int Run(std::vector<std::string> args, std::string* out, std::string* err) {
  std::istringstream in;
  std::ostringstream o, e;
  cli::Io io{in, o, e};
  args.insert(args.begin(), "liner");
  int rc = cli::RunCli(args, io);
  *out = o.str();
  *err = e.str();
  return rc;
}

}  // namespace

TEST_CASE("the default database is built from the seed on first use and reused after", "[cli]") {
  TempDir dir;
  EnvVar db("LINER_DB", dir.Sub("default.db"));
  EnvVar offline("LINER_NO_FETCH", "1");
  std::string out, err;
  REQUIRE(Run({"stats", "--format", "csv"}, &out, &err) == 0);
  CHECK(err.find("Building the default database") != std::string::npos);
  CHECK(out.find("total,nodes,38") != std::string::npos);
  CHECK(out.find("relationship,CREDITED,34") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir.Sub("default.db.building")));
  // Second use: nothing is rebuilt.
  REQUIRE(Run({"linked", "Florence Welch", "--format", "csv"}, &out, &err) == 0);
  CHECK(err.find("Building") == std::string::npos);
  CHECK(out.find("Kendrick Lamar") != std::string::npos);
}

TEST_CASE("commands explain a missing database and bad flags", "[cli]") {
  TempDir dir;
  std::string out, err;
  CHECK(Run({"stats", "--db", dir.Sub("nothing")}, &out, &err) == 1);
  CHECK(err.find("no Liner database at") != std::string::npos);
  CHECK(Run({"stats", "--bogus"}, &out, &err) == 2);
  CHECK(err.find("unknown option '--bogus'") != std::string::npos);
  CHECK(Run({"linked", "--db", dir.Sub("x"), "--format", "xml", "A"}, &out, &err) == 2);
  CHECK(err.find("unknown format 'xml'") != std::string::npos);
  CHECK(Run({"frobnicate"}, &out, &err) == 2);
  CHECK(err.find("unknown command 'frobnicate'") != std::string::npos);
}
