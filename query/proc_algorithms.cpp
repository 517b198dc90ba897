// The liner.* algorithm procedures: argument checking and conversion between QValues and the
// snapshot algorithms of graph/ (which run on the cached Boost.Graph snapshot).
// Errors name the procedure and the argument: "liner.similar: argument 'metric': unknown
// similarity metric 'cosine' (known: ...)".
#include <algorithm>
#include <set>

#include "graph/algo_centrality.h"
#include "graph/algo_paths.h"
#include "graph/algo_similarity.h"
#include "graph/snapshot_cache.h"
#include "query/procedure.h"

namespace liner::query {
namespace {

using graph::Interrupt;
using graph::Snapshot;
using Rows = std::vector<std::vector<QValue>>;

Status ArgError(const std::string& proc, const std::string& arg, const std::string& msg) {
  return Status::InvalidArgument(proc + ": argument '" + arg + "': " + msg);
}

// Re-labels a graph-layer error with the procedure and argument it came from.
Status Wrap(const Status& st, const std::string& proc, const std::string& arg) {
  if (st.ok() || st.code() != Status::Code::kInvalidArgument) {
    return st.ok() ? st : st.WithContext(proc);
  }
  // The graph layer prefixes what it checked ("node: node 12 is not a Person or Group"); the
  // argument name replaces that prefix.
  std::string msg = st.message();
  for (const char* prefix : {"node: ", "song: ", "seed: ", "start node: ", "end node: "}) {
    if (msg.rfind(prefix, 0) == 0) {
      msg = msg.substr(std::string(prefix).size());
      break;
    }
  }
  return ArgError(proc, arg, msg);
}

// A node argument: a node, or an integer node id.
Result<NodeId> NodeArg(const std::string& proc, const std::string& arg, const QValue& v) {
  if (v.is_node()) return v.as_node().id;
  if (v.is_int() && v.as_int() >= 0) return static_cast<NodeId>(v.as_int());
  return ArgError(proc, arg,
                  std::string("expected a node, got ") + QTypeName(v.type()) +
                      (v.is_null() ? " (did the MATCH find nothing?)" : ""));
}

Result<int64_t> IntArg(const std::string& proc, const std::string& arg, const QValue& v,
                       int64_t min) {
  if (!v.is_int()) {
    return ArgError(proc, arg, std::string("expected an Integer, got ") + QTypeName(v.type()));
  }
  if (v.as_int() < min) {
    return ArgError(proc, arg, "must be >= " + std::to_string(min) + ", got " +
                                   std::to_string(v.as_int()));
  }
  return v.as_int();
}

// A string or a list of strings.
Result<std::vector<std::string>> Strings(const std::string& proc, const std::string& key,
                                         const QValue& v) {
  std::vector<std::string> out;
  if (v.is_string()) {
    out.push_back(v.as_string());
    return out;
  }
  if (v.is_list()) {
    for (const auto& e : v.as_list()) {
      if (!e.is_string()) break;
      out.push_back(e.as_string());
    }
    if (out.size() == v.as_list().size()) return out;
  }
  return ArgError(proc, "config", "'" + key + "' must be a string or a list of strings");
}

// Everything a config map may hold; each procedure says which keys it accepts.
struct Config {
  graph::Projection projection;
  int64_t iterations = 20;
  double damping = 0.85;
  double tolerance = 0;
  int64_t limit = 0;
  int64_t samples = 0;
  int64_t seed = 42;
  int64_t max_hops = 0;
  bool normalized = false;
};

const std::set<std::string> kProjectionKeys = {"types", "relationshipTypes", "roles",
                                               "categories", "labels", "direction"};

Result<Config> ParseConfig(const std::string& proc, const QValue& v,
                           const std::set<std::string>& extra_keys) {
  Config c;
  if (v.is_null()) return c;
  if (!v.is_map()) {
    return ArgError(proc, "config", std::string("expected a map, got ") + QTypeName(v.type()));
  }
  for (const auto& [key, value] : v.as_map()) {
    if (!kProjectionKeys.count(key) && !extra_keys.count(key)) {
      std::string known;
      for (const auto& k : kProjectionKeys) known += (known.empty() ? "" : ", ") + k;
      for (const auto& k : extra_keys) known += ", " + k;
      return ArgError(proc, "config", "unknown key '" + key + "' (known: " + known + ")");
    }
    auto number = [&](double* out) -> Status {
      if (!value.is_number()) return ArgError(proc, "config", "'" + key + "' must be a number");
      *out = value.as_number();
      return Status::OK();
    };
    auto integer = [&](int64_t* out) -> Status {
      if (!value.is_int() || value.as_int() < 0) {
        return ArgError(proc, "config", "'" + key + "' must be a non-negative integer");
      }
      *out = value.as_int();
      return Status::OK();
    };
    if (key == "types" || key == "relationshipTypes") {
      LINER_ASSIGN_OR_RETURN(c.projection.types, Strings(proc, key, value));
    } else if (key == "roles") {
      LINER_ASSIGN_OR_RETURN(c.projection.roles, Strings(proc, key, value));
    } else if (key == "categories") {
      LINER_ASSIGN_OR_RETURN(c.projection.categories, Strings(proc, key, value));
    } else if (key == "labels") {
      LINER_ASSIGN_OR_RETURN(c.projection.labels, Strings(proc, key, value));
    } else if (key == "direction") {
      std::string d = value.is_string() ? value.as_string() : "";
      std::transform(d.begin(), d.end(), d.begin(), ::tolower);
      if (d == "out" || d == "outgoing") {
        c.projection.direction = Direction::kOut;
      } else if (d == "in" || d == "incoming") {
        c.projection.direction = Direction::kIn;
      } else if (d == "both" || d == "any") {
        c.projection.direction = Direction::kBoth;
      } else {
        return ArgError(proc, "config", "'direction' must be 'out', 'in' or 'both'");
      }
    } else if (key == "iterations") {
      LINER_RETURN_IF_ERROR(integer(&c.iterations));
    } else if (key == "damping") {
      LINER_RETURN_IF_ERROR(number(&c.damping));
    } else if (key == "tolerance") {
      LINER_RETURN_IF_ERROR(number(&c.tolerance));
    } else if (key == "limit") {
      LINER_RETURN_IF_ERROR(integer(&c.limit));
    } else if (key == "samples") {
      LINER_RETURN_IF_ERROR(integer(&c.samples));
    } else if (key == "seed") {
      LINER_RETURN_IF_ERROR(integer(&c.seed));
    } else if (key == "maxHops") {
      LINER_RETURN_IF_ERROR(integer(&c.max_hops));
    } else if (key == "normalized") {
      if (!value.is_bool()) return ArgError(proc, "config", "'normalized' must be a boolean");
      c.normalized = value.as_bool();
    }
  }
  return c;
}

Result<std::shared_ptr<const Snapshot>> SnapshotFor(ProcContext& ctx, const Interrupt& intr) {
  if (ctx.db == nullptr) return Status::Internal("procedure called without a database");
  return graph::GetSnapshot(*ctx.db, ctx.txn, &intr);
}

Interrupt InterruptOf(const ProcContext& ctx) { return Interrupt(ctx.cancel, ctx.deadline); }

QValue NodeValue(NodeId id) {
  QNode n;
  n.id = id;
  return QValue(std::move(n));
}

Rows ScoreRows(const std::vector<graph::NodeScore>& scores) {
  Rows rows;
  rows.reserve(scores.size());
  for (const auto& s : scores) rows.push_back({NodeValue(s.node), QValue(s.score)});
  return rows;
}

// A path as a QPath, relationships read from the transaction for their endpoints and type.
Result<QValue> PathValue(ProcContext& ctx, const graph::NodePath& p) {
  QPath out;
  for (NodeId n : p.nodes) out.nodes.push_back(std::get<QNode>(NodeValue(n).v));
  for (EdgeId e : p.edges) {
    LINER_ASSIGN_OR_RETURN(auto rec, ctx.txn->GetEdge(e));
    if (!rec) return Status::Internal("edge " + std::to_string(e) + " vanished");
    QRel r;
    r.id = e;
    r.start = rec->src;
    r.end = rec->dst;
    r.type_token = rec->type;
    out.rels.push_back(std::move(r));
  }
  return QValue(std::move(out));
}

std::string DisplayName(ProcContext& ctx, NodeId id) {
  if (ctx.LoadNode) {
    if (auto n = ctx.LoadNode(id)) {
      for (const char* key : {"name", "title"}) {
        auto it = n->properties().find(key);
        if (it != n->properties().end() && it->second.is_string()) return it->second.as_string();
      }
    }
  }
  return "#" + std::to_string(id);
}

QValue MapArg() { return QValue(QMap{}); }

// ---- procedures ----

ProcedureSpec PageRankSpec(bool personalized) {
  ProcedureSpec spec;
  spec.name = personalized ? "liner.personalizedPagerank" : "liner.pagerank";
  if (personalized) spec.args.push_back({"node", ProcType::kAny, std::nullopt});
  spec.args.push_back({"config", ProcType::kAny, MapArg()});
  spec.columns = {{"node", ProcType::kNode}, {"score", ProcType::kFloat}};
  spec.description = personalized
                         ? "random walk with restart at node (or a list of nodes): score per node"
                         : "PageRank per node; config: types, roles, categories, labels, "
                           "direction, iterations (20), damping (0.85), tolerance, limit";
  std::string name = spec.name;
  spec.fn = [name, personalized](const std::vector<QValue>& args,
                                 ProcContext& ctx) -> Result<Rows> {
    LINER_ASSIGN_OR_RETURN(
        Config c, ParseConfig(name, args.back(), {"iterations", "damping", "tolerance", "limit"}));
    graph::PageRankOptions o;
    o.projection = c.projection;
    o.iterations = static_cast<int>(c.iterations);
    o.damping = c.damping;
    o.tolerance = c.tolerance;
    o.limit = static_cast<size_t>(c.limit);
    Interrupt intr = InterruptOf(ctx);
    LINER_ASSIGN_OR_RETURN(auto snap, SnapshotFor(ctx, intr));
    Result<std::vector<graph::NodeScore>> r = Status::OK();
    if (personalized) {
      std::vector<NodeId> seeds;
      if (args[0].is_list()) {
        for (const auto& v : args[0].as_list()) {
          LINER_ASSIGN_OR_RETURN(NodeId id, NodeArg(name, "node", v));
          seeds.push_back(id);
        }
      } else {
        LINER_ASSIGN_OR_RETURN(NodeId id, NodeArg(name, "node", args[0]));
        seeds.push_back(id);
      }
      r = graph::PersonalizedPageRank(*snap, seeds, o, &intr);
      if (!r.ok()) {
        bool seed_error = r.status().message().rfind("seed", 0) == 0;
        return Wrap(r.status(), name, seed_error ? "node" : "config");
      }
    } else {
      r = graph::PageRank(*snap, o, &intr);
      if (!r.ok()) return Wrap(r.status(), name, "config");
    }
    return ScoreRows(*r);
  };
  return spec;
}

ProcedureSpec ComponentsSpec() {
  ProcedureSpec spec;
  spec.name = "liner.components";
  spec.args = {{"config", ProcType::kAny, MapArg()}};
  spec.columns = {{"node", ProcType::kNode}, {"component", ProcType::kInt}};
  spec.description = "weakly connected components; component = smallest node id in it";
  spec.fn = [](const std::vector<QValue>& args, ProcContext& ctx) -> Result<Rows> {
    const std::string name = "liner.components";
    LINER_ASSIGN_OR_RETURN(Config c, ParseConfig(name, args[0], {}));
    Interrupt intr = InterruptOf(ctx);
    LINER_ASSIGN_OR_RETURN(auto snap, SnapshotFor(ctx, intr));
    auto r = graph::Components(*snap, c.projection, &intr);
    if (!r.ok()) return Wrap(r.status(), name, "config");
    Rows rows;
    rows.reserve(r->size());
    for (const auto& cc : *r) {
      rows.push_back({NodeValue(cc.node), QValue(static_cast<int64_t>(cc.component))});
    }
    return rows;
  };
  return spec;
}

ProcedureSpec BetweennessSpec() {
  ProcedureSpec spec;
  spec.name = "liner.betweenness";
  spec.args = {{"config", ProcType::kAny, MapArg()}};
  spec.columns = {{"node", ProcType::kNode}, {"score", ProcType::kFloat}};
  spec.description = "Brandes betweenness (exact up to 2000 nodes, else 128 sampled sources); "
                     "config: samples, seed, normalized, limit and the projection keys";
  spec.fn = [](const std::vector<QValue>& args, ProcContext& ctx) -> Result<Rows> {
    const std::string name = "liner.betweenness";
    LINER_ASSIGN_OR_RETURN(Config c,
                           ParseConfig(name, args[0], {"samples", "seed", "normalized", "limit"}));
    graph::BetweennessOptions o;
    o.projection = c.projection;
    o.samples = static_cast<size_t>(c.samples);
    o.seed = static_cast<uint64_t>(c.seed);
    o.normalized = c.normalized;
    o.limit = static_cast<size_t>(c.limit);
    Interrupt intr = InterruptOf(ctx);
    LINER_ASSIGN_OR_RETURN(auto snap, SnapshotFor(ctx, intr));
    auto r = graph::Betweenness(*snap, o, &intr);
    if (!r.ok()) return Wrap(r.status(), name, "config");
    return ScoreRows(*r);
  };
  return spec;
}

ProcedureSpec DegreeSpec() {
  ProcedureSpec spec;
  spec.name = "liner.degree";
  spec.args = {{"config", ProcType::kAny, MapArg()}};
  spec.columns = {{"node", ProcType::kNode}, {"score", ProcType::kFloat}};
  spec.description = "number of projected edges per node";
  spec.fn = [](const std::vector<QValue>& args, ProcContext& ctx) -> Result<Rows> {
    const std::string name = "liner.degree";
    LINER_ASSIGN_OR_RETURN(Config c, ParseConfig(name, args[0], {}));
    Interrupt intr = InterruptOf(ctx);
    LINER_ASSIGN_OR_RETURN(auto snap, SnapshotFor(ctx, intr));
    auto r = graph::Degree(*snap, c.projection, &intr);
    if (!r.ok()) return Wrap(r.status(), name, "config");
    return ScoreRows(*r);
  };
  return spec;
}

ProcedureSpec SimilarSpec() {
  ProcedureSpec spec;
  spec.name = "liner.similar";
  spec.args = {{"node", ProcType::kAny, std::nullopt},
               {"k", ProcType::kAny, QValue(int64_t{10})},
               {"metric", ProcType::kAny, QValue("role_weighted")}};
  spec.columns = {{"node", ProcType::kNode}, {"score", ProcType::kFloat}};
  spec.description = "the k people most similar to a person by shared works; metric: jaccard, "
                     "adamic_adar, role_weighted";
  spec.fn = [](const std::vector<QValue>& args, ProcContext& ctx) -> Result<Rows> {
    const std::string name = "liner.similar";
    LINER_ASSIGN_OR_RETURN(NodeId node, NodeArg(name, "node", args[0]));
    LINER_ASSIGN_OR_RETURN(int64_t k, IntArg(name, "k", args[1], 1));
    if (!args[2].is_string()) return ArgError(name, "metric", "expected a String");
    auto metric = graph::ParseSimilarityMetric(args[2].as_string());
    if (!metric.ok()) return Wrap(metric.status(), name, "metric");
    Interrupt intr = InterruptOf(ctx);
    LINER_ASSIGN_OR_RETURN(auto snap, SnapshotFor(ctx, intr));
    auto r = graph::Similar(*snap, node, static_cast<size_t>(k), *metric, &intr);
    if (!r.ok()) return Wrap(r.status(), name, "node");
    return ScoreRows(*r);
  };
  return spec;
}

ProcedureSpec RecommendSpec() {
  ProcedureSpec spec;
  spec.name = "liner.recommend";
  spec.args = {{"node", ProcType::kAny, std::nullopt},
               {"k", ProcType::kAny, QValue(int64_t{10})}};
  spec.columns = {{"person", ProcType::kNode},
                  {"score", ProcType::kFloat},
                  {"reasons", ProcType::kList}};
  spec.description = "people a person has not worked with, ranked through shared "
                     "collaborators, with the collaborators, works and roles behind each score";
  spec.fn = [](const std::vector<QValue>& args, ProcContext& ctx) -> Result<Rows> {
    const std::string name = "liner.recommend";
    LINER_ASSIGN_OR_RETURN(NodeId node, NodeArg(name, "node", args[0]));
    LINER_ASSIGN_OR_RETURN(int64_t k, IntArg(name, "k", args[1], 1));
    Interrupt intr = InterruptOf(ctx);
    LINER_ASSIGN_OR_RETURN(auto snap, SnapshotFor(ctx, intr));
    auto r = graph::Recommend(*snap, node, static_cast<size_t>(k), 3, &intr);
    if (!r.ok()) return Wrap(r.status(), name, "node");
    Rows rows;
    for (const auto& rec : *r) {
      QList reasons;
      for (const auto& why : rec.reasons) reasons.push_back(QValue(graph::FormatReason(
            why, [&](NodeId id) { return DisplayName(ctx, id); })));
      if (rec.shared_collaborators > rec.reasons.size()) {
        reasons.push_back(QValue("and " +
                                 std::to_string(rec.shared_collaborators - rec.reasons.size()) +
                                 " more shared collaborators"));
      }
      rows.push_back({NodeValue(rec.person), QValue(rec.score), QValue(std::move(reasons))});
    }
    return rows;
  };
  return spec;
}

ProcedureSpec LineageSpec() {
  ProcedureSpec spec;
  spec.name = "liner.lineage";
  spec.args = {{"song", ProcType::kAny, std::nullopt},
               {"depth", ProcType::kAny, QValue(int64_t{0})}};
  spec.columns = {{"song", ProcType::kNode},
                  {"depth", ProcType::kInt},
                  {"direction", ProcType::kString}};
  spec.description = "songs up ('up': sampled by the song) and down ('down': songs sampling "
                     "it) the SAMPLES chain, to depth (0 = no limit)";
  spec.fn = [](const std::vector<QValue>& args, ProcContext& ctx) -> Result<Rows> {
    const std::string name = "liner.lineage";
    LINER_ASSIGN_OR_RETURN(NodeId song, NodeArg(name, "song", args[0]));
    LINER_ASSIGN_OR_RETURN(int64_t depth, IntArg(name, "depth", args[1], 0));
    Interrupt intr = InterruptOf(ctx);
    LINER_ASSIGN_OR_RETURN(auto snap, SnapshotFor(ctx, intr));
    auto r = graph::Lineage(*snap, song, static_cast<int>(depth), &intr);
    if (!r.ok()) return Wrap(r.status(), name, "song");
    Rows rows;
    for (const auto& l : *r) {
      rows.push_back({NodeValue(l.song), QValue(static_cast<int64_t>(l.depth)),
                      QValue(l.up ? "up" : "down")});
    }
    return rows;
  };
  return spec;
}

// liner.kShortestPaths(a, b, k, config), liner.allShortestPaths(a, b, config).
ProcedureSpec PathsSpec(bool k_shortest) {
  ProcedureSpec spec;
  spec.name = k_shortest ? "liner.kShortestPaths" : "liner.allShortestPaths";
  spec.args = {{"a", ProcType::kAny, std::nullopt}, {"b", ProcType::kAny, std::nullopt}};
  if (k_shortest) spec.args.push_back({"k", ProcType::kAny, QValue(int64_t{3})});
  spec.args.push_back({"config", ProcType::kAny, MapArg()});
  spec.columns = {{"path", ProcType::kPath}};
  spec.description = k_shortest ? "the k shortest simple paths from a to b (Yen), shortest "
                                  "first; config: maxHops and the projection keys"
                                : "every shortest path from a to b (at most config.limit, "
                                  "default 100)";
  std::string name = spec.name;
  spec.fn = [name, k_shortest](const std::vector<QValue>& args,
                               ProcContext& ctx) -> Result<Rows> {
    LINER_ASSIGN_OR_RETURN(NodeId a, NodeArg(name, "a", args[0]));
    LINER_ASSIGN_OR_RETURN(NodeId b, NodeArg(name, "b", args[1]));
    int64_t k = 100;
    if (k_shortest) {
      LINER_ASSIGN_OR_RETURN(k, IntArg(name, "k", args[2], 1));
    }
    LINER_ASSIGN_OR_RETURN(Config c, ParseConfig(name, args.back(), {"maxHops", "limit"}));
    if (!k_shortest && c.limit > 0) k = c.limit;
    graph::PathOptions o;
    o.projection = c.projection;
    o.max_hops = static_cast<size_t>(c.max_hops);
    Interrupt intr = InterruptOf(ctx);
    LINER_ASSIGN_OR_RETURN(auto snap, SnapshotFor(ctx, intr));
    auto r = k_shortest
                 ? graph::KShortestPaths(*snap, a, b, static_cast<size_t>(k), o, &intr)
                 : graph::AllShortestPaths(*snap, a, b, o, static_cast<size_t>(k), &intr);
    if (!r.ok()) {
      const std::string& m = r.status().message();
      std::string arg = m.rfind("start node", 0) == 0 ? "a"
                        : m.rfind("end node", 0) == 0 ? "b"
                                                      : "config";
      return Wrap(r.status(), name, arg);
    }
    Rows rows;
    for (const auto& p : *r) {
      LINER_ASSIGN_OR_RETURN(QValue v, PathValue(ctx, p));
      rows.push_back({std::move(v)});
    }
    return rows;
  };
  return spec;
}

ProcedureSpec KHopSpec() {
  ProcedureSpec spec;
  spec.name = "liner.kHop";
  spec.args = {{"node", ProcType::kAny, std::nullopt},
               {"depth", ProcType::kAny, QValue(int64_t{2})},
               {"config", ProcType::kAny, MapArg()}};
  spec.columns = {{"node", ProcType::kNode}, {"depth", ProcType::kInt}};
  spec.description = "nodes within depth hops of node (itself at depth 0), by depth then id";
  spec.fn = [](const std::vector<QValue>& args, ProcContext& ctx) -> Result<Rows> {
    const std::string name = "liner.kHop";
    LINER_ASSIGN_OR_RETURN(NodeId node, NodeArg(name, "node", args[0]));
    LINER_ASSIGN_OR_RETURN(int64_t depth, IntArg(name, "depth", args[1], 0));
    LINER_ASSIGN_OR_RETURN(Config c, ParseConfig(name, args[2], {}));
    Interrupt intr = InterruptOf(ctx);
    LINER_ASSIGN_OR_RETURN(auto snap, SnapshotFor(ctx, intr));
    auto r = graph::KHop(*snap, node, static_cast<int>(depth), c.projection, &intr);
    if (!r.ok()) {
      bool node_error = r.status().message().rfind("start node", 0) == 0;
      return Wrap(r.status(), name, node_error ? "node" : "config");
    }
    Rows rows;
    for (const auto& nd : *r) {
      rows.push_back({NodeValue(nd.node), QValue(static_cast<int64_t>(nd.depth))});
    }
    return rows;
  };
  return spec;
}

}  // namespace

void RegisterAlgorithmProcedures(ProcedureRegistry& registry) {
  registry.Register(PageRankSpec(false));
  registry.Register(PageRankSpec(true));
  registry.Register(ComponentsSpec());
  registry.Register(BetweennessSpec());
  registry.Register(DegreeSpec());
  registry.Register(SimilarSpec());
  registry.Register(RecommendSpec());
  registry.Register(LineageSpec());
  registry.Register(PathsSpec(true));
  registry.Register(PathsSpec(false));
  registry.Register(KHopSpec());
}

}  // namespace liner::query
