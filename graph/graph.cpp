// Graph: name resolution, neighbour filtering, k-hop and the domain "linked" question.
// Shortest paths are in graph_paths.cpp.
#include "graph/graph.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_set>

#include "graph/model.h"

namespace liner::graph {

namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

void AddUnique(std::vector<std::string>* v, const std::string& s) {
  if (!s.empty() && std::find(v->begin(), v->end(), s) == v->end()) v->push_back(s);
}

}  // namespace

Result<EdgeFilter> EdgeFilter::FromVia(const std::string& via) {
  EdgeFilter f;
  size_t start = 0;
  while (start <= via.size()) {
    size_t comma = via.find(',', start);
    std::string word = via.substr(start, comma == std::string::npos ? std::string::npos
                                                                     : comma - start);
    start = comma == std::string::npos ? via.size() + 1 : comma + 1;
    while (!word.empty() && word.front() == ' ') word.erase(word.begin());
    while (!word.empty() && word.back() == ' ') word.pop_back();
    if (word.empty()) continue;
    std::string lower = Lower(word);
    if (lower == "samples" || lower == "sample") {
      for (const char* t : {model::kCredited, model::kHasSample, model::kSamples,
                            model::kMemberOf}) {
        AddUnique(&f.types, t);
      }
    } else if (lower == "credits" || lower == "collaboration") {
      AddUnique(&f.types, model::kCredited);
      AddUnique(&f.types, model::kMemberOf);
    } else if (model::IsRoleCategory(lower)) {
      AddUnique(&f.categories, lower);
      AddUnique(&f.types, model::kCredited);
    } else {
      std::string upper = word;
      std::transform(upper.begin(), upper.end(), upper.begin(),
                     [](unsigned char c) { return std::toupper(c); });
      const auto& types = model::RelationshipTypes();
      if (std::find(types.begin(), types.end(), upper) == types.end()) {
        std::string known = "samples, credits";
        for (const auto& c : model::RoleCategories()) known += ", " + c;
        for (const auto& t : types) known += ", " + t;
        return Status::InvalidArgument("--via: unknown relationship type or role category '" +
                                       word + "' (known: " + known + ")");
      }
      AddUnique(&f.types, upper);
    }
  }
  return f;
}

Result<std::vector<NodeId>> Graph::Lookup(const std::string& name,
                                          const std::vector<std::string>& labels) {
  std::vector<NodeId> out;
  if (name.size() > 1 && name[0] == '#' &&
      name.find_first_not_of("0123456789", 1) == std::string::npos) {
    NodeId id = std::stoull(name.substr(1));
    if (txn_->NodeExists(id)) out.push_back(id);
    return out;
  }
  std::vector<TokenId> label_tokens;
  for (const auto& l : labels) {
    TokenId t = txn_->LookupToken(TokenKind::kLabel, l);
    if (t != kNoToken) label_tokens.push_back(t);
  }
  if (!labels.empty() && label_tokens.empty()) return out;
  if (label_tokens.empty()) return txn_->FindByName(kNoToken, name);
  std::set<NodeId> ids;
  for (TokenId t : label_tokens) {
    for (NodeId id : txn_->FindByName(t, name)) ids.insert(id);
  }
  return std::vector<NodeId>(ids.begin(), ids.end());
}

Result<NodeId> Graph::ResolveOne(const std::string& name, const std::vector<std::string>& labels) {
  LINER_ASSIGN_OR_RETURN(auto ids, Lookup(name, labels));
  if (ids.empty()) {
    std::string msg = "no node named '" + name + "'";
    auto near = txn_->FindByNamePrefix(kNoToken, name.substr(0, std::min<size_t>(name.size(), 4)), 5);
    if (!near.empty()) {
      msg += "; did you mean ";
      for (size_t i = 0; i < near.size(); ++i) {
        msg += (i ? ", '" : "'") + DisplayName(near[i]) + "'";
      }
      msg += "?";
    }
    return Status::NotFound(msg);
  }
  if (ids.size() > 1) {
    std::string msg = "'" + name + "' is ambiguous: " + std::to_string(ids.size()) +
                      " nodes have that name; pass #ID to choose one:";
    for (NodeId id : ids) msg += "\n  #" + std::to_string(id) + "  " + Describe(id);
    return Status::InvalidArgument(msg);
  }
  return ids.front();
}

