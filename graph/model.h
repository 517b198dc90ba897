#pragma once
// The music data model: label and relationship type names, role categories.
// Constants and pure functions; thread-safe.

#include <string>
#include <string_view>
#include <vector>

namespace liner::model {

inline constexpr const char* kPerson = "Person";
inline constexpr const char* kGroup = "Group";
inline constexpr const char* kSong = "Song";
inline constexpr const char* kSample = "Sample";
inline constexpr const char* kAlbum = "Album";
inline constexpr const char* kLabel = "Label";
inline constexpr const char* kStudio = "Studio";

inline constexpr const char* kCredited = "CREDITED";      // Person|Group -> Song|Album
inline constexpr const char* kHasSample = "HAS_SAMPLE";   // Song -> Sample
inline constexpr const char* kSamples = "SAMPLES";        // Sample -> source Song
inline constexpr const char* kMemberOf = "MEMBER_OF";     // Person -> Group
inline constexpr const char* kAppearsOn = "APPEARS_ON";   // Song -> Album
inline constexpr const char* kReleasedBy = "RELEASED_BY"; // Album|Song -> Label
inline constexpr const char* kRecordedAt = "RECORDED_AT"; // Song -> Studio
inline constexpr const char* kMixedAt = "MIXED_AT";       // Song -> Studio
inline constexpr const char* kMasteredAt = "MASTERED_AT"; // Song -> Studio

// Edge and credit property keys.
inline constexpr const char* kRole = "role";
inline constexpr const char* kCategory = "category";
inline constexpr const char* kSource = "source";

// The seven role categories, in display order.
const std::vector<std::string>& RoleCategories();
bool IsRoleCategory(std::string_view s);
const std::vector<std::string>& Labels();
const std::vector<std::string>& RelationshipTypes();

// Best-effort category of a free-text role ("lead vocals" -> performance, "mixing assistance"
// -> mixing, "recording engineer" -> engineering); "other" when nothing matches.
std::string CategoryForRole(std::string_view role);

}  // namespace liner::model
