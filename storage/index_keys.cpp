#include "storage/index_keys.h"

#include <algorithm>

#include "storage/database.h"
#include "storage/key_codec.h"

namespace liner {

void IndexedNames(const NodeRecord& rec, const std::vector<TokenId>& name_keys,
                  std::vector<std::string>* out) {
  out->clear();
  auto add = [&](const Value& v) {
    if (!v.is_string()) return;
    std::string norm = NormalizeName(v.as_string());
    if (!norm.empty() && std::find(out->begin(), out->end(), norm) == out->end()) {
      out->push_back(std::move(norm));
    }
  };
  for (TokenId key : name_keys) {
    const Value* v = rec.props.Get(key);
    if (!v) continue;
    if (v->is_list()) {
      for (const Value& e : v->as_list()) add(e);
    } else {
      add(*v);
    }
  }
}

void NodeIndexKeys(const NodeRecord& rec, const std::vector<TokenId>& name_keys,
                   const std::vector<TokenId>& indexed_keys, std::vector<std::string>* out) {
  out->clear();
  std::vector<TokenId> scopes = rec.labels;
  scopes.push_back(kNoToken);
  std::vector<std::string> names;
  IndexedNames(rec, name_keys, &names);
  for (const std::string& norm : names) {
    for (TokenId l : scopes) out->push_back(keys::NameKey(l, norm, rec.id));
  }
  for (TokenId key : indexed_keys) {
    const Value* v = rec.props.Get(key);
    std::string enc;
    if (!v || !keys::EncodeIndexValue(*v, &enc)) continue;
    for (TokenId l : scopes) {
      std::string k = keys::PropertyPrefix(l, key, enc);
      keys::AppendU64(&k, rec.id);
      out->push_back(std::move(k));
    }
  }
}

}  // namespace liner
