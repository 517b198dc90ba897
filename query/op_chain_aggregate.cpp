// ChainAggregateOp and the rewrite that introduces it (see plan.h): count(DISTINCT ...) over
// the distinct ends of an anonymous chain, with the filters between them read from the
// adjacency cache's integer columns, without a generic row per (input row, end node) pair.
//
// Why the answers are the same as the general plan's (Aggregate <- Filter* <- ExpandChainOp):
//  - The filters are applied in the same order to the same (input row, end) pairs; a typed
//    filter gives exactly what Cypher gives when both sides are integers (`to.key` read from
//    the column, the other side evaluated once per input row: it does not read `to` and is
//    deterministic, so its value is the same for every pair of the row); in every other case
//    (a value of another type, absent, null, a list that is not all integers) the filter is
//    evaluated on the pair's row as FilterOp does. The other side is evaluated lazily, at the
//    first pair of the row that reaches the filter, so errors surface for the same rows.
//  - Per end (no grouping key, every aggregate count(DISTINCT) of the end node or one of its
//    properties): what a pair adds depends only on its end node, and DISTINCT ignores repeats,
//    so once an end passed the filters, later pairs with the same end add nothing: they are
//    skipped before the filters.
//  - Per input (grouping by `to.key` or nothing, one aggregate count(DISTINCT e) with e not
//    reading `to`): when the values of e are integers (or null) that differ between the input
//    rows that have a passing pair, count(DISTINCT e) of a group is the number of those rows
//    whose pairs reach the group (a null e counts nothing). The rows are counted per end node
//    and each end is its own group, so two ends with the same key, a repeated or a
//    non-integer value hand everything to the general plan.
//  - Groups come out in the order of their first passing pair, each with that pair's row, as
//    AggregateOp does; with no key and no pair, one all-null row with zero counts.
// The general plan (child 0) runs on the same input rows whenever the typed path cannot
// answer: no adjacency cache for this transaction, a missing integer column, or a value of
// another type where a key or an aggregated value is read.
#include "query/chain_aggregate_parallel.h"
#include "query/chain_checks.h"
#include "query/flat_int_set.h"
#include "query/plan.h"

