#pragma once
// Streaming reader of Discogs XML dumps (.xml or .xml.gz, decompressed with zlib on the fly)
// with expat: the monthly artists, labels, masters and releases files, and single records
// (a file whose root is one <release>, <artist>, <label> or <master>). One record is held in
// memory at a time. Not thread-safe.

#include <cstdint>
#include <functional>
#include <string>

#include "cli/import/discogs_model.h"
#include "storage/status.h"

namespace liner::import {

// Called per record with the line the record starts on. A non-OK status stops the reading
// and is returned.
struct DiscogsHandlers {
  std::function<Status(const DiscogsRelease&, uint64_t line)> release;
  std::function<Status(const DiscogsArtist&, uint64_t line)> artist;
  std::function<Status(const DiscogsLabel&, uint64_t line)> label;
  std::function<Status(const DiscogsMaster&, uint64_t line)> master;
  // When set, used instead of `release`: may take the release's contents by swapping them with
  // another release (whose capacity the reader then reuses: it clears every field before it
  // fills the next one).
  std::function<Status(DiscogsRelease*, uint64_t line)> take_release;
};

// Reads `path`; `bytes` advances by the uncompressed bytes parsed; `position` (optional) is set
// to the offset reached in the file as stored (compressed bytes for .gz) after every chunk. Errors: IOError when the
// file cannot be read (or the gzip stream is damaged); InvalidArgument "path:line:column: XML
// error: <expat's reason>" for XML that is not well-formed (including bytes that are not
// valid in the document's encoding).
Status ReadDiscogsXml(const std::string& path, uint64_t* bytes, const DiscogsHandlers& handlers,
                      uint64_t* position = nullptr);

}  // namespace liner::import
