#include "graph/model.h"

#include <algorithm>
#include <cctype>

namespace liner::model {

const std::vector<std::string>& RoleCategories() {
  static const std::vector<std::string> k = {"performance", "writing",   "production", "engineering",
                                             "mixing",      "mastering", "other"};
  return k;
}

bool IsRoleCategory(std::string_view s) {
  const auto& c = RoleCategories();
  return std::find(c.begin(), c.end(), s) != c.end();
}

const std::vector<std::string>& Labels() {
  static const std::vector<std::string> k = {kPerson, kGroup, kSong,  kSample,
                                             kAlbum,  kLabel, kStudio};
  return k;
}

const std::vector<std::string>& RelationshipTypes() {
  static const std::vector<std::string> k = {kCredited,  kHasSample, kSamples,
                                             kMemberOf,  kAppearsOn, kReleasedBy,
                                             kRecordedAt, kMixedAt,  kMasteredAt};
  return k;
}

std::string CategoryForRole(std::string_view role) {
  std::string r(role);
  std::transform(r.begin(), r.end(), r.begin(), [](unsigned char c) { return std::tolower(c); });
  auto has = [&](const char* w) { return r.find(w) != std::string::npos; };
  // Order matters: "mixing engineer" is mixing, "mastering engineer" is mastering.
  if (has("master")) return "mastering";
  if (has("mix")) return "mixing";
  if (has("engineer") || has("recording") || has("recorded") || has("programming") ||
      has("editing") || has("technician"))
    return "engineering";
  if (has("produc")) return "production";
  if (has("writ") || has("compos") || has("lyric") || has("arrang") || has("songwriting"))
    return "writing";
  if (has("vocal") || has("perform") || has("sing") || has("rap") || has("narrat") ||
      has("guitar") || has("bass") || has("drum") || has("piano") || has("keyboard") ||
      has("instrument") || has("featur") || has("artist") || has("choir") || has("orchestra") ||
      has("strings") || has("horn") || has("percussion") || has("synth") || has("saxophone") ||
      has("trumpet") || has("violin") || has("cello") || has("organ"))
    return "performance";
  return "other";
}

}  // namespace liner::model
