#pragma once
// TckValue: a value in the TCK's expected-result notation, and its parser and canonical form.
//
// The notation (tck/README.adoc, "Format of the expected results"): integers, floats (also NaN,
// Inf, -Inf), 'strings' with Cypher escapes, true/false, null, lists [a, b], maps {k: v},
// nodes (:L1:L2 {k: v}), relationships [:T {k: v}] and paths <(a)-[:T]->(b)<-[:U]-(c)>.
// Values compare by the TCK rules through their canonical text: maps and node properties by
// key, node labels as a set, nodes and relationships by labels/type and properties (not by id),
// ints and floats never equal each other, and optionally lists as bags.
// Plain value type; thread-compatible.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "storage/status.h"

namespace liner::tck {

struct TckValue {
  enum class Kind { kNull, kBool, kInt, kFloat, kString, kList, kMap, kNode, kRel, kPath };

  Kind kind = Kind::kNull;
  bool b = false;
  int64_t i = 0;
  double f = 0;
  std::string s;                 // string value; relationship type
  std::vector<std::string> labels;  // node labels
  std::vector<TckValue> list;    // list elements; path: node, rel, node, rel, ..., node
  std::vector<std::pair<std::string, TckValue>> map;  // map entries; node/rel properties
  std::vector<bool> forward;     // path: per relationship, true when it points left to right

  static TckValue Null() { return TckValue(); }
  static TckValue Bool(bool v) { TckValue t; t.kind = Kind::kBool; t.b = v; return t; }
  static TckValue Int(int64_t v) { TckValue t; t.kind = Kind::kInt; t.i = v; return t; }
  static TckValue Float(double v) { TckValue t; t.kind = Kind::kFloat; t.f = v; return t; }
  static TckValue String(std::string v) {
    TckValue t;
    t.kind = Kind::kString;
    t.s = std::move(v);
    return t;
  }
  static TckValue List(std::vector<TckValue> v) {
    TckValue t;
    t.kind = Kind::kList;
    t.list = std::move(v);
    return t;
  }
};

// Parses one cell of an expected table (or a parameter value).
Result<TckValue> ParseTckValue(const std::string& text);

// Canonical text: equal values have equal text under the TCK's rules. With `bag_lists`, list
// elements are sorted first ("ignoring element order for lists").
std::string Canonical(const TckValue& v, bool bag_lists = false);

}  // namespace liner::tck
