// The default database: built once from the embedded datasets into a temporary directory and
// renamed into place, so an interrupted first run never leaves a half-built database behind.
#include "cli/db_open.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <ostream>

namespace liner::cli {

namespace fs = std::filesystem;

namespace {

std::string DatasetsDir() {
  if (const char* d = std::getenv("LINER_DATASETS")) return d;
  return LINER_DATASETS_DIR;
}

// Runs the music-routes fetch script; returns the package's data folder or "" (offline, no npm).
std::string FetchMusicRoutes(Io& io) {
  std::string script = DatasetsDir() + "/music-routes/fetch.sh";
  if (!fs::exists(script) || std::getenv("LINER_NO_FETCH")) return "";
  std::string cmd = "bash '" + script + "' 2>/dev/null";
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return "";
  std::string out;
  char buf[512];
  while (fgets(buf, sizeof buf, p)) out += buf;
  int rc = pclose(p);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  if (auto nl = out.rfind('\n'); nl != std::string::npos) out = out.substr(nl + 1);
  if (rc != 0 || out.empty() || !fs::is_directory(out)) return "";
  return out;
}

}  // namespace

std::string DefaultDatabasePath() {
  if (const char* env = std::getenv("LINER_DB"); env && *env) return env;
  std::string base;
  if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x) {
    base = x;
  } else if (const char* h = std::getenv("HOME"); h && *h) {
    base = std::string(h) + "/.local/share";
  } else {
    base = "/tmp";
  }
  return base + "/liner/default.db";
}

Result<std::string> EnsureDefaultDatabase(Io& io) {
  std::string path = DefaultDatabasePath();
  std::error_code ec;
  if (fs::exists(fs::path(path) / "CURRENT", ec)) return path;
  std::string seed = DatasetsDir() + "/seed";
  if (!fs::is_directory(seed)) {
    return Status::NotFound("the embedded seed dataset is missing (looked in " + seed +
                            "); set LINER_DATASETS to the datasets/ folder or pass --db");
  }
  fs::create_directories(fs::path(path).parent_path(), ec);
  std::string tmp = path + ".building";
  fs::remove_all(tmp, ec);
  io.err << "Building the default database at " << path << " (first use)...\n";
  Io quiet{io.in, io.err, io.err};
  int rc = RunCli({"liner", "import", "--db", tmp, seed}, quiet);
  if (rc != 0) {
    fs::remove_all(tmp, ec);
    return Status::Internal("importing the seed dataset into " + tmp + " failed");
  }
  std::string routes = FetchMusicRoutes(io);
  if (!routes.empty()) {
    io.err << "Adding music-routes-data (CC BY-SA 4.0) from " << routes << "...\n";
    if (RunCli({"liner", "import", "--db", tmp, "--format", "music-routes", routes}, quiet) != 0) {
      io.err << "warning: music-routes-data did not import; the default database holds the "
                "seed dataset only\n";
    }
  } else {
    io.err << "(music-routes-data not available offline: the default database holds the seed "
              "dataset only)\n";
  }
  fs::rename(tmp, path, ec);
  if (ec) return Status::IOError("cannot move " + tmp + " to " + path + ": " + ec.message());
  return path;
}

Result<std::unique_ptr<Database>> OpenDatabase(const Flags& flags, Io& io, bool read_only,
                                               bool create) {
  std::string path = flags.Get("db");
  if (path.empty()) {
    LINER_ASSIGN_OR_RETURN(path, EnsureDefaultDatabase(io));
  }
  OpenOptions o;
  o.read_only = read_only;
  o.create_if_missing = create;
  auto db = Database::Open(path, o);
  if (!db.ok() && db.status().code() == Status::Code::kNotFound && !create) {
    return Status::NotFound("no Liner database at " + path +
                            " (create one with 'liner import --db " + path + " FILES')");
  }
  return db;
}

}  // namespace liner::cli
