#pragma once
// Name keys for entity resolution: two names that differ only in case, accents, punctuation,
// "&" versus "and", or a leading "The" get the same key. Pure functions; thread-safe.

#include <string>
#include <string_view>

namespace liner::import {

// NormalizeName (case folding, accents, whitespace) plus: "&" read as "and", punctuation
// dropped, a leading "the " dropped. "The Beatles" and "beatles" share a key; "AC/DC" and
// "ACDC" too.
std::string ResolveKey(std::string_view name);

// The part of an `id` value before its first ':' ("music-routes" in "music-routes:track:7");
// "" when there is none. Ids of different namespaces never conflict during resolution.
std::string_view IdNamespace(std::string_view id);

}  // namespace liner::import
