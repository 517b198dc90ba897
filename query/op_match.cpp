// Pattern operators: node scans and index seeks, single-hop and variable-length expansion.
#include <algorithm>

#include "query/plan.h"

namespace liner::query {

QMap EvalProps(const ExprP& e, Row& row, ExecState& st) {
  QValue v = Eval(*e, row, st);
  if (v.is_map()) return v.as_map();
  if (v.is_null()) return QMap();
  Throw("TypeError(InvalidArgumentType)", "a pattern's properties must be a Map, got " +
                                              std::string(QTypeName(v.type())));
}

namespace {

// How many nodes ahead of use the seeks and expansions prefetch.
constexpr size_t kPrefetchAhead = 8;

// Starts loading node `id`'s label bits and integer property values (the read caches' arrays,
// random reads) into the CPU cache, so that the checks of the next few nodes overlap their
// cache misses instead of taking them one after another. A hint: changes nothing. Always
// inlined: as a call, GCC finds it free of side effects and drops it (and the prefetches).
__attribute__((always_inline)) inline void PrefetchNode(const AdjacencyView* v, NodeId id) {
  if (!v || id >= v->node_limit) return;
  __builtin_prefetch(v->label_bits + id);
  for (uint32_t i = 0; i < v->num_columns; ++i)
    if (id < v->columns[i].size) __builtin_prefetch(v->columns[i].value + id);
}

bool PropsMatch(ExecState& st, const PropertyMap& props, const QMap& want) {
  for (const auto& [k, v] : want) {
    if (v.is_null()) return false;
    TokenId t = st.Token(TokenKind::kPropertyKey, k);
    if (t == kNoToken) return false;
    const Value* have = props.Get(t);
    if (!have) return false;
    QValue eq = CypherEquals(QValue::FromStorage(*have), v);
    if (!eq.is_bool() || !eq.as_bool()) return false;
  }
  return true;
}

// True when the node has every label, from the storage's label cache (no record read).
bool HasAllLabels(ExecState& st, NodeId id, const std::vector<std::string>& labels) {
  for (const auto& l : labels) {
    TokenId t = st.Token(TokenKind::kLabel, l);
    if (t == kNoToken) return false;
    auto has = st.txn->HasLabel(id, t);
    if (!has.ok()) ThrowStatus(has.status());
    if (!*has) return false;
  }
  return true;
}

// NodeMatches from the storage's read caches (labels, integer columns) without reading the
// record; nullopt when they cannot tell.
std::optional<bool> CachedMatch(ExecState& st, NodeId id, const NodeCheck& check,
                                const QMap& want) {
  for (const auto& [k, v] : want) {
    if (!v.is_int()) return std::nullopt;  // null, floats and others: the general path
    TokenId t = st.Token(TokenKind::kPropertyKey, k);
    if (t == kNoToken) return false;
    int64_t have = 0;
    auto kind = st.txn->CachedIntProperty(id, t, &have);
    if (!kind) return std::nullopt;
    if (*kind != IntPropKind::kInt || have != v.as_int()) return false;
  }
  return HasAllLabels(st, id, check.labels);
}

bool RelUsed(const Row& row, const std::vector<int>& slots, EdgeId id) {
  for (int s : slots) {
    const QValue& v = row[s];
    if (v.is_rel()) {
      if (v.as_rel().id == id) return true;
    } else if (v.is_list()) {
      for (const auto& r : v.as_list())
        if (r.is_rel() && r.as_rel().id == id) return true;
    }
  }
  return false;
}

}  // namespace

// Adjacency of `node` along `rel` (types and direction), self-loops once when undirected.
void CollectAdjacency(ExecState& st, NodeId node, const RelSpec& rel, std::vector<AdjEntry>* out) {
  out->clear();
  auto scan = [&](TokenId type) {
    auto cur = st.txn->Neighbors(node, rel.dir, type);
    for (; cur->Valid(); cur->Next()) {
      const AdjEntry& e = cur->entry();
      if (rel.dir == Direction::kBoth && e.other == node && !e.outgoing) continue;
      out->push_back(e);
    }
    if (!cur->status().ok()) ThrowStatus(cur->status());
  };
  if (rel.types.empty()) {
    scan(kNoToken);
  } else {
    for (const auto& t : rel.types) {
      TokenId tok = st.Token(TokenKind::kRelType, t);
      if (tok != kNoToken) scan(tok);
    }
  }
}

bool NodeMatches(ExecState& st, NodeId id, const NodeCheck& check, Row& /*row*/,
                 const QMap* props) {
  if (check.labels.empty() && (!props || props->empty())) return true;
  if (!props || props->empty()) {
    // Labels only: the storage answers from its label cache without reading the record.
    return HasAllLabels(st, id, check.labels);
  }
  if (auto cached = CachedMatch(st, id, check, *props)) return *cached;
  const NodeRecord* rec = st.NodeRaw(id);
  if (!rec) return false;
  for (const auto& l : check.labels) {
    TokenId t = st.Token(TokenKind::kLabel, l);
    if (t == kNoToken || !rec->HasLabel(t)) return false;
  }
  return !props || PropsMatch(st, rec->props, *props);
}

bool RelPropsMatch(ExecState& st, EdgeId id, const QMap& props) {
  if (props.empty()) return true;
  auto rec = st.Edge(id);
  return rec && PropsMatch(st, rec->props, props);
}

// ---------------------------------------------------------------- NodeScanOp

void NodeScanOp::Open(ExecState& st) {
  Op::Open(st);
  have_input_ = false;
  cursor_.reset();
}

void NodeScanOp::StartInput(ExecState& st) {
  candidates_.clear();
  cursor_.reset();
  next_ = 0;
  switch (mode) {
    case Mode::kBound: {
      const QValue& v = input_[slot];
      if (v.is_node()) candidates_.push_back(v.as_node().id);
      else if (!v.is_null())
        Throw("TypeError(VariableTypeConflict)", "variable `" + var + "` is not a node");
      break;
    }
    case Mode::kAll: cursor_ = st.txn->ScanNodes(); break;
    case Mode::kLabel: {
      TokenId t = st.Token(TokenKind::kLabel, seek_label);
      if (t != kNoToken) cursor_ = st.txn->ScanLabel(t);
      break;
    }
    case Mode::kName: {
      QValue v = Eval(*seek_value, input_, st);
      TokenId t = seek_label.empty() ? kNoToken : st.Token(TokenKind::kLabel, seek_label);
      if (!seek_label.empty() && t == kNoToken) break;
      if (v.is_string()) candidates_ = st.txn->FindByName(t, v.as_string());
      else if (!v.is_null()) cursor_ = t ? st.txn->ScanLabel(t) : st.txn->ScanNodes();
      break;
    }
    case Mode::kProperty: {
      QValue v = Eval(*seek_value, input_, st);
      TokenId t = st.Token(TokenKind::kLabel, seek_label);
      TokenId k = st.Token(TokenKind::kPropertyKey, seek_key);
      if (t == kNoToken || k == kNoToken || v.is_null()) break;
      auto sv = v.ToStorage();
      std::optional<std::vector<NodeId>> ids;
      if (sv && !v.is_float()) ids = st.txn->FindByProperty(t, k, *sv);
      if (ids) candidates_ = std::move(*ids);
      else cursor_ = st.txn->ScanLabel(t);
      break;
    }
  }
  // The few nodes of a seek are read next (labels, the filter's and the projection's
  // properties): start their cache misses together rather than one after another.
  if (!candidates_.empty()) {
    const AdjacencyView* view = st.txn->CachedAdjacency();
    for (size_t i = 0; i < candidates_.size() && i < kPrefetchAhead; ++i)
      PrefetchNode(view, candidates_[i]);
  }
}

bool NodeScanOp::CandidateNext(ExecState& st, NodeId* id) {
  if (cursor_) {
    if (!cursor_->Valid()) {
      if (!cursor_->status().ok()) ThrowStatus(cursor_->status());
      return false;
    }
    *id = cursor_->id();
    cursor_->Next();
    return true;
  }
  if (next_ >= candidates_.size()) return false;
  *id = candidates_[next_++];
  (void)st;
  return true;
}

bool NodeScanOp::Next(ExecState& st, Row& row) {
  QMap props;
  while (true) {
    if (!have_input_) {
      if (!child()->Next(st, input_)) return false;
      have_input_ = true;
      StartInput(st);
    }
    bool has_props = false;
    if (check.props) {
      props = EvalProps(check.props, input_, st);
      has_props = true;
    }
    NodeId id;
    while (CandidateNext(st, &id)) {
      st.CheckInterrupt();
      if (!NodeMatches(st, id, check, input_, has_props ? &props : nullptr)) continue;
      row = input_;
      if (mode != Mode::kBound) row[slot] = QValue(NodeRef(id));
      ++rows_produced;
      return true;
    }
    have_input_ = false;
  }
}

std::string NodeScanOp::Describe() const {
  std::string labels;
  for (const auto& l : check.labels) labels += ":" + l;
  switch (mode) {
    case Mode::kBound: return "CheckNode(" + var + labels + ")";
    case Mode::kAll: return "AllNodesScan(" + var + labels + ")";
    case Mode::kLabel: return "NodeByLabelScan(" + var + labels + ")";
    case Mode::kName: return "NodeByNameSeek(" + var + labels + ")";
    case Mode::kProperty: return "NodeIndexSeek(" + var + labels + " {" + seek_key + "})";
  }
  return "";
}

// ---------------------------------------------------------------- ExpandOp

void ExpandOp::Open(ExecState& st) {
  Op::Open(st);
  adj_.clear();
  next_ = 0;
}

bool ExpandOp::Next(ExecState& st, Row& row) {
  while (true) {
    while (next_ < adj_.size()) {
      // The node kPrefetchAhead entries on will be checked soon: overlap its cache misses with
      // the work on this one (label bits and property columns are random reads).
      if (!to_bound && next_ + kPrefetchAhead < adj_.size())
        PrefetchNode(st.txn->CachedAdjacency(), adj_[next_ + kPrefetchAhead].other);
      const AdjEntry& e = adj_[next_++];
      st.CheckInterrupt();
      if (!unique_rel_slots.empty() && RelUsed(input_, unique_rel_slots, e.edge)) continue;
      if (rel_bound) {
        const QValue& b = input_[rel_slot];
        if (!b.is_rel() || b.as_rel().id != e.edge) continue;
      }
      if (to_bound) {
        const QValue& t = input_[to_slot];
        if (!t.is_node() || t.as_node().id != e.other) continue;
      }
      if (has_rel_props_ && !RelPropsMatch(st, e.edge, rel_props_)) continue;
      if (!to_bound && !NodeMatches(st, e.other, to_check, input_,
                                    has_to_props_ ? &to_props_ : nullptr))
        continue;
      row = input_;
      if (rel_slot >= 0 && !rel_bound) row[rel_slot] = QValue(RelFromAdj(e));
      if (!to_bound) row[to_slot] = QValue(NodeRef(e.other));
      ++rows_produced;
      return true;
    }
    if (!child()->Next(st, input_)) return false;
    adj_.clear();
    next_ = 0;
    const QValue& from = input_[from_slot];
    if (!from.is_node()) {
      if (!from.is_null()) Throw("TypeError(VariableTypeConflict)", "expected a node to expand from");
      continue;
    }
    has_rel_props_ = rel.props != nullptr;
    if (has_rel_props_) rel_props_ = EvalProps(rel.props, input_, st);
    has_to_props_ = to_check.props != nullptr;
    if (has_to_props_) to_props_ = EvalProps(to_check.props, input_, st);
    CollectAdjacency(st, from.as_node().id, rel, &adj_);
    if (!to_bound && !adj_.empty()) {
      const AdjacencyView* view = st.txn->CachedAdjacency();
      for (size_t i = 0; i < adj_.size() && i < kPrefetchAhead; ++i) PrefetchNode(view, adj_[i].other);
    }
  }
}

std::string ExpandOp::Describe() const { return "Expand" + text; }

// ---------------------------------------------------------------- VarExpandOp

void VarExpandOp::Open(ExecState& st) {
  Op::Open(st);
  have_input_ = false;
  stack_.clear();
  path_.clear();
}

void VarExpandOp::Expand(ExecState& st, NodeId node, std::vector<AdjEntry>* out) {
  CollectAdjacency(st, node, rel, out);
  if (has_rel_props_) {
    out->erase(std::remove_if(out->begin(), out->end(),
                              [&](const AdjEntry& e) { return !RelPropsMatch(st, e.edge, rel_props_); }),
               out->end());
  }
}

bool VarExpandOp::Emit(ExecState& st, Row& row) {
  NodeId start = input_[from_slot].as_node().id;
  NodeId end = path_.empty() ? start : path_.back().other;
  if (to_bound) {
    const QValue& t = input_[to_slot];
    if (!t.is_node() || t.as_node().id != end) return false;
  } else if (!NodeMatches(st, end, to_check, input_, has_to_props_ ? &to_props_ : nullptr)) {
    return false;
  }
  row = input_;
  QList rels, nodes;
  nodes.push_back(QValue(NodeRef(start)));
  for (const auto& e : path_) {
    rels.push_back(QValue(RelFromAdj(e)));
    nodes.push_back(QValue(NodeRef(e.other)));
  }
  if (reversed) {
    std::reverse(rels.begin(), rels.end());
    std::reverse(nodes.begin(), nodes.end());
  }
  if (rel_slot >= 0) row[rel_slot] = QValue(std::move(rels));
  if (nodes_slot >= 0) row[nodes_slot] = QValue(std::move(nodes));
  if (!to_bound) row[to_slot] = QValue(NodeRef(end));
  ++rows_produced;
  return true;
}

bool VarExpandOp::Next(ExecState& st, Row& row) {
  int max = max_hops >= 0 ? max_hops : st.options.max_var_length;
  while (true) {
    if (!have_input_) {
      if (!child()->Next(st, input_)) return false;
      const QValue& from = input_[from_slot];
      if (!from.is_node()) {
        if (!from.is_null()) Throw("TypeError(VariableTypeConflict)", "expected a node to expand from");
        continue;
      }
      have_input_ = true;
      has_rel_props_ = rel.props != nullptr;
      if (has_rel_props_) rel_props_ = EvalProps(rel.props, input_, st);
      has_to_props_ = to_check.props != nullptr;
      if (has_to_props_) to_props_ = EvalProps(to_check.props, input_, st);
      banned_.clear();
      for (int s : unique_rel_slots) {
        const QValue& v = input_[s];
        if (v.is_rel()) banned_.insert(v.as_rel().id);
        else if (v.is_list())
          for (const auto& r : v.as_list())
            if (r.is_rel()) banned_.insert(r.as_rel().id);
      }
      stack_.clear();
      path_.clear();
      Frame root{from.as_node().id, {}, 0};
      if (max > 0) Expand(st, root.node, &root.adj);
      stack_.push_back(std::move(root));
      if (min_hops == 0 && Emit(st, row)) return true;
    }
    if (stack_.empty()) {
      have_input_ = false;
      continue;
    }
    Frame& f = stack_.back();
    if (f.next >= f.adj.size()) {
      stack_.pop_back();
      if (!path_.empty()) path_.pop_back();
      continue;
    }
    AdjEntry e = f.adj[f.next++];
    if (banned_.count(e.edge)) continue;
    bool used = false;
    for (const auto& p : path_)
      if (p.edge == e.edge) used = true;
    if (used) continue;
    st.CountExpansion();
    path_.push_back(e);
    Frame next{e.other, {}, 0};
    if (static_cast<int>(path_.size()) < max) Expand(st, e.other, &next.adj);
    stack_.push_back(std::move(next));
    if (static_cast<int>(path_.size()) >= min_hops && Emit(st, row)) return true;
  }
}

std::string VarExpandOp::Describe() const { return "VarLengthExpand" + text; }

}  // namespace liner::query
