#pragma once
// QValue <-> JSON, the one place where query results meet nlohmann-json. Used by
// `liner query --format json|jsonl`, the shell's json/jsonl modes and `liner batch`.
//
// To JSON: null, booleans, integers, floats (NaN and infinities as the strings "NaN",
// "Infinity", "-Infinity": JSON has no literal for them), strings, lists, maps;
//   node          {"id": 7, "labels": ["Person"], "properties": {...}}
//   relationship  {"id": 3, "type": "CREDITED", "start": 7, "end": 9, "properties": {...}}
//   path          [node, relationship, node, ...]   (alternating)
// From JSON (parameters): null, booleans, integers (within int64), floats, strings, arrays as
// lists and objects as maps. Pure functions; thread-safe.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "query/value.h"
#include "storage/status.h"

namespace liner::cli {

nlohmann::ordered_json ToJson(const query::QValue& value);

// One result row as an object keyed by column name, in column order.
nlohmann::ordered_json RowToJson(const std::vector<std::string>& columns,
                                 const std::vector<query::QValue>& row);

query::QValue FromJson(const nlohmann::json& json);

// Parses JSON text into a value; InvalidArgument naming the problem and its byte offset.
Result<query::QValue> ParseJsonValue(std::string_view text);

}  // namespace liner::cli