std::string Graph::DisplayName(NodeId id) {
  std::string n = NodeProperty(id, "name");
  if (n.empty()) n = NodeProperty(id, "title");
  return n.empty() ? "#" + std::to_string(id) : n;
}

std::vector<std::string> Graph::LabelsOf(NodeId id) {
  std::vector<std::string> out;
  auto rec = txn_->GetNode(id);
  if (!rec.ok() || !rec->has_value()) return out;
  for (TokenId l : (*rec)->labels) out.push_back(txn_->TokenName(TokenKind::kLabel, l));
  return out;
}

std::string Graph::NodeProperty(NodeId id, const std::string& key) {
  TokenId k = txn_->LookupToken(TokenKind::kPropertyKey, key);
  if (k == kNoToken) return "";
  auto rec = txn_->GetNode(id);
  if (!rec.ok() || !rec->has_value()) return "";
  const Value* v = (*rec)->props.Get(k);
  return v ? v->ToString() : "";
}

std::string Graph::EdgeProperty(const EdgeRecord& e, const std::string& key) {
  TokenId k = txn_->LookupToken(TokenKind::kPropertyKey, key);
  const Value* v = k == kNoToken ? nullptr : e.props.Get(k);
  return v ? v->ToString() : "";
}

std::string Graph::TypeName(TokenId type) { return txn_->TokenName(TokenKind::kRelType, type); }

std::string Graph::Describe(NodeId id) {
  auto rec = txn_->GetNode(id);
  if (!rec.ok() || !rec->has_value()) return "#" + std::to_string(id) + " (missing)";
  std::string out = DisplayName(id) + " (";
  bool first = true;
  for (TokenId l : (*rec)->labels) {
    out += (first ? "" : ":") + txn_->TokenName(TokenKind::kLabel, l);
    first = false;
  }
  out += " #" + std::to_string(id);
  for (const char* key : {"mbid", "discogs_id", "aliases", "born", "begin", "country",
                          "disambiguation", "released"}) {
    std::string v = NodeProperty(id, key);
    if (!v.empty()) out += "; " + std::string(key) + " " + v;
  }
  TokenId credited = txn_->LookupToken(TokenKind::kRelType, model::kCredited);
  if (credited != kNoToken) {
    uint64_t n = txn_->Degree(id, Direction::kOut, credited);
    if (n) out += "; " + std::to_string(n) + " credit" + (n == 1 ? "" : "s");
  }
  return out + ")";
}

Result<std::vector<TokenId>> Graph::TypeTokens(const EdgeFilter& f) {
  std::vector<TokenId> out;
  for (const auto& t : f.types) {
    TokenId id = txn_->LookupToken(TokenKind::kRelType, t);
    if (id != kNoToken) out.push_back(id);
  }
  return out;
}

bool Graph::Passes(const AdjEntry& e, const EdgeFilter& f, const std::vector<TokenId>& types,
                   EdgeRecord* rec, bool* loaded) {
  *loaded = false;
  if (!f.types.empty() && std::find(types.begin(), types.end(), e.type) == types.end()) {
    return false;
  }
  if (f.categories.empty() && f.roles.empty()) return true;
  if (TypeName(e.type) != model::kCredited) return true;
  auto r = txn_->GetEdge(e.edge);
  if (!r.ok() || !r->has_value()) return false;
  *rec = std::move(**r);
  *loaded = true;
  if (!f.categories.empty()) {
    std::string cat = EdgeProperty(*rec, model::kCategory);
    if (cat.empty()) cat = model::CategoryForRole(EdgeProperty(*rec, model::kRole));
    if (std::find(f.categories.begin(), f.categories.end(), cat) == f.categories.end()) {
      return false;
    }
  }
  if (!f.roles.empty()) {
    std::string role = Lower(EdgeProperty(*rec, model::kRole));
    bool any = false;
    for (const auto& r2 : f.roles) any |= Lower(r2) == role;
    if (!any) return false;
  }
  return true;
}

