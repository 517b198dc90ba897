// ExecState: caches, interrupts and loading of entities for output.
#include "query/exec_context.h"

#include <algorithm>

#include "query/plan.h"
#include "query/record_cache.h"

namespace liner::query {

void Throw(const std::string& cls, const std::string& msg) {
  throw QueryError{Status::InvalidArgument(cls + ": " + msg)};
}

void ThrowStatus(Status status) { throw QueryError{std::move(status)}; }

ExecState::ExecState(Database* database, std::shared_ptr<const PreparedStatement> statement,
                     Params p, ExecOptions opts, const ProcedureRegistry* registry)
    : db(database),
      stmt(std::move(statement)),
      params(std::move(p)),
      options(opts),
      procs(registry) {
  plan = &stmt->plan();
  SetDeadline();
}

ExecState::~ExecState() = default;

void ExecState::SetDeadline() {
  has_deadline_ = options.timeout_ms > 0;
  if (has_deadline_) {
    deadline_ = std::chrono::steady_clock::now() + std::chrono::milliseconds(options.timeout_ms);
  }
}

void ExecState::Reset(Params p, ExecOptions opts) {
  params = std::move(p);
  options = opts;
  stats = QueryStats();
  expansions = 0;
  deleted_nodes.clear();
  deleted_rels.clear();
  in_indexes_.clear();
  interrupt_tick_ = 0;
  SetDeadline();
}

void ExecState::CheckInterruptNow() {
  if (options.cancel && options.cancel->load(std::memory_order_relaxed))
    ThrowStatus(Status::Cancelled("query cancelled"));
  if (has_deadline_ && std::chrono::steady_clock::now() > deadline_)
    ThrowStatus(Status::Timeout("query ran past its time limit of " +
                                std::to_string(options.timeout_ms) + " ms"));
}

void ExecState::CountExpansion(uint64_t n) {
  expansions += n;
  if (expansions > options.max_expansion)
    ThrowStatus(Status::LimitExceeded(
        "variable-length expansion visited more than " + std::to_string(options.max_expansion) +
        " relationships; add a LIMIT, bound the length (*1..3) or raise the limit"));
  CheckInterrupt();
}

void ExecState::CheckNotDeleted(const QValue& v) const {
  if ((v.is_node() && deleted_nodes.count(v.as_node().id)) ||
      (v.is_rel() && deleted_rels.count(v.as_rel().id)))
    Throw("EntityNotFound(DeletedEntityAccess)",
          std::string("the ") + (v.is_node() ? "node" : "relationship") +
              " was deleted by this statement");
}

const QValue& ExecState::Param(const std::string& name) const {
  auto it = params.find(name);
  if (it == params.end()) Throw("ParameterMissing(MissingParameter)", "expected a value for parameter $" + name);
  return it->second;
}

std::shared_ptr<const NodeRecord> ExecState::Node(NodeId id) {
  auto it = node_cache_.find(id);
  if (it != node_cache_.end()) return it->second;
  std::shared_ptr<const NodeRecord> rec;
  const bool shared = shared_records && !txn->dirty();
  if (!shared || !shared_records->Find(txn->generation(), id, &rec)) {
    auto r = txn->GetNode(id);
    if (!r.ok()) ThrowStatus(r.status());
    if (r->has_value()) rec = std::make_shared<const NodeRecord>(std::move(**r));
    if (shared) shared_records->Put(txn->generation(), id, rec);
  }
  if (node_cache_.size() > 200000) {
    node_cache_.clear();
    ClearFront();
  }
  node_cache_.emplace(id, rec);
  if (node_cache_.size() > front_.size() && front_.size() < (size_t{1} << 18)) {
    front_.assign(front_.size() * 4, FrontSlot{});
  }
  return rec;
}

const InListIndex* ExecState::InIndex(const std::shared_ptr<QList>& list) {
  auto it = in_indexes_.find(list.get());
  if (it != in_indexes_.end()) return it->second.get();
  if (in_indexes_.size() >= 64) in_indexes_.clear();
  std::unique_ptr<InListIndex> idx = std::make_unique<InListIndex>();
  idx->list = list;
  for (const QValue& e : *list) {
    if (!e.is_int()) {
      idx.reset();
      break;
    }
    idx->ints.Insert(e.as_int());
  }
  if (!idx) {
    // Remember "not indexable" without holding the list: should a later list reuse the
    // address it is only compared element by element, which is always correct.
    in_indexes_.emplace(list.get(), nullptr);
    return nullptr;
  }
  const InListIndex* raw = idx.get();
  in_indexes_.emplace(list.get(), std::move(idx));
  return raw;
}

const NodeRecord* ExecState::NodeSlow(NodeId id) {
  auto it = node_cache_.find(id);
  if (it != node_cache_.end()) return it->second.get();
  return Node(id).get();  // now held by node_cache_
}

std::shared_ptr<const EdgeRecord> ExecState::Edge(EdgeId id) {
  auto it = edge_cache_.find(id);
  if (it != edge_cache_.end()) return it->second;
  auto r = txn->GetEdge(id);
  if (!r.ok()) ThrowStatus(r.status());
  std::shared_ptr<const EdgeRecord> rec;
  if (r->has_value()) rec = std::make_shared<const EdgeRecord>(std::move(**r));
  if (edge_cache_.size() > 200000) edge_cache_.clear();
  edge_cache_.emplace(id, rec);
  return rec;
}

TokenId ExecState::Token(TokenKind kind, const std::string& name) {
  auto& cache = token_cache_[static_cast<int>(kind)];
  auto it = cache.find(name);
  if (it != cache.end()) return it->second;
  TokenId t = txn->LookupToken(kind, name);
  if (t != kNoToken) cache.emplace(name, t);
  return t;
}

TokenId ExecState::CreateToken(TokenKind kind, const std::string& name) {
  TokenId t = Token(kind, name);
  if (t != kNoToken) return t;
  auto r = txn->GetOrCreateToken(kind, name);
  if (!r.ok()) ThrowStatus(r.status());
  token_cache_[static_cast<int>(kind)].emplace(name, *r);
  return *r;
}

const std::string& ExecState::TokenName(TokenKind kind, TokenId id) {
  auto& names = token_names_[static_cast<int>(kind)];
  auto it = names.find(id);
  if (it != names.end()) return it->second;
  return names.emplace(id, txn->TokenName(kind, id)).first->second;
}

void ExecState::Invalidate() {
  ClearFront();
  node_cache_.clear();
  edge_cache_.clear();
}

QValue ExecState::NodeProperty(NodeId id, const std::string& key) {
  TokenId k = Token(TokenKind::kPropertyKey, key);
  if (k == kNoToken) return QValue();
  int64_t cached = 0;
  if (auto kind = txn->CachedIntProperty(id, k, &cached)) {
    return *kind == IntPropKind::kInt ? QValue(cached) : QValue();
  }
  std::string_view text;
  if (auto has = txn->CachedStringProperty(id, k, &text)) {
    return *has ? QValue(std::string(text)) : QValue();
  }
  const NodeRecord* rec = NodeRaw(id);
  if (!rec) return QValue();
  const Value* v = rec->props.Get(k);
  return v ? QValue::FromStorage(*v) : QValue();
}

QValue ExecState::RelProperty(EdgeId id, const std::string& key) {
  TokenId k = Token(TokenKind::kPropertyKey, key);
  if (k == kNoToken) return QValue();
  auto rec = Edge(id);
  if (!rec) return QValue();
  const Value* v = rec->props.Get(k);
  return v ? QValue::FromStorage(*v) : QValue();
}

QMap ExecState::PropertiesOf(const PropertyMap& props) {
  QMap m;
  for (const auto& [k, v] : props.entries())
    m.emplace(TokenName(TokenKind::kPropertyKey, k), QValue::FromStorage(v));
  return m;
}

QNode ExecState::LoadNode(NodeId id) {
  QNode n;
  n.id = id;
  auto data = std::make_shared<EntityData>();
  auto rec = Node(id);
  if (rec) {
    for (TokenId l : rec->labels) data->labels.push_back(TokenName(TokenKind::kLabel, l));
    std::sort(data->labels.begin(), data->labels.end());
    data->properties = std::make_shared<const QMap>(PropertiesOf(rec->props));
  }
  n.data = std::move(data);
  return n;
}

QRel ExecState::LoadRel(const QRel& r) {
  QRel out = r;
  auto data = std::make_shared<EntityData>();
  auto rec = Edge(r.id);
  if (rec) {
    out.start = rec->src;
    out.end = rec->dst;
    out.type_token = rec->type;
    data->properties = std::make_shared<const QMap>(PropertiesOf(rec->props));
  }
  if (out.type_token != kNoToken) data->type = TokenName(TokenKind::kRelType, out.type_token);
  out.data = std::move(data);
  return out;
}

QValue ExecState::Hydrate(const QValue& v) {
  switch (v.type()) {
    case QValue::Type::kNode:
      return v.as_node().data ? v : QValue(LoadNode(v.as_node().id));
    case QValue::Type::kRel: return v.as_rel().data ? v : QValue(LoadRel(v.as_rel()));
    case QValue::Type::kPath: {
      QPath p = v.as_path();
      for (auto& n : p.nodes)
        if (!n.data) n = LoadNode(n.id);
      for (auto& r : p.rels)
        if (!r.data) r = LoadRel(r);
      return QValue(std::move(p));
    }
    case QValue::Type::kList: {
      QList out;
      out.reserve(v.as_list().size());
      for (const auto& e : v.as_list()) out.push_back(Hydrate(e));
      return QValue(std::move(out));
    }
    case QValue::Type::kMap: {
      QMap out;
      for (const auto& [k, e] : v.as_map()) out.emplace(k, Hydrate(e));
      return QValue(std::move(out));
    }
    default: return v;
  }
}

}  // namespace liner::query
