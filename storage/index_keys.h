#pragma once
// The index entries of a node, derived in one place for the writer that adds them
// (transaction.cpp) and the two paths that delete them (a transaction's RemoveIndexes and the
// bulk undo in bulk_erase.cpp): they must derive the same keys, or a delete leaves entries
// behind. Stateless; thread-safe.

#include <string>
#include <vector>

#include "storage/types.h"

namespace liner {

// Replaces `out` with the distinct NormalizeName of `rec`'s string values under `name_keys`
// (name, title, and every string of a list such as aliases), in first-seen order; empty
// normalisations are left out.
void IndexedNames(const NodeRecord& rec, const std::vector<TokenId>& name_keys,
                  std::vector<std::string>* out);

// Replaces `out` with every index key of `rec`: its name-index keys (IndexedNames) and its
// equality-index keys for `indexed_keys`, each under every label of `rec` and under label 0.
void NodeIndexKeys(const NodeRecord& rec, const std::vector<TokenId>& name_keys,
                   const std::vector<TokenId>& indexed_keys, std::vector<std::string>* out);

}  // namespace liner
