#pragma once
// Helpers for the real-data importer tests: a fresh database per test, lookups of nodes by
// name or external id, and the CREDITED edges of a node as readable tuples.
// Not thread-safe; one RealDb per test.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "cli/import/importer.h"
#include "storage/database.h"
#include "tests/support/temp_dir.h"

namespace liner::testing {

// "<shared>/data/<rel>", or "" when the shared folder is absent (the test then skips).
inline std::string SharedData(const std::string& rel) {
  std::string shared = SharedDir();
  if (shared.empty()) return "";
  std::string p = shared + "/data/" + rel;
  return std::filesystem::exists(p) ? p : "";
}

#define LINER_SKIP_WITHOUT(path)                                                    \
  if ((path).empty()) {                                                             \
    WARN("skipped: ../shared/data is absent (real third-party data is not shipped)"); \
    return;                                                                         \
  }

struct RealDb {
  TempDir dir;
  std::unique_ptr<Database> db;
  RealDb() {
    auto r = Database::Open(dir.Sub("db"));
    if (r.ok()) db = std::move(r).value();
  }
  // Writes `text` to a file named `name` in the temp dir and returns its path.
  std::string Write(const std::string& name, const std::string& text) const {
    std::string p = dir.Sub(name);
    std::filesystem::create_directories(std::filesystem::path(p).parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }
};

inline std::string Text(const Value* v) { return v && v->is_string() ? v->as_string() : ""; }

inline std::string Prop(Transaction& t, NodeId id, const char* key) {
  auto n = t.GetNode(id);
  if (!n.ok() || !n->has_value()) return "";
  return Text((*n)->props.Get(t.LookupToken(TokenKind::kPropertyKey, key)));
}

inline std::vector<NodeId> ByName(Transaction& t, const char* label, const std::string& name) {
  TokenId l = label ? t.LookupToken(TokenKind::kLabel, label) : kNoToken;
  if (label && l == kNoToken) return {};
  return t.FindByName(l, name);
}

inline std::vector<NodeId> ById(Transaction& t, const char* label, const char* key,
                                const Value& v) {
  TokenId l = t.LookupToken(TokenKind::kLabel, label);
  TokenId k = t.LookupToken(TokenKind::kPropertyKey, key);
  if (l == kNoToken || k == kNoToken) return {};
  auto r = t.FindByProperty(l, k, v);
  return r ? *r : std::vector<NodeId>{};
}

// (person or group name, role, category) of every CREDITED edge into `target`.
using Credit = std::tuple<std::string, std::string, std::string>;
inline std::multiset<Credit> CreditsOf(Transaction& t, NodeId target) {
  std::multiset<Credit> out;
  TokenId type = t.LookupToken(TokenKind::kRelType, "CREDITED");
  TokenId role = t.LookupToken(TokenKind::kPropertyKey, "role");
  TokenId cat = t.LookupToken(TokenKind::kPropertyKey, "category");
  for (auto c = t.Neighbors(target, Direction::kIn, type); c->Valid(); c->Next()) {
    auto e = t.GetEdge(c->entry().edge);
    if (!e.ok() || !e->has_value()) continue;
    out.emplace(Prop(t, c->entry().other, "name"), Text((*e)->props.Get(role)),
                Text((*e)->props.Get(cat)));
  }
  return out;
}

// Credits of `target` restricted to one category.
inline std::multiset<Credit> CreditsIn(Transaction& t, NodeId target, const std::string& category) {
  std::multiset<Credit> out;
  for (const auto& c : CreditsOf(t, target)) {
    if (std::get<2>(c) == category) out.insert(c);
  }
  return out;
}

// Every node and edge of `db` as text (labels and properties by name; edges by the text of
// their endpoints), as a sorted multiset: two databases holding the same graph compare equal
// whatever their ids.
inline std::multiset<std::string> GraphDump(Database& db) {
  auto t = db.BeginRead();
  auto props = [&](const PropertyMap& m) {
    std::vector<std::string> parts;
    for (const auto& [k, v] : m.entries()) {
      parts.push_back(t->TokenName(TokenKind::kPropertyKey, k) + "=" + v.ToLiteral());
    }
    std::sort(parts.begin(), parts.end());
    std::string out;
    for (const auto& p : parts) out += p + ";";
    return out;
  };
  std::map<NodeId, std::string> nodes;
  for (auto c = t->ScanNodes(); c->Valid(); c->Next()) {
    auto n = t->GetNode(c->id());
    if (!n.ok() || !n->has_value()) continue;
    std::vector<std::string> labels;
    for (TokenId l : (*n)->labels) labels.push_back(t->TokenName(TokenKind::kLabel, l));
    std::sort(labels.begin(), labels.end());
    std::string text = "(";
    for (const auto& l : labels) text += ":" + l;
    nodes[c->id()] = text + " " + props((*n)->props) + ")";
  }
  std::multiset<std::string> out;
  for (const auto& [id, text] : nodes) out.insert(text);
  Status st = t->ForEachEdge([&](const EdgeRecord& e) {
    out.insert(nodes[e.src] + "-[:" + t->TokenName(TokenKind::kRelType, e.type) + " " +
               props(e.props) + "]->" + nodes[e.dst]);
    return true;
  });
  if (!st.ok()) out.insert("error: " + st.message());
  return out;
}

inline uint64_t EdgeCount(Database& db) { return db.Counts().edges; }
inline uint64_t NodeCount(Database& db) { return db.Counts().nodes; }

}  // namespace liner::testing
