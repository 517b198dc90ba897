#pragma once
// Name suggestions: the nodes whose name or title comes closest to a name that matched nothing
// exactly (a typo, a missing word, words in another order), for :whois and for the verbs that
// resolve a name (:path, :linked, :why, ...).
//
// Candidates come from the name index (names starting with the text, or with one of its words)
// and from one bounded pass over the first kSuggestScanLimit nodes (names holding one of the
// words, names within a few edits). Matching is on NormalizeName() text (case, accents and
// spacing ignored). Stateless and thread-safe as far as the transaction is.

#include <atomic>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "storage/database.h"

namespace liner::cli {

// How many nodes the pass over the database looks at, at most.
inline constexpr size_t kSuggestScanLimit = 250000;

struct NameSuggestion {
  NodeId id = 0;
  std::string name;  // as stored
  // Why it was suggested, best first: 0 the name starts with the text, 1 it holds every word of
  // the text (perhaps in another order or with a one-letter slip), 2 it is a few edits away.
  int kind = 2;
  int distance = 0;  // kind 2: edits between the text and the name (or its start); kind 1:
                     // words matched with a one-letter slip; kind 0: 0
};

// Up to `limit` suggestions, best first: names starting with the text or holding all its words,
// then words with slips, then names by edits; among equals by number of credits, then name. Empty when
// nothing is close. `scan_truncated` (optional) tells whether the database had more nodes than
// the pass looked at. When `cancel` (optional) becomes true the pass stops early (Ctrl-C) and
// the suggestions found so far are returned.
std::vector<NameSuggestion> SuggestNames(Transaction& txn, std::string_view text, size_t limit,
                                         bool* scan_truncated = nullptr,
                                         const std::atomic<bool>* cancel = nullptr);

// Optimal-string-alignment edit distance (insertions, deletions, substitutions and swaps of
// two neighbouring characters) over bytes, stopping early once it exceeds `bound`
// (then returns bound + 1).
int EditDistance(std::string_view a, std::string_view b, int bound);

}  // namespace liner::cli
