// JSON Lines in neo4j APOC's export shape: one node or relationship object per line.
// Node ids (strings or numbers) share one ID space per import; relationships are read in a
// second pass so that they may precede the nodes they connect.
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/import/native_importer.h"

namespace liner::import {

namespace {

using json = nlohmann::json;

// A JSON id as the key of the JSONL ID space: strings as they are, numbers as their text.
bool IdKey(const json& j, std::string* out) {
  if (j.is_string()) {
    *out = j.get<std::string>();
  } else if (j.is_number_integer()) {
    *out = j.dump();
  } else {
    return false;
  }
  return !out->empty();
}

constexpr const char* kJsonlSpace = "\x01jsonl";  // cannot clash with a CSV ID space name

// Converts a JSON property value; objects are kept as their JSON text. nullopt for null.
Result<Value> ToValue(const json& j, const std::string& key) {
  switch (j.type()) {
    case json::value_t::boolean: return Value(j.get<bool>());
    case json::value_t::number_integer: return Value(j.get<int64_t>());
    case json::value_t::number_unsigned: {
      auto u = j.get<uint64_t>();
      if (u > static_cast<uint64_t>(INT64_MAX)) {
        return Status::InvalidArgument("property '" + key + "': integer " + j.dump() +
                                       " does not fit in 64 bits");
      }
      return Value(static_cast<int64_t>(u));
    }
    case json::value_t::number_float: return Value(j.get<double>());
    case json::value_t::string: return Value(j.get<std::string>());
    case json::value_t::array: {
      ValueList list;
      for (const auto& e : j) {
        if (e.is_null()) continue;
        LINER_ASSIGN_OR_RETURN(Value v, ToValue(e, key));
        list.push_back(std::move(v));
      }
      return Value(std::move(list));
    }
    case json::value_t::object: return Value(j.dump());
    default: return Value();
  }
}

Result<PropertyMap> ToProps(NativeImporter& imp, const json& obj) {
  PropertyMap props;
  auto it = obj.find("properties");
  if (it == obj.end() || it->is_null()) return props;
  if (!it->is_object()) return Status::InvalidArgument("\"properties\" is not an object");
  for (const auto& [k, v] : it->items()) {
    if (v.is_null()) continue;
    LINER_ASSIGN_OR_RETURN(Value value, ToValue(v, k));
    LINER_ASSIGN_OR_RETURN(TokenId key, imp.Key(k));
    props.Set(key, std::move(value));
  }
  return props;
}

Status Node(NativeImporter& imp, const json& obj) {
  std::string id;
  auto idj = obj.find("id");
  if (idj == obj.end() || !IdKey(*idj, &id)) {
    return Status::InvalidArgument("node without a string or integer \"id\"");
  }
  IdSpace& space = imp.Space(kJsonlSpace);
  if (space.FindString(id)) return Status::InvalidArgument("duplicate node id '" + id + "'");
  std::vector<TokenId> labels;
  if (auto l = obj.find("labels"); l != obj.end() && !l->is_null()) {
    if (!l->is_array()) return Status::InvalidArgument("\"labels\" is not an array");
    for (const auto& name : *l) {
      if (!name.is_string()) return Status::InvalidArgument("a label that is not a string");
      LINER_ASSIGN_OR_RETURN(TokenId t, imp.Label(name.get<std::string>()));
      labels.push_back(t);
    }
  }
  std::sort(labels.begin(), labels.end());
  labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
  LINER_ASSIGN_OR_RETURN(PropertyMap props, ToProps(imp, obj));
  LINER_ASSIGN_OR_RETURN(NodeId node, imp.AddNode(std::move(labels), std::move(props)));
  space.InsertString(id, node);
  return Status::OK();
}

Result<NodeId> End(NativeImporter& imp, const json& obj, const char* which) {
  auto e = obj.find(which);
  std::string id;
  if (e == obj.end() || !e->is_object() || !e->contains("id") || !IdKey((*e)["id"], &id)) {
    return Status::InvalidArgument(std::string("relationship without \"") + which +
                                   "\": {\"id\": ...}");
  }
  NodeId node = imp.Space(kJsonlSpace).FindString(id);
  if (!node) {
    return Status::InvalidArgument(std::string(which) + " node '" + id + "' is not in the import");
  }
  return node;
}

Status Relationship(NativeImporter& imp, const json& obj) {
  auto t = obj.find("label");
  if (t == obj.end()) t = obj.find("relationship_type");
  if (t == obj.end() || !t->is_string() || t->get<std::string>().empty()) {
    return Status::InvalidArgument("relationship without a \"label\" (its type)");
  }
  LINER_ASSIGN_OR_RETURN(NodeId src, End(imp, obj, "start"));
  LINER_ASSIGN_OR_RETURN(NodeId dst, End(imp, obj, "end"));
  LINER_ASSIGN_OR_RETURN(TokenId type, imp.Type(t->get<std::string>()));
  LINER_ASSIGN_OR_RETURN(PropertyMap props, ToProps(imp, obj));
  return imp.AddEdge(src, dst, type, std::move(props));
}

}  // namespace

Status ImportJsonl(NativeImporter& imp, const std::string& file, bool relationships) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::IOError(file + ": cannot open");
  in.seekg(0, std::ios::end);
  uint64_t total = static_cast<uint64_t>(in.tellg());
  in.seekg(0);
  std::string line;
  uint64_t line_no = 0, done = 0;
  while (std::getline(in, line)) {
    ++line_no;
    done += line.size() + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    if ((line_no & 0x3fff) == 0) imp.Progress(file, done, total);
    std::string where = file + ":" + std::to_string(line_no) + ":";
    json obj;
    try {
      obj = json::parse(line);
    } catch (const json::parse_error& e) {
      if (relationships) continue;  // reported in the node pass
      ++imp.summary().records_read;
      std::string msg = e.what();
      if (auto p = msg.find("parse error"); p != std::string::npos) msg = msg.substr(p);
      LINER_RETURN_IF_ERROR(imp.BadRow(where + std::to_string(e.byte ? e.byte : 1), msg));
      continue;
    }
    std::string type = obj.is_object() && obj.contains("type") && obj["type"].is_string()
                           ? obj["type"].get<std::string>()
                           : "";
    bool is_rel = type == "relationship";
    if (type != "node" && !is_rel) {
      if (relationships) continue;
      ++imp.summary().records_read;
      LINER_RETURN_IF_ERROR(
          imp.BadRow(where + "1", "expected an object with \"type\": \"node\" or \"relationship\""));
      continue;
    }
    if (is_rel != relationships) continue;
    ++imp.summary().records_read;
    Status st = is_rel ? Relationship(imp, obj) : Node(imp, obj);
    if (!st.ok()) LINER_RETURN_IF_ERROR(imp.BadRow(where + "1", st.message()));
  }
  if (relationships) imp.summary().bytes_read += total;
  return Status::OK();
}

}  // namespace liner::import
