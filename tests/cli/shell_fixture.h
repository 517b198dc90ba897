#pragma once
// Fixtures for the shell tests: a small music graph built through the storage API (so the
// domain verbs can be tested without the importer), a Shell over string streams, and an
// in-process `liner` run. One fixture per test; not thread-safe.

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/shell.h"
#include "query/engine.h"
#include "storage/database.h"
#include "tests/support/temp_dir.h"

namespace liner::testing {

// Kendrick Lamar -[lead vocals]-> We Cry Together -HAS_SAMPLE-> (sample) -SAMPLES-> June
// <-[songwriting]- Florence Welch -MEMBER_OF-> Florence and the Machine -[performer]-> June;
// Valentine is sampled too; two different people are named John Smith.
class MusicDb {
 public:
  MusicDb() {
    auto db = Database::Open(dir_.Sub("db"));
    REQUIRE(db.ok());
    db_ = std::move(*db);
    auto txn = db_->Begin();
    REQUIRE(txn.ok());
    t_ = txn->get();
    kendrick_ = Node("Person", "name", "Kendrick Lamar", {{"born", Value(int64_t{1987})}});
    florence_ = Node("Person", "name", "Florence Welch", {});
    band_ = Node("Group", "name", "Florence and the Machine", {});
    wct_ = Node("Song", "title", "We Cry Together", {{"length_seconds", Value(int64_t{341})}});
    june_ = Node("Song", "title", "June", {});
    valentine_ = Node("Song", "title", "Valentine", {});
    NodeId s1 = Node("Sample", "name", "June sample", {});
    NodeId s2 = Node("Sample", "name", "Valentine sample", {});
    john1_ = Node("Person", "name", "John Smith", {{"born", Value(int64_t{1950})}});
    john2_ = Node("Person", "name", "John Smith", {{"born", Value(int64_t{1990})}});
    Credit(kendrick_, wct_, "lead vocals", "performance");
    Credit(florence_, june_, "songwriting", "writing");
    Credit(band_, june_, "performer", "performance");
    Credit(john1_, valentine_, "performer", "performance");
    Edge(florence_, band_, "MEMBER_OF", {});
    Edge(wct_, s1, "HAS_SAMPLE", {});
    Edge(s1, june_, "SAMPLES", {});
    Edge(wct_, s2, "HAS_SAMPLE", {});
    Edge(s2, valentine_, "SAMPLES", {});
    REQUIRE(t_->Commit().ok());
    t_ = nullptr;
  }

  Database* db() { return db_.get(); }
  // Closes the database so that a command can open the directory itself.
  void Close() { db_.reset(); }
  std::string path() const { return dir_.Sub("db"); }
  const TempDir& dir() const { return dir_; }
  NodeId kendrick_ = 0, florence_ = 0, band_ = 0, wct_ = 0, june_ = 0, valentine_ = 0;
  NodeId john1_ = 0, john2_ = 0;

 private:
  TokenId Tok(TokenKind kind, const std::string& name) {
    auto t = t_->GetOrCreateToken(kind, name);
    REQUIRE(t.ok());
    return *t;
  }
  NodeId Node(const std::string& label, const std::string& key, const std::string& name,
              std::vector<std::pair<std::string, Value>> more) {
    PropertyMap props;
    props.Set(Tok(TokenKind::kPropertyKey, key), Value(name));
    for (auto& [k, v] : more) props.Set(Tok(TokenKind::kPropertyKey, k), v);
    auto id = t_->CreateNode({Tok(TokenKind::kLabel, label)}, props);
    REQUIRE(id.ok());
    return *id;
  }
  void Edge(NodeId a, NodeId b, const std::string& type,
            std::vector<std::pair<std::string, Value>> props) {
    PropertyMap p;
    p.Set(Tok(TokenKind::kPropertyKey, "source"), Value("Wikipedia: We Cry Together"));
    for (auto& [k, v] : props) p.Set(Tok(TokenKind::kPropertyKey, k), v);
    REQUIRE(t_->CreateEdge(a, b, Tok(TokenKind::kRelType, type), p).ok());
  }
  void Credit(NodeId who, NodeId song, const std::string& role, const std::string& category) {
    Edge(who, song, "CREDITED", {{"role", Value(role)}, {"category", Value(category)}});
  }

  TempDir dir_;
  std::unique_ptr<Database> db_;
  Transaction* t_ = nullptr;
};

// A Shell in script mode over string streams.
class ShellHarness {
 public:
  explicit ShellHarness(Database* db, bool keep_going = false)
      : engine_(db), io_{in_, out_, err_} {
    cli::ShellOptions options;
    options.keep_going = keep_going;
    options.render.mode = cli::OutputMode::kTable;
    options.render.max_width = 0;
    shell_ = std::make_unique<cli::Shell>(db, &engine_, io_, options);
  }
  int Run(const std::string& script) { return shell_->RunScript(script); }
  cli::Shell& shell() { return *shell_; }
  std::string out() const { return out_.str(); }
  std::string err() const { return err_.str(); }

 private:
  query::Engine engine_;
  std::istringstream in_;
  std::ostringstream out_, err_;
  cli::Io io_;
  std::unique_ptr<cli::Shell> shell_;
};

struct CliRun {
  int rc = -1;
  std::string out, err;
};

// Runs `liner ARGS...` in-process with `input` as stdin.
inline CliRun RunLinerInProcess(std::vector<std::string> args, const std::string& input = "") {
  std::istringstream in(input);
  std::ostringstream out, err;
  cli::Io io{in, out, err};
  args.insert(args.begin(), "liner");
  CliRun r;
  r.rc = cli::RunCli(args, io);
  r.out = out.str();
  r.err = err.str();
  return r;
}

}  // namespace liner::testing
