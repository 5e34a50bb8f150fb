#include "adapter/protocol/function_breakpoints.hpp"

#include "adapter/protocol/json_io.hpp"

namespace int3::dap::protocol {

void from_json(const json& j, function_breakpoint& b) {
  b.name = require<std::string>(j, "name");
  b.condition = optional<std::string>(j, "condition");
  b.hitCondition = optional<std::string>(j, "hitCondition");
}

void from_json(const json& j, set_function_breakpoints_arguments& a) {
  a.breakpoints = require<std::vector<function_breakpoint>>(j, "breakpoints");
}

void to_json(json& j, const set_function_breakpoints_response_body& b) {
  j = json{{"breakpoints", b.breakpoints}};
}

}  // namespace int3::dap::protocol
