// Planning of MATCH patterns: variables to slots, the start node of each chain (bound node,
// index seek on id/mbid/discogs_id or name/title, label scan, all nodes), expansion in both
// directions from it, and WHERE conjuncts applied as soon as their variables are bound.
#include <algorithm>

#include "query/planner.h"

namespace liner::query {
namespace {

bool IsPropertyKey(const std::string& key, const std::vector<std::string>& keys) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

// A seek for the node in `slot`: from its property map or from a WHERE `n.key = expr`.
struct Seek {
  NodeScanOp::Mode mode = NodeScanOp::Mode::kAll;
  std::string key;
  ExprP value;
  int score = 0;
};

Seek FindSeek(const NodePattern& n, int slot, const std::vector<std::pair<ExprP, bool>>& conj,
              const std::set<int>& pre_bound) {
  Seek best;
  auto consider = [&](const std::string& key, const ExprP& value) {
    if (!SlotsWithin(*value, pre_bound)) return;
    if (!n.labels.empty() && IsPropertyKey(key, Database::IndexedKeys())) {
      if (best.score < 100) best = Seek{NodeScanOp::Mode::kProperty, key, value, 100};
    } else if (IsPropertyKey(key, Database::NameKeys())) {
      if (best.score < 90) best = Seek{NodeScanOp::Mode::kName, key, value, 90};
    }
  };
  if (n.props && n.props->kind == ExprKind::kMap) {
    for (size_t i = 0; i < n.props->keys.size(); ++i) consider(n.props->keys[i], n.props->args[i]);
  }
  for (const auto& [c, used] : conj) {
    if (c->kind != ExprKind::kBinary || c->op != BinOp::kEq) continue;
    for (int side = 0; side < 2; ++side) {
      const ExprP& p = c->args[side];
      if (p->kind == ExprKind::kProperty && p->args[0]->kind == ExprKind::kVariable &&
          p->args[0]->slot == slot)
        consider(p->name, c->args[1 - side]);
    }
  }
  return best;
}

std::string RelText(const RelPattern& r, const std::string& from, const std::string& to,
                    bool reversed) {
  std::string t;
  for (size_t i = 0; i < r.types.size(); ++i) t += (i ? "|" : ":") + r.types[i];
  if (r.var_length) {
    t += "*" + std::to_string(r.min_hops) + "..";
    if (r.max_hops >= 0) t += std::to_string(r.max_hops);
  }
  Direction d = r.dir;
  if (reversed) d = d == Direction::kOut ? Direction::kIn : d == Direction::kIn ? Direction::kOut : d;
  std::string l = d == Direction::kIn ? "<-" : "-", rr = d == Direction::kOut ? "->" : "-";
  return "(" + from + ")" + l + "[" + r.var + t + "]" + rr + "(" + to + ")";
}

}  // namespace

bool SlotsWithin(const Expr& e, const std::set<int>& allowed) {
  std::set<int> used;
  bool sub = false;
  CollectSlots(e, &used, &sub);
  if (sub) return false;
  for (int s : used)
    if (!allowed.count(s)) return false;
  return true;
}

std::unique_ptr<Op> Planner::ApplyFilters(std::unique_ptr<Op> op, const std::set<int>& bound,
                                          std::vector<std::pair<ExprP, bool>>& conjuncts,
                                          bool final) {
  for (auto& [c, used] : conjuncts) {
    if (used) continue;
    std::set<int> slots;
    bool sub = false;
    CollectSlots(*c, &slots, &sub);
    bool ready = final;
    if (!ready && !sub) {
      ready = true;
      for (int s : slots)
        if (!bound.count(s)) ready = false;
    }
    if (!ready) continue;
    used = true;
    auto f = std::make_unique<FilterOp>();
    f->predicate = c;
    f->children.push_back(std::move(op));
    op = std::move(f);
  }
  return op;
}

std::unique_ptr<Op> Planner::PlanPattern(std::unique_ptr<Op> input,
                                         const std::vector<PatternPart>& parts, Scope& scope,
                                         const ExprP& where, std::vector<PartSlots>* slots_out) {
  std::set<int> pre_bound;
  for (const auto& [name, v] : scope) pre_bound.insert(v.slot);
  // 1. Variables to slots.
  std::vector<PartSlots> all_slots;
  std::vector<std::pair<int, int>> bound_rel_lists;  // (slot of the path's list, bound list)
  for (const auto& part : parts) {
    PartSlots ps;
    for (const auto& n : part.nodes) {
      if (n.var.empty()) {
        ps.nodes.push_back(NewSlot());
        continue;
      }
      auto it = scope.find(n.var);
      if (it != scope.end()) {
        if (it->second.kind == VarKind::kRel || it->second.kind == VarKind::kPath ||
            it->second.kind == VarKind::kList)
          Throw("SyntaxError(VariableTypeConflict)", "variable `" + n.var + "` is not a node");
        ps.nodes.push_back(it->second.slot);
      } else {
        int s = NewSlot();
        scope[n.var] = Var{s, VarKind::kNode};
        ps.nodes.push_back(s);
      }
    }
    for (const auto& r : part.rels) {
      ps.var_nodes.push_back(r.var_length ? NewSlot() : -1);
      if (r.var.empty()) {
        ps.rels.push_back(NewSlot());
        continue;
      }
      auto it = scope.find(r.var);
      if (it != scope.end()) {
        if (it->second.kind == VarKind::kNode || it->second.kind == VarKind::kPath)
          Throw("SyntaxError(VariableTypeConflict)",
                "variable `" + r.var + "` is not a relationship");
        if (r.var_length && pre_bound.count(it->second.slot) &&
            (it->second.kind == VarKind::kList || it->second.kind == VarKind::kAny)) {
          // A list of relationships from an earlier clause: the path must be exactly those.
          int s = NewSlot();
          ps.rels.push_back(s);
          bound_rel_lists.emplace_back(s, it->second.slot);
          matched_list_slots_.insert(s);
          continue;
        }
        if (it->second.kind != VarKind::kRel)
          Throw("SyntaxError(VariableTypeConflict)",
                "variable `" + r.var + "` is not a relationship");
        if (pre_bound.count(it->second.slot) && !r.var_length) {
          ps.rels.push_back(it->second.slot);  // must be that relationship
          continue;
        }
        Throw("SyntaxError(RelationshipUniquenessViolation)",
              "relationship variable `" + r.var + "` is used twice in the pattern");
      }
      int s = NewSlot();
      scope[r.var] = Var{s, r.var_length ? VarKind::kList : VarKind::kRel};
      ps.rels.push_back(s);
    }
    if (!part.path_var.empty()) {
      if (scope.count(part.path_var))
        Throw("SyntaxError(VariableAlreadyBound)",
              "path variable `" + part.path_var + "` is already bound");
      ps.path = NewSlot();
      scope[part.path_var] = Var{ps.path, VarKind::kPath};
    }
    all_slots.push_back(std::move(ps));
  }
  // 2. Property maps and WHERE, bound in the pattern's scope.
  for (const auto& part : parts) {
    for (const auto& n : part.nodes)
      if (n.props && n.props->kind == ExprKind::kParam)
        CompileError("SyntaxError(InvalidParameterUse)",
                     "a parameter cannot be used as a property map in MATCH or MERGE", n.props.get());
    for (const auto& r : part.rels)
      if (r.props && r.props->kind == ExprKind::kParam)
        CompileError("SyntaxError(InvalidParameterUse)",
                     "a parameter cannot be used as a property map in MATCH or MERGE", r.props.get());
  }
  for (const auto& part : parts) {
    for (const auto& n : part.nodes) Bind(n.props, scope);
    for (const auto& r : part.rels) Bind(r.props, scope);
  }
  std::vector<ExprP> split;
  if (where) {
    Bind(where, scope);
    SplitAnd(where, &split);
  }
  for (const auto& [path_list, bound_list] : bound_rel_lists) {
    auto var = [](int slot) {
      auto v = std::make_shared<Expr>();
      v->kind = ExprKind::kVariable;
      v->name = " rels";
      v->slot = slot;
      return v;
    };
    auto eq = std::make_shared<Expr>();
    eq->kind = ExprKind::kBinary;
    eq->op = BinOp::kEq;
    eq->args = {var(path_list), var(bound_list)};
    split.push_back(eq);
  }
  std::vector<std::pair<ExprP, bool>> conjuncts;
  for (auto& c : split) {
    // WHERE n with n a node, relationship or path is not a predicate.
    if (c->kind == ExprKind::kVariable && c->slot >= 0)
      for (const auto& [name, v] : scope)
        if (v.slot == c->slot && name == c->name &&
            (v.kind == VarKind::kNode || v.kind == VarKind::kRel || v.kind == VarKind::kPath))
          CompileError("SyntaxError(InvalidArgumentType)",
                       "`" + c->name + "` is not a Boolean predicate", c.get());
    conjuncts.emplace_back(c, false);
  }
  // 3. Operators, part by part.
  std::set<int> bound = pre_bound;
  std::vector<int> clause_rels;
  std::unique_ptr<Op> op = ApplyFilters(std::move(input), bound, conjuncts, false);
  reach_.parts = &parts;
  reach_.expanded.clear();
  for (size_t i = 0; i < parts.size(); ++i)
    op = PlanPart(std::move(op), parts[i], all_slots[i], bound, pre_bound, clause_rels, conjuncts);
  reach_.parts = nullptr;
  op = ApplyFilters(std::move(op), bound, conjuncts, true);
  if (slots_out) *slots_out = std::move(all_slots);
  return op;
}

std::unique_ptr<Op> Planner::PlanPart(std::unique_ptr<Op> op, const PatternPart& part,
                                      const PartSlots& ps, std::set<int>& bound,
                                      const std::set<int>& pre_bound,
                                      std::vector<int>& clause_rels,
                                      std::vector<std::pair<ExprP, bool>>& conjuncts) {
  auto name_of = [&](size_t i) { return part.nodes[i].var; };
  auto scan = [&](size_t i) {
    const NodePattern& n = part.nodes[i];
    auto s = std::make_unique<NodeScanOp>();
    s->slot = ps.nodes[i];
    s->var = n.var;
    s->check.labels = n.labels;
    s->check.props = n.props;
    if (bound.count(ps.nodes[i])) {
      s->mode = NodeScanOp::Mode::kBound;
    } else {
      Seek seek = FindSeek(n, ps.nodes[i], conjuncts, pre_bound);
      if (seek.score > 0) {
        s->mode = seek.mode;
        s->seek_key = seek.key;
        s->seek_value = seek.value;
        s->seek_label = n.labels.empty() ? "" : n.labels[0];
      } else if (!n.labels.empty()) {
        s->mode = NodeScanOp::Mode::kLabel;
        s->seek_label = n.labels[0];
      }
    }
    s->children.push_back(std::move(op));
    op = std::move(s);
    bound.insert(ps.nodes[i]);
    op = ApplyFilters(std::move(op), bound, conjuncts, false);
  };

  if (part.kind != PatternPart::Kind::kNormal) {
    if (part.rels.size() != 1)
      Throw("SyntaxError(InvalidArgumentType)", "shortestPath needs exactly one relationship");
    for (size_t i = 0; i < 2; ++i)
      if (!bound.count(ps.nodes[i]) || part.nodes[i].props || !part.nodes[i].labels.empty())
        scan(i);
    return PlanShortest(std::move(op), part, ps, bound, pre_bound, conjuncts);
  }

  // Choose where to start the chain.
  size_t start = 0;
  int best = -1;
  for (size_t i = 0; i < part.nodes.size(); ++i) {
    int score = 0;
    if (bound.count(ps.nodes[i])) score = 1000;
    else {
      Seek seek = FindSeek(part.nodes[i], ps.nodes[i], conjuncts, pre_bound);
      score = seek.score > 0 ? seek.score : (part.nodes[i].labels.empty() ? 0 : 10);
    }
    if (score > best) {
      best = score;
      start = i;
    }
  }
  scan(start);
  auto expand = [&](size_t rel_index, bool leftwards) {
    const RelPattern& r = part.rels[rel_index];
    size_t from = leftwards ? rel_index + 1 : rel_index;
    size_t to = leftwards ? rel_index : rel_index + 1;
    Direction dir = r.dir;
    if (leftwards)
      dir = dir == Direction::kOut ? Direction::kIn : dir == Direction::kIn ? Direction::kOut : dir;
    bool to_bound = bound.count(ps.nodes[to]) > 0;
    std::string text = RelText(r, name_of(from), name_of(to), leftwards);
    // The fields a reachability search and a path enumeration share.
    auto fill_var_length = [&](auto& v) {
      v.from_slot = ps.nodes[from];
      v.to_slot = ps.nodes[to];
      v.to_bound = to_bound;
      v.min_hops = r.min_hops;
      v.max_hops = r.max_hops;
      v.rel = RelSpec{r.types, dir, r.props};
      if (!to_bound) v.to_check = NodeCheck{part.nodes[to].labels, part.nodes[to].props};
      v.unique_rel_slots = clause_rels;
      v.text = text;
      v.children.push_back(std::move(op));
    };
    if (CanReach(r, ps.path) && !matched_list_slots_.count(ps.rels[rel_index])) {
      auto v = std::make_unique<VarReachOp>();
      fill_var_length(*v);
      op = std::move(v);
    } else if (r.var_length) {
      auto v = std::make_unique<VarExpandOp>();
      v->rel_slot = ps.rels[rel_index];
      v->nodes_slot = ps.var_nodes[rel_index];
      v->reversed = leftwards;
      fill_var_length(*v);
      op = std::move(v);
    } else {
      auto x = std::make_unique<ExpandOp>();
      x->from_slot = ps.nodes[from];
      x->rel_slot = ps.rels[rel_index];
      x->to_slot = ps.nodes[to];
      x->to_bound = to_bound;
      x->rel_bound = bound.count(ps.rels[rel_index]) > 0;
      x->rel = RelSpec{r.types, dir, r.props};
      if (!to_bound) x->to_check = NodeCheck{part.nodes[to].labels, part.nodes[to].props};
      x->unique_rel_slots = clause_rels;
      x->text = text;
      x->rel_anonymous = r.var.empty();
      x->to_anonymous = part.nodes[to].var.empty();
      x->children.push_back(std::move(op));
      op = std::move(x);
    }
    if (to_bound && (part.nodes[to].props || !part.nodes[to].labels.empty())) {
      // The node was bound earlier: still check this occurrence's labels and properties.
      auto chk = std::make_unique<NodeScanOp>();
      chk->mode = NodeScanOp::Mode::kBound;
      chk->slot = ps.nodes[to];
      chk->var = part.nodes[to].var;
      chk->check = NodeCheck{part.nodes[to].labels, part.nodes[to].props};
      chk->children.push_back(std::move(op));
      op = std::move(chk);
    }
    clause_rels.push_back(ps.rels[rel_index]);
    reach_.expanded.insert(&r);
    bound.insert(ps.rels[rel_index]);
    bound.insert(ps.nodes[to]);
    op = ApplyFilters(std::move(op), bound, conjuncts, false);
  };
  for (size_t i = start; i < part.rels.size(); ++i) expand(i, false);
  for (size_t i = start; i-- > 0;) expand(i, true);
  if (ps.path >= 0) {
    auto pb = std::make_unique<PathBuildOp>();
    pb->var = part.path_var;
    pb->slot = ps.path;
    pb->node_slots = ps.nodes;
    pb->rel_slots = ps.rels;
    pb->var_nodes_slots = ps.var_nodes;
    pb->children.push_back(std::move(op));
    op = std::move(pb);
    bound.insert(ps.path);
    op = ApplyFilters(std::move(op), bound, conjuncts, false);
  }
  return op;
}

}  // namespace liner::query
