// The one test that drives the built `liner` binary in a pseudo-terminal (expect): tab
// completion, Ctrl-C at the prompt and history kept across sessions.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "tests/support/temp_dir.h"

TEST_CASE("the interactive shell completes, cancels input with Ctrl-C and keeps history",
          "[cli][.pty]") {
  // Hidden ([.pty]): Ctrl-C delivery in the pty is still timing-dependent (see the report).
  if (std::system("command -v expect >/dev/null 2>&1") != 0) {
    WARN("skipped: 'expect' is not installed (Debian package expect)");
    return;
  }
  liner::testing::TempDir dir;
  std::string cmd = std::string("expect -f '") + LINER_SOURCE_DIR + "/tests/cli/pty_shell.exp' '" +
                    LINER_BINARY_DIR + "/liner' '" + dir.Sub("db") + "' '" +
                    dir.path().string() + "' 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int rc = pclose(p);
  INFO(out);
  CHECK(rc == 0);
  CHECK(out.find("PTY-OK") != std::string::npos);
}
