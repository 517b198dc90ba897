#include "cli/json_value.h"

#include <cmath>

namespace liner::cli {

using query::QValue;
using Json = nlohmann::ordered_json;

namespace {

Json PropertiesToJson(const query::QMap& props) {
  Json out = Json::object();
  for (const auto& [k, v] : props) out[k] = ToJson(v);
  return out;
}

Json NodeToJson(const query::QNode& n) {
  Json out = Json::object();
  out["id"] = n.id;
  out["labels"] = n.data ? Json(n.labels()) : Json::array();
  out["properties"] = n.data ? PropertiesToJson(n.properties()) : Json::object();
  return out;
}

Json RelToJson(const query::QRel& r) {
  Json out = Json::object();
  out["id"] = r.id;
  out["type"] = r.data ? r.type() : std::string();
  out["start"] = r.start;
  out["end"] = r.end;
  out["properties"] = r.data ? PropertiesToJson(r.properties()) : Json::object();
  return out;
}

}  // namespace

Json ToJson(const QValue& value) {
  switch (value.type()) {
    case QValue::Type::kNull: return nullptr;
    case QValue::Type::kBool: return value.as_bool();
    case QValue::Type::kInt: return value.as_int();
    case QValue::Type::kFloat: {
      double d = value.as_float();
      if (std::isnan(d)) return "NaN";
      if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
      return d;
    }
    case QValue::Type::kString: return value.as_string();
    case QValue::Type::kList: {
      Json out = Json::array();
      for (const auto& v : value.as_list()) out.push_back(ToJson(v));
      return out;
    }
    case QValue::Type::kMap: return PropertiesToJson(value.as_map());
    case QValue::Type::kNode: return NodeToJson(value.as_node());
    case QValue::Type::kRel: return RelToJson(value.as_rel());
    case QValue::Type::kPath: {
      const auto& p = value.as_path();
      Json out = Json::array();
      for (size_t i = 0; i < p.nodes.size(); ++i) {
        out.push_back(NodeToJson(p.nodes[i]));
        if (i < p.rels.size()) out.push_back(RelToJson(p.rels[i]));
      }
      return out;
    }
  }
  return nullptr;
}

Json RowToJson(const std::vector<std::string>& columns, const std::vector<QValue>& row) {
  Json out = Json::object();
  for (size_t i = 0; i < columns.size() && i < row.size(); ++i) out[columns[i]] = ToJson(row[i]);
  return out;
}

QValue FromJson(const nlohmann::json& json) {
  switch (json.type()) {
    case nlohmann::json::value_t::null:
    case nlohmann::json::value_t::discarded: return QValue();
    case nlohmann::json::value_t::boolean: return QValue(json.get<bool>());
    case nlohmann::json::value_t::number_integer: return QValue(json.get<int64_t>());
    case nlohmann::json::value_t::number_unsigned: {
      auto u = json.get<uint64_t>();
      if (u > static_cast<uint64_t>(INT64_MAX)) return QValue(static_cast<double>(u));
      return QValue(static_cast<int64_t>(u));
    }
    case nlohmann::json::value_t::number_float: return QValue(json.get<double>());
    case nlohmann::json::value_t::string: return QValue(json.get<std::string>());
    case nlohmann::json::value_t::array: {
      query::QList list;
      for (const auto& e : json) list.push_back(FromJson(e));
      return QValue(std::move(list));
    }
    case nlohmann::json::value_t::object: {
      query::QMap map;
      for (const auto& [k, v] : json.items()) map[k] = FromJson(v);
      return QValue(std::move(map));
    }
    case nlohmann::json::value_t::binary: return QValue();
  }
  return QValue();
}

Result<QValue> ParseJsonValue(std::string_view text) {
  try {
    return FromJson(nlohmann::json::parse(text));
  } catch (const nlohmann::json::parse_error& e) {
    return Status::InvalidArgument("invalid JSON at byte " + std::to_string(e.byte) + ": " +
                                   std::string(text));
  }
}

}  // namespace liner::cli
