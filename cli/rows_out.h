#pragma once
// PrintRows: prints a small result (columns + rows of JSON values) as an aligned table, CSV,
// a JSON array of objects keyed by column, or JSON Lines. For commands whose rows are plain
// values (stats, linked, path); query results go through the full renderers.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/command.h"
#include "storage/status.h"

namespace liner::cli {

// Returns InvalidArgument for an unknown format name.
Status CheckRowsFormat(const std::string& format);
void PrintRows(const std::vector<std::string>& columns,
               const std::vector<std::vector<nlohmann::json>>& rows, const std::string& format,
               Io& io);

}  // namespace liner::cli
