// Ctrl-C in the shell's read-run loop, in-process: a reader that "presses Ctrl-C" (sets the
// interrupt flag the SIGINT handler sets) at chosen moments.
#include <catch2/catch.hpp>

#include <functional>

#include "tests/cli/shell_fixture.h"

using liner::cli::LineReader;
using liner::cli::ReadStatus;
using liner::testing::MusicDb;
using liner::testing::ShellHarness;

namespace {

// Returns its lines one per Read; before returning line i it runs on_read(i).
class ScriptedReader : public LineReader {
 public:
  ScriptedReader(std::vector<std::string> lines, std::function<void(size_t)> on_read)
      : lines_(std::move(lines)), on_read_(std::move(on_read)) {}
  ReadStatus Read(const std::string&, std::string* line) override {
    if (next_ >= lines_.size()) return ReadStatus::kEof;
    on_read_(next_);
    *line = lines_[next_++];
    return ReadStatus::kLine;
  }

 private:
  std::vector<std::string> lines_;
  std::function<void(size_t)> on_read_;
  size_t next_ = 0;
};

}  // namespace

TEST_CASE("Ctrl-C right after Enter cancels the statement that line ends and drops the rest of "
          "the line, and the next line runs",
          "[cli]") {
  MusicDb music;
  ShellHarness h(music.db(), /*keep_going=*/true);
  h.shell().options().render.mode = liner::cli::OutputMode::kCsv;
  auto* flag = h.shell().interrupt_flag();
  // Line 0 is "typed" and Ctrl-C lands before the shell starts running it; without the flag the
  // cross product would run for 10^10 rows.
  ScriptedReader reader(
      {"UNWIND range(1, 100000) AS x UNWIND range(1, 100000) AS y RETURN count(*) AS n; "
       "RETURN 1 AS dropped;",
       "RETURN 2 AS next;"},
      [&](size_t i) {
        if (i == 0) flag->store(true);
      });
  CHECK(h.shell().RunReader(reader) == 1);
  CHECK(h.out() == "n\nnext\n2\n");  // csv streams the header before the cancel
  CHECK(h.err().find("cancelled: query cancelled") != std::string::npos);
  CHECK(h.err().find("(interrupted: 1 input after it not run)") != std::string::npos);
}

TEST_CASE("a Ctrl-C that came while the previous line ran does not cancel the next line",
          "[cli]") {
  MusicDb music;
  ShellHarness h(music.db());
  auto* flag = h.shell().interrupt_flag();
  // Ctrl-C lands while line 0 (a command that does not poll the flag) runs; the shell clears
  // the flag before it reads line 1, so line 1 runs.
  ScriptedReader reader({":mode csv", "RETURN 2 AS second;"}, [&](size_t i) {
    if (i == 0) flag->store(true);
  });
  CHECK(h.shell().RunReader(reader) == 0);
  CHECK(h.out() == "second\n2\n");
  CHECK(h.err().empty());
}
