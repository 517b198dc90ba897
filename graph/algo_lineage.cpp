// Sample lineage: the HAS_SAMPLE / SAMPLES chain up and down from a song, by depth.
#include <algorithm>
#include <vector>

#include "graph/algo_scratch.h"
#include "graph/algo_similarity.h"
#include "graph/snapshot_impl.h"

namespace liner::graph {

Result<std::vector<LineageEntry>> Lineage(const Snapshot& snap, NodeId song, int max_depth,
                                          const Interrupt* interrupt) {
  const Snapshot::Impl& s = snap.impl();
  LINER_ASSIGN_OR_RETURN(Vertex start, RequireNode(snap, song, "song"));
  if (!snap.HasLabel(start, "Song")) {
    return Status::InvalidArgument("song: node " + std::to_string(song) + " is not a Song");
  }
  if (max_depth < 0) return Status::InvalidArgument("depth must be >= 0");
  auto has_sample = snap.TypeIndex("HAS_SAMPLE");
  auto samples = snap.TypeIndex("SAMPLES");
  auto song_label = snap.LabelIndex("Song");
  auto is_song = [&](Vertex v) { return (s.labels[v] >> *song_label & 1) != 0; };
  std::vector<LineageEntry> out;
  if (!samples) return out;
  uint64_t polls = 0;

  // One song hop: up follows HAS_SAMPLE then SAMPLES forwards (or SAMPLES song -> song); down
  // follows them backwards.
  auto step = [&](Vertex v, bool up, std::vector<Vertex>* next) {
    auto follow = [&](Vertex x, const EdgeProps& p, Vertex y) {
      if (p.type == *samples && is_song(y)) {
        next->push_back(y);
      } else if (has_sample && p.type == *has_sample && !is_song(y)) {
        // y is a Sample: continue along SAMPLES in the same direction.
        if (up) {
          for (auto [it, end] = boost::out_edges(y, s.g); it != end; ++it) {
            Vertex z = boost::target(*it, s.g);
            if (s.g[*it].type == *samples && is_song(z)) next->push_back(z);
          }
        }
      }
    };
    if (up) {
      for (auto [it, end] = boost::out_edges(v, s.g); it != end; ++it) {
        follow(v, s.g[*it], boost::target(*it, s.g));
      }
      return;
    }
    for (auto [it, end] = boost::in_edges(v, s.g); it != end; ++it) {
      const EdgeProps& p = s.g[*it];
      Vertex x = boost::source(*it, s.g);
      if (p.type != *samples) continue;
      if (is_song(x)) {
        next->push_back(x);
      } else if (has_sample) {
        for (auto [jt, jend] = boost::in_edges(x, s.g); jt != jend; ++jt) {
          Vertex y = boost::source(*jt, s.g);
          if (s.g[*jt].type == *has_sample && is_song(y)) next->push_back(y);
        }
      }
    }
  };

  for (bool up : {true, false}) {
    StampedArray& seen = ThreadScratch(0);
    seen.Reset(s.ids.size());
    seen.Set(start, 0);
    std::vector<Vertex> frontier{start};
    for (int d = 1; (max_depth == 0 || d <= max_depth) && !frontier.empty(); ++d) {
      std::vector<Vertex> next, fresh;
      for (Vertex v : frontier) {
        LINER_RETURN_IF_ERROR(PollInterrupt(interrupt, &polls, 256));
        step(v, up, &next);
      }
      for (Vertex v : next) {
        if (!seen.Has(v)) {
          seen.Set(v, d);
          fresh.push_back(v);
        }
      }
      std::sort(fresh.begin(), fresh.end());
      for (Vertex v : fresh) out.push_back({s.ids[v], d, up});
      frontier = std::move(fresh);
    }
  }
  return out;
}

}  // namespace liner::graph
