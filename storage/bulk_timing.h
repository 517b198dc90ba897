#pragma once
// PhaseLog: the wall-clock span and thread CPU time of each phase of a bulk import (parsing,
// index and record writers, adjacency sort and write, ingestion), printed by
// `liner import --timings`. Phases may overlap (they run on different threads).
// Thread-safe: any thread may record a phase.

#include <mutex>
#include <string>
#include <vector>

namespace liner {

class PhaseLog {
 public:
  struct Phase {
    std::string name;
    double start = 0, end = 0;  // seconds since the log was created
    double cpu = 0;             // CPU seconds of the thread that ran it
  };

  PhaseLog();
  // Seconds since the log was created.
  double Now() const;
  // CPU seconds used so far by the calling thread.
  static double ThreadCpu();
  void Add(std::string name, double start, double end, double cpu);
  std::vector<Phase> phases() const;
  // One line per phase, in start order: start, end, wall and CPU seconds, name.
  std::string Report() const;

  // Records the enclosing scope as a phase of the calling thread (no-op with a null log).
  class Scope {
   public:
    Scope(PhaseLog* log, std::string name)
        : log_(log), name_(std::move(name)) {
      if (log_) {
        start_ = log_->Now();
        cpu_ = ThreadCpu();
      }
    }
    ~Scope() {
      if (log_) log_->Add(std::move(name_), start_, log_->Now(), ThreadCpu() - cpu_);
    }
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    PhaseLog* log_;
    std::string name_;
    double start_ = 0, cpu_ = 0;
  };

 private:
  double origin_;
  mutable std::mutex mu_;
  std::vector<Phase> phases_;
};

}  // namespace liner
