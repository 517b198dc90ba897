// Turning the names people type into nodes: exact (normalised) matches through the name index,
// then prefixes, then suggestions (name_suggest.h); a choice when several nodes share a name
// or when only suggestions are left.
#include <algorithm>
#include <ostream>

#include "cli/name_suggest.h"
#include "cli/node_summary.h"
#include "cli/shell.h"
#include "graph/graph.h"

namespace liner::cli {
namespace {

std::string NameOf(Transaction& txn, const NodeRecord& node) {
  for (const char* key : {"name", "title"}) {
    TokenId k = txn.LookupToken(TokenKind::kPropertyKey, key);
    if (k == kNoToken) continue;
    if (const Value* v = node.props.Get(k); v != nullptr && v->is_string()) return v->as_string();
  }
  return "#" + std::to_string(node.id);
}

// One line telling a candidate apart: labels, ids, dates, a few credits.
std::string Describe(Transaction& txn, NodeId id) {
  auto rec = txn.GetNode(id);
  if (!rec.ok() || !rec->has_value()) return "#" + std::to_string(id);
  const NodeRecord& n = **rec;
  std::string out = "#" + std::to_string(id) + " ";
  for (TokenId l : n.labels) out += ":" + txn.TokenName(TokenKind::kLabel, l);
  out += " " + NameOf(txn, n);
  std::string extra;
  for (const auto& [key, value] : n.props.entries()) {
    std::string k = txn.TokenName(TokenKind::kPropertyKey, key);
    if (k == "name" || k == "title") continue;
    std::string v = value.ToLiteral();
    if (v.size() > 40) v = v.substr(0, 37) + "...";
    extra += (extra.empty() ? "" : ", ") + k + ": " + v;
    if (extra.size() > 120) break;
  }
  if (!extra.empty()) out += " {" + extra + "}";
  graph::Graph g(&txn);
  if (std::string context = Context(g, id); !context.empty()) out += "; " + context;
  if (std::string top = TopCredits(g, id, 3); !top.empty()) out += "; " + top;
  return out;
}

bool HasAnyLabel(Transaction& txn, NodeId id, const std::vector<TokenId>& labels) {
  if (labels.empty()) return true;
  auto rec = txn.GetNode(id);
  if (!rec.ok() || !rec->has_value()) return false;
  for (TokenId l : labels) {
    if ((*rec)->HasLabel(l)) return true;
  }
  return false;
}

}  // namespace

std::string Shell::NodeName(NodeId id) {
  auto txn = db_->BeginRead();
  auto rec = txn->GetNode(id);
  if (!rec.ok() || !rec->has_value()) return "#" + std::to_string(id);
  return NameOf(*txn, **rec);
}

Result<NodeId> Shell::ResolveNode(const std::string& raw, const std::vector<std::string>& labels) {
  std::string name(Trim(raw));
  if (name.size() >= 2 && (name.front() == '\'' || name.front() == '"') &&
      name.back() == name.front()) {
    name = name.substr(1, name.size() - 2);
  }
  if (name.empty()) return Status::InvalidArgument("expected a name, a title or #ID");
  auto txn = db_->BeginRead();
  if (name[0] == '#') {
    char* end = nullptr;
    unsigned long long id = std::strtoull(name.c_str() + 1, &end, 10);
    if (*end != '\0' || name.size() == 1) {
      return Status::InvalidArgument("'" + name + "' is not a node id (#123)");
    }
    if (!txn->NodeExists(id)) return Status::NotFound("no node " + name);
    return static_cast<NodeId>(id);
  }
  std::vector<TokenId> label_ids;
  for (const auto& l : labels) {
    TokenId t = txn->LookupToken(TokenKind::kLabel, l);
    if (t != kNoToken) label_ids.push_back(t);
  }
  std::vector<NodeId> hits = txn->FindByName(kNoToken, name);
  bool exact = !hits.empty();
  if (!exact) hits = txn->FindByNamePrefix(kNoToken, name, 20);
  // Prefer nodes with the wanted labels when there are any.
  std::vector<NodeId> preferred;
  for (NodeId id : hits) {
    if (HasAnyLabel(*txn, id, label_ids)) preferred.push_back(id);
  }
  if (!preferred.empty()) hits = preferred;
  // Nothing starts with the text either: suggest close names, but never pick one silently.
  bool suggested = false;
  if (hits.empty()) {
    auto suggestions = SuggestNames(*txn, name, 8, nullptr, &interrupted_);
    if (interrupted_.load()) return Status::Cancelled("interrupted");
    if (suggestions.empty()) {
      return Status::NotFound("nothing is named '" + name + "', and no name is close to it");
    }
    for (const auto& s : suggestions) hits.push_back(s.id);
    suggested = true;
  }
  if (hits.size() == 1 && !suggested) {
    if (!exact) err() << "(taking " << Describe(*txn, hits[0]) << ")\n";
    return hits[0];
  }
  if (!suggested) std::sort(hits.begin(), hits.end());
  err() << (suggested ? "Nothing is named '"
                      : exact ? "Several nodes are named '" : "Several names start with '")
        << name << (suggested ? "'. Did you mean:\n" : "':\n");
  for (size_t i = 0; i < hits.size(); ++i) {
    err() << "  " << i + 1 << ". " << Describe(*txn, hits[i]) << "\n";
  }
  if (!options_.interactive || reader_ == nullptr) {
    if (suggested) {
      return Status::NotFound("nothing is named '" + name +
                              "': repeat with one of the #IDs above or the exact name");
    }
    return Status::InvalidArgument("'" + name + "' is ambiguous: repeat with one of the #IDs");
  }
  std::string answer;
  if (reader_->Read("choose 1-" + std::to_string(hits.size()) + " or #ID: ", &answer) !=
      ReadStatus::kLine) {
    return Status::Cancelled("no choice made");
  }
  answer = std::string(Trim(answer));
  if (!answer.empty() && answer[0] == '#') return ResolveNode(answer, {});
  char* end = nullptr;
  long choice = std::strtol(answer.c_str(), &end, 10);
  if (answer.empty() || *end != '\0' || choice < 1 || choice > static_cast<long>(hits.size())) {
    return Status::InvalidArgument("no such choice '" + answer + "'");
  }
  return hits[choice - 1];
}

}  // namespace liner::cli
