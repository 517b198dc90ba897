// liner path: the shortest chain between two nodes with every hop's relationship and role.
#include "cli/db_open.h"
#include "cli/rows_out.h"
#include "graph/graph.h"
#include "graph/model.h"

namespace liner::cli {

int CmdPath(const std::vector<std::string>& args, Io& io) {
  Flags flags("liner path");
  flags.Value("via").Value("max-hops").Switch("all");
  Status st = ParseRowsCommand(flags, args, 2, "two names A B (quote names with spaces)");
  std::string format = flags.Get("format", "table");
  graph::EdgeFilter filter;
  if (st.ok() && flags.Has("via")) {
    auto f = graph::EdgeFilter::FromVia(flags.Get("via"));
    if (f.ok()) filter = *f; else st = f.status();
  }
  auto max_hops = flags.GetInt("max-hops", 12);
  if (st.ok() && !max_hops.ok()) st = max_hops.status();
  if (!st.ok()) return ReportError(io, st, /*usage=*/true);
  auto db = OpenDatabase(flags, io, /*read_only=*/true);
  if (!db.ok()) return ReportError(io, db.status());
  auto txn = (*db)->BeginRead();
  graph::Graph g(txn.get());
  auto a = g.ResolveOne(flags.positionals()[0]);
  if (!a.ok()) return ReportError(io, a.status());
  auto b = g.ResolveOne(flags.positionals()[1]);
  if (!b.ok()) return ReportError(io, b.status());
  graph::TraversalLimits limits;
  limits.max_hops = static_cast<int>(*max_hops);
  std::vector<graph::Path> paths;
  if (flags.Has("all")) {
    auto all = g.AllShortestPaths(*a, *b, filter, 100, limits);
    if (!all.ok()) return ReportError(io, all.status());
    paths = std::move(*all);
  } else {
    auto one = g.ShortestPath(*a, *b, filter, limits);
    if (!one.ok()) return ReportError(io, one.status());
    if (*one) paths.push_back(std::move(**one));
  }
  if (paths.empty()) {
    io.err << "no path between '" << g.DisplayName(*a) << "' and '" << g.DisplayName(*b)
           << "' within " << *max_hops << " hops" << (flags.Has("via") ? " via " + flags.Get("via") : "")
           << "\n";
    return 1;
  }
  std::vector<std::vector<nlohmann::json>> rows;
  for (size_t p = 0; p < paths.size(); ++p) {
    int step = 0;
    for (const auto& h : paths[p].hops) {
      rows.push_back({static_cast<int>(p + 1), ++step, g.DisplayName(h.from), g.TypeName(h.edge.type),
                      h.forward ? "->" : "<-", g.EdgeProperty(h.edge, model::kRole),
                      g.DisplayName(h.to), g.EdgeProperty(h.edge, model::kSource)});
    }
  }
  if (format == "table") {
    for (const auto& p : paths) io.out << g.PathSentence(p) << "\n";
    io.out << "\n";
  }
  PrintRows({"path", "hop", "from", "relationship", "direction", "role", "to", "source"}, rows,
            format, io);
  return 0;
}

}  // namespace liner::cli
