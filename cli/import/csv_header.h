#pragma once
// CsvHeader: the meaning of each column of a neo4j-admin-style CSV file, parsed from its
// header row (see docs/import-format.md).
//
//   name:ID(Space)  :ID  :LABEL  :START_ID(Space)  :END_ID(Space)  :TYPE  :IGNORE
//   year:int  score:float  ok:boolean  title  title:string  tags:string[]
//
// A header with a :START_ID column describes a relationship file, otherwise a node file.
// Plain value types; thread-compatible.

#include <string>
#include <string_view>
#include <vector>

#include "storage/status.h"

namespace liner::import {

enum class ColumnKind { kProperty, kId, kStartId, kEndId, kLabel, kType, kIgnore };
// Scalar type of a property column (or of the elements of an array column).
enum class PropType { kString, kInt, kFloat, kBool };

struct ColumnSpec {
  ColumnKind kind = ColumnKind::kProperty;
  std::string name;      // property name ("" for :ID, :LABEL, ... without a name)
  std::string id_space;  // for :ID, :START_ID, :END_ID ("" = the global space)
  PropType type = PropType::kString;
  bool array = false;    // `tags:string[]`
  std::string text;      // the header field as written, for messages
  uint32_t column = 0;   // 1-based column of the header field
};

struct CsvHeader {
  std::vector<ColumnSpec> columns;
  bool relationships = false;
  int id_col = -1, start_col = -1, end_col = -1, label_col = -1, type_col = -1;
};

// Parses one header field; `where` prefixes error messages ("file:1:7").
Result<ColumnSpec> ParseColumnSpec(std::string_view field, const std::string& where);

// Parses a header row. Fields: the header's texts; columns: their 1-based columns.
// Errors name `file:line:column` and the bad field: unknown types, an :ID in a relationship
// file, :START_ID without :END_ID, duplicate special columns.
Result<CsvHeader> ParseCsvHeader(const std::vector<std::string>& fields,
                                 const std::vector<uint32_t>& columns, const std::string& file,
                                 uint64_t line);

}  // namespace liner::import
