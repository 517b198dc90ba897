// Relational operators: once, argument, filter, optional, unwind, project, distinct, sort,
// skip/limit, union, procedure calls and named paths.
#include <algorithm>

#include "query/plan.h"

namespace liner::query {

Op::Op(const Op& o) : rows_produced(0) {
  for (const auto& c : o.children) children.push_back(c ? c->Clone() : nullptr);
}

void Op::Open(ExecState& st) {
  rows_produced = 0;
  for (auto& c : children)
    if (c) c->Open(st);
}

bool OnceOp::Next(ExecState& st, Row& row) {
  if (done_) return false;
  done_ = true;
  row.assign(st.plan->num_slots, QValue());
  ++rows_produced;
  return true;
}

bool ArgumentOp::Next(ExecState& st, Row& row) {
  if (done_ || !input) return false;
  done_ = true;
  row = *input;
  if (row.size() < static_cast<size_t>(st.plan->num_slots)) row.resize(st.plan->num_slots);
  return true;
}

ArgumentOp* FindArgument(Op* root) {
  Op* op = root;
  while (op) {
    if (auto* a = dynamic_cast<ArgumentOp*>(op)) return a;
    op = op->children.empty() ? nullptr : op->child(0);
  }
  return nullptr;
}

bool FilterOp::Next(ExecState& st, Row& row) {
  while (child()->Next(st, row)) {
    st.CheckInterrupt();
    if (IsTrue(Eval(*predicate, row, st))) {
      ++rows_produced;
      return true;
    }
  }
  return false;
}

void OptionalOp::Open(ExecState& st) {
  Op::Open(st);
  have_input_ = false;
}

bool OptionalOp::Next(ExecState& st, Row& row) {
  Op* inner = child(1);
  while (true) {
    if (!have_input_) {
      if (!child(0)->Next(st, input_)) return false;
      have_input_ = true;
      matched_ = false;
      FindArgument(inner)->input = &input_;
      inner->Open(st);
    }
    if (inner->Next(st, row)) {
      matched_ = true;
      ++rows_produced;
      return true;
    }
    have_input_ = false;
    if (!matched_) {
      row = input_;
      for (int s : null_slots) row[s] = QValue();
      ++rows_produced;
      return true;
    }
  }
}

void UnwindOp::Open(ExecState& st) {
  Op::Open(st);
  items_.clear();
  next_ = 0;
}

bool UnwindOp::Next(ExecState& st, Row& row) {
  while (next_ >= items_.size()) {
    if (!child()->Next(st, input_)) return false;
    QValue v = Eval(*list, input_, st);
    items_.clear();
    next_ = 0;
    if (v.is_list()) items_ = std::move(v.as_list());
    else if (!v.is_null()) items_.push_back(std::move(v));
  }
  row = input_;
  row[slot] = items_[next_++];
  ++rows_produced;
  return true;
}

bool ProjectOp::Next(ExecState& st, Row& row) {
  if (!child()->Next(st, row)) return false;
  if (exprs.size() == 1) {
    row[slots[0]] = Eval(*exprs[0], row, st);
  } else {
    // Evaluate all first: an alias may shadow a variable another item reads.
    std::vector<QValue> vals;
    vals.reserve(exprs.size());
    for (const auto& e : exprs) vals.push_back(Eval(*e, row, st));
    for (size_t i = 0; i < slots.size(); ++i) row[slots[i]] = std::move(vals[i]);
  }
  ++rows_produced;
  return true;
}

std::string ProjectOp::Describe() const {
  std::string s = "Project(";
  for (size_t i = 0; i < names.size(); ++i) s += (i ? ", " : "") + names[i];
  return s + ")";
}

size_t DistinctOp::Hash::operator()(const std::vector<QValue>& k) const {
  size_t h = 0x12345;
  for (const auto& v : k) h = h * 1000003 ^ HashValue(v);
  return h;
}

bool DistinctOp::Eq::operator()(const std::vector<QValue>& a, const std::vector<QValue>& b) const {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (!Equivalent(a[i], b[i])) return false;
  return true;
}

void DistinctOp::Open(ExecState& st) {
  Op::Open(st);
  seen_.clear();
  seen_ints_.Clear();
  ints_only_ = slots.size() == 1;
}

bool DistinctOp::Next(ExecState& st, Row& row) {
  if (ints_only_) {
    while (child()->Next(st, row)) {
      st.CheckInterrupt();
      const QValue& v = row[slots[0]];
      if (v.is_int()) {
        if (!seen_ints_.Insert(v.as_int())) continue;
        ++rows_produced;
        return true;
      }
      // Another type: from now on every value goes through seen_, the integers seen so far too.
      ints_only_ = false;
      seen_ints_.ForEach([&](int64_t i) { seen_.insert(std::vector<QValue>{QValue(i)}); });
      seen_ints_.Clear();
      if (seen_.insert(std::vector<QValue>{v}).second) {
        ++rows_produced;
        return true;
      }
      break;
    }
    if (ints_only_) return false;
  }
  std::vector<QValue> key(slots.size());
  while (child()->Next(st, row)) {
    st.CheckInterrupt();
    for (size_t i = 0; i < slots.size(); ++i) key[i] = row[slots[i]];
    if (seen_.insert(key).second) {
      ++rows_produced;
      return true;
    }
  }
  return false;
}

int64_t EvalCount(ExecState& st, const ExprP& e, const char* what) {
  Row empty(st.plan->num_slots);
  QValue v = Eval(*e, empty, st);
  if (v.is_float() && v.as_float() == static_cast<double>(static_cast<int64_t>(v.as_float())) &&
      false) {
    return static_cast<int64_t>(v.as_float());
  }
  if (!v.is_int())
    Throw("SyntaxError(InvalidArgumentType)",
          std::string(what) + " expects a non-negative integer, got " + v.ToCypherString());
  if (v.as_int() < 0)
    Throw("SyntaxError(NegativeIntegerArgument)",
          std::string(what) + " expects a non-negative integer, got " + v.ToCypherString());
  return v.as_int();
}

void SortOp::Open(ExecState& st) {
  Op::Open(st);
  rows_.clear();
  next_ = 0;
  done_ = false;
}

bool SortOp::Next(ExecState& st, Row& row) {
  if (!done_) {
    done_ = true;
    struct Keyed {
      std::vector<QValue> keys;
      size_t index;  // arrival order: ties keep it
      size_t slot;   // in `rows`
    };
    auto less = [&](const Keyed& a, const Keyed& b) {
      for (size_t i = 0; i < items.size(); ++i) {
        int c = CompareForOrder(a.keys[i], b.keys[i]);
        if (c != 0) return items[i].descending ? c > 0 : c < 0;
      }
      return a.index < b.index;
    };
    size_t keep = SIZE_MAX;
    if (limit_hint) {
      int64_t k = EvalCount(st, limit_hint, "LIMIT");
      if (skip_hint) k += EvalCount(st, skip_hint, "SKIP");
      keep = static_cast<size_t>(k);
    }
    std::vector<Keyed> keyed;
    std::vector<Row> rows;
    Row r;
    Keyed cand;
    size_t n = 0;
    // With a limit, only the best `keep` rows so far are kept (a heap whose top is the worst of
    // them): the order is total (arrival breaks ties), so the first `keep` are the same.
    const bool bounded = keep != SIZE_MAX;
    while (child()->Next(st, r)) {
      st.CheckInterrupt();
      cand.keys.clear();
      for (const auto& item : items) cand.keys.push_back(Eval(*item.expr, r, st));
      cand.index = n++;
      if (!bounded || keyed.size() < keep) {
        cand.slot = rows.size();
        rows.push_back(r);
        keyed.push_back(cand);
        if (bounded) std::push_heap(keyed.begin(), keyed.end(), less);
      } else if (keep > 0 && less(cand, keyed.front())) {
        std::pop_heap(keyed.begin(), keyed.end(), less);
        Keyed& worst = keyed.back();
        rows[worst.slot] = r;
        std::swap(worst.keys, cand.keys);
        worst.index = cand.index;
        std::push_heap(keyed.begin(), keyed.end(), less);
      }
    }
    if (bounded) {
      std::sort_heap(keyed.begin(), keyed.end(), less);
    } else {
      std::sort(keyed.begin(), keyed.end(), less);
    }
    rows_.reserve(keyed.size());
    for (auto& k : keyed) rows_.push_back(std::move(rows[k.slot]));
  }
  if (next_ >= rows_.size()) return false;
  row = std::move(rows_[next_++]);
  ++rows_produced;
  return true;
}

void SkipLimitOp::Open(ExecState& st) {
  Op::Open(st);
  started_ = false;
}

bool SkipLimitOp::Next(ExecState& st, Row& row) {
  if (!started_) {
    started_ = true;
    to_skip_ = skip ? EvalCount(st, skip, "SKIP") : 0;
    remaining_ = limit ? EvalCount(st, limit, "LIMIT") : -1;
  }
  if (remaining_ == 0) {
    // Writes happen even when no row is returned.
    if (st.plan->writes)
      while (child()->Next(st, row)) {
      }
    return false;
  }
  while (to_skip_ > 0) {
    if (!child()->Next(st, row)) return false;
    --to_skip_;
  }
  if (!child()->Next(st, row)) return false;
  if (remaining_ > 0) --remaining_;
  ++rows_produced;
  return true;
}

void UnionOp::Open(ExecState& st) {
  Op::Open(st);
  current_ = 0;
}

bool UnionOp::Next(ExecState& st, Row& row) {
  while (current_ < children.size()) {
    if (child(current_)->Next(st, tmp_)) {
      row.assign(st.plan->num_slots, QValue());
      for (size_t i = 0; i < out_slots.size(); ++i)
        row[out_slots[i]] = std::move(tmp_[child_slots[current_][i]]);
      ++rows_produced;
      return true;
    }
    ++current_;
  }
  return false;
}

void CallOp::Open(ExecState& st) {
  Op::Open(st);
  results_.clear();
  next_ = 0;
}

bool CallOp::Next(ExecState& st, Row& row) {
  while (next_ >= results_.size()) {
    if (!child()->Next(st, input_)) return false;
    const ProcedureSpec* spec = st.procs->Find(proc);
    if (!spec) Throw("ProcedureError(ProcedureNotFound)", "there is no procedure " + proc);
    std::vector<QValue> vals;
    if (implicit_args) {
      for (const auto& a : spec->args) {
        auto it = st.params.find(a.name);
        if (it != st.params.end()) vals.push_back(it->second);
        else if (a.default_value) vals.push_back(*a.default_value);
        else Throw("ParameterMissing", "procedure " + proc + " needs parameter $" + a.name);
      }
    } else {
      for (const auto& a : args) vals.push_back(Eval(*a, input_, st));
      for (size_t i = vals.size(); i < spec->args.size(); ++i) {
        if (!spec->args[i].default_value)
          Throw("SyntaxError(InvalidNumberOfArguments)",
                "procedure " + proc + " expects " + std::to_string(spec->args.size()) +
                    " arguments, got " + std::to_string(args.size()));
        vals.push_back(*spec->args[i].default_value);
      }
    }
    if (vals.size() > spec->args.size())
      Throw("SyntaxError(InvalidNumberOfArguments)",
            "procedure " + proc + " expects " + std::to_string(spec->args.size()) +
                " arguments, got " + std::to_string(vals.size()));
    for (size_t i = 0; i < vals.size(); ++i) {
      ProcType t = spec->args[i].type;
      if (t == ProcType::kFloat && vals[i].is_int())
        vals[i] = QValue(static_cast<double>(vals[i].as_int()));
      const QValue& v = vals[i];
      bool ok = v.is_null() || t == ProcType::kAny ||
                (t == ProcType::kBool && v.is_bool()) || (t == ProcType::kInt && v.is_int()) ||
                (t == ProcType::kFloat && v.is_number()) ||
                (t == ProcType::kNumber && v.is_number()) ||
                (t == ProcType::kString && v.is_string()) ||
                (t == ProcType::kList && v.is_list()) || (t == ProcType::kMap && v.is_map()) ||
                (t == ProcType::kNode && v.is_node()) || (t == ProcType::kRel && v.is_rel()) ||
                (t == ProcType::kPath && v.is_path());
      if (!ok)
        Throw("TypeError(InvalidArgumentType)",
              "argument " + spec->args[i].name + " of " + proc + " must be " +
                  ProcTypeName(t) + ", got " + QTypeName(v.type()));
    }
    ProcContext ctx;
    ctx.db = st.db;
    ctx.txn = st.txn;
    ctx.cancel = st.options.cancel;
    ctx.deadline = st.deadline();
    ExecState* stp = &st;
    ctx.LoadNode = [stp](NodeId id) -> std::optional<QNode> {
      if (!stp->Node(id)) return std::nullopt;
      return stp->LoadNode(id);
    };
    auto res = spec->fn(vals, ctx);
    if (!res.ok()) ThrowStatus(res.status());
    if (spec->writes) st.Invalidate();
    results_ = std::move(res).value();
    next_ = 0;
    if (spec->columns.empty()) {
      results_.clear();
      row = input_;
      ++rows_produced;
      return true;
    }
  }
  row = input_;
  auto& r = results_[next_++];
  for (size_t i = 0; i < slots.size(); ++i)
    row[slots[i]] = column_index[i] < static_cast<int>(r.size()) ? r[column_index[i]] : QValue();
  ++rows_produced;
  return true;
}

bool PathBuildOp::Next(ExecState& st, Row& row) {
  if (!child()->Next(st, row)) return false;
  QPath p;
  const QValue& first = row[node_slots[0]];
  if (first.is_null()) {
    row[slot] = QValue();
    ++rows_produced;
    return true;
  }
  p.nodes.push_back(first.as_node());
  for (size_t i = 0; i < rel_slots.size(); ++i) {
    const QValue& r = row[rel_slots[i]];
    if (r.is_null()) {
      row[slot] = QValue();
      ++rows_produced;
      return true;
    }
    if (var_nodes_slots[i] >= 0) {
      const QList& rels = r.as_list();
      const QList& nodes = row[var_nodes_slots[i]].as_list();
      for (size_t k = 0; k < rels.size(); ++k) {
        p.rels.push_back(rels[k].as_rel());
        p.nodes.push_back(nodes[k + 1].as_node());
      }
    } else {
      p.rels.push_back(r.as_rel());
      p.nodes.push_back(row[node_slots[i + 1]].as_node());
    }
  }
  row[slot] = QValue(std::move(p));
  ++rows_produced;
  return true;
}

std::string Plan::ToString() const {
  std::string out;
  std::function<void(const Op*, int)> walk = [&](const Op* op, int depth) {
    out += std::string(depth * 2, ' ') + op->Describe();
    if (profile) out += "  rows=" + std::to_string(op->rows_produced);
    out += "\n";
    for (const auto& c : op->children)
      if (c) walk(c.get(), depth + 1);
  };
  if (root) walk(root.get(), 0);
  return out;
}

}  // namespace liner::query
