// Discogs XML dumps through expat (see discogs_xml.h). Releases (most of a dump) are built
// straight from the callbacks (discogs_xml_release.h); the other records are collected as a
// small element tree, then converted to the record struct: simpler than a state machine per
// record kind, and the tree never outlives one record.
#include "cli/import/discogs_xml.h"

#include <expat.h>
#include <zlib.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

#include "cli/import/discogs_xml_release.h"

namespace liner::import {
namespace {

struct XNode {
  std::string name;
  std::vector<std::pair<std::string, std::string>> attrs;
  std::string text;
  std::vector<XNode> children;

  const XNode* Child(std::string_view n) const {
    for (const auto& c : children) {
      if (c.name == n) return &c;
    }
    return nullptr;
  }
  std::string Text(std::string_view n) const {
    const XNode* c = Child(n);
    return c ? c->text : "";
  }
  std::string Attr(std::string_view n) const {
    for (const auto& [k, v] : attrs) {
      if (k == n) return v;
    }
    return "";
  }
};

int64_t ToId(const std::string& s) { return DiscogsXmlId(s); }

std::vector<DiscogsCredit> Credits(const XNode* list) {
  std::vector<DiscogsCredit> out;
  if (!list) return out;
  for (const auto& a : list->children) {
    if (a.name != "artist") continue;
    out.push_back(DiscogsCredit{ToId(a.Text("id")), a.Text("name"), a.Text("anv"),
                                a.Text("join"), a.Text("role"), a.Text("tracks")});
  }
  return out;
}

std::vector<std::string> Texts(const XNode* list) {
  std::vector<std::string> out;
  if (!list) return out;
  for (const auto& c : list->children) out.push_back(c.text);
  return out;
}

std::vector<std::pair<int64_t, std::string>> NamedIds(const XNode* list) {
  std::vector<std::pair<int64_t, std::string>> out;
  if (!list) return out;
  for (const auto& c : list->children) {
    if (c.name == "name" || c.name == "label") out.emplace_back(ToId(c.Attr("id")), c.text);
  }
  return out;
}

DiscogsArtist ToArtist(const XNode& a) {
  DiscogsArtist out;
  out.id = ToId(a.Text("id"));
  out.name = a.Text("name");
  out.realname = a.Text("realname");
  out.namevariations = Texts(a.Child("namevariations"));
  out.aliases = NamedIds(a.Child("aliases"));
  out.members = NamedIds(a.Child("members"));
  out.groups = NamedIds(a.Child("groups"));
  return out;
}

DiscogsLabel ToLabel(const XNode& l) {
  DiscogsLabel out;
  out.id = ToId(l.Text("id"));
  out.name = l.Text("name");
  if (const XNode* p = l.Child("parentLabel")) out.parent = {ToId(p->Attr("id")), p->text};
  out.sublabels = NamedIds(l.Child("sublabels"));
  return out;
}

DiscogsMaster ToMaster(const XNode& m) {
  DiscogsMaster out;
  out.id = ToId(m.Attr("id"));
  out.main_release = ToId(m.Text("main_release"));
  out.title = m.Text("title");
  out.year = ToId(m.Text("year"));
  out.genres = Texts(m.Child("genres"));
  out.styles = Texts(m.Child("styles"));
  out.artists = Credits(m.Child("artists"));
  return out;
}

bool IsRecord(std::string_view n) {
  return n == "release" || n == "artist" || n == "label" || n == "master";
}

// Subtrees no mapping reads: skipped whole, so their (often long) text is never copied.
bool Skipped(const char* n) { return DiscogsXmlSkipped(n); }

struct Parser {
  XML_Parser xml = nullptr;
  const DiscogsHandlers* handlers = nullptr;
  int depth = 0;
  int record_depth = 0;  // depth of record elements: 1 (single record) or 2 (a dump)
  int skip_depth = 0;    // > 0 while inside a skipped subtree
  std::vector<XNode*> stack;
  XNode record;
  bool in_release = false;  // the record is a release, built by `release`
  ReleaseBuilder release;
  uint64_t record_line = 0;
  Status status;

  void Start(const char* name, const char** attrs) {
    ++depth;
    if (depth == 1) {
      record_depth = IsRecord(name) ? 1 : 2;
    }
    if (skip_depth > 0 || depth < record_depth) return;
    if (depth == record_depth && std::strcmp(name, "release") == 0) {
      in_release = true;
      record_line = XML_GetCurrentLineNumber(xml);
      release.Begin(attrs);
      return;
    }
    if (in_release) {
      release.Start(name, attrs);
      return;
    }
    if (depth == record_depth) {
      record = XNode{name, {}, {}, {}};
      record_line = XML_GetCurrentLineNumber(xml);
      stack.assign(1, &record);
    } else {
      if (Skipped(name)) {
        skip_depth = depth;
        return;
      }
      stack.back()->children.push_back(XNode{name, {}, {}, {}});
      stack.push_back(&stack.back()->children.back());
    }
    for (int i = 0; attrs[i]; i += 2) stack.back()->attrs.emplace_back(attrs[i], attrs[i + 1]);
  }

