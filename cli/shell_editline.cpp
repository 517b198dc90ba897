// The interactive LineReader on libedit (BSD-licensed; GNU readline would make the binary GPL).
//
// Ctrl-C: libedit keeps ISIG on, so Ctrl-C raises SIGINT, whose handler sets the shell's
// interrupt flag and writes a byte to a self-pipe. While a query runs the engine polls the flag
// as its cancel flag. While a line is being read, our character-reading function waits in
// poll(2) on both the terminal and the pipe. The pipe is what makes this deterministic: SIGINT
// is process-directed and may be handled by any thread (RocksDB runs its own), so the main
// thread's wait is not necessarily interrupted by it, and a Ctrl-C could also land between the
// flag check and the wait; in both cases the byte in the pipe still wakes the wait. Seeing the
// flag we return -1, which makes el_gets return NULL: the shell drops the line being typed and
// shows a fresh prompt. The flag is cleared by the shell (not here) before each new input, so a
// Ctrl-C typed after Enter cancels the statement that line ends.
#include <errno.h>
#include <histedit.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <cwchar>
#include <iostream>

#include "cli/shell_input.h"

namespace liner::cli {
namespace {

std::atomic<bool>* g_interrupt_flag = nullptr;
int g_wake_pipe[2] = {-1, -1};  // the SIGINT handler writes to [1]; line reading polls [0]

extern "C" void OnSigint(int) {
  int saved = errno;
  if (g_interrupt_flag != nullptr) g_interrupt_flag->store(true);
  if (g_wake_pipe[1] >= 0) {
    ssize_t ignored = write(g_wake_pipe[1], "!", 1);  // non-blocking: a full pipe wakes anyway
    (void)ignored;
  }
  errno = saved;
}

void DrainWakePipe() {
  char buf[64];
  while (g_wake_pipe[0] >= 0 && read(g_wake_pipe[0], buf, sizeof buf) > 0) {
  }
}

class EditLineReader;
EditLineReader* g_reader = nullptr;  // the one reader; libedit callbacks find it here

class EditLineReader : public LineReader {
 public:
  EditLineReader(std::string history_file, Completer completer, std::atomic<bool>* interrupted)
      : history_file_(std::move(history_file)),
        completer_(std::move(completer)),
        interrupted_(interrupted) {
    g_reader = this;
    el_ = el_init("liner", stdin, stdout, stderr);
    hist_ = history_init();
    HistEvent ev;
    history(hist_, &ev, H_SETSIZE, 2000);
    history(hist_, &ev, H_SETUNIQUE, 1);
    if (!history_file_.empty()) history(hist_, &ev, H_LOAD, history_file_.c_str());
    el_set(el_, EL_HIST, history, hist_);
    el_set(el_, EL_EDITOR, "emacs");
    el_set(el_, EL_SIGNAL, 0);
    el_set(el_, EL_PROMPT, &EditLineReader::Prompt);
    el_set(el_, EL_GETCFN, &EditLineReader::GetChar);
    el_set(el_, EL_ADDFN, "liner-complete", "complete a word", &EditLineReader::Complete);
    el_set(el_, EL_BIND, "^I", "liner-complete", nullptr);
    el_source(el_, nullptr);  // the user's ~/.editrc, if any
  }

  ~EditLineReader() override {
    el_end(el_);
    history_end(hist_);
    g_reader = nullptr;
  }

  ReadStatus Read(const std::string& prompt, std::string* line) override {
    prompt_ = prompt;
    int count = 0;
    const char* text = el_gets(el_, &count);
    if (text == nullptr) {
      if (count == -1 && interrupted_->exchange(false)) {
        std::fputs("^C\n", stdout);
        std::fflush(stdout);
        return ReadStatus::kInterrupted;
      }
      std::fputs("\n", stdout);
      return ReadStatus::kEof;
    }
    line->assign(text, count);
    while (!line->empty() && (line->back() == '\n' || line->back() == '\r')) line->pop_back();
    return ReadStatus::kLine;
  }

  void AddHistory(const std::string& entry) override {
    HistEvent ev;
    history(hist_, &ev, H_ENTER, entry.c_str());
    if (!history_file_.empty()) history(hist_, &ev, H_SAVE, history_file_.c_str());
  }

  std::vector<std::string> History() const override {
    std::vector<std::string> out;
    HistEvent ev;
    // Walk from the oldest (H_LAST) towards the newest (H_PREV).
    for (int rc = history(hist_, &ev, H_LAST); rc != -1; rc = history(hist_, &ev, H_PREV)) {
      out.push_back(ev.str);
    }
    return out;
  }

