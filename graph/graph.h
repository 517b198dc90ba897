#pragma once
// Graph: the typed traversal layer over one storage Transaction — name resolution,
// neighbours by type, direction and credit role, k-hop expansion, bidirectional BFS shortest
// paths, and the domain question "who is linked to NAME through samples / a shared role".
// Thread-compatible: one Graph per transaction, used from one thread.

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.h"

namespace liner::graph {

// Which edges a traversal may follow. Empty lists mean "any".
struct EdgeFilter {
  std::vector<std::string> types;       // relationship type names
  Direction direction = Direction::kBoth;
  std::vector<std::string> categories;  // CREDITED edges only: allowed role categories
  std::vector<std::string> roles;       // CREDITED edges only: allowed roles (exact, any case)

  // Parses a --via list: comma-separated relationship types (CREDITED, SAMPLES, ...), role
  // categories (production, writing, ...) and the shorthand "samples" (the sample chain plus
  // credits and membership). Errors name the unknown word.
  static Result<EdgeFilter> FromVia(const std::string& via);
};

// One traversed edge with the node it leads to.
struct Hop {
  EdgeRecord edge;
  NodeId from = 0;
  NodeId to = 0;
  bool forward = true;  // true when the edge points from `from` to `to`
};

struct Path {
  NodeId start = 0;
  std::vector<Hop> hops;
  NodeId end() const { return hops.empty() ? start : hops.back().to; }
};

// One person or group linked to the subject, with how.
struct LinkedRow {
  NodeId node = 0;
  std::string name;
  std::vector<std::string> roles;  // their roles on the connecting songs
  std::vector<std::string> via;    // the connecting songs, e.g. "We Cry Together samples June"
};

struct TraversalLimits {
  int max_hops = 12;
  size_t max_visited = 5'000'000;       // nodes touched before LimitExceeded
  const std::atomic<bool>* cancel = nullptr;
};

class Graph {
 public:
  explicit Graph(Transaction* txn) : txn_(txn) {}
  Transaction* txn() { return txn_; }

  // Every node whose name/title matches (normalised), or the node `#ID`. Optionally only nodes
  // with one of `labels`.
  Result<std::vector<NodeId>> Lookup(const std::string& name,
                                     const std::vector<std::string>& labels = {});
  // Exactly one node: NotFound when none, InvalidArgument listing the candidates with what
  // tells them apart when several ("pass #ID to choose").
  Result<NodeId> ResolveOne(const std::string& name, const std::vector<std::string>& labels = {});

  // name, else title, else "#id".
  std::string DisplayName(NodeId id);
  // "Florence Welch (Person #12; mbid …, aliases …; 3 credits)".
  std::string Describe(NodeId id);
  std::vector<std::string> LabelsOf(NodeId id);
  // A property of a node or edge as text ("" when absent).
  std::string NodeProperty(NodeId id, const std::string& key);
  std::string EdgeProperty(const EdgeRecord& e, const std::string& key);
  std::string TypeName(TokenId type);

  // Edges of `node` that pass `filter`, in storage order.
  Result<std::vector<Hop>> Neighbors(NodeId node, const EdgeFilter& filter);
  // Nodes within k hops (excluding `node`), with their distance, in BFS order.
  Result<std::vector<std::pair<NodeId, int>>> KHop(NodeId node, int k, const EdgeFilter& filter,
                                                    const TraversalLimits& limits = {});
  // Shortest path (bidirectional BFS); nullopt when none within limits.max_hops.
  Result<std::optional<Path>> ShortestPath(NodeId a, NodeId b, const EdgeFilter& filter,
                                           const TraversalLimits& limits = {});
  // Every shortest path (up to `max_paths`).
  Result<std::vector<Path>> AllShortestPaths(NodeId a, NodeId b, const EdgeFilter& filter,
                                             size_t max_paths = 100,
                                             const TraversalLimits& limits = {});

  // The card's question. via "samples": people and groups credited on songs that sample, or are
  // sampled by, songs credited to `who` (or to a group `who` is a member of). via a role
  // category: people who share a collaborator of that category with `who` (a shared producer),
  // the shared collaborator included. via "credits": direct collaborators.
  Result<std::vector<LinkedRow>> Linked(NodeId who, const std::string& via);

  // How a hop reads in a sentence: "lead vocals on", "written by", "samples", "member of".
  // A HAS_SAMPLE+SAMPLES pair through a Sample node reads as one "samples"/"sampled by" step.
  std::string HopPhrase(const Hop& hop);
  // "Kendrick Lamar — lead vocals on → We Cry Together — samples → June — written by →
  // Florence Welch".
  std::string PathSentence(const Path& path);

 private:
  bool Passes(const AdjEntry& e, const EdgeFilter& f, const std::vector<TokenId>& types,
              EdgeRecord* rec, bool* loaded);
  Result<std::vector<TokenId>> TypeTokens(const EdgeFilter& f);
  // Songs/albums credited to `who` and to the groups `who` is a member of.
  Result<std::vector<NodeId>> CreditedWorks(NodeId who);
  // (credited node, role) pairs on a song.
  Result<std::vector<std::pair<NodeId, std::string>>> Credits(NodeId song,
                                                              const std::string& category = "");

  Transaction* txn_;
};

}  // namespace liner::graph
