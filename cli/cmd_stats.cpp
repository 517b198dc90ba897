// liner stats: node counts by label and edge counts by type.
#include "cli/db_open.h"
#include "cli/rows_out.h"

namespace liner::cli {

int CmdStats(const std::vector<std::string>& args, Io& io) {
  Flags flags("liner stats");
  if (Status st = ParseRowsCommand(flags, args, 0, "no arguments"); !st.ok()) {
    return ReportError(io, st, /*usage=*/true);
  }
  auto db = OpenDatabase(flags, io, /*read_only=*/true);
  if (!db.ok()) return ReportError(io, db.status());
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
