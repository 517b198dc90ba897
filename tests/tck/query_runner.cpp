#include "tests/tck/query_runner.h"

#include <cctype>
#include <regex>

#include "query/engine.h"

namespace liner::tck {

namespace {

using query::QValue;

TckValue ToTck(const QValue& v);

TckValue NodeToTck(const query::QNode& n) {
  TckValue t;
  t.kind = TckValue::Kind::kNode;
  t.labels = n.labels();
  for (const auto& [k, v] : n.properties()) t.map.emplace_back(k, ToTck(v));
  return t;
}

TckValue RelToTck(const query::QRel& r) {
  TckValue t;
  t.kind = TckValue::Kind::kRel;
  t.s = r.type();
  for (const auto& [k, v] : r.properties()) t.map.emplace_back(k, ToTck(v));
  return t;
}

TckValue ToTck(const QValue& v) {
  switch (v.type()) {
    case QValue::Type::kNull: return TckValue::Null();
    case QValue::Type::kBool: return TckValue::Bool(v.as_bool());
    case QValue::Type::kInt: return TckValue::Int(v.as_int());
    case QValue::Type::kFloat: return TckValue::Float(v.as_float());
    case QValue::Type::kString: return TckValue::String(v.as_string());
    case QValue::Type::kList: {
      std::vector<TckValue> items;
      for (const auto& e : v.as_list()) items.push_back(ToTck(e));
      return TckValue::List(std::move(items));
    }
    case QValue::Type::kMap: {
      TckValue t;
      t.kind = TckValue::Kind::kMap;
      for (const auto& [k, e] : v.as_map()) t.map.emplace_back(k, ToTck(e));
      return t;
    }
    case QValue::Type::kNode: return NodeToTck(v.as_node());
    case QValue::Type::kRel: return RelToTck(v.as_rel());
    case QValue::Type::kPath: {
      const auto& p = v.as_path();
      TckValue t;
      t.kind = TckValue::Kind::kPath;
      for (size_t i = 0; i < p.nodes.size(); ++i) {
        if (i > 0 && i - 1 < p.rels.size()) {
          const auto& r = p.rels[i - 1];
          t.list.push_back(RelToTck(r));
          t.forward.push_back(r.start == p.nodes[i - 1].id);
        }
        t.list.push_back(NodeToTck(p.nodes[i]));
      }
      return t;
    }
  }
  return TckValue::Null();
}

Result<QValue> ToQ(const TckValue& t) {
  switch (t.kind) {
    case TckValue::Kind::kNull: return QValue();
    case TckValue::Kind::kBool: return QValue(t.b);
    case TckValue::Kind::kInt: return QValue(t.i);
    case TckValue::Kind::kFloat: return QValue(t.f);
    case TckValue::Kind::kString: return QValue(t.s);
    case TckValue::Kind::kList: {
      query::QList items;
      for (const auto& e : t.list) {
        auto q = ToQ(e);
        if (!q.ok()) return q;
        items.push_back(std::move(*q));
      }
      return QValue(std::move(items));
    }
    case TckValue::Kind::kMap: {
      query::QMap m;
      for (const auto& [k, e] : t.map) {
        auto q = ToQ(e);
        if (!q.ok()) return q;
        m[k] = std::move(*q);
      }
      return QValue(std::move(m));
    }
    default:
      return Status::InvalidArgument("graph elements cannot be parameters: " + Canonical(t));
  }
}

query::ProcType ParseProcType(std::string s) {
  while (!s.empty() && (s.back() == '?' || s.back() == ' ')) s.pop_back();
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (s == "INTEGER") return query::ProcType::kInt;
  if (s == "FLOAT") return query::ProcType::kFloat;
  if (s == "NUMBER") return query::ProcType::kNumber;
  if (s == "STRING") return query::ProcType::kString;
  if (s == "BOOLEAN") return query::ProcType::kBool;
  if (s == "NODE") return query::ProcType::kNode;
  if (s == "RELATIONSHIP") return query::ProcType::kRel;
  if (s == "PATH") return query::ProcType::kPath;
  if (s == "MAP") return query::ProcType::kMap;
  if (s.rfind("LIST", 0) == 0) return query::ProcType::kList;
  return query::ProcType::kAny;
}

// "a :: INTEGER?, b :: STRING?" -> (name, type) pairs.
std::vector<std::pair<std::string, query::ProcType>> ParseFields(const std::string& text) {
  std::vector<std::pair<std::string, query::ProcType>> out;
  static const std::regex kField(R"(\s*(\w+)\s*::\s*([A-Za-z ?]+?)\s*(,|$))");
  for (std::sregex_iterator it(text.begin(), text.end(), kField), end; it != end; ++it) {
    out.emplace_back((*it)[1].str(), ParseProcType((*it)[2].str()));
  }
  return out;
}

class EngineRunner : public QueryRunner {
 public:
  explicit EngineRunner(Database* db) : engine_(db) {}