Result<std::vector<Hop>> Graph::Neighbors(NodeId node, const EdgeFilter& filter) {
  LINER_ASSIGN_OR_RETURN(auto types, TypeTokens(filter));
  std::vector<Hop> out;
  if (!filter.types.empty() && types.empty()) return out;
  auto scan = [&](TokenId type) -> Status {
    for (auto c = txn_->Neighbors(node, filter.direction, type); c->Valid(); c->Next()) {
      EdgeRecord rec;
      bool loaded = false;
      if (!Passes(c->entry(), filter, types, &rec, &loaded)) continue;
      if (!loaded) {
        auto r = txn_->GetEdge(c->entry().edge);
        if (!r.ok()) return r.status();
        if (!r->has_value()) continue;
        rec = std::move(**r);
      }
      out.push_back(Hop{std::move(rec), node, c->entry().other, c->entry().outgoing});
    }
    return Status::OK();
  };
  if (types.size() == 1) {
    LINER_RETURN_IF_ERROR(scan(types[0]));
  } else {
    LINER_RETURN_IF_ERROR(scan(kNoToken));
  }
  return out;
}

Result<std::vector<std::pair<NodeId, int>>> Graph::KHop(NodeId node, int k,
                                                        const EdgeFilter& filter,
                                                        const TraversalLimits& limits) {
  LINER_ASSIGN_OR_RETURN(auto types, TypeTokens(filter));
  std::vector<std::pair<NodeId, int>> out;
  std::unordered_set<NodeId> seen{node};
  std::vector<NodeId> frontier{node};
  for (int depth = 1; depth <= k && !frontier.empty(); ++depth) {
    std::vector<NodeId> next;
    for (NodeId u : frontier) {
      if (limits.cancel && limits.cancel->load()) return Status::Cancelled("k-hop expansion");
      for (auto c = txn_->Neighbors(u, filter.direction, types.size() == 1 ? types[0] : kNoToken);
           c->Valid(); c->Next()) {
        EdgeRecord rec;
        bool loaded;
        if (!Passes(c->entry(), filter, types, &rec, &loaded)) continue;
        if (seen.insert(c->entry().other).second) {
          next.push_back(c->entry().other);
          out.emplace_back(c->entry().other, depth);
          if (seen.size() > limits.max_visited) {
            return Status::LimitExceeded("k-hop expansion visited more than " +
                                         std::to_string(limits.max_visited) + " nodes");
          }
        }
      }
    }
    frontier = std::move(next);
  }
  return out;
}

Result<std::vector<NodeId>> Graph::CreditedWorks(NodeId who) {
  TokenId credited = txn_->LookupToken(TokenKind::kRelType, model::kCredited);
  TokenId member = txn_->LookupToken(TokenKind::kRelType, model::kMemberOf);
  std::vector<NodeId> subjects{who};
  if (member != kNoToken) {
    for (auto c = txn_->Neighbors(who, Direction::kOut, member); c->Valid(); c->Next()) {
      subjects.push_back(c->entry().other);
    }
  }
  std::set<NodeId> works;
  if (credited != kNoToken) {
    for (NodeId s : subjects) {
      for (auto c = txn_->Neighbors(s, Direction::kOut, credited); c->Valid(); c->Next()) {
        works.insert(c->entry().other);
      }
    }
  }
  return std::vector<NodeId>(works.begin(), works.end());
}

Result<std::vector<std::pair<NodeId, std::string>>> Graph::Credits(NodeId song,
                                                                   const std::string& category) {
  std::vector<std::pair<NodeId, std::string>> out;
  TokenId credited = txn_->LookupToken(TokenKind::kRelType, model::kCredited);
  if (credited == kNoToken) return out;
  for (auto c = txn_->Neighbors(song, Direction::kIn, credited); c->Valid(); c->Next()) {
    LINER_ASSIGN_OR_RETURN(auto rec, txn_->GetEdge(c->entry().edge));
    if (!rec) continue;
    std::string role = EdgeProperty(*rec, model::kRole);
    if (!category.empty()) {
      std::string cat = EdgeProperty(*rec, model::kCategory);
      if (cat.empty()) cat = model::CategoryForRole(role);
      if (cat != category) continue;
    }
    out.emplace_back(c->entry().other, role.empty() ? "credited" : role);
  }
  return out;
}

