#pragma once
// Parser: recursive descent from tokens to the AST (query/ast.h).
// Errors are SyntaxError statuses with line, column, what was expected and a caret line.

#include <string_view>

#include "query/ast.h"
#include "storage/status.h"

namespace liner::query {

Result<Statement> ParseStatement(std::string_view text);

}  // namespace liner::query
