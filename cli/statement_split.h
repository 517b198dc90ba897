#pragma once
// StatementSplitter: cuts shell input into Cypher statements and `:commands`.
//
// Input arrives line by line (a prompt, a script file, `-c` text). A Cypher statement ends at a
// `;` that is outside quotes ('..', "..", `..`), comments (// .., /* .. */) and brackets; it may
// span many lines. A `;` inside unbalanced brackets still ends the statement when it is the last
// thing on its line, so a typo like `MATCH (a RETURN a;` is reported instead of waiting forever.
// A line starting with `:` while no statement is pending is a shell command, one line long.
// Thread-compatible.

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>

namespace liner::cli {

struct ShellInput {
  enum class Kind { kStatement, kCommand };
  Kind kind = Kind::kStatement;
  std::string text;  // statement without its `;`, or the command line; trimmed
  int line = 1;      // line of the input on which it started (1-based)
};

class StatementSplitter {
 public:
  // Appends one line (without its newline) and queues every input it completes.
  void AddLine(std::string_view line);
  // Appends text that may hold many lines (`-c` text, a whole file).
  void AddText(std::string_view text);

  // Pops the next complete input; false when none is queued.
  bool Next(ShellInput* input);

  // True when nothing but whitespace and comments is pending (the prompt is not a continuation).
  bool AtStatementStart() const;
  // Ends the input: a pending statement without its `;` is queued as it is (scripts may omit
  // the last `;`). Returns whether one was queued.
  bool Finish();
  // Drops pending text (Ctrl-C at the prompt); queued inputs stay.
  void ClearPending();

  // What an unfinished statement is waiting for: "'", "\"", "`", "/*", "(", "[", "{" or "".
  std::string Waiting() const;

 private:
  enum class State { kCode, kSingle, kDouble, kBacktick, kBlockComment };
  void Emit();

  std::string pending_;
  bool pending_has_code_ = false;  // pending_ holds more than whitespace and comments
  int pending_line_ = 1;
  int line_no_ = 0;
  State state_ = State::kCode;
  bool escape_ = false;  // previous char was a backslash inside a string
  std::string brackets_;  // stack of open brackets
  std::deque<ShellInput> queue_;
};

// Removes leading and trailing ASCII whitespace.
std::string_view Trim(std::string_view s);

}  // namespace liner::cli
