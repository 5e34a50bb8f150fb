#pragma once

// variables and setVariable (variables.cpp), and the scopes they start from.

#include <string_view>

#include "adapter/protocol/requests.hpp"
#include "adapter/protocol/variables.hpp"
#include "adapter/request_handler.hpp"

namespace int3::dap {

class session;
struct frame_ref;

// The scopes request's answer for a known frame: Arguments, Locals and the
// compile unit's Globals (expensive when there are many).
protocol::scopes_response_body describe_scopes(session& s, int frame_id, const frame_ref& frame);

class variables_handler
    : public request_handler<protocol::variables_arguments, protocol::variables_response_body> {
 public:
  using request_handler::request_handler;
  static constexpr std::string_view name = "variables";
  std::string_view command() const override { return name; }
  protocol::capabilities capabilities() const override;

 protected:
  run_state needs() const override { return run_state::stopped; }
  protocol::variables_response_body run(const protocol::variables_arguments& args) override;
};

class set_variable_handler : public request_handler<protocol::set_variable_arguments,
                                                    protocol::set_variable_response_body> {
 public:
  using request_handler::request_handler;
  static constexpr std::string_view name = "setVariable";
  std::string_view command() const override { return name; }
  protocol::capabilities capabilities() const override;

 protected:
  run_state needs() const override { return run_state::stopped; }
  protocol::set_variable_response_body run(const protocol::set_variable_arguments& args) override;
};

}  // namespace int3::dap
