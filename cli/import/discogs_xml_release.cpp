// Releases from expat callbacks without an element tree (see discogs_xml_release.h).
#include "cli/import/discogs_xml_release.h"

#include <cstdlib>
#include <cstring>

namespace liner::import {

int64_t DiscogsXmlId(const std::string& s) {
  if (s.empty()) return 0;
  char* end = nullptr;
  long long v = std::strtoll(s.c_str(), &end, 10);
  return end && *end == '\0' && v > 0 ? v : 0;
}

bool DiscogsXmlSkipped(const char* n) {
  static const char* const kSkipped[] = {"images",     "videos",   "notes",       "profile",
                                         "identifiers", "formats", "contactinfo", "urls",
                                         "data_quality", "series", "sub_tracks"};
  for (const char* s : kSkipped) {
    if (std::strcmp(n, s) == 0) return true;
  }
  return false;
}

namespace {

bool Is(const char* a, const char* b) { return std::strcmp(a, b) == 0; }

const char* Attr(const char** attrs, const char* name) {
  for (int i = 0; attrs[i]; i += 2) {
    if (Is(attrs[i], name)) return attrs[i + 1];
  }
  return "";
}

}  // namespace

void ReleaseBuilder::Begin(const char** attrs) {
  // Cleared member by member: the lists keep their capacity from one release to the next
  // (a tracklist's growth was a large allocation per release).
  rel_.title.clear();
  rel_.country.clear();
  rel_.released.clear();
  rel_.master_id = 0;
  rel_.genres.clear();
  rel_.styles.clear();
  rel_.artists.clear();
  rel_.extraartists.clear();
  rel_.labels.clear();
  rel_.companies.clear();
  rel_.tracks.clear();
  rel_.id = DiscogsXmlId(Attr(attrs, "id"));
  stack_.clear();
  stack_.emplace_back().ctx = Ctx::kRelease;
}

ReleaseBuilder::Frame* ReleaseBuilder::Once(Frame& parent, uint32_t bit) {
  const uint32_t mask = uint32_t{1} << bit;
  if (parent.seen & mask) return nullptr;
  parent.seen |= mask;
  return &stack_.back();
}

void ReleaseBuilder::Start(const char* name, const char** attrs) {
  // The child's frame stays kIgnore unless a rule below reads it.
  stack_.emplace_back();
  Frame& parent = stack_[stack_.size() - 2];
  Frame* f = nullptr;
  auto text = [&](uint32_t bit, std::string* target) {
    if ((f = Once(parent, bit))) {
      f->ctx = Ctx::kText;
      f->text = target;
    }
  };
  auto number = [&](uint32_t bit, int64_t* target) {
    if ((f = Once(parent, bit))) {
      f->ctx = Ctx::kInt;
      f->number = target;
      scratch_.clear();
    }
  };
  auto credits = [&](uint32_t bit, std::vector<DiscogsCredit>* target) {
    if ((f = Once(parent, bit))) {
      f->ctx = Ctx::kCredits;
      f->credits = target;
    }
  };
  auto strings = [&](uint32_t bit, std::vector<std::string>* target) {
    if ((f = Once(parent, bit))) {
      f->ctx = Ctx::kStrings;
      f->strings = target;
    }
  };
  auto list = [&](uint32_t bit, Ctx ctx) {
    if ((f = Once(parent, bit))) f->ctx = ctx;
  };
  switch (parent.ctx) {
    case Ctx::kRelease:
      if (Is(name, "title")) text(0, &rel_.title);
      else if (Is(name, "country")) text(1, &rel_.country);
      else if (Is(name, "released")) text(2, &rel_.released);
      else if (Is(name, "master_id")) number(3, &rel_.master_id);
      else if (Is(name, "genres")) strings(4, &rel_.genres);
      else if (Is(name, "styles")) strings(5, &rel_.styles);
      else if (Is(name, "artists")) credits(6, &rel_.artists);
      else if (Is(name, "extraartists")) credits(7, &rel_.extraartists);
      else if (Is(name, "labels")) list(8, Ctx::kLabels);
      else if (Is(name, "companies")) list(9, Ctx::kCompanies);
      else if (Is(name, "tracklist")) list(10, Ctx::kTracklist);
      break;
    case Ctx::kStrings:
      if (!DiscogsXmlSkipped(name)) {
        std::vector<std::string>* target = parent.strings;
        f = &stack_.back();
        f->ctx = Ctx::kText;
        f->text = &target->emplace_back();
      }
      break;
    case Ctx::kCredits:
      if (Is(name, "artist")) {
        std::vector<DiscogsCredit>* target = parent.credits;
        f = &stack_.back();
        f->ctx = Ctx::kCredit;
        f->credit = &target->emplace_back();
      }
      break;
    case Ctx::kCredit: {
      DiscogsCredit* c = parent.credit;
      if (Is(name, "id")) number(0, &c->id);
      else if (Is(name, "name")) text(1, &c->name);
      else if (Is(name, "anv")) text(2, &c->anv);
      else if (Is(name, "join")) text(3, &c->join);
      else if (Is(name, "role")) text(4, &c->role);
      else if (Is(name, "tracks")) text(5, &c->tracks);
      break;
    }
    case Ctx::kLabels:
      if (!DiscogsXmlSkipped(name)) {
        rel_.labels.push_back(DiscogsCompany{DiscogsXmlId(Attr(attrs, "id")), Attr(attrs, "name"),
                                             Attr(attrs, "catno"), ""});
      }
      break;
    case Ctx::kCompanies:
      if (!DiscogsXmlSkipped(name)) {
        f = &stack_.back();
        f->ctx = Ctx::kCompany;
        f->company = &rel_.companies.emplace_back();
      }
      break;
    case Ctx::kCompany: {
      DiscogsCompany* c = parent.company;
      if (Is(name, "id")) number(0, &c->id);
      else if (Is(name, "name")) text(1, &c->name);
      else if (Is(name, "catno")) text(2, &c->catno);
      else if (Is(name, "entity_type_name")) text(3, &c->type);
      break;
    }
    case Ctx::kTracklist:
      if (Is(name, "track")) {
        f = &stack_.back();
        f->ctx = Ctx::kTrack;
        f->track = &rel_.tracks.emplace_back();
      }
      break;
    case Ctx::kTrack: {
      DiscogsTrack* t = parent.track;
      if (Is(name, "position")) text(0, &t->position);
      else if (Is(name, "title")) text(1, &t->title);
      else if (Is(name, "duration")) text(2, &t->duration);
      else if (Is(name, "artists")) credits(3, &t->artists);
      else if (Is(name, "extraartists")) credits(4, &t->extraartists);
      break;
    }
    case Ctx::kIgnore:
    case Ctx::kText:
    case Ctx::kInt:
      break;
  }
}

void ReleaseBuilder::End() {
  if (stack_.size() <= 1) return;
  const Frame& f = stack_.back();
  if (f.ctx == Ctx::kInt) *f.number = DiscogsXmlId(scratch_);
  stack_.pop_back();
}

void ReleaseBuilder::Text(const char* s, int len) {
  const Frame& f = stack_.back();
  if (f.ctx == Ctx::kText) {
    f.text->append(s, static_cast<size_t>(len));
  } else if (f.ctx == Ctx::kInt) {
    scratch_.append(s, static_cast<size_t>(len));
  }
}

}  // namespace liner::import
