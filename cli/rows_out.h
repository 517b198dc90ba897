#pragma once
// PrintRows: prints a small result (columns + rows of JSON values) as an aligned table, CSV,
// a JSON array of objects keyed by column, or JSON Lines. For commands whose rows are plain
// values (stats, linked, path); query results go through the full renderers.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/flags.h"
#include "storage/status.h"

namespace liner::cli {

// Parses the arguments of a command that prints rows: declares --db and --format on `flags`
// (besides what the caller declared), checks the format and that the number of positionals is
// `positionals` ("A B" style usage text in `what` names them in the error).
Status ParseRowsCommand(Flags& flags, const std::vector<std::string>& args, size_t positionals,
                        const std::string& what);

// Prints "error: MESSAGE" on stderr; returns 2 for usage errors (bad flags or arguments) and 1
// for everything else, the exit codes of every command.
int ReportError(Io& io, const Status& st, bool usage = false);

// Returns InvalidArgument for an unknown format name.
Status CheckRowsFormat(const std::string& format);
void PrintRows(const std::vector<std::string>& columns,
               const std::vector<std::vector<nlohmann::json>>& rows, const std::string& format,
               Io& io);

}  // namespace liner::cli
