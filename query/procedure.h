#pragma once
// ProcedureRegistry: the procedures `CALL name(args) YIELD cols` can call.
//
// A procedure declares its (case-insensitive, dotted) name, its arguments with types, its
// output columns, and a function that receives the evaluated arguments plus the statement's
// transaction and returns rows (one QValue per output column, in declaration order).
// Built-ins (db.labels, db.relationshipTypes, db.propertyKeys) are registered by
// RegisterBuiltinProcedures; the liner.* algorithms by RegisterAlgorithmProcedures
// (query/proc_algorithms.cpp). The Engine calls both at construction.
// Thread safety: registration is not thread-safe; lookups on a filled registry are.

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "query/value.h"
#include "storage/database.h"

namespace liner::query {

// Argument and column types; kAny accepts everything. A node argument arrives as a QNode
// (id filled; call ctx.LoadNode for labels and properties when needed).
enum class ProcType { kAny, kBool, kInt, kFloat, kNumber, kString, kList, kMap, kNode, kRel,
                      kPath };

struct ProcArg {
  std::string name;
  ProcType type = ProcType::kAny;
  // When set, the argument may be omitted and takes this value.
  std::optional<QValue> default_value;
};

struct ProcColumn {
  std::string name;
  ProcType type = ProcType::kAny;
};

// What a running procedure may use.
struct ProcContext {
  Database* db = nullptr;
  Transaction* txn = nullptr;  // the statement's transaction (sees its earlier writes)
  const std::atomic<bool>* cancel = nullptr;
  // The statement's time limit (ExecOptions::timeout_ms), if any: long procedures stop past it.
  std::optional<std::chrono::steady_clock::time_point> deadline;
  // Returns a node with labels and properties loaded (nullopt when it does not exist).
  std::function<std::optional<QNode>(NodeId)> LoadNode;
};

using ProcFn = std::function<Result<std::vector<std::vector<QValue>>>(
    const std::vector<QValue>& args, ProcContext& ctx)>;

struct ProcedureSpec {
  std::string name;  // e.g. "liner.pagerank"
  std::vector<ProcArg> args;
  std::vector<ProcColumn> columns;
  ProcFn fn;
  std::string description;
  bool writes = false;  // true if it writes through ctx.txn
};

class ProcedureRegistry {
 public:
  // Adds or replaces `spec` (names are matched case-insensitively).
  void Register(ProcedureSpec spec);
  // nullptr when unknown.
  const ProcedureSpec* Find(const std::string& name) const;
  std::vector<const ProcedureSpec*> All() const;

 private:
  std::map<std::string, ProcedureSpec> procs_;  // key: lower-case name
};

// db.labels(), db.relationshipTypes(), db.propertyKeys() (query/proc_builtin.cpp).
void RegisterBuiltinProcedures(ProcedureRegistry& registry);
// liner.* graph algorithms (query/proc_algorithms.cpp, owned by the algorithms engineer).
void RegisterAlgorithmProcedures(ProcedureRegistry& registry);

// "Integer", "Node", ... for error messages.
const char* ProcTypeName(ProcType t);

}  // namespace liner::query
