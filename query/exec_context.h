#pragma once
// ExecState: everything one execution of a statement uses — the transaction, parameters,
// options, counters, caches of records and tokens, and the deadline. Internal to query/.
// Errors inside execution are thrown as QueryError and caught at the ResultCursor boundary.
// Thread-compatible: one ExecState per running statement.

#include <chrono>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "query/engine.h"
#include "query/flat_int_set.h"
#include "query/value.h"
#include "storage/database.h"

namespace liner::query {

using Row = std::vector<QValue>;

// An error that ends the statement; `status` carries the TCK class prefix.
struct QueryError {
  Status status;
};

// Throws InvalidArgument "<cls>: <msg>" (cls e.g. "TypeError(InvalidArgumentType)").
[[noreturn]] void Throw(const std::string& cls, const std::string& msg);
[[noreturn]] void ThrowStatus(Status status);

class Op;
class RecordCache;

// A hash index of a list whose elements are all integers (see ExecState::InIndex).
struct InListIndex {
  std::shared_ptr<QList> list;  // keeps the indexed storage alive, so its address is unique
  FlatIntSet ints;
};
class Plan;

class ExecState {
 public:
  ExecState(Database* db, std::shared_ptr<const PreparedStatement> stmt, Params params,
            ExecOptions options, const ProcedureRegistry* procs);
  ~ExecState();
  // Prepares the state for another run of the same statement (Engine::ExecuteInto): new
  // parameters and options (deadline), counters and per-run sets cleared; the record and token
  // caches are kept (the caller calls Invalidate() when it changes the transaction).
  void Reset(Params p, ExecOptions opts);

  Database* db = nullptr;
  Transaction* txn = nullptr;
  std::unique_ptr<Transaction> owned_txn;
  std::shared_ptr<const PreparedStatement> stmt;
  const Plan* plan = nullptr;
  Params params;
  ExecOptions options;
  const ProcedureRegistry* procs = nullptr;
  RecordCache* shared_records = nullptr;  // the engine's, for reads before any write
  QueryStats stats;
  std::unique_ptr<Op> root;                      // instance of plan->root
  std::vector<std::unique_ptr<Op>> subplans;     // instances of plan->subplans
  uint64_t expansions = 0;                        // var-length / shortest-path work done
  std::unordered_set<uint64_t> deleted_nodes, deleted_rels;  // by this statement
  // Throws EntityNotFound(DeletedEntityAccess) for an entity deleted by this statement.
  void CheckNotDeleted(const QValue& v) const;

  // Stops the statement with Timeout/Cancelled when due. Cheap; call it in loops.
  void CheckInterrupt() {
    if ((++interrupt_tick_ & 255) == 0) CheckInterruptNow();
  }
  void CheckInterruptNow();
  // The statement's deadline (from options.timeout_ms), nullopt without a time limit.
  std::optional<std::chrono::steady_clock::time_point> deadline() const {
    if (!has_deadline_) return std::nullopt;
    return deadline_;
  }
  // Counts `n` expansion steps against options.max_expansion.
  void CountExpansion(uint64_t n = 1);

  const QValue& Param(const std::string& name) const;

  // The integer index of `list` for IN, built on first use; null when an element is not an
  // integer (then IN compares element by element, with Cypher's null and float rules).
  const InListIndex* InIndex(const std::shared_ptr<QList>& list);

  // Records, cached until the next write. nullptr when missing.
  std::shared_ptr<const NodeRecord> Node(NodeId id);
  // Like Node, without the reference count: valid until the next Invalidate() or Node*() call
  // that evicts it. For hot paths (property access, label checks).
  const NodeRecord* NodeRaw(NodeId id) {
    FrontSlot& f = front_[id & (front_.size() - 1)];
    if (f.valid && f.id == id) return f.rec;
    const NodeRecord* rec = NodeSlow(id);  // may grow front_: index it again
    front_[id & (front_.size() - 1)] = FrontSlot{id, rec, true};
    return rec;
  }
  std::shared_ptr<const EdgeRecord> Edge(EdgeId id);
  // Token id or kNoToken when the name was never used (not cached while missing).
  TokenId Token(TokenKind kind, const std::string& name);
  TokenId CreateToken(TokenKind kind, const std::string& name);
  const std::string& TokenName(TokenKind kind, TokenId id);
  // Call after every write: drops cached records.
  void Invalidate();

  // A property of a node or relationship value (null when absent).
  QValue NodeProperty(NodeId id, const std::string& key);
  QValue RelProperty(EdgeId id, const std::string& key);
  // Node/relationship/path values with labels, types and properties loaded (for output).
  QValue Hydrate(const QValue& v);
  QNode LoadNode(NodeId id);
  QRel LoadRel(const QRel& r);
  QMap PropertiesOf(const PropertyMap& props);

 private:
  void SetDeadline();
  const NodeRecord* NodeSlow(NodeId id);
  void ClearFront() {
    for (auto& f : front_) f.valid = false;
  }
  struct FrontSlot {
    NodeId id = 0;
    const NodeRecord* rec = nullptr;  // owned by node_cache_
    bool valid = false;
  };
  // Direct-mapped, in front of node_cache_; a power of two, grown with node_cache_ so that
  // executions touching many nodes still hit it.
  std::vector<FrontSlot> front_ = std::vector<FrontSlot>(64);
  std::unordered_map<const QList*, std::unique_ptr<InListIndex>> in_indexes_;  // null = not ints
  uint64_t interrupt_tick_ = 0;
  std::chrono::steady_clock::time_point deadline_;
  bool has_deadline_ = false;
  std::unordered_map<NodeId, std::shared_ptr<const NodeRecord>> node_cache_;
  std::unordered_map<EdgeId, std::shared_ptr<const EdgeRecord>> edge_cache_;
  std::unordered_map<std::string, TokenId> token_cache_[3];
  std::unordered_map<TokenId, std::string> token_names_[3];
};

}  // namespace liner::query
