// ChainAggregateOp on two threads: input rows prepared on the statement's thread, walked in
// chunks by two threads with their own state, merged into the one-thread run's answer.
//
// Why the answers are the same as the one-thread run's (op_chain_aggregate.cpp):
//  - The filters' values are those the one-thread run evaluates lazily (deterministic, not
//    reading the end), evaluated here for every row; a row whose value would raise an error or
//    is not an integer (a list that is not all integers) leaves the work to the one-thread run,
//    which raises the error at the same row or evaluates the filter on rows.
//  - Each thread takes chunks of rows in increasing order, so its first passing pair is the
//    first of its rows; the earlier of the two threads' is the one-thread run's first.
//  - Per end: an end counted by either thread is counted once (the union of the two threads'
//    counted ends); whether an end passes depends only on the row and the end.
//  - Per input: each thread counts, per end, its rows with a passing pair; the rows are
//    disjoint, so the counts add up. Groups come out in order of first passing pair: the two
//    threads' lists, each in row order, merged by row, each end at its first place.
#include "query/chain_aggregate_parallel.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <climits>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace liner::query {
namespace {

std::atomic<uint64_t> g_parallel_work{60'000};
std::atomic<uint64_t> g_parallel_runs{0};

thread_local AccScratch tls_acc;

// A second thread's scratch, kept between executions (the threads are not).
std::mutex g_spare_mu;
std::unique_ptr<AccScratch> g_spare;

std::unique_ptr<AccScratch> TakeSpare() {
  std::lock_guard<std::mutex> lock(g_spare_mu);
  return g_spare ? std::move(g_spare) : std::make_unique<AccScratch>();
}
void GiveBack(std::unique_ptr<AccScratch> s) {
  std::lock_guard<std::mutex> lock(g_spare_mu);
  if (!g_spare) g_spare = std::move(s);
}

// What both threads watch: the statement's deadline and cancel flag, and `stop`, set when one
// thread stops (a timeout, an error, or a value it cannot type) so that the other does too.
class Stopper {
 public:
  explicit Stopper(const ExecState& st) : deadline_(st.deadline()), cancel_(st.options.cancel) {}
  bool Due() const {
    if (stop.load(std::memory_order_relaxed)) return true;
    if (cancel_ && cancel_->load(std::memory_order_relaxed)) return true;
    return deadline_ && std::chrono::steady_clock::now() > *deadline_;
  }
  std::atomic<bool> stop{false};

 private:
  std::optional<std::chrono::steady_clock::time_point> deadline_;
  const std::atomic<bool>* cancel_;
};

struct Stopped {};  // thrown inside a thread's walk to end it

// A thread's CheckInterrupt for the walker.
class WorkerInterrupt {
 public:
  explicit WorkerInterrupt(Stopper& s) : s_(s) {}
  void CheckInterrupt() {
    if ((++tick_ & 255) == 0 && s_.Due()) {
      s_.stop.store(true, std::memory_order_relaxed);
      throw Stopped{};
    }
  }

 private:
  Stopper& s_;
  uint32_t tick_ = 0;
};

// Runs work(interrupt, thread, begin, end) over chunks of `n` rows on two threads (the calling
// one and a new one), each taking the next chunk when done with its last. work returns false
// to give up. Returns false when a thread gave up; rethrows a thread's error; on a timeout or
// cancel throws the statement's Timeout / Cancelled.
template <typename Work>
bool RunTwo(ExecState& st, size_t n, Work&& work) {
  Stopper stopper(st);
  std::atomic<size_t> next{0};
  const size_t chunk = std::max<size_t>(1, std::min<size_t>(64, n / 128));
  std::exception_ptr error[2];
  bool gave_up[2] = {false, false}, stopped[2] = {false, false};
  auto body = [&](int t) {
    WorkerInterrupt intr(stopper);
    try {
      for (;;) {
        const size_t b = next.fetch_add(1, std::memory_order_relaxed) * chunk;
        if (b >= n) break;
        if (!work(intr, t, b, std::min(n, b + chunk))) {
          gave_up[t] = true;
          stopper.stop.store(true, std::memory_order_relaxed);
          break;
        }
      }
    } catch (const Stopped&) {
      stopped[t] = true;
    } catch (...) {
      error[t] = std::current_exception();
      stopper.stop.store(true, std::memory_order_relaxed);
    }
  };
  std::thread other;
  try {
    other = std::thread(body, 1);
  } catch (const std::system_error&) {
    return false;  // no second thread: one thread answers
  }
  body(0);
  other.join();
  for (const auto& e : error)
    if (e) std::rethrow_exception(e);
  if (gave_up[0] || gave_up[1]) return false;
  if (stopped[0] || stopped[1]) {
    st.CheckInterruptNow();  // the deadline or the cancel: throws the statement's error
    return false;            // not reached: a thread stops only for those or the above
  }
  g_parallel_runs.fetch_add(1, std::memory_order_relaxed);
  return true;
}

}  // namespace

uint64_t ParallelChainWork() { return g_parallel_work.load(std::memory_order_relaxed); }
void SetParallelChainWork(uint64_t entries) {
  g_parallel_work.store(entries, std::memory_order_relaxed);
}

uint64_t ParallelChainRuns() { return g_parallel_runs.load(std::memory_order_relaxed); }

AccScratch& ThreadAccScratch() { return tls_acc; }

bool AccScratch::Reserve(NodeId node_limit, size_t rows, uint32_t* out_base) {
  if (rows >= kCountMask) return false;
  if (acc.size() < node_limit) {
    acc.assign(node_limit, NodeAcc{});
    base = 0;
  }
  if (base > UINT32_MAX - rows - 2) {
    std::fill(acc.begin(), acc.end(), NodeAcc{});
    base = 0;
  }
  *out_base = base;
  base += static_cast<uint32_t>(rows + 1);
  return true;
}

int ChainRows::Pass(size_t row, NodeId end) const {
  const size_t k = checks.size();
  for (size_t c = 0; c < k; ++c) {
    int64_t x;
    if (!IntOf(checks[c].column, end, &x)) return -1;
    using Kind = ChainAggregateOp::Check::Kind;
    bool ok;
    switch (checks[c].kind) {
      case Kind::kEq: ok = x == ints[row * k + c]; break;
      case Kind::kNe: ok = x != ints[row * k + c]; break;
      case Kind::kIn: ok = ins[row * k + c]->ints.Contains(x); break;
      default: ok = !ins[row * k + c]->ints.Contains(x); break;
    }
    if (!ok) return 0;
  }
  return 1;
}

int ChainRows::Classify(NodeId end) const {
  using Kind = ChainAggregateOp::Check::Kind;
  const size_t k = checks.size();
  for (size_t c = 0; c < k; ++c) {
    int64_t x;
    if (!IntOf(checks[c].column, end, &x)) return -1;
    if (!constant[c]) continue;
    const size_t at = some_row * k + c;
    bool ok;
    switch (checks[c].kind) {
      case Kind::kEq: ok = x == ints[at]; break;
      case Kind::kNe: ok = x != ints[at]; break;
      case Kind::kIn: ok = ins[at]->ints.Contains(x); break;
      default: ok = !ins[at]->ints.Contains(x); break;
    }
    if (!ok) return 0;
  }
  return 1;
}

bool ChainRows::PassVarying(size_t row, NodeId end) const {
  using Kind = ChainAggregateOp::Check::Kind;
  const size_t k = checks.size();
  for (size_t c : varying) {
    const int64_t x = checks[c].column->value[end];
    const size_t at = row * k + c;
    bool ok;
    switch (checks[c].kind) {
      case Kind::kEq: ok = x == ints[at]; break;
      case Kind::kNe: ok = x != ints[at]; break;
      case Kind::kIn: ok = ins[at]->ints.Contains(x); break;
      default: ok = !ins[at]->ints.Contains(x); break;
    }
    if (!ok) return false;
  }
  return true;
}

bool PrepareChainRows(ExecState& st, const AdjacencyView& v, ChainWalker& walker,
                      const ChainAggregateOp& op, const ExpandChainOp& chain,
                      const std::vector<Row>& inputs, const Expr* agg_arg, ChainRows* rows) {
  if (std::thread::hardware_concurrency() == 1 || inputs.size() < 2) return false;
  // The estimate first: adjacency entries of the start nodes.
  uint64_t work = 0;
  for (const Row& in : inputs) {
    const QValue& from = in[chain.from_slot];
    if (!from.is_node()) continue;
    const NodeId n = from.as_node().id;
    if (n >= v.node_limit) return false;
    work += (v.out.offsets[n + 1] - v.out.offsets[n]) + (v.in.offsets[n + 1] - v.in.offsets[n]);
  }
  if (work < ParallelChainWork()) return false;
  using Kind = ChainAggregateOp::Check::Kind;
  rows->checks.clear();
  rows->owned.clear();
  for (const ChainAggregateOp::Check& c : op.checks) {
    if (c.kind == Kind::kGeneric) return false;
    TokenId t = st.Token(TokenKind::kPropertyKey, c.key);
    const AdjacencyView::IntColumn* col = t == kNoToken ? nullptr : v.Column(t);
    if (!col) return false;
    rows->checks.push_back({c.kind, col});
  }
  const size_t k = rows->checks.size(), n = inputs.size();
  rows->start.assign(n, ChainRows::kSkip);
  rows->banned.assign(n, {});
  rows->ints.assign(n * k, 0);
  rows->ins.assign(n * k, nullptr);
  rows->value.assign(agg_arg ? n : 0, 2);
  FlatIntSet values;
  Row row;
  try {
    for (size_t i = 0; i < n; ++i) {
      const QValue& from = inputs[i][chain.from_slot];
      if (!from.is_node()) {
        if (!from.is_null()) return false;  // the one-thread run raises the type error
        continue;
      }
      rows->start[i] = from.as_node().id;
      if (walker.Cached(st, rows->start[i]) != &v) return false;
      BannedEdges(inputs[i], chain.unique_rel_slots, &rows->banned[i]);
      row = inputs[i];
      for (size_t c = 0; c < k; ++c) {
        QValue other = Eval(*op.checks[c].other, row, st);
        if (rows->checks[c].kind == Kind::kEq || rows->checks[c].kind == Kind::kNe) {
          if (!other.is_int()) return false;
          rows->ints[i * k + c] = other.as_int();
        } else {
          if (!other.is_list()) return false;
          std::unique_ptr<InListIndex>& own = rows->owned[other.list_storage().get()];
          if (!own) {
            const InListIndex* idx = st.InIndex(other.list_storage());
            if (!idx) return false;
            own = std::make_unique<InListIndex>(*idx);  // holds the list: its address stays
          }
          rows->ins[i * k + c] = own.get();
        }
      }
      if (agg_arg) {
        QValue x = Eval(*agg_arg, row, st);
        if (x.is_null()) continue;
        // Another type, or a value of another row: the one-thread run sorts that out.
        if (!x.is_int() || !values.Insert(x.as_int())) return false;
        rows->value[i] = 1;
      }
    }
  } catch (const QueryError&) {
    return false;  // raised again by the one-thread run, at the row where it reads the value
  }
  // Checks whose value is the same in every row walked from: decided once per end.
  rows->some_row = 0;
  while (rows->some_row < n && rows->start[rows->some_row] == ChainRows::kSkip) ++rows->some_row;
  if (rows->some_row == n) return false;  // nothing to walk
  rows->constant.assign(k, 1);
  rows->varying.clear();
  for (size_t c = 0; c < k; ++c) {
    const size_t first = rows->some_row * k + c;
    for (size_t i = rows->some_row + 1; i < n && rows->constant[c]; ++i) {
      if (rows->start[i] == ChainRows::kSkip) continue;
      rows->constant[c] = rows->ints[i * k + c] == rows->ints[first] &&
                          rows->ins[i * k + c] == rows->ins[first];
    }
    if (!rows->constant[c]) rows->varying.push_back(c);
  }
  return true;
}

namespace {

// The number of distinct values of `col` (nodes themselves when null) over the nodes of
// `nodes`, each an integer or absent there; a bit per value when they span a small range.
int64_t CountDistinct(const std::vector<uint64_t>& nodes, const AdjacencyView::IntColumn* col) {
  int64_t count = 0;
  if (!col) {
    for (uint64_t w : nodes) count += __builtin_popcountll(w);
    return count;
  }
  auto for_each = [&](auto&& fn) {
    for (size_t w = 0; w < nodes.size(); ++w)
      for (uint64_t bits = nodes[w]; bits; bits &= bits - 1) {
        const NodeId n = w * 64 + static_cast<NodeId>(__builtin_ctzll(bits));
        if (static_cast<IntPropKind>(col->kind[n]) == IntPropKind::kInt) fn(col->value[n]);
      }
  };
  int64_t lo = INT64_MAX, hi = INT64_MIN;
  for_each([&](int64_t x) {
    lo = std::min(lo, x);
    hi = std::max(hi, x);
    ++count;
  });
  if (count == 0) return 0;
  const uint64_t span = static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo);
  if (span / 64 <= static_cast<uint64_t>(count) + 1024) {
    std::vector<uint64_t> seen(span / 64 + 1, 0);
    int64_t distinct = 0;
    for_each([&](int64_t x) {
      const uint64_t d = static_cast<uint64_t>(x) - static_cast<uint64_t>(lo);
      const uint64_t bit = uint64_t{1} << (d & 63);
      distinct += !(seen[d >> 6] & bit);
      seen[d >> 6] |= bit;
    });
    return distinct;
  }
  FlatIntSet set;
  for_each([&](int64_t x) { set.Insert(x); });
  return static_cast<int64_t>(set.size());
}

}  // namespace

