#include "tests/tck/isolated_run.h"

#include <poll.h>
#include <sys/resource.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

namespace liner::tck {

namespace {

constexpr rlim_t kChildMemoryBytes = rlim_t{4} << 30;

// One record per line: tab-separated fields; \ \t \n escaped.
std::string Escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string Unescape(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      char n = s[++i];
      out.push_back(n == 't' ? '\t' : n == 'n' ? '\n' : n);
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> parts;
  size_t pos = 0;
  for (;;) {
    size_t tab = line.find('\t', pos);
    parts.push_back(line.substr(pos, tab == std::string::npos ? std::string::npos : tab - pos));
    if (tab == std::string::npos) break;
    pos = tab + 1;
  }
  return parts;
}

void WriteAll(int fd, const std::string& data) {
  size_t off = 0;
  while (off < data.size()) {
    ssize_t n = write(fd, data.data() + off, data.size() - off);
    if (n <= 0) return;
    off += static_cast<size_t>(n);
  }
}

// Child: runs selected[from..] and reports "R\t<pos>\t<verdict>\t<cause>\t<detail>\n" each.
[[noreturn]] void ChildMain(int fd, const Feature& feature, const std::vector<size_t>& selected,
                            size_t from, const RunConfig& config) {
  // A runaway query should die alone instead of taking the machine's memory.
  rlimit limit{kChildMemoryBytes, kChildMemoryBytes};
  setrlimit(RLIMIT_AS, &limit);
  for (size_t pos = from; pos < selected.size(); ++pos) {
    WriteAll(fd, "B\t" + std::to_string(pos) + "\n");
    ScenarioResult r = RunScenario(feature, feature.scenarios[selected[pos]], config);
    WriteAll(fd, "R\t" + std::to_string(pos) + "\t" +
                     std::to_string(static_cast<int>(r.verdict)) + "\t" + Escape(r.cause) + "\t" +
                     Escape(r.detail) + "\n");
  }
  _exit(0);
}

}  // namespace

std::vector<ScenarioResult> RunIsolated(const Feature& feature, const std::vector<size_t>& selected,
                                        const RunConfig& config, const IsolationOptions& options) {
  std::vector<ScenarioResult> results(selected.size());
  if (!options.fork) {
    for (size_t pos = 0; pos < selected.size(); ++pos) {
      results[pos] = RunScenario(feature, feature.scenarios[selected[pos]], config);
    }
    return results;
  }
  std::vector<bool> done(selected.size(), false);
  size_t next = 0;
  while (next < selected.size()) {
    int fds[2];
    if (pipe(fds) != 0) {
      results[next] = {Verdict::kFailed, "runner: pipe failed", std::strerror(errno)};
      done[next++] = true;
      continue;
    }
    std::fflush(nullptr);
    pid_t pid = fork();
    if (pid == 0) {
      close(fds[0]);
      ChildMain(fds[1], feature, selected, next, config);
    }
    close(fds[1]);
    std::string buffer;
    size_t current = next;  // the scenario the child is working on
    bool killed = false;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(options.hard_timeout_s);
    for (;;) {
      int wait_ms = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                         deadline - std::chrono::steady_clock::now())
                                         .count());
      if (wait_ms <= 0) {
        kill(pid, SIGKILL);
        killed = true;
        break;
      }
      pollfd p{fds[0], POLLIN, 0};
      int rc = poll(&p, 1, wait_ms);
      if (rc < 0 && errno == EINTR) continue;
      if (rc == 0) continue;  // the deadline check above handles it
      char chunk[65536];
      ssize_t n = read(fds[0], chunk, sizeof(chunk));
      if (n <= 0) break;  // the child exited (or crashed)
      buffer.append(chunk, static_cast<size_t>(n));
      size_t nl;
      while ((nl = buffer.find('\n')) != std::string::npos) {
        auto parts = SplitTabs(buffer.substr(0, nl));
        buffer.erase(0, nl + 1);
        if (parts.size() >= 2 && parts[0] == "B") {
          current = std::stoul(parts[1]);
          deadline = std::chrono::steady_clock::now() +
                     std::chrono::seconds(options.hard_timeout_s);
        } else if (parts.size() == 5 && parts[0] == "R") {
          size_t pos = std::stoul(parts[1]);
          results[pos] = {static_cast<Verdict>(std::stoi(parts[2])), Unescape(parts[3]),
                          Unescape(parts[4])};
          done[pos] = true;
          current = pos + 1;
        }
      }
    }
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    if (current < selected.size() && !done[current]) {
      if (killed) {
        results[current] = {Verdict::kFailed,
                            "hang: killed after " + std::to_string(options.hard_timeout_s) + " s",
                            "the scenario did not finish within the hard timeout\n"};
      } else if (WIFSIGNALED(status)) {
        results[current] = {Verdict::kFailed,
                            std::string("crash: ") + strsignal(WTERMSIG(status)),
                            "the engine crashed the process running this scenario\n"};
      } else {
        results[current] = {Verdict::kFailed, "child exited early",
                            "exit status " + std::to_string(WEXITSTATUS(status)) + "\n"};
      }
      done[current] = true;
    }
    next = current;
    while (next < selected.size() && done[next]) ++next;
  }
  return results;
}

}  // namespace liner::tck
