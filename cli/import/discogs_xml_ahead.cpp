// Parsing a Discogs XML file a few records ahead of the writer (see discogs_xml_ahead.h).
#include "cli/import/discogs_xml_ahead.h"

#include <thread>
#include <utility>

#include "cli/import/read_ahead.h"

namespace liner::import {
namespace {

// One parsed record on its way to the handlers (the slot's objects are reused).
struct Slot {
  enum class Kind { kRelease, kArtist, kLabel, kMaster } kind = Kind::kRelease;
  DiscogsRelease release;
  DiscogsArtist artist;
  DiscogsLabel label;
  DiscogsMaster master;
  uint64_t line = 0, bytes = 0, position = 0;
};

}  // namespace

Status ReadDiscogsXmlAhead(const std::string& path, uint64_t* bytes,
                           const DiscogsHandlers& handlers, uint64_t* position) {
  ReadAheadRing<Slot> ring;
  // Written by the parser thread only; copied into each slot it fills.
  uint64_t parser_bytes = 0, parser_position = 0;
  auto put = [&](Slot::Kind kind, uint64_t line, auto&& fill) -> Status {
    Slot* s = ring.Claim();
    if (!s) return Status::Cancelled("stopped by the reader");
    s->kind = kind;
    fill(*s);
    s->line = line;
    s->bytes = parser_bytes;
    s->position = parser_position;
    ring.Publish();
    return Status::OK();
  };
  DiscogsHandlers ahead;
  if (handlers.release || handlers.take_release) {
    // Swapped, not copied: the slot's previous release goes back to the parser to be refilled.
    ahead.take_release = [&](DiscogsRelease* r, uint64_t line) {
      return put(Slot::Kind::kRelease, line, [&](Slot& s) { std::swap(s.release, *r); });
    };
  }
  if (handlers.artist) {
    ahead.artist = [&](const DiscogsArtist& a, uint64_t line) {
      return put(Slot::Kind::kArtist, line, [&](Slot& s) { s.artist = a; });
    };
  }
  if (handlers.label) {
    ahead.label = [&](const DiscogsLabel& l, uint64_t line) {
      return put(Slot::Kind::kLabel, line, [&](Slot& s) { s.label = l; });
    };
  }
  if (handlers.master) {
    ahead.master = [&](const DiscogsMaster& m, uint64_t line) {
      return put(Slot::Kind::kMaster, line, [&](Slot& s) { s.master = m; });
    };
  }
  std::thread parser([&] {
    ring.Finish(ReadDiscogsXml(path, &parser_bytes, ahead, &parser_position));
  });
  const uint64_t base = *bytes;
  Status failed;
  while (Slot* s = ring.Next()) {
    *bytes = base + s->bytes;
    if (position) *position = s->position;
    Status st;
    switch (s->kind) {
      case Slot::Kind::kRelease:
        st = handlers.take_release ? handlers.take_release(&s->release, s->line)
                                   : handlers.release(s->release, s->line);
        break;
      case Slot::Kind::kArtist:
        st = handlers.artist(s->artist, s->line);
        break;
      case Slot::Kind::kLabel:
        st = handlers.label(s->label, s->line);
        break;
      case Slot::Kind::kMaster:
        st = handlers.master(s->master, s->line);
        break;
    }
    ring.Release();
    if (!st.ok()) {
      failed = std::move(st);
      ring.Stop();
      break;
    }
  }
  parser.join();
  if (!failed.ok()) return failed;
  *bytes = base + parser_bytes;
  if (position) *position = parser_position;
  return ring.parse_status();
}

}  // namespace liner::import
