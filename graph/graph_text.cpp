// Readable sentences for paths: each hop says how two nodes are linked, from the point of view
// of the walk's direction.
#include "graph/graph.h"
#include "graph/model.h"

namespace liner::graph {

std::string Graph::HopPhrase(const Hop& hop) {
  std::string type = TypeName(hop.edge.type);
  if (type == model::kCredited) {
    std::string role = EdgeProperty(hop.edge, model::kRole);
    if (role.empty()) role = "credited";
    if (hop.forward) return role + " on";
    std::string cat = EdgeProperty(hop.edge, model::kCategory);
    if (cat.empty()) cat = model::CategoryForRole(role);
    if (cat == "writing") return "written by";
    if (cat == "production") return "produced by";
    if (cat == "mixing") return "mixed by";
    if (cat == "mastering") return "mastered by";
    // "lead vocals by", "narration by" read well; "performer by" does not.
    auto ends = [&](const char* suffix) {
      std::string_view r(role), x(suffix);
      return r.size() >= x.size() && r.substr(r.size() - x.size()) == x;
    };
    bool agent_noun = ends("er") || ends("or") || ends("ist") || ends("artist");
    if (cat == "performance" && agent_noun) return "performed by";
    if (cat == "engineering" && agent_noun) return "engineered by";
    return agent_noun ? "credited (" + role + ") to" : role + " by";
  }
  if (type == model::kHasSample) return hop.forward ? "has sample" : "sample used in";
  if (type == model::kSamples) return hop.forward ? "samples" : "sampled in";
  if (type == model::kMemberOf) return hop.forward ? "member of" : "has member";
  if (type == model::kAppearsOn) return hop.forward ? "appears on" : "includes";
  if (type == model::kReleasedBy) return hop.forward ? "released by" : "released";
  if (type == model::kRecordedAt) return hop.forward ? "recorded at" : "recording studio of";
  if (type == model::kMixedAt) return hop.forward ? "mixed at" : "mixing studio of";
  if (type == model::kMasteredAt) return hop.forward ? "mastered at" : "mastering studio of";
  std::string lower = type;
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return hop.forward ? lower : lower + " (reverse)";
}

std::string Graph::PathSentence(const Path& path) {
  std::string out = DisplayName(path.start);
  for (size_t i = 0; i < path.hops.size(); ++i) {
    const Hop& h = path.hops[i];
    std::string type = TypeName(h.edge.type);
    // Song -HAS_SAMPLE-> Sample -SAMPLES-> Song reads "samples"; the reverse "sampled by".
    if (i + 1 < path.hops.size()) {
      const Hop& n = path.hops[i + 1];
      std::string next_type = TypeName(n.edge.type);
      if (type == model::kHasSample && h.forward && next_type == model::kSamples && n.forward) {
        out += " — samples → " + DisplayName(n.to);
        ++i;
        continue;
      }
      if (type == model::kSamples && !h.forward && next_type == model::kHasSample && !n.forward) {
        out += " — sampled by → " + DisplayName(n.to);
        ++i;
        continue;
      }
    }
    out += " — " + HopPhrase(h) + " → " + DisplayName(h.to);
  }
  return out;
}

}  // namespace liner::graph
