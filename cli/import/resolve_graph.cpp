// Entity resolution and idempotent edge writes (see resolve_graph.h).
#include "cli/import/resolve_graph.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <ostream>

#include "cli/import/resolve_names.h"

namespace liner::import {
namespace {

bool IsTitled(const std::string& label) {
  return label == "Song" || label == "Album" || label == "Sample";
}

// Nodes examined per name lookup through the prefix index (names differing only in
// punctuation); bounds the cost of a very common first word.
constexpr size_t kPrefixCandidates = 16;

// 64-bit hash combination (boost::hash_combine's mix, widened).
uint64_t Mix(uint64_t h, uint64_t v) {
  return h ^ (v + 0x9E3779B97F4A7C15ull + (h << 12) + (h >> 4));
}
uint64_t HashText(uint64_t h, std::string_view s) {
  return Mix(h, std::hash<std::string_view>{}(s) + s.size());
}
uint64_t HashValue(uint64_t h, const Value& v) {
  h = Mix(h, static_cast<uint64_t>(v.type()));
  if (v.is_string()) return HashText(h, v.as_string());
  if (v.is_int()) return Mix(h, static_cast<uint64_t>(v.as_int()));
  if (v.is_bool()) return Mix(h, v.as_bool());
  if (v.is_float()) return Mix(h, std::hash<double>{}(v.as_float()));
  if (v.is_list()) {
    for (const Value& e : v.as_list()) h = HashValue(h, e);
    return Mix(h, v.as_list().size());
  }
  return h;
}

// A final avalanche (splitmix64): the maps' slots and the Bloom filter's probes take bits
// from both ends of a hash. Never 0 (the maps' empty slot).
uint64_t Finish(uint64_t h) {
  h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9ull;
  h = (h ^ (h >> 27)) * 0x94D049BB133111EBull;
  h ^= h >> 31;
  return h == 0 ? 1 : h;
}

}  // namespace

uint64_t Resolver::EdgeHash(NodeId src, NodeId dst, uint64_t type_and_values) {
  return Finish(Mix(Mix(Mix(0xC0FFEE, src), dst), type_and_values));
}

uint64_t Resolver::NameHash(const std::string& kind, std::string_view key) {
  return Finish(HashText(HashText(0x4A3E, kind), key));
}

uint64_t Resolver::IdHash(const NodeSpec& spec) {
  uint64_t h = HashText(HashText(0x1D, Kind(spec.label)), spec.id_key);
  return Finish(HashValue(h, spec.id_value));
}

void AddProp(Props& props, std::string key, Value value) {
  if (value.is_null()) return;
  if (value.is_string() && value.as_string().empty()) return;
  if (value.is_list() && value.as_list().empty()) return;
  props.emplace_back(std::move(key), std::move(value));
}

Resolver::Resolver(ImportBatches& batches, ImportSummary& summary, std::string source,
                   uint64_t cache_entries)
    : batches_(batches), summary_(summary), source_(std::move(source)),
      cache_entries_(cache_entries) {
  // Into an empty label every node comes from this import and is found in memory: skipping
  // the index lookups makes a first import of a dump several times faster.
  for (const char* label : {"Person", "Group", "Song", "Sample", "Album", "Label", "Studio"}) {
    TokenId t = txn().LookupToken(TokenKind::kLabel, label);
    if (t == kNoToken || !txn().ScanLabel(t)->Valid()) empty_labels_.insert(label);
  }
}

bool Resolver::InDatabase(const std::vector<std::string>& labels) const {
  return std::any_of(labels.begin(), labels.end(),
                     [&](const std::string& l) { return !empty_labels_.count(l); });
}

const std::string& Resolver::Kind(const std::string& label) {
  static const std::string* const kPerson = new std::string("Person");
  return label == "Group" ? *kPerson : label;
}

Result<TokenId> Resolver::Token(TokenKind kind, std::string_view name) {
  auto& cache = tokens_[static_cast<int>(kind)];
  auto it = cache.find(name);
  if (it != cache.end()) return it->second;
  LINER_ASSIGN_OR_RETURN(TokenId id, batches_.Token(kind, name));
  cache.emplace(std::string(name), id);
  return id;
}

const std::vector<std::string>& Resolver::KindLabels(const std::string& label) {
  // A credit rarely says whether an artist is one person or a band: both labels are one kind.
  static const std::vector<std::string>* const kPerson =
      new std::vector<std::string>{"Person", "Group"};
  static const std::vector<std::string>* const kGroup =
      new std::vector<std::string>{"Group", "Person"};
  if (label == "Person") return *kPerson;
  if (label == "Group") return *kGroup;
  auto it = kind_labels_.find(label);
  if (it == kind_labels_.end()) it = kind_labels_.emplace(label, std::vector{label}).first;
  return it->second;
}

Result<std::vector<NodeId>> Resolver::NameCandidates(const std::string& label,
                                                     const std::string& name) {
  std::vector<NodeId> out;
  const std::string key = Key(name);
  if (key.empty()) return out;
  const uint64_t name_hash = NameHash(Kind(label), key);
  if (const uint64_t* mem = names_.Find(name_hash)) out.push_back(*mem);
  if (empty_labels_.count(label) && (caches_complete_ || !seen_.MaybeContainsHash(name_hash))) {
    return out;
  }
  LINER_ASSIGN_OR_RETURN(TokenId label_tok, Token(TokenKind::kLabel, label));
  TokenId name_key = txn().LookupToken(TokenKind::kPropertyKey, IsTitled(label) ? "title" : "name");
  auto consider = [&](NodeId id) -> Status {
    if (std::find(out.begin(), out.end(), id) != out.end()) return Status::OK();
    LINER_ASSIGN_OR_RETURN(auto rec, batches_.GetNode(id));
    if (!rec || name_key == kNoToken) return Status::OK();
    const Value* v = rec->props.Get(name_key);
    if (v && v->is_string() && ResolveKey(v->as_string()) == key) out.push_back(id);
    return Status::OK();
  };
  const std::string norm_name = NormalizeName(name);
  std::vector<std::string> variants = {name, "The " + name};
  if (NormalizeName(key) != norm_name) variants.push_back(key);
  for (const std::string& variant : variants) {
    for (NodeId id : txn().FindByName(label_tok, variant)) LINER_RETURN_IF_ERROR(consider(id));
  }
  // Names that differ in punctuation ("Guns N' Roses" vs "Guns N Roses") share a first word.
  // Only tried for a punctuated incoming name: a prefix scan per new node is the dearest
  // lookup of a bulk import.
  const bool punctuated = std::any_of(norm_name.begin(), norm_name.end(), [](char c) {
    unsigned char u = static_cast<unsigned char>(c);
    return u < 0x80 && !std::isalnum(u) && u != ' ';
  });
  if (out.empty() && punctuated) {
    std::string norm = norm_name;
    if (norm.rfind("the ", 0) == 0) norm.erase(0, 4);
    size_t end = 0;
    while (end < norm.size() && (static_cast<unsigned char>(norm[end]) >= 0x80 ||
                                 std::isalnum(static_cast<unsigned char>(norm[end])))) {
      ++end;
    }
    if (end > 0 && end < norm.size()) {
      for (NodeId id : txn().FindByNamePrefix(label_tok, norm.substr(0, end), kPrefixCandidates)) {
        LINER_RETURN_IF_ERROR(consider(id));
      }
    }
  }
  return out;
}

bool Resolver::Conflicts(const NodeRecord& node, const NodeSpec& spec) {
  if (spec.id_key.empty() || spec.id_value.is_null()) return false;
  TokenId key = txn().LookupToken(TokenKind::kPropertyKey, spec.id_key);
  if (key == kNoToken) return false;
  const Value* have = node.props.Get(key);
  if (!have || *have == spec.id_value) return false;
  if (spec.id_key == "id" && have->is_string() && spec.id_value.is_string()) {
    // Readable ids of different datasets ("person:x", "music-routes:individual:x") coexist.
    return IdNamespace(have->as_string()) == IdNamespace(spec.id_value.as_string());
  }
  return true;
}

void Resolver::Remember(const NodeSpec& spec, uint64_t id_hash, NodeId id) {
  if (id_hash != 0) {
    seen_.AddHash(id_hash);
    ids_.Insert(id_hash, id);
  }
  if (!spec.match_by_name) return;
  // Under the kind (Person for Group too): a credit rarely knows which of the two it names.
  const std::string& kind = Kind(spec.label);
  auto remember = [&](const std::string& name) {
    const std::string& key = Key(name);
    if (key.empty()) return;
    const uint64_t h = NameHash(kind, key);
    seen_.AddHash(h);
    names_.Insert(h, id);
  };
  remember(spec.name);
  for (const auto& alias : spec.aliases) remember(alias);
}

const std::string& Resolver::Key(const std::string& name) {
  // The same name is keyed by the lookups of both labels of a kind and by Remember: a few
  // recent results spare most of the normalisation.
  for (const auto& [in, out] : recent_keys_) {
    if (in == name) return out;
  }
  auto& slot = recent_keys_[next_key_slot_++ % recent_keys_.size()];
  slot.first = name;
  slot.second = ResolveKey(name);
  return slot.second;
}

uint64_t Resolver::Fingerprint(const NodeSpec& spec, NodeId id) {
  uint64_t h = Mix(0x5EED, id);
  h = HashText(h, spec.label);
  h = Mix(h, spec.label_certain);
  h = HashText(h, spec.id_key);
  h = HashValue(h, spec.id_value);
  h = HashText(h, spec.name);
  h = Mix(h, spec.match_by_name);
  for (const auto& a : spec.aliases) h = HashText(h, a);
  h = Mix(h, spec.aliases.size());
  for (const auto& [k, v] : spec.props) h = HashValue(HashText(h, k), v);
  return Finish(Mix(h, spec.props.size()));
}

Result<NodeId> Resolver::Resolve(const NodeSpec& spec) {
  const std::vector<std::string>& labels = KindLabels(spec.label);
  // The key of the node's id in ids_ and seen_ (0 without an id), computed once.
  const uint64_t id_hash = !spec.id_key.empty() && !spec.id_value.is_null() ? IdHash(spec) : 0;
  if (id_hash != 0) {
    if (const uint64_t* known = ids_.Find(id_hash)) {
      // A record this import already applied to the node (an artist credited on many
      // releases) changes nothing a second time: skip reading and comparing the node.
      const NodeId id = *known;
      if (!applied_.Insert(Fingerprint(spec, id), 0)) return id;
      LINER_RETURN_IF_ERROR(Update(id, spec, /*by_id=*/true));
      Remember(spec, /*id_hash=*/0, id);  // the id is remembered already
      return id;
    }
  }
  // Known ids were answered above; the filter's probe (a cache miss) only for the others.
  const bool in_db =
      InDatabase(labels) || (!caches_complete_ && id_hash != 0 && seen_.MaybeContainsHash(id_hash));
  if (in_db && !spec.id_key.empty() && !spec.id_value.is_null()) {
    LINER_ASSIGN_OR_RETURN(TokenId key, Token(TokenKind::kPropertyKey, spec.id_key));
    for (const std::string& label : labels) {
      LINER_ASSIGN_OR_RETURN(TokenId label_tok, Token(TokenKind::kLabel, label));
      auto found = txn().FindByProperty(label_tok, key, spec.id_value);
      if (found && !found->empty()) {
        NodeId id = found->front();
        LINER_RETURN_IF_ERROR(Update(id, spec, /*by_id=*/true));
        Remember(spec, id_hash, id);
        return id;
      }
    }
  }
  if (spec.match_by_name && !spec.name.empty()) {
    for (const std::string& label : labels) {
      LINER_ASSIGN_OR_RETURN(auto candidates, NameCandidates(label, spec.name));
      for (NodeId id : candidates) {
        LINER_ASSIGN_OR_RETURN(auto rec, batches_.GetNode(id));
        if (!rec || Conflicts(*rec, spec)) continue;
        LINER_RETURN_IF_ERROR(Update(id, spec, /*by_id=*/false));
        Remember(spec, id_hash, id);
        return id;
      }
    }
  }
  PropertyMap props;
  props.mutable_entries().reserve(3 + spec.props.size());
  LINER_ASSIGN_OR_RETURN(TokenId label_tok, Token(TokenKind::kLabel, spec.label));
  auto set = [&](const std::string& k, Value v) -> Status {
    if (v.is_null() || (v.is_string() && v.as_string().empty())) return Status::OK();
    LINER_ASSIGN_OR_RETURN(TokenId t, Token(TokenKind::kPropertyKey, k));
    props.Set(t, std::move(v));
    return Status::OK();
  };
  LINER_RETURN_IF_ERROR(set(IsTitled(spec.label) ? "title" : "name", spec.name));
  if (!spec.id_key.empty()) LINER_RETURN_IF_ERROR(set(spec.id_key, spec.id_value));
  ValueList aliases;
  for (const auto& a : spec.aliases) {
    if (!a.empty() && a != spec.name) aliases.emplace_back(a);
  }
  if (!aliases.empty()) LINER_RETURN_IF_ERROR(set("aliases", std::move(aliases)));
  for (const auto& [k, v] : spec.props) LINER_RETURN_IF_ERROR(set(k, v));
  LINER_ASSIGN_OR_RETURN(NodeId id, batches_.CreateNode({label_tok}, std::move(props)));
  ++summary_.nodes_added[spec.label];
  Remember(spec, id_hash, id);
  return id;
}

Status Resolver::Update(NodeId id, const NodeSpec& spec, bool by_id) {
  LINER_ASSIGN_OR_RETURN(auto rec, batches_.GetNode(id));
  if (!rec) return Status::Internal("resolved node " + std::to_string(id) + " vanished");
  const bool fresh = Fresh(id);
  if (!fresh) ++summary_.nodes_merged;
  // The first record of an import that names a node may overwrite what an earlier import
  // stored (a later dump updates what changed); later records of the same import only fill
  // gaps, so records that disagree cannot flip a value back and forth on every re-import.
  const bool overwrite = by_id && !fresh && touched_nodes_.insert(id).second;
  bool logged = false;
  auto log_before = [&]() -> Status {
    if (logged) return Status::OK();
    logged = true;
    if (fresh) {
      batches_.Wrote();
      return Status::OK();
    }
    return batches_.NodeBefore(*rec);
  };
  if (spec.label_certain) {
    LINER_ASSIGN_OR_RETURN(TokenId want, Token(TokenKind::kLabel, spec.label));
    if (!rec->HasLabel(want)) {
      // A record that knows better (an artists file with members) moves Person <-> Group.
      for (const std::string& other : KindLabels(spec.label)) {
        TokenId t = txn().LookupToken(TokenKind::kLabel, other);
        if (t != kNoToken && t != want && rec->HasLabel(t)) {
          LINER_RETURN_IF_ERROR(log_before());
          LINER_RETURN_IF_ERROR(batches_.RemoveLabel(id, t));
        }
      }
      LINER_RETURN_IF_ERROR(log_before());
      LINER_RETURN_IF_ERROR(batches_.AddLabel(id, want));
    }
  }
  PropertyMap props = rec->props;
  auto set = [&](const std::string& k, const Value& v, bool overwrite) -> Status {
    if (v.is_null() || (v.is_string() && v.as_string().empty())) return Status::OK();
    LINER_ASSIGN_OR_RETURN(TokenId t, Token(TokenKind::kPropertyKey, k));
    const Value* have = props.Get(t);
    if (!have || (overwrite && !(*have == v))) props.Set(t, v);
    return Status::OK();
  };
  const std::string name_key = IsTitled(spec.label) ? "title" : "name";
  LINER_RETURN_IF_ERROR(set(name_key, spec.name, overwrite));
  if (!spec.id_key.empty() && !(spec.id_key == "id" && !by_id)) {
    LINER_RETURN_IF_ERROR(set(spec.id_key, spec.id_value, false));
  }
  // Aliases: the union, plus the incoming name when it is spelled differently.
  LINER_ASSIGN_OR_RETURN(TokenId alias_key, Token(TokenKind::kPropertyKey, "aliases"));
  TokenId name_tok = txn().LookupToken(TokenKind::kPropertyKey, name_key);
  const Value* current_name = name_tok == kNoToken ? nullptr : props.Get(name_tok);
  ValueList aliases;
  if (const Value* a = props.Get(alias_key); a && a->is_list()) aliases = a->as_list();
  size_t before = aliases.size();
  auto add_alias = [&](const std::string& a) {
    if (a.empty() || (current_name && current_name->is_string() && current_name->as_string() == a))
      return;
    if (std::find(aliases.begin(), aliases.end(), Value(a)) == aliases.end()) aliases.emplace_back(a);
  };
  for (const auto& a : spec.aliases) add_alias(a);
  if (!by_id) add_alias(spec.name);
  if (aliases.size() != before) props.Set(alias_key, Value(std::move(aliases)));
  for (const auto& [k, v] : spec.props) LINER_RETURN_IF_ERROR(set(k, v, overwrite));
  if (props == rec->props) return Status::OK();
  LINER_RETURN_IF_ERROR(log_before());
  return batches_.ReplaceNodeProperties(id, std::move(props));
}

Status Resolver::Link(NodeId src, NodeId dst, std::string_view type, Props props,
                      std::initializer_list<std::string_view> identity) {
  LINER_ASSIGN_OR_RETURN(TokenId type_tok, Token(TokenKind::kRelType, type));
  PropertyMap map;
  props.emplace_back("source", Value(source_));
  map.mutable_entries().reserve(props.size());
  for (auto& [k, v] : props) {
    if (v.is_null() || (v.is_string() && v.as_string().empty())) continue;
    LINER_ASSIGN_OR_RETURN(TokenId t, Token(TokenKind::kPropertyKey, k));
    map.Set(t, std::move(v));
  }
  std::vector<TokenId> id_keys;
  LINER_ASSIGN_OR_RETURN(TokenId source_tok, Token(TokenKind::kPropertyKey, "source"));
  id_keys.push_back(source_tok);
  for (std::string_view k : identity) {
    LINER_ASSIGN_OR_RETURN(TokenId t, Token(TokenKind::kPropertyKey, k));
    id_keys.push_back(t);
  }
  // Edges this import wrote (all of them while the maps are complete, and the open bulk
  // batch's always: the maps are only dropped once it is flushed) are found in memory.
  // The identity values enter as a 64-bit hash: two different role lists of one pair of nodes
  // and one type would have to collide.
  uint64_t values = Mix(0xED6E, type_tok);
  for (TokenId t : id_keys) {
    const Value* v = map.Get(t);
    values = v ? HashValue(Mix(values, t), *v) : Mix(values, 0xAB5E);
  }
  const uint64_t edge_hash = EdgeHash(src, dst, values);
  if (const uint64_t* known = fresh_edges_.Find(edge_hash)) {
    LINER_ASSIGN_OR_RETURN(auto edge, batches_.GetEdge(*known));
    if (!edge) return Status::Internal("edge written by this import vanished");
    PropertyMap merged = edge->props;
    for (const auto& [k2, v] : map.entries()) {
      if (!merged.Get(k2)) merged.Set(k2, v);
    }
    if (merged == edge->props) return Status::OK();
    batches_.Wrote();
    return batches_.ReplaceEdgeProperties(edge->id, std::move(merged));
  }
  auto create = [&]() -> Status {
    LINER_ASSIGN_OR_RETURN(EdgeId e, batches_.CreateEdge(src, dst, type_tok, std::move(map)));
    seen_.AddHash(edge_hash);
    fresh_edges_.Insert(edge_hash, e);
    ++summary_.edges_added[std::string(type)];
    return Status::OK();
  };
  // An edge touching a node created by this import can only be one this import wrote: unless
  // the maps were dropped and the filter has seen its key, it is new.
  if ((Fresh(src) || Fresh(dst)) && (caches_complete_ || !seen_.MaybeContainsHash(edge_hash))) {
    return create();
  }
  // Credits fan in to a song (few per song); other edges fan out from few per source node.
  const bool from_dst = type == "CREDITED";
  auto cursor = from_dst ? txn().Neighbors(dst, Direction::kIn, type_tok)
                         : txn().Neighbors(src, Direction::kOut, type_tok);
  const NodeId other = from_dst ? src : dst;
  for (; cursor->Valid(); cursor->Next()) {
    if (cursor->entry().other != other) continue;
    LINER_ASSIGN_OR_RETURN(auto edge, batches_.GetEdge(cursor->entry().edge));
    if (!edge) continue;
    bool same = std::all_of(id_keys.begin(), id_keys.end(), [&](TokenId k) {
      const Value* a = edge->props.Get(k);
      const Value* b = map.Get(k);
      return (a == nullptr && b == nullptr) || (a && b && *a == *b);
    });
    if (!same) continue;
    PropertyMap merged = edge->props;
    const bool created = batches_.CreatedEdge(edge->id);
    // As for nodes: the first update of an older edge may overwrite.
    const bool overwrite = !created && touched_edges_.insert(edge->id).second;
    for (const auto& [k, v] : map.entries()) {
      if (overwrite || !merged.Get(k)) merged.Set(k, v);
    }
    if (merged == edge->props) return Status::OK();
    if (created) {
      batches_.Wrote();
    } else {
      LINER_RETURN_IF_ERROR(batches_.EdgeBefore(*edge));
    }
    return batches_.ReplaceEdgeProperties(edge->id, std::move(merged));
  }
  LINER_RETURN_IF_ERROR(cursor->status());
  return create();
}

Result<bool> Resolver::RecordDone() {
  const uint64_t entries = names_.size() + ids_.size() + fresh_edges_.size() +
                           touched_nodes_.size() + touched_edges_.size() + applied_.size();
  const bool full = entries > cache_entries_;
  // Full maps end a bulk batch early: what they know must be in the database (found by the
  // indexes) before they may forget it.
  LINER_ASSIGN_OR_RETURN(bool committed, batches_.RecordDone(/*force=*/full));
  if (full && batches_.Settled()) DropCaches();
  return committed;
}

void Resolver::DropCaches() {
  // Everything the maps knew is in the database (committed or in the open batch), where the
  // indexes find it: from now on keys seen_ may know are looked up there.
  names_.Clear();
  ids_.Clear();
  fresh_edges_.Clear();
  applied_.Clear();
  touched_nodes_ = {};
  touched_edges_ = {};
  caches_complete_ = false;
}

Status ReportBad(const ImportOptions& options, ImportSummary& summary, const std::string& where,
                 const std::string& reason) {
  std::string msg = where + ": " + reason;
  if (!options.skip_bad) return Status::InvalidArgument(msg);
  ++summary.records_skipped;
  if (summary.skipped_reasons.size() < 1000) summary.skipped_reasons.push_back(msg);
  if (options.warnings) *options.warnings << "skipped " << msg << "\n";
  return Status::OK();
}

std::vector<std::string> ExpandPaths(const std::vector<std::string>& paths,
                                     const std::vector<std::string>& extensions) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  for (const auto& p : paths) {
    std::error_code ec;
    if (!fs::is_directory(p, ec)) {
      out.push_back(p);
      continue;
    }
    std::vector<std::string> files;
    for (const auto& e : fs::directory_iterator(p, ec)) {
      if (!e.is_regular_file()) continue;
      std::string name = e.path().filename().string();
      for (const auto& ext : extensions) {
        if (name.size() >= ext.size() &&
            name.compare(name.size() - ext.size(), ext.size(), ext) == 0) {
          files.push_back(e.path().string());
          break;
        }
      }
    }
    std::sort(files.begin(), files.end());
    out.insert(out.end(), files.begin(), files.end());
  }
  return out;
}

uint64_t TotalSize(const std::vector<std::string>& files) {
  uint64_t total = 0;
  for (const auto& f : files) {
    std::error_code ec;
    auto n = std::filesystem::file_size(f, ec);
    if (!ec) total += n;
  }
  return total;
}

}  // namespace liner::import