namespace liner::query {
namespace {

struct Parts {
  AggregateOp* agg = nullptr;
  ExpandChainOp* chain = nullptr;
};

Parts Find(const ChainAggregateOp& op) {
  Parts p;
  p.agg = static_cast<AggregateOp*>(op.child());
  Op* o = p.agg->child();
  for (size_t i = 0; i < op.filters; ++i) o = o->child();
  p.chain = static_cast<ExpandChainOp*>(o);
  return p;
}

}  // namespace

void ChainAggregateOp::Open(ExecState& st) {
  Op::Open(st);
  out_.clear();
  pending_.clear();
  inputs_.clear();
  next_ = next_pending_ = 0;
  started_ = general_ = false;
}

std::string ChainAggregateOp::Describe() const {
  size_t typed = 0;
  for (const Check& c : checks) typed += c.kind != Check::Kind::kGeneric;
  return std::string("ChainAggregate(") + (mode == Mode::kPerEnd ? "per end" : "per input") +
         ", " + std::to_string(typed) + " of " + std::to_string(checks.size()) +
         " filters typed; the plan below runs when the cache cannot answer)";
}

bool ChainAggregateOp::Next(ExecState& st, Row& row) {
  if (!started_) {
    started_ = true;
    Row r;
    Op* input = Find(*this).chain->child();
    while (input->Next(st, r)) {
      st.CheckInterrupt();
      inputs_.push_back(r);
    }
    if (!Run(st, inputs_)) {
      out_.clear();
      pending_.clear();
      general_ = true;
      RunGeneral(std::move(inputs_));
    }
  }
  if (general_) {
    if (!child()->Next(st, row)) return false;
    ++rows_produced;
    return true;
  }
  if (next_ < out_.size()) {
    row = std::move(out_[next_++]);
  } else if (next_pending_ < pending_.size()) {
    const Pending& p = pending_[next_pending_++];
    row = inputs_[p.input];
    row[Find(*this).chain->to_slot] = QValue(NodeRef(p.end));
    row[pending_slot_] = QValue(p.count);
  } else {
    return false;
  }
  ++rows_produced;
  return true;
}

void ChainAggregateOp::RunGeneral(std::vector<Row> inputs) {
  auto replay = std::make_unique<ReplayRowsOp>();
  replay->rows = std::move(inputs);
  Find(*this).chain->children[0] = std::move(replay);
}

bool ChainAggregateOp::Run(ExecState& st, std::vector<Row>& inputs) {
  const AdjacencyView* v = st.txn->CachedAdjacency();
  if (!v) return false;
  const Parts parts = Find(*this);
  const ExpandChainOp& chain = *parts.chain;
  const std::vector<AggSpec>& aggs = parts.agg->aggs;
  const int to = chain.to_slot;
  auto column = [&](const std::string& key) -> const AdjacencyView::IntColumn* {
    TokenId t = st.Token(TokenKind::kPropertyKey, key);
    return t == kNoToken ? nullptr : v->Column(t);
  };

  ChainWalker walker;
  std::vector<ChainWalker::Step> ws;
  for (const auto& s : chain.steps) ws.push_back({&s.rel, &s.labels});
  walker.Prepare(st, ws);
  ChainChecker checker(st, *v, checks, to);
  std::vector<EdgeId> banned;
  Row pair;
  // Sets up input row i: 1 with *start to walk from, 0 to skip it (a null start), -1 when the
  // cache cannot walk from it.
  auto begin_row = [&](size_t i, NodeId* start) {
    const Row& in = inputs[i];
    const QValue& from = in[chain.from_slot];
    if (!from.is_node()) {
      if (!from.is_null()) Throw("TypeError(VariableTypeConflict)", "expected a node to expand from");
      return 0;
    }
    *start = from.as_node().id;
    if (walker.Cached(st, *start) != v) return -1;
    BannedEdges(in, chain.unique_rel_slots, &banned);
    pair = in;
    checker.Reset(&pair);
    return 1;
  };
  auto output = [&](size_t input, NodeId end) {
    Row r = inputs[input];
    r[to] = QValue(NodeRef(end));
    return r;
  };

  if (mode == Mode::kPerEnd) {
    std::vector<const AdjacencyView::IntColumn*> cols;
    for (const std::string& k : agg_keys) {
      cols.push_back(k.empty() ? nullptr : column(k));
      if (!k.empty() && !cols.back()) return false;
    }
    ChainRows rows;
    PerEndResult par;
    if (PrepareChainRows(st, *v, walker, *this, chain, inputs, nullptr, &rows) &&
        RunPerEndParallel(st, *v, walker, rows, cols, &par)) {
      Row r = par.any ? output(par.rep_input, par.rep_end) : Row(st.plan->num_slots);
      for (size_t a = 0; a < aggs.size(); ++a) r[aggs[a].slot] = QValue(par.counts[a]);
      out_.push_back(std::move(r));
      return true;
    }
    std::vector<FlatIntSet> sets(aggs.size());
    // Per node: counted (passed the filters once), and failed the end's labels.
    std::vector<uint64_t> done((v->node_limit + 63) / 64, 0), unlabelled(done.size(), 0);
    std::vector<uint64_t> exhausted(done.size(), 0);  // nodes whose every end is settled
    bool any = false, ok = true;
    size_t rep_input = 0;
    NodeId rep_end = 0;
    for (size_t i = 0; i < inputs.size() && ok; ++i) {
      NodeId start;
      int b = begin_row(i, &start);
      if (b < 0) return false;
      if (b == 0) continue;
      // Every walk's end, without a per-row set: an end is skipped once counted, and the
      // filters of one that is not are cheap to evaluate again.
      SettlingVisit visit{[&](NodeId end) {
        if (!ok || Bit(done, end) || Bit(unlabelled, end)) return;
        if (!walker.EndMatches(*v, end)) {
          SetBit(unlabelled, end);
          return;
        }
        if (!checker.Pass(end)) return;
        SetBit(done, end);
        if (!any) {
          any = true;
          rep_input = i;
          rep_end = end;
        }
        for (size_t a = 0; a < aggs.size(); ++a) {
          if (!cols[a]) {
            sets[a].Insert(static_cast<int64_t>(end));
            continue;
          }
          auto kind = end < cols[a]->size ? static_cast<IntPropKind>(cols[a]->kind[end])
                                          : IntPropKind::kOther;
          if (kind == IntPropKind::kOther) ok = false;
          if (kind == IntPropKind::kInt) sets[a].Insert(cols[a]->value[end]);
        }
      }, done, unlabelled, exhausted};
      walker.WalkAll(st, *v, start, banned, visit);
    }
    if (!ok) return false;
    Row r = any ? output(rep_input, rep_end) : Row(st.plan->num_slots);
    for (size_t a = 0; a < aggs.size(); ++a) r[aggs[a].slot] = QValue(static_cast<int64_t>(sets[a].size()));
    out_.push_back(std::move(r));
    return true;
  }

  // Per input: one aggregate, count(DISTINCT e) with e read from the input row; per node, the
  // number of input rows with a passing pair ending there (e distinct between rows).
  const AggSpec& agg = aggs[0];
  const AdjacencyView::IntColumn* key_col = nullptr;
  if (!group_key.empty() && !(key_col = column(group_key))) return false;
  {
    ChainRows rows;
    PerInputResult par;
    if (PrepareChainRows(st, *v, walker, *this, chain, inputs, agg.arg.get(), &rows) &&
        RunPerInputParallel(st, *v, walker, rows, key_col != nullptr, &par)) {
      if (!key_col) {
        Row r = par.any ? output(par.first_input, par.first_end) : Row(st.plan->num_slots);
        r[agg.slot] = QValue(par.total);
        out_.push_back(std::move(r));
        return true;
      }
      return Groups(par.groups, *key_col, agg.slot);
    }
  }
  AccScratch& sc = ThreadAccScratch();
  uint32_t base;
  if (!sc.Reserve(v->node_limit, inputs.size(), &base)) return false;
  NodeAcc* acc = sc.acc.data();
  std::vector<std::pair<size_t, NodeId>> touched;  // each end's first passing pair, in order
  FlatIntSet values;                               // the values of e counted so far
  std::vector<uint64_t> seen((v->node_limit + 63) / 64, 0);  // the current row's ends
  std::vector<NodeId> row_ends;
  int64_t total = 0;                               // without a key: rows with a passing pair
  bool ok = true;
  for (size_t i = 0; i < inputs.size() && ok; ++i) {
    NodeId start;
    int b = begin_row(i, &start);
    if (b < 0) return false;
    if (b == 0) continue;
    const uint32_t stamp = base + static_cast<uint32_t>(i) + 1;
    int value = 0;  // 0: not evaluated yet, 1: an integer (counted), 2: null
    // The row's distinct ends first, in a node bitset small enough to stay in cache; then each
    // end, with the random reads of the ends a few places ahead requested early.
    row_ends.clear();
    walker.WalkAll(st, *v, start, banned, [&](NodeId end) {
      uint64_t& w = seen[end >> 6];
      const uint64_t bit = uint64_t{1} << (end & 63);
      if (w & bit) return;
      w |= bit;
      row_ends.push_back(end);
    });
    for (NodeId end : row_ends) seen[end >> 6] = 0;
    constexpr size_t kAhead = 8;
    for (size_t j = 0; j < row_ends.size() && ok; ++j) {
      if (j + kAhead < row_ends.size()) {
        const NodeId f = row_ends[j + kAhead];
        __builtin_prefetch(acc + f);
        checker.Prefetch(f);
      }
      const NodeId end = row_ends[j];
      st.CheckInterrupt();
      NodeAcc& a = acc[end];
      if (a.last <= base) a.word = 0;  // first reached in this execution
      a.last = stamp;
      if (!(a.word & kLabelsKnown))
        a.word |= kLabelsKnown | (walker.EndMatches(*v, end) ? kLabelsOk : 0);
      if (!(a.word & kLabelsOk) || !checker.Pass(end)) continue;
      if (value == 0) {  // the row's value of e, at its first passing pair
        QValue x = Eval(*agg.arg, pair, st);
        value = x.is_null() ? 2 : 1;
        if (value == 1 && (!x.is_int() || !values.Insert(x.as_int()))) {
          ok = false;  // another type, or a value of an earlier row: the general plan counts
          continue;
        }
        if (!key_col) {
          if (touched.empty()) touched.push_back({i, end});
          total += value == 1;
        }
      }
      if (!key_col) continue;
      if (!(a.word & kTouched)) {
        a.word |= kTouched;
        touched.push_back({i, end});
      }
      a.word += value == 1;
    }
  }
  if (!ok) return false;
  if (!key_col) {
    Row r = touched.empty() ? Row(st.plan->num_slots) : output(touched[0].first, touched[0].second);
    r[agg.slot] = QValue(total);
    out_.push_back(std::move(r));
    return true;
  }
  std::vector<Pending> groups;
  groups.reserve(touched.size());
  for (const auto& [input, end] : touched)
    groups.push_back({input, end, static_cast<int64_t>(acc[end].word & kCountMask)});
  return Groups(groups, *key_col, agg.slot);
}

bool ChainAggregateOp::Groups(const std::vector<Pending>& groups,
                              const AdjacencyView::IntColumn& key_col, int slot) {
  // One group per end; two ends with the same key would need their rows merged: general plan.
  FlatIntSet keys;
  bool null_key = false;
  pending_.reserve(groups.size());
  for (const Pending& g : groups) {
    if (g.end >= key_col.size) return false;
    auto kind = static_cast<IntPropKind>(key_col.kind[g.end]);
    if (kind == IntPropKind::kOther) return false;
    if (kind == IntPropKind::kInt ? !keys.Insert(key_col.value[g.end]) : null_key) return false;
    null_key |= kind == IntPropKind::kAbsent;
    pending_.push_back({g.input, g.end, g.count});
  }
  // The rows are built as they are asked for, into the caller's row (no row kept per group).
  pending_slot_ = slot;
  return true;
}

}  // namespace liner::query
