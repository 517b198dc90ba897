#pragma once
// ReadDiscogsXmlAhead: ReadDiscogsXml (discogs_xml.h) with the decompression and XML parsing on
// a second thread, a few records ahead of the caller's handlers. Parsing was about a sixth of
// the importing thread's time; on two cores it now runs beside the resolver and the writes.
//
// Same contract as ReadDiscogsXml: the handlers run on the calling thread, one at a time, in
// document order; `*bytes` and `*position` are, when a handler runs, what they were when the
// parser reached that record (so progress and summaries read the same); a handler's error stops
// the parser and is returned; an XML or I/O error is returned after every record before it was
// handled. Memory: a ring of 64 records (kept and reused) besides the parser's own.
// Thread safety: call from one thread; the handlers need not be thread-safe (only the calling
// thread runs them).

#include <cstdint>
#include <string>

#include "cli/import/discogs_xml.h"

namespace liner::import {

Status ReadDiscogsXmlAhead(const std::string& path, uint64_t* bytes,
                           const DiscogsHandlers& handlers, uint64_t* position = nullptr);

}  // namespace liner::import
