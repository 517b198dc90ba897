// The shell's domain verbs: questions about people and songs asked in words, answered through
// the traversal layer (graph/graph.h). :show is in shell_show.cpp.
#include <algorithm>
#include <functional>
#include <ostream>
#include <set>

#include "cli/name_suggest.h"
#include "cli/node_summary.h"
#include "cli/shell.h"
#include "graph/graph.h"
#include "graph/model.h"

namespace liner::cli {

Status Show(Shell& shell, const std::string& args);  // shell_show.cpp

namespace {

using query::QValue;

// Positionals and --options of a verb's arguments. Unquoted words before the first option run
// together into one name when the verb takes one name.
struct VerbArgs {
  std::vector<std::string> positionals;
  std::map<std::string, std::string> options;  // "--via" -> "samples"; switches -> ""
};

Result<VerbArgs> ParseVerbArgs(const std::string& text, const std::set<std::string>& valued,
                               const std::set<std::string>& switches, const char* usage) {
  VerbArgs out;
  auto words = SplitArgs(text);
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    if (w.size() > 2 && w.compare(0, 2, "--") == 0) {
      std::string name = w, value;
      if (auto eq = w.find('='); eq != std::string::npos) {
        name = w.substr(0, eq);
        value = w.substr(eq + 1);
      } else if (valued.count(name)) {
        if (i + 1 >= words.size()) return Status::InvalidArgument(name + " expects a value");
        value = words[++i];
      }
      if (!valued.count(name) && !switches.count(name)) {
        return Status::InvalidArgument("unknown option " + name + "; usage: " + usage);
      }
      out.options[name] = value;
    } else {
      out.positionals.push_back(w);
    }
  }
  return out;
}

// Joins unquoted words into one name: `:whois Florence Welch` works without quotes.
std::string JoinName(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

// Two names: quoted ('A' 'B'), or split at "->", "," or " to ".
Result<std::pair<std::string, std::string>> TwoNames(const std::string& text,
                                                      const std::vector<std::string>& words,
                                                      const char* usage) {
  if (words.size() == 2) return std::make_pair(words[0], words[1]);
  for (const char* sep : {"->", ",", "to", "and"}) {
    auto it = std::find(words.begin(), words.end(), sep);
    if (it != words.end() && it != words.begin() && it + 1 != words.end()) {
      return std::make_pair(JoinName({words.begin(), it}), JoinName({it + 1, words.end()}));
    }
  }
  return Status::InvalidArgument(std::string("expected two names; usage: ") + usage +
                                 " (quote names with spaces, or write A -> B)");
}

graph::TraversalLimits Limits(Shell& shell) {
  graph::TraversalLimits l;
  l.cancel = shell.interrupt_flag();
  return l;
}

// Why a suggestion was made, in words.
std::string SuggestionReason(const NameSuggestion& s, const std::string& text) {
  if (s.kind == 0) return "starts with '" + text + "'";
  if (s.kind == 1) {
    return s.distance == 0 ? "has the words"
                           : "has the words, " + std::to_string(s.distance) +
                                 (s.distance == 1 ? " slip" : " slips");
  }
  return std::to_string(s.distance) + (s.distance == 1 ? " edit away" : " edits away");
}

Status Whois(Shell& shell, const std::string& args) {
  if (args.empty()) return Status::InvalidArgument("usage: :whois NAME");
  auto words = SplitArgs(args);
  std::string name = JoinName(words);
  auto txn = shell.db()->BeginRead();
  graph::Graph g(txn.get());
  auto found = g.Lookup(name);
  if (!found.ok()) return found.status();
  std::vector<NodeId> ids = *found;
  std::vector<std::string> reasons;
  bool fuzzy = ids.empty();
  bool truncated = false;
  if (fuzzy) {
    auto suggestions = SuggestNames(*txn, name, 10, &truncated, shell.interrupt_flag());
    if (shell.interrupt_flag()->load()) return Status::Cancelled("interrupted");
    if (suggestions.empty()) {
      return Status::NotFound("nothing is named '" + name + "', and no name is close to it");
    }
    for (const auto& sug : suggestions) {
      ids.push_back(sug.id);
      reasons.push_back(SuggestionReason(sug, name));
    }
    shell.out() << "No node is named '" << name
                << "'. Suggestions, closest first (they are not matches):\n";
  }
  graph::EdgeFilter credits;
  credits.types = {model::kCredited};
  std::vector<std::vector<QValue>> rows;
  for (size_t i = 0; i < ids.size(); ++i) {
    NodeId id = ids[i];
    std::string labels;
    for (const auto& l : g.LabelsOf(id)) labels += (labels.empty() ? "" : ":") + l;
    auto hops = g.Neighbors(id, credits);
    if (!hops.ok()) return hops.status();
    std::string details = g.Describe(id);
    if (std::string context = Context(g, id); !context.empty()) {
      if (!details.empty() && details.back() == ')') {
        details.insert(details.size() - 1, "; " + context);  // inside "(Song #12; …)"
      } else {
        details += " " + context;
      }
    }
    std::vector<QValue> row = {QValue("#" + std::to_string(id)), QValue(labels),
                               QValue(g.DisplayName(id))};
    if (fuzzy) row.push_back(QValue(reasons[i]));
    for (QValue v : {QValue(details), QValue(int64_t(hops->size())),
                     QValue(TopCredits(g, id, 3))}) {
      row.push_back(std::move(v));
    }
    rows.push_back(std::move(row));
  }
  std::vector<std::string> columns = {"id", "labels", "name"};
  if (fuzzy) columns.push_back("why suggested");
  for (const char* c : {"details", "credits", "top credits"}) columns.push_back(c);
  shell.Print(columns, rows);
  if (fuzzy) {
    shell.out() << "(':whois #ID' or the exact name picks one"
                << (truncated ? "; only the first " + std::to_string(kSuggestScanLimit) +
                                    " nodes were searched for similar names"
                              : "")
                << ")\n";
  }
  return Status::OK();
}

Status Credits(Shell& shell, const std::string& args) {
  if (args.empty()) return Status::InvalidArgument("usage: :credits SONG");
  auto song = shell.ResolveNode(JoinName(SplitArgs(args)), {model::kSong, model::kAlbum});
  if (!song.ok()) return song.status();
  auto txn = shell.db()->BeginRead();
  graph::Graph g(txn.get());
  graph::EdgeFilter f;
  f.types = {model::kCredited};
  f.direction = Direction::kIn;
  auto hops = g.Neighbors(*song, f);
  if (!hops.ok()) return hops.status();
  struct Credit {
    size_t order;
    std::string category, role, name;
  };
  std::vector<Credit> credits;
  const auto& cats = model::RoleCategories();
  for (const auto& h : *hops) {
    std::string role = g.EdgeProperty(h.edge, model::kRole);
    std::string cat = g.EdgeProperty(h.edge, model::kCategory);
    if (cat.empty()) cat = model::CategoryForRole(role);
    size_t order = std::find(cats.begin(), cats.end(), cat) - cats.begin();
    credits.push_back({order, cat, role, g.DisplayName(h.to)});
  }
  std::stable_sort(credits.begin(), credits.end(), [](const Credit& a, const Credit& b) {
    return std::tie(a.order, a.category, a.role, a.name) <
           std::tie(b.order, b.category, b.role, b.name);
  });
  std::vector<std::vector<QValue>> rows;
  for (const auto& c : credits) rows.push_back({QValue(c.category), QValue(c.role), QValue(c.name)});
  // Samples both ways: Song -HAS_SAMPLE-> Sample -SAMPLES-> source Song.
  for (bool forward : {true, false}) {
    graph::EdgeFilter first;
    first.types = {forward ? model::kHasSample : model::kSamples};
    first.direction = forward ? Direction::kOut : Direction::kIn;
    graph::EdgeFilter second;
    second.types = {forward ? model::kSamples : model::kHasSample};
    second.direction = first.direction;
    auto samples = g.Neighbors(*song, first);
    if (!samples.ok()) return samples.status();
    for (const auto& s : *samples) {
      auto other = g.Neighbors(s.to, second);
      if (!other.ok()) return other.status();
      for (const auto& o : *other) {
        rows.push_back({QValue(forward ? "samples" : "sampled by"),
                        QValue(g.DisplayName(s.to)), QValue(g.DisplayName(o.to))});
      }
    }
  }
  shell.out() << g.Describe(*song) << "\n";
  shell.Print({"category", "role", "name"}, rows);
  return Status::OK();
}

Status Linked(Shell& shell, const std::string& args) {
  const char* usage = ":linked NAME [--via samples|credits|CATEGORY]";
  auto a = ParseVerbArgs(args, {"--via"}, {}, usage);
  if (!a.ok()) return a.status();
  if (a->positionals.empty()) return Status::InvalidArgument(std::string("usage: ") + usage);
  auto who = shell.ResolveNode(JoinName(a->positionals), {model::kPerson, model::kGroup});
  if (!who.ok()) return who.status();
  auto txn = shell.db()->BeginRead();
  graph::Graph g(txn.get());
  std::string via = a->options.count("--via") ? a->options["--via"] : "samples";
  auto rows = g.Linked(*who, via);
  if (!rows.ok()) return rows.status();
  std::vector<std::vector<QValue>> out;
  for (const auto& r : *rows) {
    query::QList roles(r.roles.begin(), r.roles.end());
    query::QList through(r.via.begin(), r.via.end());
    out.push_back({QValue(r.name), QValue(std::move(roles)), QValue(std::move(through))});
  }
  shell.Print({"name", "roles", "via"}, out);
  return Status::OK();
}

// Shortest path(s) for :path and :why.
Result<std::vector<graph::Path>> FindPaths(Shell& shell, graph::Graph& g, const std::string& args,
                                           const char* usage, bool allow_all) {
  std::set<std::string> switches;
  if (allow_all) switches.insert("--all");
  auto a = ParseVerbArgs(args, {"--via", "--max-hops"}, switches, usage);
  if (!a.ok()) return a.status();
  auto names = TwoNames(args, a->positionals, usage);
  if (!names.ok()) return names.status();
  auto from = shell.ResolveNode(names->first, {});
  if (!from.ok()) return from.status();
  auto to = shell.ResolveNode(names->second, {});
  if (!to.ok()) return to.status();
  graph::EdgeFilter filter;
  if (a->options.count("--via")) {
    auto f = graph::EdgeFilter::FromVia(a->options["--via"]);
    if (!f.ok()) return f.status();
    filter = *f;
  }
  graph::TraversalLimits limits = Limits(shell);
  if (a->options.count("--max-hops")) limits.max_hops = std::atoi(a->options["--max-hops"].c_str());
  std::vector<graph::Path> paths;
  if (a->options.count("--all")) {
    auto all = g.AllShortestPaths(*from, *to, filter, 100, limits);
    if (!all.ok()) return all.status();
    paths = std::move(*all);
  } else {
    auto one = g.ShortestPath(*from, *to, filter, limits);
    if (!one.ok()) return one.status();
    if (*one) paths.push_back(std::move(**one));
  }
  if (paths.empty()) {
    return Status::NotFound("no path between '" + g.DisplayName(*from) + "' and '" +
                            g.DisplayName(*to) + "' within " + std::to_string(limits.max_hops) +
                            " hops");
  }
  return paths;
}

Status PathVerb(Shell& shell, const std::string& args) {
  auto txn = shell.db()->BeginRead();
  graph::Graph g(txn.get());
  auto paths = FindPaths(shell, g, args, ":path A B [--via TYPES|CATEGORIES] [--all]", true);
  if (!paths.ok()) return paths.status();
  for (const auto& p : *paths) shell.out() << g.PathSentence(p) << "\n";
  shell.out() << "(" << paths->size() << (paths->size() == 1 ? " path" : " paths") << ", "
              << paths->front().hops.size() << " hops)\n";
  return Status::OK();
}

Status Why(Shell& shell, const std::string& args) {
  auto txn = shell.db()->BeginRead();
  graph::Graph g(txn.get());
  auto paths = FindPaths(shell, g, args, ":why A B [--via TYPES|CATEGORIES]", false);
  if (!paths.ok()) return paths.status();
  const graph::Path& p = paths->front();
  shell.out() << g.PathSentence(p) << "\n";
  std::vector<std::vector<QValue>> rows;
  int step = 0;
  for (const auto& h : p.hops) {
    std::string source = g.EdgeProperty(h.edge, model::kSource);
    rows.push_back({QValue(int64_t(++step)), QValue(g.DisplayName(h.from)),
                    QValue(g.HopPhrase(h)), QValue(g.DisplayName(h.to)),
                    source.empty() ? QValue() : QValue(source)});
  }
  shell.Print({"hop", "from", "how", "to", "source"}, rows);
  return Status::OK();
}

// :lineage: the songs a song samples (and what samples it), transitively, as a tree.
Status Lineage(Shell& shell, const std::string& args) {
  const char* usage = ":lineage SONG [--depth N]";
  auto a = ParseVerbArgs(args, {"--depth"}, {}, usage);
  if (!a.ok()) return a.status();
  if (a->positionals.empty()) return Status::InvalidArgument(std::string("usage: ") + usage);
  int depth = a->options.count("--depth") ? std::atoi(a->options["--depth"].c_str()) : 3;
  if (depth < 1 || depth > 20) return Status::InvalidArgument("--depth expects 1 to 20");
  auto song = shell.ResolveNode(JoinName(a->positionals), {model::kSong});
  if (!song.ok()) return song.status();
  auto txn = shell.db()->BeginRead();
  graph::Graph g(txn.get());
  auto& out = shell.out();
  // Songs one sample step away: forward = what `s` samples, else what samples `s`.
  auto step = [&](NodeId s, bool forward) -> Result<std::vector<NodeId>> {
    graph::EdgeFilter first, second;
    first.types = {forward ? model::kHasSample : model::kSamples};
    second.types = {forward ? model::kSamples : model::kHasSample};
    first.direction = second.direction = forward ? Direction::kOut : Direction::kIn;
    std::vector<NodeId> songs;
    auto samples = g.Neighbors(s, first);
    if (!samples.ok()) return samples.status();
    for (const auto& h : *samples) {
      auto next = g.Neighbors(h.to, second);
      if (!next.ok()) return next.status();
      for (const auto& n : *next) {
        if (std::find(songs.begin(), songs.end(), n.to) == songs.end()) songs.push_back(n.to);
      }
    }
    return songs;
  };
  std::vector<NodeId> trail = {*song};
  std::function<Status(NodeId, bool, int, const std::string&)> draw =
      [&](NodeId s, bool forward, int level, const std::string& indent) -> Status {
    if (level > depth) return Status::OK();
    if (shell.interrupt_flag()->load()) return Status::Cancelled("interrupted");
    auto next = step(s, forward);
    if (!next.ok()) return next.status();
    for (size_t i = 0; i < next->size(); ++i) {
      NodeId n = (*next)[i];
      bool last = i + 1 == next->size();
      bool cycle = std::find(trail.begin(), trail.end(), n) != trail.end();
      out << indent << (last ? "└── " : "├── ") << (forward ? "samples " : "sampled by ")
          << g.DisplayName(n) << (cycle ? " (cycle)" : "") << "\n";
      if (cycle) continue;
      trail.push_back(n);
      LINER_RETURN_IF_ERROR(draw(n, forward, level + 1, indent + (last ? "    " : "│   ")));
      trail.pop_back();
    }
    return Status::OK();
  };
  out << g.DisplayName(*song) << "\n";
  LINER_RETURN_IF_ERROR(draw(*song, true, 1, ""));
  LINER_RETURN_IF_ERROR(draw(*song, false, 1, ""));
  return Status::OK();
}

}  // namespace

void RegisterDomainVerbs(ShellCommandTable& t) {
  t.Add({"whois", ":whois NAME",
         "every node of that name (suggestions when none), with what tells them apart",
         "Exact (case-, accent- and spacing-insensitive) matches of names, titles and aliases. "
         "With none, suggestions, closest first: names starting with NAME, names holding its "
         "words in any order (one slip allowed), names a few edits away.",
         ShellArg::kName, Whois});
  t.Add({"credits", ":credits SONG", "a song's credits by role category, and its samples", "",
         ShellArg::kName, Credits});
  t.Add({"linked", ":linked NAME [--via V]",
         "who is linked to NAME through samples (default), credits or a role category",
         "--via samples: people on songs that sample, or are sampled by, NAME's songs.\n"
         "--via production (or writing, performance, ...): people who share a collaborator of "
         "that category with NAME.",
         ShellArg::kName, Linked});
  t.Add({"path", ":path A B [--via V] [--all]", "the shortest chain(s) between two nodes, in words",
         "--via takes relationship types, role categories or 'samples'; --all lists every "
         "shortest path; --max-hops N (default 12).",
         ShellArg::kName, PathVerb});
  t.Add({"lineage", ":lineage SONG [--depth N]",
         "what a song samples and what samples it, as a tree (depth 3)", "", ShellArg::kName,
         Lineage});
  t.Add({"why", ":why A B [--via V]", "the path between A and B with each edge's source", "",
         ShellArg::kName, Why});
  t.Add({"show", ":show QUERY|NAME",
         "draw a query's result or a node's neighbourhood as an SVG (Graphviz)",
         "Writes liner-show-N.dot and .svg to the temporary directory and prints the path.",
         ShellArg::kName, Show});
}

}  // namespace liner::cli
