// ChainDistinctOp (see plan.h): `RETURN DISTINCT to.key` (or a UNION of such branches) over
// the ends of anonymous chains, with the integers read from the adjacency cache's columns.
//
// Why the rows are the general plan's (Distinct <- [Union <-] Project(to.key) <- Filter* <-
// ExpandChainOp, see op_chain.cpp for the chain itself):
//  - The chain's rows are (input row, end) for each input row and each distinct end in the
//    order the walks first reach it, the end's labels checked: the same walk (ChainWalker over
//    the cache) and the same order here.
//  - Each filter sees that row; a typed one (to.key = e, <> e, IN e, NOT IN e, with e not
//    reading `to`) gives what Cypher gives when both sides are integers, and is evaluated on the
//    pair's row as FilterOp does otherwise (e is evaluated once per input row, at its first
//    pair, so errors surface for the same rows).
//  - Project(to.key) gives the end's integer, or null when the end has no such property; any
//    other value (float, string, list) makes the general plan run instead, so DISTINCT only
//    ever compares integers with integers (and null with null) here.
//  - Union gives branch 0's rows, then branch 1's, ...; Distinct keeps each value's first row:
//    the values come out in that order, once.
// The other slots of the rows are left null (as UnionOp leaves them): after DISTINCT, only the
// projected column is in scope.
#include <algorithm>

#include "query/chain_checks.h"
#include "query/flat_int_set.h"
#include "query/plan.h"