bool RunPerEndParallel(ExecState& st, const AdjacencyView& v, const ChainWalker& walker,
                       const ChainRows& rows,
                       const std::vector<const AdjacencyView::IntColumn*>& cols,
                       PerEndResult* out) {
  struct Part {
    ChainWalker walker;
    std::vector<uint64_t> done, unlabelled, exhausted;
    bool any = false;
    size_t rep_input = 0;
    NodeId rep_end = 0;
  };
  const size_t words = (v.node_limit + 63) / 64;
  Part parts[2];
  for (Part& p : parts) {
    p.walker = walker;
    p.done.assign(words, 0);
    p.unlabelled.assign(words, 0);
    p.exhausted.assign(words, 0);
  }
  auto work = [&](WorkerInterrupt& intr, int t, size_t b, size_t e) {
    Part& p = parts[t];
    bool ok = true;
    for (size_t i = b; i < e && ok; ++i) {
      if (rows.start[i] == ChainRows::kSkip) continue;
      SettlingVisit visit{[&](NodeId end) {
        if (!ok || Bit(p.done, end) || Bit(p.unlabelled, end)) return;
        int cls = 0;
        if (!p.walker.EndMatches(v, end) || (cls = rows.Classify(end)) == 0) {
          SetBit(p.unlabelled, end);  // no pair with this end passes
          return;
        }
        if (cls > 0) {
          if (!rows.PassVarying(i, end)) return;
        } else {
          const int pass = rows.Pass(i, end);
          if (pass <= 0) {
            ok = pass == 0;
            return;
          }
        }
        SetBit(p.done, end);
        if (!p.any) {
          p.any = true;
          p.rep_input = i;
          p.rep_end = end;
        }
        for (const AdjacencyView::IntColumn* col : cols) {  // counted after the walks
          if (col && (end >= col->size ||
                      static_cast<IntPropKind>(col->kind[end]) == IntPropKind::kOther))
            ok = false;
        }
      }, p.done, p.unlabelled, p.exhausted};
      p.walker.WalkAll(intr, v, rows.start[i], rows.banned[i], visit);
    }
    return ok;
  };
  if (!RunTwo(st, rows.start.size(), work)) return false;
  // The ends either thread counted, then their distinct values.
  Part& a0 = parts[0];
  for (size_t w = 0; w < words; ++w) a0.done[w] |= parts[1].done[w];
  out->counts.clear();
  for (const AdjacencyView::IntColumn* col : cols) out->counts.push_back(CountDistinct(a0.done, col));
  const Part* first = nullptr;
  for (const Part& p : parts)
    if (p.any && (!first || p.rep_input < first->rep_input)) first = &p;
  out->any = first != nullptr;
  if (first) {
    out->rep_input = first->rep_input;
    out->rep_end = first->rep_end;
  }
  return true;
}