  QueryOutcome Run(const std::string& cypher, const std::map<std::string, TckValue>& params,
                   int timeout_ms) override {
    QueryOutcome out;
    query::Params qparams;
    for (const auto& [k, v] : params) {
      auto q = ToQ(v);
      if (!q.ok()) {
        out.error = q.status().message();
        return out;
      }
      qparams[k] = std::move(*q);
    }
    auto stmt = engine_.Prepare(cypher);
    if (!stmt.ok()) {
      out.compile_time = true;
      out.error = stmt.status().ToString();
      return out;
    }
    query::ExecOptions options;
    options.timeout_ms = timeout_ms;
    options.max_expansion = 2'000'000;
    auto cursor = engine_.Execute(*stmt, qparams, options);
    if (!cursor.ok()) {
      out.error = cursor.status().ToString();
      return out;
    }
    out.columns = (*cursor)->columns();
    std::vector<QValue> row;
    while ((*cursor)->Next(&row)) {
      std::vector<TckValue> converted;
      converted.reserve(row.size());
      for (const auto& v : row) converted.push_back(ToTck(v));
      out.rows.push_back(std::move(converted));
    }
    Status st = (*cursor)->status();
    if (!st.ok()) {
      out.error = st.ToString();
      out.rows.clear();
      return out;
    }
    // A statement without RETURN has no columns; any rows it reports carry nothing and are
    // not records in the TCK's sense ("the result should be empty").
    if (out.columns.empty()) out.rows.clear();
    out.ok = true;
    return out;
  }

  // "test.my.proc(in :: INTEGER?) :: (out :: STRING?)": answers each call with the table rows
  // whose input cells equal the arguments.
  Status RegisterProcedure(const std::string& signature, const Table& table) override {
    static const std::regex kSig(R"(^\s*([\w.]+)\s*\((.*)\)\s*::\s*\((.*)\)\s*$)");
    std::smatch m;
    if (!std::regex_match(signature, m, kSig)) {
      return Status::InvalidArgument("cannot read procedure signature '" + signature + "'");
    }
    query::ProcedureSpec spec;
    spec.name = m[1].str();
    auto ins = ParseFields(m[2].str());
    auto outs = ParseFields(m[3].str());
    for (const auto& [n, t] : ins) spec.args.push_back({n, t, std::nullopt});
    for (const auto& [n, t] : outs) spec.columns.push_back({n, t});
    // Rows of the table as (input canonical texts, output values).
    std::vector<std::pair<std::vector<std::string>, std::vector<QValue>>> rows;
    if (!table.empty() && !table[0].empty()) {
      const auto& header = table[0];
      for (size_t r = 1; r < table.size(); ++r) {
        std::vector<std::string> in_cells;
        std::vector<QValue> out_cells;
        for (size_t c = 0; c < header.size() && c < table[r].size(); ++c) {
          auto v = ParseTckValue(table[r][c]);
          if (!v.ok()) return v.status();
          if (c < ins.size()) {
            in_cells.push_back(Canonical(*v));
          } else {
            auto q = ToQ(*v);
            if (!q.ok()) return q.status();
            out_cells.push_back(std::move(*q));
          }
        }
        rows.emplace_back(std::move(in_cells), std::move(out_cells));
      }
    }
    spec.fn = [rows](const std::vector<QValue>& args, query::ProcContext&)
        -> Result<std::vector<std::vector<QValue>>> {
      std::vector<std::string> key;
      for (const auto& a : args) {
        // The TCK's procedures compare numbers by value (an INTEGER 1 matches a NUMBER 1.0).
        key.push_back(Canonical(ToTck(a)));
      }
      std::vector<std::vector<QValue>> result;
      for (const auto& [in, out] : rows) {
        if (in == key) result.push_back(out);
      }
      return result;
    };
    engine_.procedures().Register(std::move(spec));
    return Status::OK();
  }

 private:
  query::Engine engine_;
};

}  // namespace

std::unique_ptr<QueryRunner> MakeQueryRunner(Database* db) {
  return std::make_unique<EngineRunner>(db);
}

}  // namespace liner::tck