 private:
  static char* Prompt(EditLine*) { return const_cast<char*>(g_reader->prompt_.c_str()); }

  // Reads one character (UTF-8 decoded); -1 when Ctrl-C interrupted the read.
  static int GetChar(EditLine*, wchar_t* out) {
    unsigned char buf[4];
    if (!ReadByte(&buf[0])) return g_reader->interrupted_->load() ? -1 : 0;
    int extra = buf[0] >= 0xF0 ? 3 : buf[0] >= 0xE0 ? 2 : buf[0] >= 0xC0 ? 1 : 0;
    for (int i = 1; i <= extra; ++i) {
      if (!ReadByte(&buf[i])) return g_reader->interrupted_->load() ? -1 : 0;
    }
    if (extra == 0) {
      *out = buf[0];
      return 1;
    }
    wchar_t c = buf[0] & (0x3F >> extra);
    for (int i = 1; i <= extra; ++i) c = (c << 6) | (buf[i] & 0x3F);
    *out = c;
    return 1;
  }

  // One byte of input; false at end of input or when Ctrl-C was pressed (the flag is set).
  static bool ReadByte(unsigned char* b) {
    for (;;) {
      if (g_reader->interrupted_->load()) return false;
      struct pollfd fds[2] = {{STDIN_FILENO, POLLIN, 0}, {g_wake_pipe[0], POLLIN, 0}};
      int ready = poll(fds, g_wake_pipe[0] >= 0 ? 2 : 1, -1);
      if (ready < 0) {
        if (errno == EINTR) continue;
        return false;
      }
      if (fds[1].revents != 0) {  // Ctrl-C: the loop sees the flag
        DrainWakePipe();
        continue;
      }
      ssize_t n = read(STDIN_FILENO, b, 1);  // readable, so it does not block
      if (n == 1) return true;
      if (n == 0 || errno != EINTR) return false;
    }
  }

  static unsigned char Complete(EditLine* el, int) {
    const LineInfo* li = el_line(el);
    std::string before(li->buffer, li->cursor - li->buffer);
    Completion c = g_reader->completer_ ? g_reader->completer_(before) : Completion{};
    if (c.candidates.empty()) return CC_ERROR;
    std::string common = CommonPrefix(c.candidates);
    if (common.size() > c.word.size() && common.compare(0, c.word.size(), c.word) == 0) {
      std::string add = common.substr(c.word.size());
      if (c.candidates.size() == 1 && !add.empty() && add.back() != '\'' && add.back() != '"') {
        add += ' ';
      }
      el_insertstr(el, add.c_str());
      return CC_REFRESH;
    }
    if (c.candidates.size() == 1) {
      if (c.candidates[0] == c.word) return CC_REFRESH;
      el_deletestr(el, static_cast<int>(c.word.size()));  // a case-insensitive hit: replace
      el_insertstr(el, c.candidates[0].c_str());
      return CC_REFRESH;
    }
    std::fputs("\n", stdout);
    size_t shown = 0;
    for (const auto& cand : c.candidates) {
      if (++shown > 60) {
        std::printf("... (%zu more)", c.candidates.size() - 60);
        break;
      }
      std::printf("%s  ", cand.c_str());
    }
    std::fputs("\n", stdout);
    return CC_REDISPLAY;
  }

  std::string history_file_;
  Completer completer_;
  std::atomic<bool>* interrupted_;
  std::string prompt_;
  EditLine* el_ = nullptr;
  ::History* hist_ = nullptr;
};

}  // namespace

void InstallInterruptHandler(std::atomic<bool>* flag) {
  g_interrupt_flag = flag;
  if (g_wake_pipe[0] < 0 && pipe2(g_wake_pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
    g_wake_pipe[0] = g_wake_pipe[1] = -1;  // no pipe: Ctrl-C still works when read(2) gets it
  }
  struct sigaction sa;
  std::memset(&sa, 0, sizeof(sa));
  sa.sa_handler = OnSigint;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;  // no SA_RESTART: a blocking read returns EINTR
  sigaction(SIGINT, &sa, nullptr);
}

std::unique_ptr<LineReader> MakeEditLineReader(const std::string& history_file,
                                               Completer completer,
                                               std::atomic<bool>* interrupted) {
  InstallInterruptHandler(interrupted);
  return std::make_unique<EditLineReader>(history_file, std::move(completer), interrupted);
}

}  // namespace liner::cli
