#pragma once

// setFunctionBreakpoints (function_breakpoints.cpp).

#include <string_view>

#include "adapter/protocol/function_breakpoints.hpp"
#include "adapter/request_handler.hpp"

namespace int3::dap {

// Replaces every function breakpoint; names that stay keep their ids.
class set_function_breakpoints_handler
    : public request_handler<protocol::set_function_breakpoints_arguments,
                             protocol::set_function_breakpoints_response_body> {
 public:
  using request_handler::request_handler;
  static constexpr std::string_view name = "setFunctionBreakpoints";
  std::string_view command() const override { return name; }
  protocol::capabilities capabilities() const override;

 protected:
  protocol::set_function_breakpoints_response_body run(
      const protocol::set_function_breakpoints_arguments& args) override;
};

}  // namespace int3::dap
