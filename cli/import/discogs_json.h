#pragma once
// Discogs API JSON (a /releases/{id} response) read into a DiscogsRelease. Thread-safe.

#include <string>

#include "cli/import/discogs_model.h"
#include "storage/status.h"

namespace liner::import {

// Parses `text`. InvalidArgument "line:column: malformed JSON: …" when it does not parse, or
// "not a Discogs release" when it has no tracklist, artists or id.
Result<DiscogsRelease> ParseDiscogsApiRelease(const std::string& text);

// Whether the JSON text looks like a Discogs API response (cheap check on a prefix).
bool LooksLikeDiscogsApiJson(const std::string& prefix);

}  // namespace liner::import
