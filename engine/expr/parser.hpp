#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "engine/expr/ast.hpp"

namespace int3::engine::expr {

struct parse_result {
  std::unique_ptr<node> root;  // null when error is set
  std::string error;           // "expected ')' at column 7"

  explicit operator bool() const { return root != nullptr; }
};

// Parses a C/C++ expression of the kind a debugger user types: names,
// literals, member access, indexing, unary and binary operators with C
// precedence, ?:, casts to named types, sizeof and $registers. Pure: types
// named in casts are resolved at evaluation.
parse_result parse(std::string_view text);

// The words that begin a built-in type name ("unsigned", "int", "struct"...).
bool is_type_keyword(std::string_view word);

}  // namespace int3::engine::expr
