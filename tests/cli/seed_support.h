#pragma once
// Helpers for the end-to-end tests on the seed dataset (datasets/seed): run the built `liner`
// binary as a child process and capture its exit code, stdout and stderr, and import the seed
// into a fresh database. Not thread-safe; one SeedDb per test.

#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/temp_dir.h"

namespace liner::testing {

// What a run of the binary produced.
struct RunOutput {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Quotes `s` for /bin/sh: wraps it in single quotes, escaping embedded single quotes.
inline std::string ShellQuote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'') {
      q += "'\\''";
    } else {
      q += c;
    }
  }
  return q + "'";
}

// Runs `liner ARGS...` from the build directory with stdin closed; stderr goes through a file
// in `scratch` so that stdout and stderr can be checked separately.
inline RunOutput RunLiner(const std::vector<std::string>& args, const TempDir& scratch) {
  std::string err_path = scratch.Sub("liner-stderr.txt");
  std::string cmd = ShellQuote(std::string(LINER_BINARY_DIR) + "/liner");
  for (const auto& a : args) cmd += " " + ShellQuote(a);
  cmd += " </dev/null 2>" + ShellQuote(err_path);
  RunOutput result;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return result;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) result.out.append(buf, n);
  int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream err(err_path);
  std::stringstream ss;
  ss << err.rdbuf();
  result.err = ss.str();
  return result;
}

// The seed dataset in the source tree.
inline std::string SeedDir() { return std::string(LINER_SOURCE_DIR) + "/datasets/seed"; }

// A temporary database with the seed imported through `liner import`.
class SeedDb {
 public:
  SeedDb() : db_path_(dir_.Sub("db")) {
    import_ = RunLiner({"import", "--db", db_path_, SeedDir()}, dir_);
  }
  const std::string& path() const { return db_path_; }
  // The output of the import; tests REQUIRE its exit code to be 0 first.
  const RunOutput& import_output() const { return import_; }
  // Runs `liner COMMAND --db <this db> ARGS...`.
  RunOutput Run(const std::string& command, const std::vector<std::string>& args) const {
    std::vector<std::string> all = {command, "--db", db_path_};
    all.insert(all.end(), args.begin(), args.end());
    return RunLiner(all, dir_);
  }
  const TempDir& dir() const { return dir_; }

 private:
  TempDir dir_;
  std::string db_path_;
  RunOutput import_;
};

}  // namespace liner::testing