namespace liner::query {
namespace {

// Per thread, one bit per node of the largest cache seen ("reached by the current walk"), all
// clear between walks: 1/32 of a stamp array, so that it stays in the CPU's cache.
thread_local std::vector<uint64_t> tls_reached;

// Clears the bits of `ends` when the walk is over, also when it throws (timeout, interrupt).
struct ClearReached {
  std::vector<uint64_t>& bits;
  const std::vector<NodeId>& ends;
  ~ClearReached() {
    for (NodeId e : ends) bits[e >> 6] = 0;  // every bit of the word is one of `ends`
  }
};

// The ExpandChainOp under Project <- Filter* starting at `op`.
ExpandChainOp* ChainBelow(Op* op) {
  Op* o = op->child();  // below the Project
  while (dynamic_cast<FilterOp*>(o)) o = o->child();
  return static_cast<ExpandChainOp*>(o);
}

}  // namespace

std::vector<ExpandChainOp*> ChainDistinctOp::Chains() const {
  std::vector<ExpandChainOp*> out;
  Op* top = child()->child();  // below the Distinct
  if (dynamic_cast<UnionOp*>(top)) {
    for (auto& c : top->children) out.push_back(ChainBelow(c.get()));
  } else {
    out.push_back(ChainBelow(top));
  }
  return out;
}

void ChainDistinctOp::Open(ExecState& st) {
  Op::Open(st);
  inputs_.clear();
  values_.clear();
  null_at_ = SIZE_MAX;
  next_ = 0;
  started_ = general_ = false;
}

std::string ChainDistinctOp::Describe() const {
  size_t typed = 0, total = 0;
  std::string keys;
  for (const Branch& b : branches) {
    for (const auto& c : b.checks) typed += c.kind != ChainAggregateOp::Check::Kind::kGeneric;
    total += b.checks.size();
    keys += (keys.empty() ? "" : ", ") + b.key;
  }
  return "ChainDistinct(" + std::to_string(branches.size()) + " chain(s), keys " + keys + ", " +
         std::to_string(typed) + " of " + std::to_string(total) +
         " filters typed; the plan below runs when the cache cannot answer)";
}

bool ChainDistinctOp::Next(ExecState& st, Row& row) {
  if (!started_) {
    started_ = true;
    std::vector<ExpandChainOp*> chains = Chains();
    inputs_.resize(chains.size());
    Row r;
    for (size_t b = 0; b < chains.size(); ++b) {
      while (chains[b]->child()->Next(st, r)) {
        st.CheckInterrupt();
        inputs_[b].push_back(r);
      }
    }
    if (!Run(st)) {
      values_.clear();
      null_at_ = SIZE_MAX;
      general_ = true;
      RunGeneral();
    }
  }
  if (general_) {
    if (!child()->Next(st, row)) return false;
    ++rows_produced;
    return true;
  }
  const size_t total = values_.size() + (null_at_ != SIZE_MAX);
  if (next_ >= total) return false;
  // Only the Distinct's slot is in scope above: the others stay as they are (null when the row
  // is new to this operator).
  if (row.size() != static_cast<size_t>(st.plan->num_slots)) row.assign(st.plan->num_slots, QValue());
  if (next_ == null_at_) {
    row[out_slot] = QValue();
  } else {
    row[out_slot] = QValue(values_[next_ - (next_ > null_at_ && null_at_ != SIZE_MAX)]);
  }
  ++next_;
  ++rows_produced;
  return true;
}

void ChainDistinctOp::RunGeneral() {
  std::vector<ExpandChainOp*> chains = Chains();
  for (size_t b = 0; b < chains.size(); ++b) {
    auto replay = std::make_unique<ReplayRowsOp>();
    replay->rows = std::move(inputs_[b]);
    chains[b]->children[0] = std::move(replay);
  }
}

bool ChainDistinctOp::Run(ExecState& st) {
  const AdjacencyView* v = st.txn->CachedAdjacency();
  if (!v) return false;
  const std::vector<ExpandChainOp*> chains = Chains();
  std::vector<uint64_t>& reached = tls_reached;
  const size_t words = (static_cast<size_t>(v->node_limit) + 63) / 64;
  if (reached.size() < words) reached.assign(words, 0);
  FlatIntSet seen;
  std::vector<NodeId> ends;
  std::vector<EdgeId> banned;
  Row pair;
  for (size_t b = 0; b < chains.size(); ++b) {
    const ExpandChainOp& chain = *chains[b];
    const Branch& br = branches[b];
    const TokenId key = st.Token(TokenKind::kPropertyKey, br.key);
    const AdjacencyView::IntColumn* col = key == kNoToken ? nullptr : v->Column(key);
    if (!col) return false;
    ChainWalker walker;
    std::vector<ChainWalker::Step> ws;
    for (const auto& s : chain.steps) ws.push_back({&s.rel, &s.labels});
    walker.Prepare(st, ws);
    ChainChecker filters(st, *v, br.checks, chain.to_slot);
    for (const Row& in : inputs_[b]) {
      const QValue& from = in[chain.from_slot];
      if (!from.is_node()) {
        if (!from.is_null()) Throw("TypeError(VariableTypeConflict)", "expected a node to expand from");
        continue;
      }
      const NodeId start = from.as_node().id;
      if (walker.Cached(st, start) != v) return false;
      BannedEdges(in, chain.unique_rel_slots, &banned);
      pair = in;
      filters.Reset(&pair);
      // The row's distinct ends, in first-reach order, with a node bitset small enough to stay
      // in cache; then each end, the random reads of the ends a few places ahead requested
      // early (labels, the key's and the filters' columns) so that their misses overlap.
      ends.clear();
      {
        ClearReached clear{reached, ends};
        walker.WalkAll(st, *v, start, banned, [&](NodeId end) {
          uint64_t& w = reached[end >> 6];
          const uint64_t bit = uint64_t{1} << (end & 63);
          if (w & bit) return;
          w |= bit;
          ends.push_back(end);
        });
      }
      const bool labels = walker.EndChecksLabels();
      constexpr size_t kAhead = 12;
      const size_t n = ends.size();
      seen.Reserve(seen.size() + n);
      for (size_t j = 0; j < n; ++j) {
        if (j + kAhead < n) {
          const NodeId f = ends[j + kAhead];
          if (labels) __builtin_prefetch(v->label_bits + f);
          if (f < col->size) {
            __builtin_prefetch(col->kind + f);
            __builtin_prefetch(col->value + f);
          }
          filters.Prefetch(f);
        }
        if ((j & 255) == 255) st.CheckInterrupt();
        const NodeId end = ends[j];
        if (labels && !walker.EndMatches(*v, end)) continue;
        if (!filters.Pass(end)) continue;
        if (end >= col->size) return false;
        switch (static_cast<IntPropKind>(col->kind[end])) {
          case IntPropKind::kInt:
            if (seen.Insert(col->value[end])) values_.push_back(col->value[end]);
            break;
          case IntPropKind::kAbsent:
            if (null_at_ == SIZE_MAX) null_at_ = values_.size();
            break;
          default:
            return false;  // a float, a string, ...: the general plan compares them
        }
      }
    }
  }
  return true;
}

}  // namespace liner::query
