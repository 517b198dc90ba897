// Grouping and aggregate functions: count, sum, avg, min, max, collect, stDev, stDevP,
// percentileCont, percentileDisc (each optionally DISTINCT, hash-based).
#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "query/flat_int_set.h"
#include "query/plan.h"

namespace liner::query {
namespace {

struct ValueHash {
  size_t operator()(const QValue& v) const { return HashValue(v); }
};
struct ValueEq {
  bool operator()(const QValue& a, const QValue& b) const { return Equivalent(a, b); }
};

struct Acc {
  int64_t count = 0;
  bool sum_is_float = false;
  int64_t isum = 0;
  double fsum = 0;
  QValue best;  // min / max
  QList items;  // collect
  std::vector<double> nums;  // stdev, percentiles
  QValue percentile;
  std::unique_ptr<std::unordered_set<QValue, ValueHash, ValueEq>> seen;
  // DISTINCT count over integers only (the common case): a flat set; moved into `seen` as
  // soon as a value of another type arrives.
  std::unique_ptr<FlatIntSet> seen_ints;
};

// Inserts `v` into the DISTINCT set of `acc`; true when it is new.
bool InsertDistinct(Acc& acc, QValue&& v) {
  if (v.is_int() && !acc.seen) {
    if (!acc.seen_ints) acc.seen_ints = std::make_unique<FlatIntSet>();
    return acc.seen_ints->Insert(v.as_int());
  }
  if (!acc.seen) {
    acc.seen = std::make_unique<std::unordered_set<QValue, ValueHash, ValueEq>>();
    if (acc.seen_ints) {
      acc.seen_ints->ForEach([&](int64_t i) { acc.seen->insert(QValue(i)); });
      acc.seen_ints.reset();
    }
  }
  return acc.seen->insert(std::move(v)).second;
}

void Add(const AggSpec& spec, bool is_count, Acc& acc, Row& row, ExecState& st) {
  if (spec.star) {
    ++acc.count;
    return;
  }
  QValue v = Eval(*spec.arg, row, st);
  if (v.is_null()) return;
  if (spec.distinct) {
    if (is_count) {  // the common DISTINCT case: no copy of the value
      if (InsertDistinct(acc, std::move(v))) ++acc.count;
      return;
    }
    if (!InsertDistinct(acc, QValue(v))) return;
  }
  const std::string& f = spec.fn;
  if (is_count) {
    ++acc.count;
  } else if (f == "sum" || f == "avg") {
    if (!v.is_number())
      Throw("TypeError(InvalidArgumentType)", f + "() expects numbers, got " + QTypeName(v.type()));
    ++acc.count;
    if (v.is_float() || acc.sum_is_float) {
      if (!acc.sum_is_float) {
        acc.sum_is_float = true;
        acc.fsum = static_cast<double>(acc.isum);
      }
      acc.fsum += v.as_number();
    } else if (f == "avg") {
      acc.fsum += static_cast<double>(v.as_int());
      if (__builtin_add_overflow(acc.isum, v.as_int(), &acc.isum)) acc.isum = 0;
    } else if (__builtin_add_overflow(acc.isum, v.as_int(), &acc.isum)) {
      Throw("ArithmeticError(IntegerOverflow)", "integer overflow in sum()");
    }
  } else if (f == "min" || f == "max") {
    if (acc.best.is_null()) {
      acc.best = v;
    } else {
      int c = CompareForOrder(v, acc.best);
      if (f == "min" ? c < 0 : c > 0) acc.best = v;
    }
  } else if (f == "collect") {
    acc.items.push_back(std::move(v));
  } else {  // stdev, stdevp, percentilecont, percentiledisc
    if (!v.is_number())
      Throw("TypeError(InvalidArgumentType)", f + "() expects numbers, got " + QTypeName(v.type()));
    acc.nums.push_back(v.as_number());
    if (spec.arg2 && acc.percentile.is_null()) {
      acc.percentile = Eval(*spec.arg2, row, st);
      if (!acc.percentile.is_number() || acc.percentile.as_number() < 0 ||
          acc.percentile.as_number() > 1)
        Throw("ArgumentError(NumberOutOfRange)", f + "() percentile must be between 0.0 and 1.0");
    }
  }
}

QValue Result(const AggSpec& spec, Acc& acc) {
  const std::string& f = spec.fn;
  if (f == "count") return QValue(acc.count);
  if (f == "sum") return acc.sum_is_float ? QValue(acc.fsum) : QValue(acc.isum);
  if (f == "avg") {
    if (acc.count == 0) return QValue();
    return QValue(acc.fsum / static_cast<double>(acc.count));
  }
  if (f == "min" || f == "max") return acc.best;
  if (f == "collect") return QValue(std::move(acc.items));
  auto& x = acc.nums;
  if (f == "stdev" || f == "stdevp") {
    size_t n = x.size();
    if (n == 0 || (f == "stdev" && n == 1)) return QValue(0.0);
    double mean = 0;
    for (double d : x) mean += d;
    mean /= static_cast<double>(n);
    double ss = 0;
    for (double d : x) ss += (d - mean) * (d - mean);
    return QValue(std::sqrt(ss / static_cast<double>(f == "stdev" ? n - 1 : n)));
  }
  if (x.empty()) return QValue();
  std::sort(x.begin(), x.end());
  double p = acc.percentile.is_null() ? 0.5 : acc.percentile.as_number();
  if (f == "percentiledisc") {
    double pos = p * static_cast<double>(x.size());
    size_t idx = pos <= 0 ? 0 : static_cast<size_t>(std::ceil(pos)) - 1;
    idx = std::min(idx, x.size() - 1);
    double d = x[idx];
    if (spec.arg && d == std::floor(d) && !acc.sum_is_float) {
      // percentileDisc returns a value of the input: keep integers integral.
    }
    return QValue(d);
  }
  double pos = p * static_cast<double>(x.size() - 1);
  size_t lo = static_cast<size_t>(std::floor(pos)), hi = static_cast<size_t>(std::ceil(pos));
  return QValue(x[lo] + (x[hi] - x[lo]) * (pos - static_cast<double>(lo)));
}

struct KeyHash {
  size_t operator()(const std::vector<QValue>& k) const {
    size_t h = 0x12345;
    for (const auto& v : k) h = h * 1000003 ^ HashValue(v);
    return h;
  }
};
struct KeyEq {
  bool operator()(const std::vector<QValue>& a, const std::vector<QValue>& b) const {
    for (size_t i = 0; i < a.size(); ++i)
      if (!Equivalent(a[i], b[i])) return false;
    return true;
  }
};

}  // namespace

bool IsAggregateName(const std::string& name) {
  return name == "count" || name == "sum" || name == "avg" || name == "min" || name == "max" ||
         name == "collect" || name == "stdev" || name == "stdevp" ||
         name == "percentilecont" || name == "percentiledisc";
}

void AggregateOp::Open(ExecState& st) {
  Op::Open(st);
  out_.clear();
  next_ = 0;
  done_ = false;
}

void AggregateOp::Run(ExecState& st) {
  struct Group {
    Row rep;
    std::vector<Acc> accs;
  };
  std::vector<Group> groups;
  std::unordered_map<std::vector<QValue>, size_t, KeyHash, KeyEq> index;
  Row row;
  std::vector<QValue> key(keys.size());
  std::vector<char> is_count(aggs.size());
  for (size_t a = 0; a < aggs.size(); ++a) is_count[a] = aggs[a].fn == "count";
  const bool grouped = !keys.empty();
  bool int_keys = keys.size() == 1 && groups.size() < UINT32_MAX;
  FlatIntMap int_index;
  while (child()->Next(st, row)) {
    st.CheckInterrupt();
    size_t g;
    if (!grouped) {
      // One group, no key to hash.
      if (groups.empty()) groups.push_back(Group{row, std::vector<Acc>(aggs.size())});
      g = 0;
      for (size_t a = 0; a < aggs.size(); ++a) Add(aggs[a], is_count[a], groups[g].accs[a], row, st);
      continue;
    }
    for (size_t i = 0; i < keys.size(); ++i) key[i] = Eval(*keys[i], row, st);
    if (int_keys) {
      if (key[0].is_int()) {
        // One integer key (the common GROUP BY id): a flat map, no key vector per group.
        bool inserted = false;
        g = int_index.FindOrInsert(key[0].as_int(), static_cast<uint32_t>(groups.size()),
                                   &inserted);
        if (inserted) groups.push_back(Group{row, std::vector<Acc>(aggs.size())});
        for (size_t a = 0; a < aggs.size(); ++a)
          Add(aggs[a], is_count[a], groups[g].accs[a], row, st);
        continue;
      }
      // Another type: move the integer groups to the general index (1 and 1.0 are one key).
      int_index.ForEach([&](int64_t k, uint32_t gi) { index.emplace(std::vector<QValue>{QValue(k)}, gi); });
      int_keys = false;
    }
    auto it = index.find(key);
    if (it == index.end()) {
      g = groups.size();
      index.emplace(key, g);
      groups.push_back(Group{row, std::vector<Acc>(aggs.size())});
    } else {
      g = it->second;
    }
    for (size_t a = 0; a < aggs.size(); ++a) Add(aggs[a], is_count[a], groups[g].accs[a], row, st);
  }
  if (groups.empty() && keys.empty()) {
    groups.push_back(Group{Row(st.plan->num_slots), std::vector<Acc>(aggs.size())});
  }
  out_.reserve(groups.size());
  for (auto& g : groups) {
    for (size_t a = 0; a < aggs.size(); ++a) g.rep[aggs[a].slot] = Result(aggs[a], g.accs[a]);
    out_.push_back(std::move(g.rep));
  }
}

bool AggregateOp::Next(ExecState& st, Row& row) {
  if (!done_) {
    done_ = true;
    Run(st);
  }
  if (next_ >= out_.size()) return false;
  row = std::move(out_[next_++]);
  ++rows_produced;
  return true;
}

std::string AggregateOp::Describe() const {
  std::string s = "Aggregate(";
  for (size_t i = 0; i < aggs.size(); ++i)
    s += (i ? ", " : "") + aggs[i].fn + (aggs[i].distinct ? "(DISTINCT)" : "");
  return s + ")";
}

}  // namespace liner::query