Result<std::vector<LinkedRow>> Graph::Linked(NodeId who, const std::string& via_word) {
  std::string via = Lower(via_word);
  if (via != "samples" && via != "credits" && !model::IsRoleCategory(via)) {
    std::string known = "samples, credits";
    for (const auto& c : model::RoleCategories()) known += ", " + c;
    return Status::InvalidArgument("--via: unknown link '" + via_word + "' (known: " + known +
                                   ")");
  }
  LINER_ASSIGN_OR_RETURN(auto works, CreditedWorks(who));
  std::set<NodeId> own_groups;
  if (TokenId member = txn_->LookupToken(TokenKind::kRelType, model::kMemberOf)) {
    for (auto c = txn_->Neighbors(who, Direction::kOut, member); c->Valid(); c->Next()) {
      own_groups.insert(c->entry().other);
    }
  }
  std::map<NodeId, LinkedRow> rows;
  auto add = [&](NodeId x, const std::string& role, const std::string& via_text) {
    if (x == who || own_groups.count(x)) return;
    LinkedRow& r = rows[x];
    r.node = x;
    AddUnique(&r.roles, role);
    AddUnique(&r.via, via_text);
  };

  if (via == "samples") {
    TokenId has_sample = txn_->LookupToken(TokenKind::kRelType, model::kHasSample);
    TokenId samples = txn_->LookupToken(TokenKind::kRelType, model::kSamples);
    if (has_sample == kNoToken || samples == kNoToken) return std::vector<LinkedRow>{};
    for (NodeId song : works) {
      // Songs this song samples: song -HAS_SAMPLE-> sample -SAMPLES-> source.
      for (auto c = txn_->Neighbors(song, Direction::kOut, has_sample); c->Valid(); c->Next()) {
        for (auto d = txn_->Neighbors(c->entry().other, Direction::kOut, samples); d->Valid();
             d->Next()) {
          NodeId source = d->entry().other;
          std::string text = DisplayName(song) + " samples " + DisplayName(source);
          LINER_ASSIGN_OR_RETURN(auto credits, Credits(source));
          for (const auto& [x, role] : credits) add(x, role, text);
        }
      }
      // Songs that sample this one: sampler -HAS_SAMPLE-> sample -SAMPLES-> song.
      for (auto c = txn_->Neighbors(song, Direction::kIn, samples); c->Valid(); c->Next()) {
        for (auto d = txn_->Neighbors(c->entry().other, Direction::kIn, has_sample); d->Valid();
             d->Next()) {
          NodeId sampler = d->entry().other;
          std::string text = DisplayName(sampler) + " samples " + DisplayName(song);
          LINER_ASSIGN_OR_RETURN(auto credits, Credits(sampler));
          for (const auto& [x, role] : credits) add(x, role, text);
        }
      }
    }
  } else if (via == "credits") {
    for (NodeId song : works) {
      LINER_ASSIGN_OR_RETURN(auto credits, Credits(song));
      for (const auto& [x, role] : credits) add(x, role, DisplayName(song));
    }
  } else {
    // A shared collaborator of category `via`: P credited in that category on one of who's
    // works is linked directly; people on P's other works in that category are linked via P.
    TokenId credited = txn_->LookupToken(TokenKind::kRelType, model::kCredited);
    std::set<NodeId> work_set(works.begin(), works.end());
    for (NodeId song : works) {
      LINER_ASSIGN_OR_RETURN(auto shared, Credits(song, via));
      for (const auto& [p, prole] : shared) {
        add(p, prole, DisplayName(song));
        if (p == who || credited == kNoToken) continue;
        for (auto c = txn_->Neighbors(p, Direction::kOut, credited); c->Valid(); c->Next()) {
          NodeId other_song = c->entry().other;
          if (work_set.count(other_song)) continue;
          LINER_ASSIGN_OR_RETURN(auto rec, txn_->GetEdge(c->entry().edge));
          if (!rec) continue;
          std::string cat = EdgeProperty(*rec, model::kCategory);
          if (cat.empty()) cat = model::CategoryForRole(EdgeProperty(*rec, model::kRole));
          if (cat != via) continue;
          LINER_ASSIGN_OR_RETURN(auto credits, Credits(other_song));
          for (const auto& [x, role] : credits) {
            if (x != p) add(x, role, DisplayName(other_song) + " (" + via + ": " + DisplayName(p) + ")");
          }
        }
      }
    }
  }
  std::vector<LinkedRow> out;
  for (auto& [id, row] : rows) {
    row.name = DisplayName(id);
    out.push_back(std::move(row));
  }
  std::sort(out.begin(), out.end(), [](const LinkedRow& a, const LinkedRow& b) {
    return a.name != b.name ? a.name < b.name : a.node < b.node;
  });
  return out;
}

}  // namespace liner::graph
