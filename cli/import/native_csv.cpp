// neo4j-admin-style CSV files: header parsing, then one node or relationship per data row.
#include <cctype>

#include "cli/import/csv_reader.h"
#include "cli/import/native_importer.h"

namespace liner::import {

namespace {

// ASCII white space (what std::isspace means in the C locale), without a locale lookup.
bool IsSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

std::string Where(const CsvReader& r, uint32_t column) {
  return r.path() + ":" + std::to_string(r.line()) + ":" + std::to_string(column);
}

std::string SpaceName(const std::string& space) {
  return space.empty() ? "the global ID space" : "ID space '" + space + "'";
}

// Reads the header row of an input's first file; the reader is left at the first data row.
Result<CsvHeader> ReadHeader(CsvReader& reader) {
  if (!reader.Next()) {
    LINER_RETURN_IF_ERROR(reader.status());
    return Status::InvalidArgument(reader.path() + ":1:1: empty file: expected a header row");
  }
  std::vector<std::string> fields;
  std::vector<uint32_t> columns;
  for (size_t i = 0; i < reader.size(); ++i) {
    fields.emplace_back(reader.field(i));
    columns.push_back(reader.column(i));
  }
  return ParseCsvHeader(fields, columns, reader.path(), reader.line());
}

// Iterates over the data rows of an input: the rest of the first file, then every other file.
class RowSource {
 public:
  explicit RowSource(const NativeInput& input, char delimiter)
      : input_(input), delimiter_(delimiter) {}

  Result<CsvHeader> Start() {
    LINER_ASSIGN_OR_RETURN(reader_, CsvReader::Open(input_.files[0], delimiter_));
    return ReadHeader(*reader_);
  }

  // Advances to the next data row; false at the end (check status()).
  bool Next(NativeImporter& imp) {
    for (;;) {
      if (reader_->Next()) {
        if ((++rows_ & 0xffff) == 0) {
          imp.Progress(reader_->path(), reader_->bytes_read(), reader_->total_bytes());
        }
        return true;
      }
      if (!reader_->status().ok()) {
        status_ = reader_->status();
        return false;
      }
      imp.summary().bytes_read += reader_->total_bytes();
      if (++file_ >= input_.files.size()) return false;
      auto r = CsvReader::Open(input_.files[file_], delimiter_);
      if (!r.ok()) {
        status_ = r.status();
        return false;
      }
      reader_ = std::move(r).value();
    }
  }
  const CsvReader& reader() const { return *reader_; }
  const Status& status() const { return status_; }

