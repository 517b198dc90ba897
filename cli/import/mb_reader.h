#pragma once
// Reading MusicBrainz JSON as a stream of records: a web-service lookup file (one pretty-printed
// entity), a dump file (one entity per line, any size) or a dump archive (.tar.xz and other
// tarballs, read with libarchive as a stream, never unpacked). Not thread-safe.

#include <cstdint>
#include <functional>
#include <string>

#include "storage/status.h"

namespace liner::import {

struct MbRecord {
  const std::string* text = nullptr;  // the JSON text of one entity
  std::string kind_hint;  // from the file or archive member name: "artist", "release-group", …
  std::string where;      // "file" or "archive.tar.xz:mbdump/artist"
  uint64_t line = 0;      // line of `where` on which the record starts (1-based)
};

// Calls `fn` for every record of `path`; stops at the first non-OK status `fn` returns.
// `bytes` is advanced by the uncompressed bytes consumed; `position` (optional) is set to the
// offset reached in the file as stored (compressed bytes for archives). Errors: IOError when the file cannot
// be read, InvalidArgument for a damaged archive.
Status ReadMusicBrainzRecords(const std::string& path, uint64_t* bytes,
                              const std::function<Status(const MbRecord&)>& fn,
                              uint64_t* position = nullptr);

// The entity kind a file or archive member name suggests ("" when none): "release-group",
// "recording", "release", "artist", "label", "place", "work".
std::string MbKindFromName(const std::string& name);

// True when the file looks like a tar archive (by name or by its compressed magic bytes).
bool LooksLikeArchive(const std::string& path);

}  // namespace liner::import
