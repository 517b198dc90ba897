// NormalizeName: the key of the name index. NFKD decomposition, combining marks dropped
// (so "Beyoncé" matches "Beyonce"), full Unicode case folding ("Straße" matches "STRASSE"),
// whitespace runs collapsed to one space and trimmed, NUL bytes dropped (NUL separates the name
// from the id in index keys).
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <string>

#include "storage/bulk_encode.h"
#include "storage/database.h"

namespace liner {

std::string NormalizeName(std::string_view text) {
  // Pure ASCII (most names) needs no ICU: the same result, several times faster
  // (tests/storage/bulk_load_test.cpp checks every ASCII character against the ICU path).
  std::string ascii;
  if (bulk::NormalizeAscii(text, &ascii)) return ascii;
  return bulk::NormalizeNameIcu(text);
}

std::string bulk::NormalizeNameIcu(std::string_view text) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(err);
  icu::UnicodeString src = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  icu::UnicodeString decomposed = U_SUCCESS(err) ? nfkd->normalize(src, err) : src;
  if (U_FAILURE(err)) decomposed = src;

  icu::UnicodeString kept;
  bool pending_space = false;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    int8_t type = u_charType(c);
    if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || c == 0) continue;
    if (u_isUWhiteSpace(c)) {
      pending_space = kept.length() > 0;
      continue;
    }
    if (pending_space) {
      kept.append(static_cast<UChar>(' '));
      pending_space = false;
    }
    kept.append(c);
  }
  kept.foldCase();
  std::string out;
  kept.toUTF8String(out);
  return out;
}

}  // namespace liner
