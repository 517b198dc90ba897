// liner linked: who is linked to NAME through samples, or through a shared collaborator of a
// role category (--via production), with their roles and the connecting songs.
#include "cli/db_open.h"
#include "cli/rows_out.h"
#include "graph/graph.h"

namespace liner::cli {

int CmdLinked(const std::vector<std::string>& args, Io& io) {
  Flags flags("liner linked");
  flags.Value("via");
  if (Status st = ParseRowsCommand(flags, args, 1, "one NAME (quote names with spaces)");
      !st.ok()) {
    return ReportError(io, st, /*usage=*/true);
  }
  auto db = OpenDatabase(flags, io, /*read_only=*/true);
  if (!db.ok()) return ReportError(io, db.status());
  auto txn = (*db)->BeginRead();
  graph::Graph g(txn.get());
  auto who = g.ResolveOne(flags.positionals()[0]);
  if (!who.ok()) return ReportError(io, who.status());
  auto rows = g.Linked(*who, flags.Get("via", "samples"));
  if (!rows.ok()) {
    return ReportError(io, rows.status(),
                       rows.status().code() == Status::Code::kInvalidArgument);
  }
  std::vector<std::vector<nlohmann::json>> out;
  for (const auto& r : *rows) out.push_back({r.name, r.roles, r.via});
  PrintRows({"name", "roles", "via"}, out, flags.Get("format", "table"), io);
  return 0;
}

}  // namespace liner::cli
