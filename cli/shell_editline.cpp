// The interactive LineReader on libedit (BSD-licensed; GNU readline would make the binary GPL).
//
// Ctrl-C: libedit keeps ISIG on, so Ctrl-C raises SIGINT. Our handler (installed without
// SA_RESTART) sets a flag; the read(2) in our character-reading function then fails with EINTR
// and we return -1, which makes el_gets return NULL: the shell drops the line being typed and
// shows a fresh prompt. The same handler sets the flag while a query runs, which the engine
// polls as its cancel flag.
#include <errno.h>
#include <histedit.h>
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

extern "C" void OnSigint(int) {
  if (g_interrupt_flag != nullptr) g_interrupt_flag->store(true);
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
    interrupted_->store(false);
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

  static bool ReadByte(unsigned char* b) {
    for (;;) {
      // A Ctrl-C that landed outside read(2) (while libedit was redrawing) must still count.
      if (g_reader->interrupted_->load()) return false;
      ssize_t n = read(STDIN_FILENO, b, 1);
      if (n == 1) return true;
      if (n == 0) return false;
      if (errno != EINTR || g_reader->interrupted_->load()) return false;
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
