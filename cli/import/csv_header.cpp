#include "cli/import/csv_header.h"

#include <algorithm>
#include <cctype>

namespace liner::import {

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

Result<ColumnSpec> ParseColumnSpec(std::string_view field, const std::string& where) {
  ColumnSpec spec;
  spec.text = std::string(field);
  field = Trim(field);
  size_t colon = field.rfind(':');
  if (colon == std::string_view::npos) {
    if (field.empty()) return Status::InvalidArgument(where + ": empty header field");
    spec.name = std::string(field);
    return spec;
  }
  spec.name = std::string(Trim(field.substr(0, colon)));
  std::string_view type = Trim(field.substr(colon + 1));
  // An ID space in parentheses: ID(Person), START_ID(Person), END_ID(Person).
  std::string_view space;
  if (auto open = type.find('('); open != std::string_view::npos) {
    if (type.back() != ')') {
      return Status::InvalidArgument(where + ": header field '" + spec.text +
                                     "': missing ')' after the ID space");
    }
    space = Trim(type.substr(open + 1, type.size() - open - 2));
    type = Trim(type.substr(0, open));
  }
  std::string upper(type);
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (upper == "ID" || upper == "START_ID" || upper == "END_ID") {
    spec.kind = upper == "ID" ? ColumnKind::kId
                : upper == "START_ID" ? ColumnKind::kStartId
                                      : ColumnKind::kEndId;
    spec.id_space = std::string(space);
    return spec;
  }
  if (!space.empty()) {
    return Status::InvalidArgument(where + ": header field '" + spec.text +
                                   "': only ID, START_ID and END_ID take an ID space");
  }
  if (upper == "LABEL" || upper == "TYPE" || upper == "IGNORE") {
    spec.kind = upper == "LABEL" ? ColumnKind::kLabel
                : upper == "TYPE" ? ColumnKind::kType
                                  : ColumnKind::kIgnore;
    return spec;
  }
  if (spec.name.empty()) {
    return Status::InvalidArgument(where + ": header field '" + spec.text +
                                   "' has a type but no property name");
  }
  std::string t = Lower(type);
  if (t.size() > 2 && t.compare(t.size() - 2, 2, "[]") == 0) {
    spec.array = true;
    t.resize(t.size() - 2);
  }
  if (t == "int" || t == "long" || t == "short" || t == "byte") {
    spec.type = PropType::kInt;
  } else if (t == "float" || t == "double") {
    spec.type = PropType::kFloat;
  } else if (t == "boolean" || t == "bool") {
    spec.type = PropType::kBool;
  } else if (t == "string" || t == "char" || t == "date" || t == "localdate" || t == "time" ||
             t == "localtime" || t == "datetime" || t == "localdatetime" || t == "duration") {
    // Temporal values are kept as their ISO-8601 text (Liner has no temporal type yet).
    spec.type = PropType::kString;
  } else {
    return Status::InvalidArgument(
        where + ": header field '" + spec.text + "': unknown type '" + std::string(type) +
        "' (use int, long, float, double, boolean, string, or one of them followed by [])");
  }
  return spec;
}

Result<CsvHeader> ParseCsvHeader(const std::vector<std::string>& fields,
                                 const std::vector<uint32_t>& columns, const std::string& file,
                                 uint64_t line) {
  CsvHeader h;
  auto where = [&](size_t i) {
    return file + ":" + std::to_string(line) + ":" +
           std::to_string(i < columns.size() ? columns[i] : 1);
  };
  for (size_t i = 0; i < fields.size(); ++i) {
    LINER_ASSIGN_OR_RETURN(ColumnSpec spec, ParseColumnSpec(fields[i], where(i)));
    spec.column = i < columns.size() ? columns[i] : 0;
    int* slot = nullptr;
    switch (spec.kind) {
      case ColumnKind::kId: slot = &h.id_col; break;
      case ColumnKind::kStartId: slot = &h.start_col; break;
      case ColumnKind::kEndId: slot = &h.end_col; break;
      case ColumnKind::kLabel: slot = &h.label_col; break;
      case ColumnKind::kType: slot = &h.type_col; break;
      default: break;
    }
    if (slot) {
      if (*slot >= 0) {
        return Status::InvalidArgument(where(i) + ": header field '" + spec.text +
                                       "' repeats the column of field " +
                                       std::to_string(*slot + 1));
      }
      *slot = static_cast<int>(i);
    }
    if (spec.kind == ColumnKind::kProperty) {
      for (const auto& other : h.columns) {
        if ((other.kind == ColumnKind::kProperty || other.kind == ColumnKind::kId) &&
            !other.name.empty() && other.name == spec.name) {
          return Status::InvalidArgument(where(i) + ": property '" + spec.name +
                                         "' appears twice in the header");
        }
      }
    }
    h.columns.push_back(std::move(spec));
  }
  h.relationships = h.start_col >= 0 || h.end_col >= 0;
  if (h.relationships) {
    if (h.start_col < 0 || h.end_col < 0) {
      return Status::InvalidArgument(file + ":" + std::to_string(line) +
                                     ":1: a relationship header needs both :START_ID and :END_ID");
    }
    if (h.id_col >= 0) {
      return Status::InvalidArgument(where(h.id_col) +
                                     ": :ID in a relationship header (it has :START_ID)");
    }
    if (h.label_col >= 0) {
      return Status::InvalidArgument(where(h.label_col) + ": :LABEL in a relationship header");
    }
  } else if (h.type_col >= 0) {
    return Status::InvalidArgument(where(h.type_col) +
                                   ": :TYPE in a node header (relationship files need "
                                   ":START_ID and :END_ID)");
  }
  return h;
}

}  // namespace liner::import
