#pragma once
// LineReader: where the shell gets its lines. Two implementations: a plain stream (scripts,
// pipes, tests) and libedit at a terminal (line editing, history in a file, tab completion,
// Ctrl-C that cancels the line being typed). Thread-compatible; at most one libedit reader per
// process (it owns the terminal and the SIGINT handler while reading).

#include <atomic>
#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

namespace liner::cli {

enum class ReadStatus { kLine, kEof, kInterrupted };

class LineReader {
 public:
  virtual ~LineReader() = default;
  // Reads one line (without its newline) after showing `prompt` (ignored by stream readers).
  virtual ReadStatus Read(const std::string& prompt, std::string* line) = 0;
  // Records a complete input in the history (kept only by interactive readers).
  virtual void AddHistory(const std::string& entry) {}
  // The history, oldest first.
  virtual std::vector<std::string> History() const { return {}; }
};

// Completion candidates for the word that ends at the cursor: `line` is the text up to the
// cursor. Each candidate is the whole word that replaces `word` (the tail of `line` to complete).
struct Completion {
  std::string word;                     // what is being completed (may be empty)
  std::vector<std::string> candidates;  // full replacements of `word`, sorted, unique
};
using Completer = std::function<Completion(const std::string& line)>;

// Reads lines from a stream; never interrupted.
std::unique_ptr<LineReader> MakeStreamReader(std::istream& in);

// libedit over the process's terminal (stdin/stdout). `history_file` "" keeps no history file.
// `interrupted` is set by the SIGINT handler this reader installs (left installed afterwards so
// that Ctrl-C during a query sets it too; the shell resets it).
std::unique_ptr<LineReader> MakeEditLineReader(const std::string& history_file,
                                               Completer completer,
                                               std::atomic<bool>* interrupted);

// The flag the process-wide SIGINT handler sets once InstallInterruptHandler has run.
void InstallInterruptHandler(std::atomic<bool>* flag);

// Longest common prefix of `words` (byte-wise).
std::string CommonPrefix(const std::vector<std::string>& words);

}  // namespace liner::cli
