#include "storage/bulk_timing.h"

#include <time.h>

#include <algorithm>
#include <cstdio>

namespace liner {

namespace {
double Clock(clockid_t id) {
  timespec ts;
  clock_gettime(id, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}
}  // namespace

PhaseLog::PhaseLog() : origin_(Clock(CLOCK_MONOTONIC)) {}

double PhaseLog::Now() const { return Clock(CLOCK_MONOTONIC) - origin_; }

double PhaseLog::ThreadCpu() { return Clock(CLOCK_THREAD_CPUTIME_ID); }

void PhaseLog::Add(std::string name, double start, double end, double cpu) {
  std::lock_guard<std::mutex> lock(mu_);
  phases_.push_back(Phase{std::move(name), start, end, cpu});
}

std::vector<PhaseLog::Phase> PhaseLog::phases() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<Phase> out = phases_;
  std::stable_sort(out.begin(), out.end(),
                   [](const Phase& a, const Phase& b) { return a.start < b.start; });
  return out;
}

std::string PhaseLog::Report() const {
  std::string out = "  start s    end s   wall s    CPU s  phase\n";
  char line[256];
  double cpu = 0;
  for (const Phase& p : phases()) {
    std::snprintf(line, sizeof line, "%8.3f %8.3f %8.3f %8.3f  %s\n", p.start, p.end,
                  p.end - p.start, p.cpu, p.name.c_str());
    out += line;
    cpu += p.cpu;
  }
  std::snprintf(line, sizeof line, "%35.3f  (CPU of all phases)\n", cpu);
  out += line;
  return out;
}

}  // namespace liner
