// Name suggestions for names that matched nothing exactly (see name_suggest.h).
#include "cli/name_suggest.h"

#include <algorithm>
#include <map>

namespace liner::cli {
namespace {

std::vector<std::string_view> Words(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t start = i;
    while (i < s.size() && s[i] != ' ') ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

// Edits tolerated between a text of `len` bytes and a name.
int MaxEdits(size_t len) { return len <= 3 ? 0 : len <= 5 ? 1 : len <= 9 ? 2 : 3; }

class Suggester {
 public:
  Suggester(Transaction& txn, std::string_view text)
      : txn_(txn), text_(NormalizeName(text)), words_(Words(text_)) {
    for (const char* key : {"name", "title"}) {
      TokenId k = txn_.LookupToken(TokenKind::kPropertyKey, key);
      if (k != kNoToken) name_keys_.push_back(k);
    }
  }

  std::vector<NameSuggestion> Run(size_t limit, bool* truncated, const std::atomic<bool>* cancel) {
    if (text_.empty()) return {};
    // Through the name index: names that start with the text, or with one of its words.
    for (NodeId id : txn_.FindByNamePrefix(kNoToken, text_, 50)) Consider(id);
    for (std::string_view w : words_) {
      if (w.size() >= 3 && w.size() < text_.size()) {
        for (NodeId id : txn_.FindByNamePrefix(kNoToken, w, 50)) Consider(id);
      }
    }
    // One bounded pass: names holding the words elsewhere, names a few edits away.
    size_t seen = 0;
    bool more = false;
    for (auto cursor = txn_.ScanNodes(); cursor->Valid(); cursor->Next()) {
      if (++seen > kSuggestScanLimit) {
        more = true;
        break;
      }
      if (cancel != nullptr && seen % 1024 == 0 && cancel->load()) break;
      if (found_.count(cursor->id()) == 0) Consider(cursor->id());
    }
    if (truncated != nullptr) *truncated = more;
    return Ranked(limit);
  }

 private:
  void Consider(NodeId id) {
    auto rec = txn_.GetNode(id);
    if (!rec.ok() || !rec->has_value()) return;
    std::string name;
    for (TokenId k : name_keys_) {
      const Value* v = (*rec)->props.Get(k);
      if (v != nullptr && v->is_string()) {
        name = v->as_string();
        break;
      }
    }
    if (name.empty()) return;
    std::string norm = NormalizeName(name);
    NameSuggestion s;
    s.id = id;
    s.name = name;
    if (norm.compare(0, text_.size(), text_) == 0) {
      s.kind = 0;
    } else if (int slips = EveryWordSlips(norm); slips >= 0) {
      s.kind = 1;
      s.distance = slips;
    } else {
      int bound = MaxEdits(text_.size());
      if (bound == 0) return;
      int d = EditDistance(text_, norm, bound);
      // A slip in the first words of a longer name ("florance" for "Florence Welch").
      for (size_t len : {text_.size() - 1, text_.size(), text_.size() + 1}) {
        if (len < norm.size()) d = std::min(d, EditDistance(text_, norm.substr(0, len), bound));
      }
      if (d > bound) return;
      s.kind = 2;
      s.distance = d;
    }
    found_[id] = std::move(s);
  }

  // Every word of the text (two letters or more) is a word of the name, or one slip away (for
  // words of five letters or more): how many slips, or -1 when a word is missing.
  int EveryWordSlips(std::string_view norm) const {
    int used = 0, slips = 0;
    auto names = Words(norm);
    for (std::string_view w : words_) {
      if (w.size() < 2) continue;
      int best = 2;
      for (std::string_view n : names) {
        if (n == w) {
          best = 0;
          break;
        }
        if (w.size() >= 5 && EditDistance(w, n, 1) <= 1) best = 1;
      }
      if (best > 1) return -1;
      slips += best;
      ++used;
    }
    return used > 0 ? slips : -1;
  }

  std::vector<NameSuggestion> Ranked(size_t limit) {
    std::vector<NameSuggestion> all;
    all.reserve(found_.size());
    for (auto& [id, s] : found_) all.push_back(std::move(s));
    // Credits break ties between equally close names: the well-known one first.
    std::map<NodeId, uint64_t> credits;
    TokenId credited = txn_.LookupToken(TokenKind::kRelType, "CREDITED");
    if (credited != kNoToken && all.size() <= 20000) {
      for (const auto& s : all) {
        credits[s.id] = txn_.Degree(s.id, Direction::kOut, credited) +
                        txn_.Degree(s.id, Direction::kIn, credited);
      }
    }
    // A name starting with the text and one holding all its words are as good as each other
    // ("Beatles": "The Beatles" before "Beatles For Sale" by its credits).
    auto tier = [](const NameSuggestion& s) { return s.kind == 1 && s.distance == 0 ? 0 : s.kind; };
    std::sort(all.begin(), all.end(), [&](const NameSuggestion& a, const NameSuggestion& b) {
      if (tier(a) != tier(b)) return tier(a) < tier(b);
      if (a.distance != b.distance) return a.distance < b.distance;
      uint64_t ca = credits[a.id], cb = credits[b.id];
      if (ca != cb) return ca > cb;
      if (a.name != b.name) return a.name < b.name;
      return a.id < b.id;
    });
    if (all.size() > limit) all.resize(limit);
    return all;
  }

  Transaction& txn_;
  std::string text_;
  std::vector<std::string_view> words_;
  std::vector<TokenId> name_keys_;
  std::map<NodeId, NameSuggestion> found_;
};

}  // namespace

int EditDistance(std::string_view a, std::string_view b, int bound) {
  int la = static_cast<int>(a.size()), lb = static_cast<int>(b.size());
  if (std::abs(la - lb) > bound) return bound + 1;
  // Three rows for the swap of neighbours (optimal string alignment).
  std::vector<int> prev2(lb + 1), prev(lb + 1), cur(lb + 1);
  for (int j = 0; j <= lb; ++j) prev[j] = j;
  for (int i = 1; i <= la; ++i) {
    cur[0] = i;
    int row_min = cur[0];
    for (int j = 1; j <= lb; ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      }
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > bound) return bound + 1;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return std::min(prev[lb], bound + 1);
}

std::vector<NameSuggestion> SuggestNames(Transaction& txn, std::string_view text, size_t limit,
                                         bool* scan_truncated, const std::atomic<bool>* cancel) {
  return Suggester(txn, text).Run(limit, scan_truncated, cancel);
}

}  // namespace liner::cli