  void End() {
    if (in_release) {
      if (depth == record_depth) {
        in_release = false;
        Status st = handlers->take_release
                        ? handlers->take_release(release.mutable_release(), record_line)
                    : handlers->release ? handlers->release(release.release(), record_line)
                                        : Status::OK();
        if (!st.ok()) {
          status = st;
          XML_StopParser(xml, XML_FALSE);
        }
      } else {
        release.End();
      }
      --depth;
      return;
    }
    if (skip_depth > 0) {
      if (depth == skip_depth) skip_depth = 0;
      --depth;
      return;
    }
    if (depth == record_depth) {
      Status st = Dispatch();
      if (!st.ok()) {
        status = st;
        XML_StopParser(xml, XML_FALSE);
      }
      stack.clear();
    } else if (depth > record_depth) {
      stack.pop_back();
    }
    --depth;
  }

  void Text(const char* s, int len) {
    if (in_release) {
      release.Text(s, len);
      return;
    }
    if (skip_depth > 0 || stack.empty()) return;
    stack.back()->text.append(s, static_cast<size_t>(len));
  }

  Status Dispatch() {
    const std::string& n = record.name;
    if (n == "artist" && handlers->artist) return handlers->artist(ToArtist(record), record_line);
    if (n == "label" && handlers->label) return handlers->label(ToLabel(record), record_line);
    if (n == "master" && handlers->master) return handlers->master(ToMaster(record), record_line);
    return Status::OK();
  }
};

}  // namespace

Status ReadDiscogsXml(const std::string& path, uint64_t* bytes, const DiscogsHandlers& handlers,
                      uint64_t* position) {
  // gzopen reads plain files unchanged, so one path serves .xml and .xml.gz.
  std::unique_ptr<gzFile_s, decltype(&gzclose)> in(gzopen(path.c_str(), "rb"), gzclose);
  if (!in) return Status::IOError(path + ": cannot open file");
  gzbuffer(in.get(), 1 << 17);
  std::unique_ptr<XML_ParserStruct, decltype(&XML_ParserFree)> xml(XML_ParserCreate(nullptr),
                                                                   XML_ParserFree);
  Parser p;
  p.xml = xml.get();
  p.handlers = &handlers;
  XML_SetUserData(xml.get(), &p);
  XML_SetElementHandler(
      xml.get(),
      [](void* u, const XML_Char* name, const XML_Char** attrs) {
        static_cast<Parser*>(u)->Start(name, attrs);
      },
      [](void* u, const XML_Char*) { static_cast<Parser*>(u)->End(); });
  XML_SetCharacterDataHandler(xml.get(), [](void* u, const XML_Char* s, int len) {
    static_cast<Parser*>(u)->Text(s, len);
  });
  const int kChunk = 1 << 18;
  for (;;) {
    void* buf = XML_GetBuffer(xml.get(), kChunk);
    if (!buf) return Status::Internal(path + ": out of memory for the XML buffer");
    int n = gzread(in.get(), buf, kChunk);
    if (n < 0) {
      int err = 0;
      return Status::IOError(path + ": damaged gzip data: " + gzerror(in.get(), &err));
    }
    if (n == 0) {
      // A truncated .gz ends without an error from gzread; zlib remembers it.
      int err = Z_OK;
      const char* msg = gzerror(in.get(), &err);
      if (err != Z_OK) {
        std::string why = msg;  // zlib says "<path>: <reason>"
        if (why.rfind(path + ": ", 0) == 0) why.erase(0, path.size() + 2);
        return Status::IOError(path + ": damaged gzip data: " + why + " (is the file complete?)");
      }
    }
    *bytes += static_cast<uint64_t>(n);
    if (position) *position = static_cast<uint64_t>(gzoffset(in.get()));
    const bool last = n == 0;
    if (XML_ParseBuffer(xml.get(), n, last) == XML_STATUS_ERROR) {
      if (!p.status.ok()) return p.status;
      return Status::InvalidArgument(
          path + ":" + std::to_string(XML_GetCurrentLineNumber(xml.get())) + ":" +
          std::to_string(XML_GetCurrentColumnNumber(xml.get()) + 1) +
          ": XML error: " + XML_ErrorString(XML_GetErrorCode(xml.get())));
    }
    if (last) break;
  }
  return p.status;
}

}  // namespace liner::import
