#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/expr/ast.hpp"
#include "engine/expr/scope.hpp"
#include "engine/values/value.hpp"

namespace int3::engine::expr {

// The value of an expression, or what is wrong ("unknown name 'foo'").
struct eval_result {
  std::optional<value> result;
  std::string error;

  explicit operator bool() const { return result.has_value(); }
};

// Evaluates a parsed expression in `s`. Reads memory and registers only:
// no assignment, no function call, no other side effect, so it is safe for
// hovers and for conditions.
eval_result evaluate(const node& root, const scope& s);
// parse() then evaluate(); a syntax error is the result's error.
eval_result evaluate(std::string_view text, const scope& s);

// Whether a condition holds, or why it could not be decided.
struct truth_result {
  std::optional<bool> holds;
  std::string error;
};
truth_result evaluate_condition(const node& root, const scope& s);

}  // namespace int3::engine::expr
