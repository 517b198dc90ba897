#pragma once
// ReadAheadRing<Item>: the hand-over between a parser thread that reads records ahead and the
// importing thread that writes them (discogs_xml_ahead.cpp, mb_import.cpp).
//
// A fixed ring of `kSlots` items, reused: the parser claims a free slot, fills it (assigning
// into the slot keeps its strings' and lists' capacity, and destroys the previous record on the
// parser's thread, not the writer's) and publishes it; the reader takes the slots in order and
// releases each when done. Stop() makes the parser's next Claim() fail (the reader gave up);
// Finish() records the parser's final status once it is done.
// Wake-ups are rationed: a parser that found the ring full sleeps until half of it is free, so
// the reader wakes it once per kSlots / 2 records instead of once per record (each wake-up is a
// futex system call, dear on a virtual machine); the reader is woken as soon as a record waits.
// Thread safety: one parser thread and one reader thread.

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <utility>
#include <vector>

#include "storage/status.h"

namespace liner::import {

template <typename Item>
class ReadAheadRing {
 public:
  static constexpr uint64_t kSlots = 64;

  // Parser side: a free slot to fill, or nullptr once the reader has stopped.
  Item* Claim() {
    std::unique_lock<std::mutex> lock(mu_);
    if (!stopped_ && produced_ - consumed_ == kSlots) {
      parser_waits_ = true;
      cv_.wait(lock, [&] { return stopped_ || produced_ - consumed_ <= kSlots / 2; });
      parser_waits_ = false;
    }
    return stopped_ ? nullptr : &slots_[produced_ % kSlots];
  }
  void Publish() {
    std::unique_lock<std::mutex> lock(mu_);
    ++produced_;
    if (reader_waits_) {
      lock.unlock();
      cv_.notify_all();
    }
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
  Item* Next() {
    std::unique_lock<std::mutex> lock(mu_);
    if (produced_ == consumed_ && !parsed_) {
      reader_waits_ = true;
      cv_.wait(lock, [&] { return produced_ > consumed_ || parsed_; });
      reader_waits_ = false;
    }
    return produced_ > consumed_ ? &slots_[consumed_ % kSlots] : nullptr;
  }
  void Release() {
    std::unique_lock<std::mutex> lock(mu_);
    ++consumed_;
    if (parser_waits_ && produced_ - consumed_ <= kSlots / 2) {
      lock.unlock();
      cv_.notify_all();
    }
  }
  void Stop() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopped_ = true;
    }
    cv_.notify_all();
  }
  // The parser's final status; read after its thread was joined.
  const Status& parse_status() const { return parse_status_; }

 private:
  std::vector<Item> slots_ = std::vector<Item>(kSlots);
  std::mutex mu_;
  std::condition_variable cv_;
  uint64_t produced_ = 0, consumed_ = 0;
  bool parsed_ = false, stopped_ = false;
  bool parser_waits_ = false, reader_waits_ = false;
  Status parse_status_;
};

}  // namespace liner::import