 private:
  const NativeInput& input_;
  char delimiter_;
  std::unique_ptr<CsvReader> reader_;
  size_t file_ = 0;
  uint64_t rows_ = 0;
  Status status_;
};

// Checks the field count; returns a reason when the row does not match the header.
std::string FieldCountError(const CsvReader& r, const CsvHeader& h, uint32_t* column) {
  if (r.size() == h.columns.size()) return "";
  *column = r.size() < h.columns.size() ? r.end_column() : r.column(h.columns.size());
  return "row has " + std::to_string(r.size()) + " fields but the header has " +
         std::to_string(h.columns.size());
}

// Property keys of the header's named columns (kNoToken for the others).
Result<std::vector<TokenId>> ColumnKeys(NativeImporter& imp, const CsvHeader& h) {
  std::vector<TokenId> keys(h.columns.size(), kNoToken);
  for (size_t i = 0; i < h.columns.size(); ++i) {
    const ColumnSpec& c = h.columns[i];
    if ((c.kind == ColumnKind::kProperty || c.kind == ColumnKind::kId) && !c.name.empty()) {
      LINER_ASSIGN_OR_RETURN(keys[i], imp.Key(c.name));
    }
  }
  return keys;
}

// The value `props` holds under `key`, or null.
Value* Slot(PropertyMap* props, TokenId key) {
  for (auto& e : props->mutable_entries()) {
    if (e.first == key) return &e.second;
  }
  return nullptr;
}

// Parses the property column `i` of the current row into `props`, or removes `key` when the
// field is empty (`props` keeps the previous row's values: every column sets or removes its
// key). Strings and integers overwrite the previous row's value in place, so a string keeps
// its buffer instead of allocating one per row. Returns a reason on error.
std::string ParseProperty(NativeImporter& imp, const CsvReader& r, const ColumnSpec& c,
                          size_t i, TokenId key, PropertyMap* props) {
  std::string_view text = r.field(i);
  if (text.empty() && (!r.quoted(i) || c.type != PropType::kString || c.array)) {
    props->Remove(key);
    return "";
  }
  if (!c.array && (c.type == PropType::kString || c.type == PropType::kInt)) {
    Value* slot = Slot(props, key);
    if (c.type == PropType::kString) {
      if (auto* s = slot ? std::get_if<std::string>(&slot->v) : nullptr) {
        s->assign(text.data(), text.size());
      } else {
        props->Set(key, Value(std::string(text)));
      }
      return "";
    }
    int64_t n;
    if (ParseInt64(text, &n)) {
      if (slot) {
        slot->v = n;
      } else {
        props->Set(key, Value(n));
      }
      return "";
    }  // not an integer: ParseTypedValue gives the reason
  }
  auto v = ParseTypedValue(text, c.type, c.array, imp.options().array_delimiter);
  if (!v.ok()) return "field '" + c.text + "': " + v.status().message();
  props->Set(key, std::move(v).value());
  return "";
}

// Resolves an id field against its space; 0 with a reason when it is missing or malformed.
NodeId LookupId(NativeImporter& imp, IdSpace& space, std::string_view text,
                const ColumnSpec& c, std::string* reason) {
  text = Trim(text);
  const char* what = c.kind == ColumnKind::kStartId ? ":START_ID" : ":END_ID";
  if (text.empty()) {
    *reason = std::string("empty ") + what;
    return 0;
  }
  NodeId node = 0;
  if (imp.options().id_type == IdType::kInteger) {
    int64_t id;
    if (!ParseInt64(text, &id)) {
      *reason = std::string(what) + " '" + std::string(text) + "' is not an integer (--id-type integer)";
      return 0;
    }
    node = space.FindInt(id);
  } else {
    node = space.FindString(text);
  }
  if (node == 0) {
    *reason = std::string(what) + " '" + std::string(text) + "' names no node in " +
              SpaceName(c.id_space);
  }
  return node;
}

}  // namespace

Result<bool> CsvIsRelationships(const NativeInput& input, char delimiter) {
  if (input.files.empty()) return Status::InvalidArgument("an input with no files");
  LINER_ASSIGN_OR_RETURN(auto reader, CsvReader::Open(input.files[0], delimiter));
  LINER_ASSIGN_OR_RETURN(CsvHeader h, ReadHeader(*reader));
  return h.relationships;
}

Status ImportCsvNodes(NativeImporter& imp, const NativeInput& input) {
  RowSource rows(input, imp.options().delimiter);
  LINER_ASSIGN_OR_RETURN(CsvHeader h, rows.Start());
  if (h.relationships) {
    return Status::InvalidArgument(input.files[0] +
                                   ":1:1: a relationship header (:START_ID) given as nodes");
  }
  LINER_ASSIGN_OR_RETURN(std::vector<TokenId> keys, ColumnKeys(imp, h));
  std::vector<TokenId> default_labels;
  for (const auto& l : input.names) {
    LINER_ASSIGN_OR_RETURN(TokenId t, imp.Label(l));
    default_labels.push_back(t);
  }
  const bool int_ids = imp.options().id_type == IdType::kInteger;
  IdSpace* space = h.id_col >= 0 ? &imp.Space(h.columns[h.id_col].id_space) : nullptr;
  std::vector<TokenId> labels;
  PropertyMap props;  // reused: each column sets or removes its key in every row
  while (rows.Next(imp)) {
    const CsvReader& r = rows.reader();
    ++imp.summary().records_read;
    uint32_t bad_col = 0;
    std::string reason = FieldCountError(r, h, &bad_col);
    labels = default_labels;
    int64_t int_id = 0;
    std::string_view str_id;
    for (size_t i = 0; i < h.columns.size() && reason.empty(); ++i) {
      const ColumnSpec& c = h.columns[i];
      bad_col = r.column(i);
      switch (c.kind) {
        case ColumnKind::kProperty:
          reason = ParseProperty(imp, r, c, i, keys[i], &props);
          break;
        case ColumnKind::kId: {
          str_id = Trim(r.field(i));
          if (str_id.empty()) {
            reason = "empty :ID";
          } else if (int_ids && !ParseInt64(str_id, &int_id)) {
            reason = ":ID '" + std::string(str_id) + "' is not an integer (--id-type integer)";
          } else if (int_ids ? space->FindInt(int_id) : space->FindString(str_id)) {
            reason = "duplicate :ID '" + std::string(str_id) + "' in " + SpaceName(c.id_space);
          } else if (keys[i] != kNoToken) {
            props.Set(keys[i], int_ids ? Value(int_id) : Value(std::string(str_id)));
          }
          break;
        }
        case ColumnKind::kLabel: {
          std::string_view text = r.field(i);
          size_t start = 0;
          while (start <= text.size()) {
            size_t end = text.find(imp.options().array_delimiter, start);
            if (end == std::string_view::npos) end = text.size();
            std::string_view l = Trim(text.substr(start, end - start));
            if (!l.empty()) {
              LINER_ASSIGN_OR_RETURN(TokenId t, imp.Label(l));
              labels.push_back(t);
            }
            start = end + 1;
          }
          break;
        }
        default:
          break;
      }
    }
    if (!reason.empty()) {
      LINER_RETURN_IF_ERROR(imp.BadRow(Where(r, bad_col), reason));
      continue;
    }
    std::sort(labels.begin(), labels.end());
    labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
    auto node = imp.AddNode(labels, props);
    if (!node.ok()) {
      LINER_RETURN_IF_ERROR(imp.BadRow(Where(r, 1), node.status().message()));
      continue;
    }
    if (space) {
      if (int_ids) {
        space->InsertInt(int_id, *node);
      } else {
        space->InsertString(str_id, *node);
      }
    }
  }
  return rows.status();
}

Status ImportCsvRelationships(NativeImporter& imp, const NativeInput& input) {
  RowSource rows(input, imp.options().delimiter);
  LINER_ASSIGN_OR_RETURN(CsvHeader h, rows.Start());
  if (!h.relationships) {
    return Status::InvalidArgument(input.files[0] +
                                   ":1:1: a node header (no :START_ID) given as relationships");
  }
  TokenId default_type = kNoToken;
  if (!input.names.empty()) {
    LINER_ASSIGN_OR_RETURN(default_type, imp.Type(input.names[0]));
  } else if (h.type_col < 0) {
    return Status::InvalidArgument(
        input.files[0] + ":1:1: relationship header without :TYPE and no default type (use "
                         "--relationships=TYPE=FILES or add a :TYPE column)");
  }
  LINER_ASSIGN_OR_RETURN(std::vector<TokenId> keys, ColumnKeys(imp, h));
  std::vector<IdSpace*> spaces(h.columns.size(), nullptr);  // of the :START_ID/:END_ID columns
  for (size_t i = 0; i < h.columns.size(); ++i) {
    const ColumnSpec& c = h.columns[i];
    if (c.kind == ColumnKind::kStartId || c.kind == ColumnKind::kEndId) {
      spaces[i] = &imp.Space(c.id_space);
    }
  }
  PropertyMap props;  // reused: each column sets or removes its key in every row
  while (rows.Next(imp)) {
    const CsvReader& r = rows.reader();
    ++imp.summary().records_read;
    uint32_t bad_col = 0;
    std::string reason = FieldCountError(r, h, &bad_col);
    NodeId src = 0, dst = 0;
    TokenId type = default_type;
    for (size_t i = 0; i < h.columns.size() && reason.empty(); ++i) {
      const ColumnSpec& c = h.columns[i];
      bad_col = r.column(i);
      switch (c.kind) {
        case ColumnKind::kProperty:
          reason = ParseProperty(imp, r, c, i, keys[i], &props);
          break;
        case ColumnKind::kStartId:
          src = LookupId(imp, *spaces[i], r.field(i), c, &reason);
          break;
        case ColumnKind::kEndId:
          dst = LookupId(imp, *spaces[i], r.field(i), c, &reason);
          break;
        case ColumnKind::kType: {
          std::string_view t = Trim(r.field(i));
          if (!t.empty()) {
            LINER_ASSIGN_OR_RETURN(type, imp.Type(t));
          } else if (type == kNoToken) {
            reason = "empty :TYPE and no default type (--relationships=TYPE=FILES)";
          }
          break;
        }
        default:
          break;
      }
    }
    if (!reason.empty()) {
      LINER_RETURN_IF_ERROR(imp.BadRow(Where(r, bad_col), reason));
      continue;
    }
    Status st = imp.AddEdge(src, dst, type, props);
    if (!st.ok()) LINER_RETURN_IF_ERROR(imp.BadRow(Where(r, 1), st.message()));
  }
  return rows.status();
}

}  // namespace liner::import
