#pragma once
// Scalar functions of the Cypher subset (functions.cpp). Internal to query/.

#include <string>

#include "query/plan.h"

namespace liner::query {

// Evaluates a kFunction expression (not an aggregate).
QValue CallFunction(const Expr& e, Row& row, ExecState& st);
// toString() of a number, boolean or string.
std::string ToStringValue(const QValue& v);
// properties(x) of a node, relationship or map.
QValue PropertiesValue(const QValue& v, ExecState& st);
// Is there a scalar function called `name` (lower case)?
bool IsKnownFunction(const std::string& name);

}  // namespace liner::query
