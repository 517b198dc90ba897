// The test that drives the built `liner` binary in a pseudo-terminal (expect, tests/cli/
// pty_shell.exp): tab completion, Ctrl-C on input and on running queries, Ctrl-D, and history
// kept across sessions.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "tests/cli/seed_support.h"

TEST_CASE("the interactive shell completes, cancels input and running queries with Ctrl-C and "
          "keeps history",
          "[cli][pty]") {
  if (std::system("command -v expect >/dev/null 2>&1") != 0) {
    WARN("skipped: 'expect' is not installed (Debian package expect)");
    return;
  }
  liner::testing::SeedDb seed;
  INFO(seed.import_output().err);
  REQUIRE(seed.import_output().exit_code == 0);
  std::string home = seed.dir().Sub("home");
  REQUIRE(std::system(("mkdir -p " + liner::testing::ShellQuote(home)).c_str()) == 0);
  std::string cmd = "expect -f " +
                    liner::testing::ShellQuote(std::string(LINER_SOURCE_DIR) +
                                               "/tests/cli/pty_shell.exp") +
                    " " + liner::testing::ShellQuote(std::string(LINER_BINARY_DIR) + "/liner") +
                    " " + liner::testing::ShellQuote(seed.path()) + " " +
                    liner::testing::ShellQuote(home) + " </dev/null 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int rc = pclose(p);
  // The transcript is long (a cancelled stream prints many rows): keep its end.
  INFO((out.size() > 6000 ? "..." + out.substr(out.size() - 6000) : out));
  CHECK(rc == 0);
  CHECK(out.find("PTY-OK") != std::string::npos);
}
