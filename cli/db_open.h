#pragma once
// Opening the database a command works on: --db DIR, else $LINER_DB, else the default
// database (~/.local/share/liner/default.db), which is built from the embedded datasets
// (datasets/seed, plus music-routes-data when it can be fetched) on first use.

#include <memory>
#include <string>

#include "cli/command.h"
#include "cli/flags.h"
#include "storage/database.h"

namespace liner::cli {

// The path of the default database ($LINER_DB or ~/.local/share/liner/default.db).
std::string DefaultDatabasePath();

// Builds the default database at `path` from the embedded datasets if it does not exist yet,
// printing what it does to io.err. Returns the path.
Result<std::string> EnsureDefaultDatabase(Io& io);

// Opens --db (must exist unless create is true), or the default database.
Result<std::unique_ptr<Database>> OpenDatabase(const Flags& flags, Io& io, bool read_only,
                                               bool create = false);

}  // namespace liner::cli
