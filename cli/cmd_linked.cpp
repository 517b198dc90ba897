// liner linked: who is linked to NAME through samples, or through a shared collaborator of a
// role category (--via production), with their roles and the connecting songs.
#include "cli/db_open.h"
#include "cli/rows_out.h"
#include "graph/graph.h"

namespace liner::cli {

int CmdLinked(const std::vector<std::string>& args, Io& io) {
  Flags flags("liner linked");
  flags.Value("db").Value("format").Value("via");
  Status st = flags.Parse(args);
  if (st.ok()) st = CheckRowsFormat(flags.Get("format", "table"));
  if (st.ok() && flags.positionals().size() != 1) {
    st = Status::InvalidArgument("liner linked: expected exactly one NAME (quote names with "
                                 "spaces), got " + std::to_string(flags.positionals().size()));
  }
  if (!st.ok()) {
    io.err << "error: " << st.message() << "\n";
    return 2;
  }
  auto db = OpenDatabase(flags, io, /*read_only=*/true);
  if (!db.ok()) {
    io.err << "error: " << db.status().message() << "\n";
    return 1;
  }
  auto txn = (*db)->BeginRead();
  graph::Graph g(txn.get());
  auto who = g.ResolveOne(flags.positionals()[0]);
  if (!who.ok()) {
    io.err << "error: " << who.status().message() << "\n";
    return 1;
  }
  auto rows = g.Linked(*who, flags.Get("via", "samples"));
  if (!rows.ok()) {
    io.err << "error: " << rows.status().message() << "\n";
    return rows.status().code() == Status::Code::kInvalidArgument ? 2 : 1;
  }
  std::vector<std::vector<nlohmann::json>> out;
  for (const auto& r : *rows) out.push_back({r.name, r.roles, r.via});
  PrintRows({"name", "roles", "via"}, out, flags.Get("format", "table"), io);
  return 0;
}

}  // namespace liner::cli
