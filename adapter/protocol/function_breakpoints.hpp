#pragma once

// setFunctionBreakpoints' arguments and response body.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapter/protocol/types.hpp"

namespace int3::dap::protocol {

using json = nlohmann::json;

// FunctionBreakpoint.
struct function_breakpoint {
  /// The function's name: C, qualified C++ or a `::` suffix of one.
  std::string name;
  std::optional<std::string> condition;
  std::optional<std::string> hitCondition;
};
void from_json(const json& j, function_breakpoint& b);

// SetFunctionBreakpointsArguments.
struct set_function_breakpoints_arguments {
  /// Replaces every function breakpoint; empty clears them.
  std::vector<function_breakpoint> breakpoints;
};
void from_json(const json& j, set_function_breakpoints_arguments& a);

struct set_function_breakpoints_response_body {
  /// One per requested breakpoint, in request order.
  std::vector<breakpoint> breakpoints;
};
void to_json(json& j, const set_function_breakpoints_response_body& b);

}  // namespace int3::dap::protocol
