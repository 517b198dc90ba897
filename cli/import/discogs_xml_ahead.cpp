// Parsing a Discogs XML file a few records ahead of the writer (see discogs_xml_ahead.h).
#include "cli/import/discogs_xml_ahead.h"

#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace liner::import {
namespace {

// Records parsed ahead. Enough to keep the parser busy while the writer flushes a batch is not
// the aim (a flush takes thousands of records' time); enough to smooth record sizes is.
constexpr uint64_t kSlots = 64;

// One parsed record on its way to the handlers. The slot's objects are reused: assigning the
// next record keeps their strings' and lists' capacity.
struct Slot {
  enum class Kind { kRelease, kArtist, kLabel, kMaster } kind = Kind::kRelease;
  DiscogsRelease release;
  DiscogsArtist artist;
  DiscogsLabel label;
  DiscogsMaster master;
  uint64_t line = 0, bytes = 0, position = 0;
};

class Ring {
 public:
  // Parser side: a free slot to fill, or nullptr once the reader has stopped.
  Slot* Claim() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return stopped_ || produced_ - consumed_ < kSlots; });
    return stopped_ ? nullptr : &slots_[produced_ % kSlots];
  }
  void Publish() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      ++produced_;
    }
    cv_.notify_all();
  }
  void Finish(Status st) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      parse_status_ = std::move(st);
      parsed_ = true;
    }
    cv_.notify_all();
  }
  // Reader side: the next filled slot, or nullptr when the parser finished and all were read.
  Slot* Next() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return produced_ > consumed_ || parsed_; });
    return produced_ > consumed_ ? &slots_[consumed_ % kSlots] : nullptr;
  }
  void Release() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      ++consumed_;
    }
    cv_.notify_all();
  }
  // The reader gives up (a handler failed): the parser stops at its next record.
  void Stop() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopped_ = true;
    }
    cv_.notify_all();
  }
  // After the parser thread has been joined.
  const Status& parse_status() const { return parse_status_; }

 private:
  std::vector<Slot> slots_ = std::vector<Slot>(kSlots);
  std::mutex mu_;
  std::condition_variable cv_;
  uint64_t produced_ = 0, consumed_ = 0;
  bool parsed_ = false, stopped_ = false;
  Status parse_status_;
};

}  // namespace

Status ReadDiscogsXmlAhead(const std::string& path, uint64_t* bytes,
                           const DiscogsHandlers& handlers, uint64_t* position) {
  Ring ring;
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
  if (handlers.release) {
    ahead.release = [&](const DiscogsRelease& r, uint64_t line) {
      return put(Slot::Kind::kRelease, line, [&](Slot& s) { s.release = r; });
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
        st = handlers.release(s->release, s->line);
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
