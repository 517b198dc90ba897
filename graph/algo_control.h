#pragma once
// Interrupt: how a long whole-graph computation learns that it must stop (Ctrl-C or the query
// timeout), and Projection: which part of a snapshot an algorithm looks at.
// Both are plain values; Interrupt only reads the flag it points to, so it may be shared.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/status.h"
#include "storage/types.h"

namespace liner::graph {

class Interrupt {
 public:
  using Clock = std::chrono::steady_clock;
  Interrupt() = default;
  Interrupt(const std::atomic<bool>* cancel, std::optional<Clock::time_point> deadline)
      : cancel_(cancel), deadline_(deadline) {}

  // Cancelled when the flag is set, Timeout past the deadline, else OK.
  Status Check() const {
    if (cancel_ != nullptr && cancel_->load(std::memory_order_relaxed)) {
      return Status::Cancelled("interrupted");
    }
    if (deadline_ && Clock::now() > *deadline_) {
      return Status::Timeout("the computation ran past the query time limit");
    }
    return Status::OK();
  }
  // Check() every `period` calls only (cheap in inner loops). `counter` is the caller's.
  Status Poll(uint64_t* counter, uint64_t period = 4096) const {
    if ((++*counter % period) != 0) return Status::OK();
    return Check();
  }

 private:
  const std::atomic<bool>* cancel_ = nullptr;
  std::optional<Clock::time_point> deadline_;
};

// Checks `interrupt` (which may be null) every `period` calls.
inline Status PollInterrupt(const Interrupt* interrupt, uint64_t* counter,
                            uint64_t period = 4096) {
  return interrupt == nullptr ? Status::OK() : interrupt->Poll(counter, period);
}

// A projection of a snapshot: empty lists mean "everything". Names are checked against the
// snapshot; an unknown type, role, category or label is an InvalidArgument naming it.
struct Projection {
  std::vector<std::string> types;       // relationship types, e.g. CREDITED
  std::vector<std::string> roles;       // credit roles, e.g. producer (edges without a role pass
                                        // only when `roles` is empty)
  std::vector<std::string> categories;  // role categories, e.g. production
  std::vector<std::string> labels;      // nodes must carry one of these labels
  Direction direction = Direction::kBoth;
};

// A path through the graph: nodes.size() == edges.size() + 1.
struct NodePath {
  std::vector<NodeId> nodes;
  std::vector<EdgeId> edges;
  size_t length() const { return edges.size(); }
  bool operator==(const NodePath& o) const { return nodes == o.nodes && edges == o.edges; }
};

// A node and a score, the shape of most algorithm outputs.
struct NodeScore {
  NodeId node = 0;
  double score = 0;
};

}  // namespace liner::graph