bool RunPerInputParallel(ExecState& st, const AdjacencyView& v, const ChainWalker& walker,
                         const ChainRows& rows, bool by_end, PerInputResult* out) {
  struct Part {
    ChainWalker walker;
    AccScratch* sc = nullptr;
    uint32_t base = 0;
    std::vector<uint64_t> seen;
    std::vector<NodeId> row_ends;
    std::vector<std::pair<size_t, NodeId>> touched;  // each end's first passing pair, in order
    int64_t total = 0;
    bool any = false;
    size_t first_input = 0;
    NodeId first_end = 0;
    int64_t Count(NodeId end) const {
      const NodeAcc& a = sc->acc[end];
      return a.last > base ? static_cast<int64_t>(a.word & kCountMask) : 0;
    }
  };
  const size_t n = rows.start.size();
  std::unique_ptr<AccScratch> spare = TakeSpare();
  Part parts[2];
  parts[0].sc = &ThreadAccScratch();
  parts[1].sc = spare.get();
  for (Part& p : parts) {
    p.walker = walker;
    p.seen.assign((v.node_limit + 63) / 64, 0);
    if (!p.sc->Reserve(v.node_limit, n, &p.base)) {
      GiveBack(std::move(spare));
      return false;
    }
  }
  auto work = [&](WorkerInterrupt& intr, int t, size_t b, size_t e) {
    Part& p = parts[t];
    NodeAcc* acc = p.sc->acc.data();
    for (size_t i = b; i < e; ++i) {
      if (rows.start[i] == ChainRows::kSkip) continue;
      const uint32_t stamp = p.base + static_cast<uint32_t>(i) + 1;
      const uint32_t add = rows.value[i] == 1;
      bool counted = false;
      p.row_ends.clear();
      p.walker.WalkAll(intr, v, rows.start[i], rows.banned[i], [&](NodeId end) {
        uint64_t& w = p.seen[end >> 6];
        const uint64_t bit = uint64_t{1} << (end & 63);
        if (w & bit) return;
        w |= bit;
        p.row_ends.push_back(end);
      });
      for (NodeId end : p.row_ends) p.seen[end >> 6] = 0;
      constexpr size_t kAhead = 8;
      for (size_t j = 0; j < p.row_ends.size(); ++j) {
        if (j + kAhead < p.row_ends.size()) {
          const NodeId f = p.row_ends[j + kAhead];
          __builtin_prefetch(acc + f);
          rows.Prefetch(f);
        }
        const NodeId end = p.row_ends[j];
        intr.CheckInterrupt();
        NodeAcc& a = acc[end];
        if (a.last <= p.base) {  // first reached in this execution: its labels and class
          int cls = 0;
          a.word = kLabelsKnown;
          if (p.walker.EndMatches(v, end) && (cls = rows.Classify(end)) != 0)
            a.word |= kLabelsOk | (cls > 0 ? kTyped : 0);
        }
        a.last = stamp;
        if (!(a.word & kLabelsOk)) continue;  // no pair with this end passes
        if (a.word & kTyped) {
          if (!rows.PassVarying(i, end)) continue;
        } else {
          const int pass = rows.Pass(i, end);
          if (pass < 0) return false;
          if (pass == 0) continue;
        }
        if (!counted) {
          counted = true;
          if (!p.any) {
            p.any = true;
            p.first_input = i;
            p.first_end = end;
          }
          p.total += add;
        }
        if (!by_end) continue;
        if (!(a.word & kTouched)) {
          a.word |= kTouched;
          p.touched.push_back({i, end});
        }
        a.word += add;
      }
    }
    return true;
  };
  bool done;
  try {
    done = RunTwo(st, n, work);
  } catch (...) {
    GiveBack(std::move(spare));
    throw;
  }
  if (done) {
    out->total = parts[0].total + parts[1].total;
    const Part* first = nullptr;
    for (const Part& p : parts)
      if (p.any && (!first || p.first_input < first->first_input)) first = &p;
    out->any = first != nullptr;
    if (first) {
      out->first_input = first->first_input;
      out->first_end = first->first_end;
    }
    out->groups.clear();
    if (by_end) {
      // The two lists, each in row order, merged by row; an end keeps its first place.
      std::vector<uint64_t>& emitted = parts[0].seen;  // all zero again after the walks
      const auto& t0 = parts[0].touched;
      const auto& t1 = parts[1].touched;
      out->groups.reserve(t0.size() + t1.size());
      size_t x = 0, y = 0;
      while (x < t0.size() || y < t1.size()) {
        const bool from0 = y == t1.size() || (x < t0.size() && t0[x].first < t1[y].first);
        const auto [input, end] = from0 ? t0[x++] : t1[y++];
        if (Bit(emitted, end)) continue;
        SetBit(emitted, end);
        out->groups.push_back({input, end, parts[0].Count(end) + parts[1].Count(end)});
      }
    }
  }
  GiveBack(std::move(spare));
  return done;
}

}  // namespace liner::query
