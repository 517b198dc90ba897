#pragma once
// QValue: a value as the query engine computes and returns it — null, boolean, integer, float,
// string, list, map, node, relationship or path.
//
// Nodes, relationships and paths returned by a ResultCursor are self-contained (id, labels or
// type, properties, endpoints), so renderers need no transaction. Inside the engine a node or
// relationship may travel as a bare id and is loaded only when a row leaves the cursor.
// Plain value type; thread-compatible.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "storage/types.h"
#include "storage/value.h"

namespace liner::query {

struct QValue;
using QList = std::vector<QValue>;
// Keys in ascending byte order.
using QMap = std::map<std::string, QValue>;

// Labels and properties of a node, or type and properties of a relationship.
struct EntityData {
  std::vector<std::string> labels;  // nodes: sorted; relationships: empty
  std::string type;                 // relationships only
  std::shared_ptr<const QMap> properties;
};

struct QNode {
  NodeId id = 0;
  std::shared_ptr<const EntityData> data;  // null until loaded (inside the engine only)
  const std::vector<std::string>& labels() const;
  const QMap& properties() const;
  bool operator==(const QNode& o) const { return id == o.id; }
};

struct QRel {
  EdgeId id = 0;
  NodeId start = 0;  // source of the relationship
  NodeId end = 0;    // target of the relationship
  TokenId type_token = kNoToken;
  std::shared_ptr<const EntityData> data;  // null until loaded (inside the engine only)
  const std::string& type() const;
  const QMap& properties() const;
  bool operator==(const QRel& o) const { return id == o.id; }
};

// Alternating nodes and relationships: nodes.size() == rels.size() + 1.
struct QPath {
  std::vector<QNode> nodes;
  std::vector<QRel> rels;
  bool operator==(const QPath& o) const { return nodes == o.nodes && rels == o.rels; }
};

// A list held by QValue: shared and copied on write, so that copying a row that carries a
// long list (collect() results, UNWIND sources) costs a reference count, not the elements.
class SharedList {
 public:
  explicit SharedList(QList items) : p_(std::make_shared<QList>(std::move(items))) {}
  const QList& get() const { return *p_; }
  QList& mut() {
    if (p_.use_count() > 1) p_ = std::make_shared<QList>(*p_);
    return *p_;
  }
  const std::shared_ptr<QList>& ptr() const { return p_; }

 private:
  std::shared_ptr<QList> p_;
};

struct QValue {
  // Index order is the Type enum below.
  using Variant = std::variant<std::monostate, bool, int64_t, double, std::string, SharedList,
                               QMap, QNode, QRel, QPath>;
  enum class Type { kNull, kBool, kInt, kFloat, kString, kList, kMap, kNode, kRel, kPath };

  Variant v;

  QValue() = default;
  QValue(std::nullptr_t) {}                        // NOLINT
  QValue(bool b) : v(b) {}                         // NOLINT
  QValue(int i) : v(static_cast<int64_t>(i)) {}    // NOLINT
  QValue(int64_t i) : v(i) {}                      // NOLINT
  QValue(double d) : v(d) {}                       // NOLINT
  QValue(std::string s) : v(std::move(s)) {}       // NOLINT
  QValue(const char* s) : v(std::string(s)) {}     // NOLINT
  QValue(QList l) : v(SharedList(std::move(l))) {}  // NOLINT
  QValue(QMap m) : v(std::move(m)) {}              // NOLINT
  QValue(QNode n) : v(std::move(n)) {}             // NOLINT
  QValue(QRel r) : v(std::move(r)) {}              // NOLINT
  QValue(QPath p) : v(std::move(p)) {}             // NOLINT

  // Converts a stored property value (lists element by element).
  static QValue FromStorage(const Value& value);
  // Converts to a storable property value; nullopt for maps, nodes, relationships, paths and
  // lists that contain them.
  std::optional<Value> ToStorage() const;

  Type type() const { return static_cast<Type>(v.index()); }
  bool is_null() const { return v.index() == 0; }
  bool is_bool() const { return v.index() == 1; }
  bool is_int() const { return v.index() == 2; }
  bool is_float() const { return v.index() == 3; }
  bool is_number() const { return is_int() || is_float(); }
  bool is_string() const { return v.index() == 4; }
  bool is_list() const { return v.index() == 5; }
  bool is_map() const { return v.index() == 6; }
  bool is_node() const { return v.index() == 7; }
  bool is_rel() const { return v.index() == 8; }
  bool is_path() const { return v.index() == 9; }

  bool as_bool() const { return std::get<bool>(v); }
  int64_t as_int() const { return std::get<int64_t>(v); }
  double as_float() const { return std::get<double>(v); }
  // An integer or float as double.
  double as_number() const { return is_int() ? static_cast<double>(as_int()) : as_float(); }
  const std::string& as_string() const { return std::get<std::string>(v); }
  const QList& as_list() const { return std::get<SharedList>(v).get(); }
  QList& as_list() { return std::get<SharedList>(v).mut(); }  // unshares first
  // The list's shared storage (identity for caches keyed by list).
  const std::shared_ptr<QList>& list_storage() const { return std::get<SharedList>(v).ptr(); }
  const QMap& as_map() const { return std::get<QMap>(v); }
  QMap& as_map() { return std::get<QMap>(v); }
  const QNode& as_node() const { return std::get<QNode>(v); }
  const QRel& as_rel() const { return std::get<QRel>(v); }
  const QPath& as_path() const { return std::get<QPath>(v); }

  // Cypher literal text, as the openCypher TCK writes values: null, true, 1, 1.5, 'text',
  // [1, 2], {a: 1}, (:Person {name: 'X'}), [:CREDITED {role: 'x'}], <(:A)-[:T]->(:B)>.
  std::string ToCypherString() const;
  // Like ToCypherString, but strings unquoted at the top level (for tables).
  std::string ToDisplayString() const;

  // Equivalent() below (not Cypher's three-valued `=`).
  bool operator==(const QValue& o) const;
};

// Name of a value type as Cypher error messages say it: "Integer", "String", "Node", ...
const char* QTypeName(QValue::Type t);

// Structural identity used for DISTINCT, grouping and hashing: 1 and 1.0 are equivalent,
// null equals null, NaN equals NaN.
bool Equivalent(const QValue& a, const QValue& b);
size_t HashValue(const QValue& v);
inline bool QValue::operator==(const QValue& o) const { return Equivalent(*this, o); }

// The global sort order of openCypher (ORDER BY): map < node < relationship < list < path <
// string < boolean < number < null; numbers compare numerically, NaN after all numbers.
// Returns <0, 0, >0.
int CompareForOrder(const QValue& a, const QValue& b);

}  // namespace liner::query
