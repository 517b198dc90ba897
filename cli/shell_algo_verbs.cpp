// Shell verbs backed by the graph algorithms on the cached snapshot (graph/snapshot_cache.h):
// :recommend, :similar, :pagerank, :betweenness, :components, :kpaths. They call graph/
// directly, so they work without going through Cypher, and Ctrl-C stops them.
#include <algorithm>
#include <cstdio>
#include <map>

#include "cli/shell.h"
#include "graph/algo_centrality.h"
#include "graph/algo_paths.h"
#include "graph/algo_similarity.h"
#include "graph/snapshot_cache.h"

namespace liner::cli {

namespace {

using query::QValue;

graph::Interrupt InterruptOf(Shell& shell) {
  return graph::Interrupt(shell.interrupt_flag(), std::nullopt);
}

Result<std::shared_ptr<const graph::Snapshot>> Snap(Shell& shell, const graph::Interrupt& intr) {
  return graph::GetSnapshot(*shell.db(), nullptr, &intr);
}

bool IsCount(const std::string& w) {
  return !w.empty() && w.size() < 7 && std::all_of(w.begin(), w.end(), ::isdigit);
}

// Words of a verb: a trailing count (and for :similar a metric) come off the end, the rest is
// the name, so `:recommend Art Lande 5` needs no quotes.
struct NameAndCount {
  std::string name;
  size_t count = 0;
  std::string metric;
};

NameAndCount ParseNameCount(const std::string& args, size_t default_count, bool metric) {
  auto words = SplitArgs(args);
  NameAndCount out;
  out.count = default_count;
  if (metric && !words.empty() && graph::ParseSimilarityMetric(words.back()).ok() &&
      words.size() > 1) {
    out.metric = words.back();
    words.pop_back();
  }
  if (words.size() > 1 && IsCount(words.back())) {
    out.count = std::stoul(words.back());
    words.pop_back();
  }
  for (const auto& w : words) out.name += (out.name.empty() ? "" : " ") + w;
  return out;
}

QValue Score(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", s);
  return QValue(std::string(buf));
}

Status Recommend(Shell& shell, const std::string& args) {
  auto a = ParseNameCount(args, 10, false);
  if (a.name.empty()) return Status::InvalidArgument("usage: :recommend NAME [k]");
  LINER_ASSIGN_OR_RETURN(NodeId who, shell.ResolveNode(a.name, {"Person", "Group"}));
  auto intr = InterruptOf(shell);
  LINER_ASSIGN_OR_RETURN(auto snap, Snap(shell, intr));
  LINER_ASSIGN_OR_RETURN(auto recs, graph::Recommend(*snap, who, a.count, 2, &intr));
  std::vector<std::vector<QValue>> rows;
  auto name = [&](NodeId id) { return shell.NodeName(id); };
  for (const auto& r : recs) {
    std::string why;
    for (const auto& reason : r.reasons) {
      why += (why.empty() ? "" : " | ") + graph::FormatReason(reason, name);
    }
    rows.push_back({QValue(name(r.person)), Score(r.score),
                    QValue(static_cast<int64_t>(r.shared_collaborators)), QValue(why)});
  }
  shell.Print({"person", "score", "shared", "why"}, rows);
  return Status::OK();
}

Status Similar(Shell& shell, const std::string& args) {
  auto a = ParseNameCount(args, 10, true);
  if (a.name.empty()) {
    return Status::InvalidArgument("usage: :similar NAME [k] [jaccard|adamic_adar|role_weighted]");
  }
  LINER_ASSIGN_OR_RETURN(auto metric,
                         graph::ParseSimilarityMetric(a.metric.empty() ? "role_weighted" : a.metric));
  LINER_ASSIGN_OR_RETURN(NodeId who, shell.ResolveNode(a.name, {"Person", "Group"}));
  auto intr = InterruptOf(shell);
  LINER_ASSIGN_OR_RETURN(auto snap, Snap(shell, intr));
  LINER_ASSIGN_OR_RETURN(auto sim, graph::Similar(*snap, who, a.count, metric, &intr));
  std::vector<std::vector<QValue>> rows;
  for (const auto& s : sim) rows.push_back({QValue(shell.NodeName(s.node)), Score(s.score)});
  shell.Print({"person", "score"}, rows);
  return Status::OK();
}

// :pagerank [n] and :betweenness [n] over people and groups.
Status Central(Shell& shell, const std::string& args, bool pagerank) {
  auto words = SplitArgs(args);
  size_t n = 10;
  if (!words.empty()) {
    if (!IsCount(words[0])) return Status::InvalidArgument("expected a count, got '" + words[0] + "'");
    n = std::stoul(words[0]);
  }
  auto intr = InterruptOf(shell);
  LINER_ASSIGN_OR_RETURN(auto snap, Snap(shell, intr));
  Result<std::vector<graph::NodeScore>> scores = Status::OK();
  if (pagerank) {
    graph::PageRankOptions o;
    o.limit = 0;
    scores = graph::PageRank(*snap, o, &intr);
  } else {
    graph::BetweennessOptions o;
    scores = graph::Betweenness(*snap, o, &intr);
  }
  if (!scores.ok()) return scores.status();
  std::vector<std::vector<QValue>> rows;
  for (const auto& s : *scores) {
    if (rows.size() >= n) break;
    auto i = snap->IndexOf(s.node);
    if (!snap->HasLabel(*i, "Person") && !snap->HasLabel(*i, "Group")) continue;
    rows.push_back({QValue(shell.NodeName(s.node)), Score(s.score)});
  }
  shell.Print({"person", pagerank ? "pagerank" : "betweenness"}, rows);
  return Status::OK();
}

Status Components(Shell& shell, const std::string&) {
  auto intr = InterruptOf(shell);
  LINER_ASSIGN_OR_RETURN(auto snap, Snap(shell, intr));
  LINER_ASSIGN_OR_RETURN(auto comps, graph::Components(*snap, {}, &intr));
  std::map<NodeId, int64_t> sizes;
  for (const auto& c : comps) ++sizes[c.component];
  std::vector<std::pair<int64_t, NodeId>> order;
  for (const auto& [root, size] : sizes) order.emplace_back(-size, root);
  std::sort(order.begin(), order.end());
  std::vector<std::vector<QValue>> rows;
  for (size_t i = 0; i < order.size() && i < 10; ++i) {
    rows.push_back({QValue(static_cast<int64_t>(order[i].second)), QValue(-order[i].first),
                    QValue(shell.NodeName(order[i].second))});
  }
  shell.out() << sizes.size() << " connected components; the largest:\n";
  shell.Print({"component", "nodes", "first member"}, rows);
  return Status::OK();
}

// :kpaths A -> B [k]
Status KPaths(Shell& shell, const std::string& args) {
  auto words = SplitArgs(args);
  size_t k = 3;
  if (words.size() > 2 && IsCount(words.back())) {
    k = std::stoul(words.back());
    words.pop_back();
  }
  std::pair<std::string, std::string> names;
  if (words.size() == 2) {
    names = {words[0], words[1]};
  } else {
    auto arrow = std::find(words.begin(), words.end(), "->");
    if (arrow == words.end() || arrow == words.begin() || arrow + 1 == words.end()) {
      return Status::InvalidArgument("usage: :kpaths A -> B [k]  (or quote both names)");
    }
    for (auto it = words.begin(); it != arrow; ++it) names.first += (it == words.begin() ? "" : " ") + *it;
    for (auto it = arrow + 1; it != words.end(); ++it) names.second += (it == arrow + 1 ? "" : " ") + *it;
  }
  LINER_ASSIGN_OR_RETURN(NodeId a, shell.ResolveNode(names.first, {}));
  LINER_ASSIGN_OR_RETURN(NodeId b, shell.ResolveNode(names.second, {}));
  auto intr = InterruptOf(shell);
  LINER_ASSIGN_OR_RETURN(auto snap, Snap(shell, intr));
  LINER_ASSIGN_OR_RETURN(auto paths, graph::KShortestPaths(*snap, a, b, k, {}, &intr));
  std::vector<std::vector<QValue>> rows;
  for (const auto& p : paths) {
    std::string text;
    for (NodeId n : p.nodes) text += (text.empty() ? "" : " — ") + shell.NodeName(n);
    rows.push_back({QValue(static_cast<int64_t>(p.length())), QValue(text)});
  }
  shell.Print({"hops", "path"}, rows);
  return Status::OK();
}

}  // namespace

void RegisterAlgorithmVerbs(ShellCommandTable& table) {
  table.Add({"recommend", ":recommend NAME [k]",
             "people NAME has not worked with, ranked through shared collaborators",
             "Scores collaborators of collaborators by how strongly each shared collaborator is "
             "tied to NAME and to them (role-weighted: a shared producer counts more than a "
             "shared mastering engineer), with the strongest reasons.",
             ShellArg::kName, Recommend});
  table.Add({"similar", ":similar NAME [k] [jaccard|adamic_adar|role_weighted]",
             "the people most similar to NAME by shared songs", "", ShellArg::kName, Similar});
  table.Add({"pagerank", ":pagerank [n]", "the n most central people by PageRank", "",
             ShellArg::kNone,
             [](Shell& s, const std::string& a) { return Central(s, a, true); }});
  table.Add({"betweenness", ":betweenness [n]",
             "the n people most often on shortest paths between others (sampled when large)", "",
             ShellArg::kNone,
             [](Shell& s, const std::string& a) { return Central(s, a, false); }});
  table.Add({"components", ":components", "connected components and their sizes", "",
             ShellArg::kNone, Components});
  table.Add({"kpaths", ":kpaths A -> B [k]", "the k shortest simple paths between two nodes", "",
             ShellArg::kName, KPaths});
}

}  // namespace liner::cli
