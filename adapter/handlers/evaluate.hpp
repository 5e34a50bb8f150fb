#pragma once

// evaluate (evaluate.cpp): C/C++ expressions in a stopped frame.

#include <string_view>

#include "adapter/protocol/evaluate.hpp"
#include "adapter/request_handler.hpp"

namespace int3::dap {

class evaluate_handler
    : public request_handler<protocol::evaluate_arguments, protocol::evaluate_response_body> {
 public:
  using request_handler::request_handler;
  static constexpr std::string_view name = "evaluate";
  std::string_view command() const override { return name; }
  protocol::capabilities capabilities() const override;

 protected:
  run_state needs() const override { return run_state::stopped; }
  protocol::evaluate_response_body run(const protocol::evaluate_arguments& args) override;
};

}  // namespace int3::dap
