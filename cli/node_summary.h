#pragma once
// What tells nodes of the same name apart, in a few words: the albums a song appears on, the
// groups a person belongs to, and the top collaborators with their roles grouped ("John Lennon
// (vocals, electric guitar), Paul McCartney (bass)"). Used by :whois and by the shell's name
// resolution when it lists candidates. Thread-compatible (one Graph per thread).

#include <string>

#include "graph/graph.h"

namespace liner::cli {

// Credits of `id` grouped by the node on the other side, most roles first, at most `max_nodes`
// of them ("…" when there are more): "vocals on Come Together" for a person's songs, "John
// Lennon (vocals, bass)" for a song's people.
std::string TopCredits(graph::Graph& g, NodeId id, size_t max_nodes);

// "on Abbey Road; member of The Beatles" — the albums a song appears on and the groups a person
// belongs to (at most two of each); "" when there is neither.
std::string Context(graph::Graph& g, NodeId id);

}  // namespace liner::cli
