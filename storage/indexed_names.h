#pragma once
// IndexedNames: the normalised names a node is found by in the name index. One definition for
// the writer that adds the index entries (transaction.cpp) and the undo that erases them
// (bulk_erase.cpp): the two must derive the same keys, or an undo leaves entries behind.
// Stateless; thread-safe.

#include <string>
#include <vector>

#include "storage/types.h"

namespace liner {

// Replaces `out` with the distinct NormalizeName of `rec`'s string values under `name_keys`
// (name, title, and every string of a list such as aliases), in first-seen order; empty
// normalisations are left out.
void IndexedNames(const NodeRecord& rec, const std::vector<TokenId>& name_keys,
                  std::vector<std::string>* out);

}  // namespace liner
