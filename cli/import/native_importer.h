#pragma once
// NativeImporter: the state shared by the CSV and JSONL readers of one native import — the
// sink being written, ID spaces (external id -> NodeId), token caches, the summary, and the
// handling of bad rows (stop, or report and skip). Private to cli/import/native_*.cpp.
// Not thread-safe.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "cli/import/csv_header.h"
#include "cli/import/native_import.h"
#include "cli/import/native_sink.h"

namespace liner::import {

// External ids of one ID space. Small non-negative integers use a dense table, and as long
// as the integer ids come in ascending runs of consecutive numbers given to consecutive nodes
// (a generator's or an export's usual order: ids lo, lo+1, ... as nodes n, n+1, ...), no table
// at all: a lookup is then arithmetic, without the cache miss of a random table read (6% of a
// large import's instructions were those misses).
class IdSpace {
 public:
  // Returns false when the id is already present.
  bool InsertInt(int64_t id, NodeId node);
  NodeId FindInt(int64_t id) const {  // 0 when absent
    if (linear_) {
      return id >= linear_lo_ && id < linear_hi_ ? static_cast<NodeId>(id + linear_offset_) : 0;
    }
    return FindIntInTable(id);
  }
  bool InsertString(std::string_view id, NodeId node);
  NodeId FindString(std::string_view id) const;

 private:
  static constexpr int64_t kDenseLimit = int64_t{1} << 26;
  NodeId FindIntInTable(int64_t id) const;
  bool InsertIntInTable(int64_t id, NodeId node);

  // Linear: ids [linear_lo_, linear_hi_) are nodes id + linear_offset_, the tables are empty.
  bool linear_ = true;
  int64_t linear_lo_ = 0, linear_hi_ = 0, linear_offset_ = 0;
  std::vector<NodeId> dense_;
  std::unordered_map<int64_t, NodeId> sparse_;
  std::unordered_map<std::string, NodeId> strings_;
};

class NativeImporter {
 public:
  NativeImporter(std::unique_ptr<GraphSink> sink, const NativeOptions& options)
      : sink_(std::move(sink)), options_(options) {
    if (options_.timings) {
      phases_ = std::make_unique<PhaseLog>();
      sink_->SetPhaseLog(phases_.get());
    }
  }
  // The phase log of --timings (null without it).
  PhaseLog* phases() { return phases_.get(); }

  const NativeOptions& options() const { return options_; }
  ImportSummary& summary() { return summary_; }
  IdSpace& Space(const std::string& name) { return spaces_[name]; }

  Result<TokenId> Label(std::string_view name);
  Result<TokenId> Type(std::string_view name);
  Result<TokenId> Key(std::string_view name);

  // Adds a node / edge and counts it in the summary. `labels` holds tokens from Label().
  Result<NodeId> AddNode(std::vector<TokenId> labels, const PropertyMap& props);
  Status AddEdge(NodeId src, NodeId dst, TokenId type, const PropertyMap& props);

  // A bad row: returns the error (stop) or, with skip_bad, reports it and returns OK.
  // `where` is "file:line:column".
  Status BadRow(const std::string& where, const std::string& reason);

  // Redraws the progress line (at most a few times a second; only at a terminal).
  void Progress(const std::string& file, uint64_t done, uint64_t total);
  void EndProgress();

  Status Commit();
  void Reserve(uint64_t nodes, uint64_t edges) { sink_->Reserve(nodes, edges); }

 private:
  Result<TokenId> CachedToken(TokenKind kind, std::string_view name,
                              std::unordered_map<std::string, TokenId>* cache);

  std::unique_ptr<PhaseLog> phases_;  // declared first: the sink's threads record into it
  std::unique_ptr<GraphSink> sink_;
  NativeOptions options_;
  ImportSummary summary_;
  std::unordered_map<std::string, IdSpace> spaces_;
  std::unordered_map<std::string, TokenId> labels_, types_, keys_;
  std::unordered_map<TokenId, std::string> label_names_, type_names_;
  std::vector<uint64_t> label_counts_, type_counts_;  // by token
  uint64_t last_progress_ns_ = 0;
  bool progress_drawn_ = false;
};

// Parses text as a property value of the given type (`array` splits on the array delimiter).
// Returns the error reason (without location) on failure.
Result<Value> ParseTypedValue(std::string_view text, PropType type, bool array,
                              char array_delimiter);
// Parses an integer id ("invalid integer id" errors).
bool ParseInt64(std::string_view text, int64_t* out);

// Per-format entry points used by ImportNative.
Status ImportCsvNodes(NativeImporter& imp, const NativeInput& input);
Status ImportCsvRelationships(NativeImporter& imp, const NativeInput& input);
Status ImportJsonl(NativeImporter& imp, const std::string& file, bool relationships);
// Peeks at a CSV input's header: whether it describes relationships.
Result<bool> CsvIsRelationships(const NativeInput& input, char delimiter);

}  // namespace liner::import
