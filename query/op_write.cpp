// Write operators: CREATE, MERGE, SET, REMOVE, DELETE. Each drains its input before writing
// (Cypher's clause-at-a-time semantics; a scan never sees the clause's own writes).
#include "query/functions.h"
#include "query/plan.h"

namespace liner::query {
namespace {

PropertyMap ToPropertyMap(ExecState& st, const QMap& m, int64_t* count) {
  PropertyMap props;
  for (const auto& [k, v] : m) {
    if (v.is_null()) continue;
    auto sv = v.ToStorage();
    if (!sv)
      Throw("TypeError(InvalidPropertyType)",
            "property '" + k + "' cannot store a " + QTypeName(v.type()));
    props.Set(st.CreateToken(TokenKind::kPropertyKey, k), std::move(*sv));
    if (count) ++*count;
  }
  return props;
}

QMap EvalMap(const ExprP& e, Row& row, ExecState& st) {
  if (!e) return QMap();
  QValue v = Eval(*e, row, st);
  if (v.is_map()) return v.as_map();
  if (v.is_null()) return QMap();
  Throw("TypeError(InvalidArgumentType)", "expected a Map of properties, got " +
                                              std::string(QTypeName(v.type())));
}

void Check(const Status& s) {
  if (!s.ok()) ThrowStatus(s);
}

Value StorageValue(const QValue& v, const std::string& key) {
  auto sv = v.ToStorage();
  if (!sv)
    Throw("TypeError(InvalidPropertyType)",
          "property '" + key + "' cannot store a " + QTypeName(v.type()));
  return std::move(*sv);
}

}  // namespace

void EagerWriteOp::Open(ExecState& st) {
  Op::Open(st);
  out_.clear();
  next_ = 0;
  done_ = false;
}

bool EagerWriteOp::Next(ExecState& st, Row& row) {
  if (!done_) {
    done_ = true;
    std::vector<Row> in;
    Row r;
    while (child(0)->Next(st, r)) {
      st.CheckInterrupt();
      in.push_back(r);
    }
    for (auto& x : in) {
      st.CheckInterrupt();
      Apply(st, x, &out_);
    }
    Finish(st);
  }
  if (next_ >= out_.size()) return false;
  row = std::move(out_[next_++]);
  ++rows_produced;
  return true;
}

void CreateParts(ExecState& st, const std::vector<CreatePartSpec>& parts, Row& row) {
  for (const auto& part : parts) {
    for (const auto& n : part.nodes) {
      if (n.bound) {
        if (!row[n.slot].is_node())
          Throw("SemanticError(CreateNullNode)", "cannot create a relationship from a null node");
        continue;
      }
      std::vector<TokenId> labels;
      for (const auto& l : n.labels) labels.push_back(st.CreateToken(TokenKind::kLabel, l));
      std::sort(labels.begin(), labels.end());
      labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
      PropertyMap props = ToPropertyMap(st, EvalMap(n.props, row, st), &st.stats.properties_set);
      auto id = st.txn->CreateNode(labels, std::move(props));
      if (!id.ok()) ThrowStatus(id.status());
      st.Invalidate();
      ++st.stats.nodes_created;
      st.stats.labels_added += static_cast<int64_t>(labels.size());
      QNode node;
      node.id = *id;
      row[n.slot] = QValue(node);
    }
    for (const auto& r : part.rels) {
      const QValue& a = row[part.nodes[r.from].slot];
      const QValue& b = row[part.nodes[r.to].slot];
      if (!a.is_node() || !b.is_node())
        Throw("SemanticError(CreateNullNode)", "cannot create a relationship with a null node");
      TokenId type = st.CreateToken(TokenKind::kRelType, r.type);
      PropertyMap props = ToPropertyMap(st, EvalMap(r.props, row, st), &st.stats.properties_set);
      auto id = st.txn->CreateEdge(a.as_node().id, b.as_node().id, type, std::move(props));
      if (!id.ok()) ThrowStatus(id.status());
      st.Invalidate();
      ++st.stats.relationships_created;
      QRel rel;
      rel.id = *id;
      rel.start = a.as_node().id;
      rel.end = b.as_node().id;
      rel.type_token = type;
      row[r.slot] = QValue(rel);
    }
    if (part.path_slot >= 0) {
      QPath p;
      p.nodes.push_back(row[part.nodes[0].slot].as_node());
      for (size_t i = 0; i < part.rels.size(); ++i) {
        p.rels.push_back(row[part.rels[i].slot].as_rel());
        p.nodes.push_back(row[part.nodes[i + 1].slot].as_node());
      }
      row[part.path_slot] = QValue(std::move(p));
    }
  }
}

void CreateOp::Apply(ExecState& st, Row& row, std::vector<Row>* out) {
  CreateParts(st, parts, row);
  out->push_back(row);
}

void ApplySetItems(ExecState& st, const std::vector<BoundSetItem>& items, Row& row, bool remove) {
  for (const auto& item : items) {
    QValue target = Eval(*item.target, row, st);
    if (target.is_null()) continue;
    bool node = target.is_node();
    if (!node && !target.is_rel()) {
      if (item.kind == SetItem::Kind::kProperty && !target.is_map())
        Throw("TypeError(InvalidArgumentType)",
              "cannot set a property on a " + std::string(QTypeName(target.type())));
      Throw("TypeError(InvalidArgumentType)",
            "expected a node or relationship, got " + std::string(QTypeName(target.type())));
    }
    uint64_t id = node ? target.as_node().id : target.as_rel().id;
    switch (item.kind) {
      case SetItem::Kind::kProperty: {
        QValue v = remove ? QValue() : Eval(*item.value, row, st);
        TokenId key = v.is_null() ? st.Token(TokenKind::kPropertyKey, item.key)
                                  : st.CreateToken(TokenKind::kPropertyKey, item.key);
        if (key == kNoToken) break;
        if (v.is_null()) {
          QValue old = node ? st.NodeProperty(id, item.key) : st.RelProperty(id, item.key);
          if (old.is_null()) break;
        }
        Value sv = StorageValue(v, item.key);
        Check(node ? st.txn->SetNodeProperty(id, key, std::move(sv))
                   : st.txn->SetEdgeProperty(id, key, std::move(sv)));
        ++st.stats.properties_set;
        break;
      }
      case SetItem::Kind::kReplace:
      case SetItem::Kind::kMerge: {
        QValue v = Eval(*item.value, row, st);
        QMap m;
        if (v.is_map()) m = v.as_map();
        else if (v.is_node() || v.is_rel()) m = PropertiesValue(v, st).as_map();
        else if (!v.is_null())
          Throw("TypeError(InvalidArgumentType)",
                "SET expects a Map, got " + std::string(QTypeName(v.type())));
        if (item.kind == SetItem::Kind::kReplace) {
          int64_t n = 0;
          PropertyMap props = ToPropertyMap(st, m, &n);
          if (node) {
            auto rec = st.Node(id);
            if (rec) n += static_cast<int64_t>(rec->props.size());
          } else {
            auto rec = st.Edge(id);
            if (rec) n += static_cast<int64_t>(rec->props.size());
          }
          Check(node ? st.txn->ReplaceNodeProperties(id, std::move(props))
                     : st.txn->ReplaceEdgeProperties(id, std::move(props)));
          st.stats.properties_set += n;
        } else {
          for (const auto& [k, x] : m) {
            TokenId key = st.CreateToken(TokenKind::kPropertyKey, k);
            Value sv = StorageValue(x, k);
            Check(node ? st.txn->SetNodeProperty(id, key, std::move(sv))
                       : st.txn->SetEdgeProperty(id, key, std::move(sv)));
            ++st.stats.properties_set;
          }
        }
        break;
      }
      case SetItem::Kind::kLabels: {
        if (!node) Throw("TypeError(InvalidArgumentType)", "only nodes have labels");
        for (const auto& l : item.labels) {
          auto rec = st.Node(id);
          if (!rec) break;
          if (remove) {
            TokenId t = st.Token(TokenKind::kLabel, l);
            if (t == kNoToken || !rec->HasLabel(t)) continue;
            Check(st.txn->RemoveLabel(id, t));
            ++st.stats.labels_removed;
          } else {
            TokenId t = st.CreateToken(TokenKind::kLabel, l);
            if (rec->HasLabel(t)) continue;
            Check(st.txn->AddLabel(id, t));
            ++st.stats.labels_added;
          }
          st.Invalidate();
        }
        break;
      }
    }
    st.Invalidate();
  }
}

void SetOp::Apply(ExecState& st, Row& row, std::vector<Row>* out) {
  ApplySetItems(st, items, row, remove);
  out->push_back(row);
}

void DeleteOp::Apply(ExecState& st, Row& row, std::vector<Row>* out) {
  auto delete_rel = [&](EdgeId id) {
    if (!st.Edge(id)) return;
    Check(st.txn->DeleteEdge(id));
    st.deleted_rels.insert(id);
    st.Invalidate();
    ++st.stats.relationships_deleted;
  };
  auto delete_node = [&](NodeId id) {
    if (!detach) {
      nodes_.push_back(id);
      return;
    }
    if (!st.Node(id)) return;
    std::vector<AdjEntry> adj;
    RelSpec any;
    CollectAdjacency(st, id, any, &adj);
    for (const auto& e : adj) delete_rel(e.edge);
    Check(st.txn->DeleteNode(id, true));
    st.deleted_nodes.insert(id);
    st.Invalidate();
    ++st.stats.nodes_deleted;
  };
  for (const auto& e : exprs) {
    QValue v = Eval(*e, row, st);
    if (v.is_null()) continue;
    if (v.is_node()) {
      delete_node(v.as_node().id);
    } else if (v.is_rel()) {
      delete_rel(v.as_rel().id);
    } else if (v.is_path()) {
      for (const auto& r : v.as_path().rels) delete_rel(r.id);
      for (const auto& n : v.as_path().nodes) delete_node(n.id);
    } else {
      Throw("TypeError(InvalidArgumentType)",
            "DELETE expects a node, relationship or path, got " + std::string(QTypeName(v.type())));
    }
  }
  out->push_back(row);
}

void DeleteOp::Finish(ExecState& st) {
  for (NodeId id : nodes_) {
    if (!st.Node(id)) continue;
    if (st.txn->Degree(id, Direction::kBoth) > 0)
      Throw("ConstraintValidationFailed(DeleteConnectedNode)",
            "cannot delete node #" + std::to_string(id) +
                " because it still has relationships; use DETACH DELETE");
    Check(st.txn->DeleteNode(id, false));
    st.deleted_nodes.insert(id);
    st.Invalidate();
    ++st.stats.nodes_deleted;
  }
  nodes_.clear();
}

void MergeOp::Apply(ExecState& st, Row& row, std::vector<Row>* out) {
  Op* inner = child(1);
  FindArgument(inner)->input = &row;
  inner->Open(st);
  std::vector<Row> found;
  Row r;
  while (inner->Next(st, r)) found.push_back(r);
  if (!found.empty()) {
    for (auto& f : found) {
      ApplySetItems(st, on_match, f, false);
      out->push_back(std::move(f));
    }
    return;
  }
  Row created = row;
  for (const auto& part : create) {
    auto check = [&](const ExprP& props) {
      if (!props) return;
      QValue m = Eval(*props, created, st);
      if (m.is_map())
        for (const auto& [k, v] : m.as_map())
          if (v.is_null())
            Throw("SemanticError(MergeReadOwnWrites)",
                  "cannot merge using a null value for property '" + k + "'");
    };
    for (const auto& n : part.nodes)
      if (!n.bound) check(n.props);
    for (const auto& r : part.rels) check(r.props);
  }
  CreateParts(st, create, created);
  ApplySetItems(st, on_create, created, false);
  out->push_back(std::move(created));
}

}  // namespace liner::query
