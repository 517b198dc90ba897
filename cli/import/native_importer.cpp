#include "cli/import/native_importer.h"

#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <ostream>

namespace liner::import {

// ---- IdSpace ----

bool IdSpace::InsertInt(int64_t id, NodeId node) {
  if (linear_) {
    int64_t offset = 0;
    const bool fits = !__builtin_sub_overflow(static_cast<int64_t>(node), id, &offset);
    if (fits && linear_lo_ == linear_hi_ && id < INT64_MAX) {  // the first id
      linear_lo_ = id;
      linear_hi_ = id + 1;
      linear_offset_ = offset;
      return true;
    }
    if (fits && id == linear_hi_ && offset == linear_offset_ && id < INT64_MAX) {
      ++linear_hi_;
      return true;
    }
    if (id >= linear_lo_ && id < linear_hi_) return false;  // a duplicate
    // The run ends: its ids move into the tables, and every id goes there from now on.
    linear_ = false;
    for (int64_t i = linear_lo_; i < linear_hi_; ++i) {
      InsertIntInTable(i, static_cast<NodeId>(i + linear_offset_));
    }
  }
  return InsertIntInTable(id, node);
}

bool IdSpace::InsertIntInTable(int64_t id, NodeId node) {
  if (id >= 0 && id < kDenseLimit) {
    auto i = static_cast<size_t>(id);
    if (i >= dense_.size()) dense_.resize(std::max(i + 1, dense_.size() * 2), 0);
    if (dense_[i] != 0) return false;
    dense_[i] = node;
    return true;
  }
  return sparse_.emplace(id, node).second;
}

NodeId IdSpace::FindIntInTable(int64_t id) const {
  if (id >= 0 && id < kDenseLimit) {
    auto i = static_cast<size_t>(id);
    return i < dense_.size() ? dense_[i] : 0;
  }
  auto it = sparse_.find(id);
  return it == sparse_.end() ? 0 : it->second;
}

bool IdSpace::InsertString(std::string_view id, NodeId node) {
  return strings_.emplace(std::string(id), node).second;
}

NodeId IdSpace::FindString(std::string_view id) const {
  auto it = strings_.find(std::string(id));
  return it == strings_.end() ? 0 : it->second;
}

// ---- values ----

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool ParseDouble(std::string_view text, double* out) {
  text = Trim(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return false;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return ec == std::errc() && p == text.data() + text.size();
}

Result<Value> ParseScalar(std::string_view text, PropType type) {
  switch (type) {
    case PropType::kString:
      return Value(std::string(text));
    case PropType::kInt: {
      int64_t v;
      if (!ParseInt64(text, &v)) {
        return Status::InvalidArgument("'" + std::string(text) + "' is not an integer");
      }
      return Value(v);
    }
    case PropType::kFloat: {
      double d;
      if (!ParseDouble(text, &d)) {
        return Status::InvalidArgument("'" + std::string(text) + "' is not a number");
      }
      return Value(d);
    }
    case PropType::kBool: {
      std::string_view t = Trim(text);
      if (t.size() == 4 && (t[0] | 0x20) == 't' && (t[1] | 0x20) == 'r' && (t[2] | 0x20) == 'u' &&
          (t[3] | 0x20) == 'e') {
        return Value(true);
      }
      if (t.size() == 5 && (t[0] | 0x20) == 'f' && (t[1] | 0x20) == 'a' &&
          (t[2] | 0x20) == 'l' && (t[3] | 0x20) == 's' && (t[4] | 0x20) == 'e') {
        return Value(false);
      }
      return Status::InvalidArgument("'" + std::string(text) +
                                     "' is not a boolean (true or false)");
    }
  }
  return Status::Internal("unknown property type");
}

}  // namespace

bool ParseInt64(std::string_view text, int64_t* out) {
  if (!text.empty() && text.size() < 19) {  // the common case: plain digits, no overflow
    uint64_t v = 0;
    size_t i = 0;
    for (; i < text.size(); ++i) {
      auto d = static_cast<unsigned>(static_cast<unsigned char>(text[i]) - '0');
      if (d > 9) break;
      v = v * 10 + d;
    }
    if (i == text.size()) {
      *out = static_cast<int64_t>(v);
      return true;
    }
  }
  text = Trim(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return false;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return ec == std::errc() && p == text.data() + text.size();
}

Result<Value> ParseTypedValue(std::string_view text, PropType type, bool array,
                              char array_delimiter) {
  if (!array) return ParseScalar(text, type);
  ValueList list;
  size_t start = 0;
  for (;;) {
    size_t end = text.find(array_delimiter, start);
    std::string_view item =
        text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    LINER_ASSIGN_OR_RETURN(Value v, ParseScalar(item, type));
    list.push_back(std::move(v));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return Value(std::move(list));
}

// ---- NativeImporter ----

Result<TokenId> NativeImporter::CachedToken(TokenKind kind, std::string_view name,
                                            std::unordered_map<std::string, TokenId>* cache) {
  auto it = cache->find(std::string(name));
  if (it != cache->end()) return it->second;
  LINER_ASSIGN_OR_RETURN(TokenId id, sink_->Token(kind, name));
  cache->emplace(std::string(name), id);
  if (kind == TokenKind::kLabel) label_names_[id] = std::string(name);
  if (kind == TokenKind::kRelType) type_names_[id] = std::string(name);
  return id;
}

Result<TokenId> NativeImporter::Label(std::string_view name) {
  return CachedToken(TokenKind::kLabel, name, &labels_);
}
Result<TokenId> NativeImporter::Type(std::string_view name) {
  return CachedToken(TokenKind::kRelType, name, &types_);
}
Result<TokenId> NativeImporter::Key(std::string_view name) {
  return CachedToken(TokenKind::kPropertyKey, name, &keys_);
}

namespace {
void Count(std::vector<uint64_t>* counts, TokenId token) {
  if (token >= counts->size()) counts->resize(token + 1, 0);
  ++(*counts)[token];
}
}  // namespace

Result<NodeId> NativeImporter::AddNode(std::vector<TokenId> labels, const PropertyMap& props) {
  auto r = sink_->AddNode(labels, props);
  if (!r.ok()) return r;
  if (sink_->last_existed()) {
    ++summary_.nodes_merged;
  } else if (labels.empty()) {
    Count(&label_counts_, kNoToken);
  } else {
    for (TokenId l : labels) Count(&label_counts_, l);
  }
  return r;
}

Status NativeImporter::AddEdge(NodeId src, NodeId dst, TokenId type, const PropertyMap& props) {
  auto r = sink_->AddEdge(src, dst, type, props);
  if (!r.ok()) return r.status();
  if (!sink_->last_existed()) Count(&type_counts_, type);
  return Status::OK();
}

Status NativeImporter::BadRow(const std::string& where, const std::string& reason) {
  std::string text = where + ": " + reason;
  if (!options_.common.skip_bad) return Status::InvalidArgument(text);
  ++summary_.records_skipped;
  if (summary_.skipped_reasons.size() < 10000) summary_.skipped_reasons.push_back(text);
  if (options_.common.warnings) {
    EndProgress();
    *options_.common.warnings << "skipped " << text << "\n";
  }
  return Status::OK();
}

void NativeImporter::Progress(const std::string& file, uint64_t done, uint64_t total) {
  if (!options_.common.progress || !options_.common.progress_is_terminal) return;
  uint64_t now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                     std::chrono::steady_clock::now().time_since_epoch())
                     .count();
  if (now - last_progress_ns_ < 200'000'000 && done < total) return;
  last_progress_ns_ = now;
  int pct = total ? static_cast<int>(done * 100 / total) : 100;
  *options_.common.progress << "\rimporting " << file << ": " << pct << "% ("
                            << summary_.records_read << " records)\x1b[K" << std::flush;
  progress_drawn_ = true;
}

void NativeImporter::EndProgress() {
  if (progress_drawn_ && options_.common.progress) {
    *options_.common.progress << "\r\x1b[K" << std::flush;
    progress_drawn_ = false;
  }
}

Status NativeImporter::Commit() {
  EndProgress();
  for (TokenId label = 0; label < label_counts_.size(); ++label) {
    if (label_counts_[label] == 0) continue;
    std::string name = label == kNoToken ? "(no label)" : label_names_[label];
    summary_.nodes_added[name] += label_counts_[label];
  }
  for (TokenId type = 0; type < type_counts_.size(); ++type) {
    if (type_counts_[type] != 0) summary_.edges_added[type_names_[type]] += type_counts_[type];
  }
  return sink_->Commit();
}

}  // namespace liner::import
