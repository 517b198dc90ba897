// ProcedureRegistry and the built-in db.* procedures.
#include "query/procedure.h"

#include <algorithm>
#include <cctype>

namespace liner::query {
namespace {

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// One row per token of `kind`, sorted by name.
ProcedureSpec TokenProcedure(const char* name, const char* column, TokenKind kind) {
  ProcedureSpec spec;
  spec.name = name;
  spec.columns = {{column, ProcType::kString}};
  spec.description = std::string("every ") + column + " in the database";
  spec.fn = [kind](const std::vector<QValue>&,
                   ProcContext& ctx) -> Result<std::vector<std::vector<QValue>>> {
    std::vector<std::string> names;
    for (auto& [id, n] : ctx.txn->Tokens(kind)) names.push_back(n);
    std::sort(names.begin(), names.end());
    std::vector<std::vector<QValue>> rows;
    for (auto& n : names) rows.push_back({QValue(n)});
    return rows;
  };
  return spec;
}

}  // namespace

void ProcedureRegistry::Register(ProcedureSpec spec) {
  std::string key = Lower(spec.name);
  procs_[key] = std::move(spec);
}

const ProcedureSpec* ProcedureRegistry::Find(const std::string& name) const {
  auto it = procs_.find(Lower(name));
  return it == procs_.end() ? nullptr : &it->second;
}

std::vector<const ProcedureSpec*> ProcedureRegistry::All() const {
  std::vector<const ProcedureSpec*> out;
  for (auto& [k, v] : procs_) out.push_back(&v);
  return out;
}

void RegisterBuiltinProcedures(ProcedureRegistry& registry) {
  registry.Register(TokenProcedure("db.labels", "label", TokenKind::kLabel));
  registry.Register(TokenProcedure("db.relationshipTypes", "relationshipType", TokenKind::kRelType));
  registry.Register(TokenProcedure("db.propertyKeys", "propertyKey", TokenKind::kPropertyKey));
}

const char* ProcTypeName(ProcType t) {
  switch (t) {
    case ProcType::kAny: return "Any";
    case ProcType::kBool: return "Boolean";
    case ProcType::kInt: return "Integer";
    case ProcType::kFloat: return "Float";
    case ProcType::kNumber: return "Number";
    case ProcType::kString: return "String";
    case ProcType::kList: return "List";
    case ProcType::kMap: return "Map";
    case ProcType::kNode: return "Node";
    case ProcType::kRel: return "Relationship";
    case ProcType::kPath: return "Path";
  }
  return "?";
}

}  // namespace liner::query
