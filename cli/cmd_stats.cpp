// liner stats: node counts by label and edge counts by type.
#include "cli/db_open.h"
#include "cli/rows_out.h"

namespace liner::cli {

int CmdStats(const std::vector<std::string>& args, Io& io) {
  Flags flags("liner stats");
  flags.Value("db").Value("format");
  Status st = flags.Parse(args);
  if (st.ok()) st = CheckRowsFormat(flags.Get("format", "table"));
  if (st.ok() && !flags.positionals().empty()) {
    st = Status::InvalidArgument("liner stats: unexpected argument '" + flags.positionals()[0] +
                                 "'");
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
  GraphCounts c = (*db)->Counts();
  std::vector<std::vector<nlohmann::json>> rows;
  for (const auto& [label, n] : c.by_label) rows.push_back({"label", label, n});
  for (const auto& [type, n] : c.by_type) rows.push_back({"relationship", type, n});
  rows.push_back({"total", "nodes", c.nodes});
  rows.push_back({"total", "relationships", c.edges});
  PrintRows({"kind", "name", "count"}, rows, flags.Get("format", "table"), io);
  return 0;
}

}  // namespace liner::cli
