#pragma once

// dataBreakpointInfo and setDataBreakpoints: hardware watches on variables
// and addresses.

#include <string_view>

#include "adapter/protocol/data_breakpoints.hpp"
#include "adapter/protocol/events.hpp"
#include "adapter/request_handler.hpp"
#include "engine/target.hpp"

namespace int3::dap {

class data_breakpoint_info_handler
    : public request_handler<protocol::data_breakpoint_info_arguments,
                             protocol::data_breakpoint_info_response_body> {
 public:
  using request_handler::request_handler;
  static constexpr std::string_view name = "dataBreakpointInfo";
  std::string_view command() const override { return name; }
  protocol::capabilities capabilities() const override;

 protected:
  run_state needs() const override { return run_state::stopped; }
  protocol::data_breakpoint_info_response_body run(
      const protocol::data_breakpoint_info_arguments& args) override;
};

// Replaces every data breakpoint; unchanged ones keep their id and slot.
class set_data_breakpoints_handler
    : public request_handler<protocol::set_data_breakpoints_arguments,
                             protocol::set_data_breakpoints_response_body> {
 public:
  using request_handler::request_handler;
  static constexpr std::string_view name = "setDataBreakpoints";
  std::string_view command() const override { return name; }

 protected:
  protocol::set_data_breakpoints_response_body run(
      const protocol::set_data_breakpoints_arguments& args) override;
};

// For stop_reporter: the stopped event of a watch hit (reason, ids, "x: 1 -> 2").
void describe_data_breakpoint_stop(session& s, const engine::stop_event& stop,
                                   protocol::stopped_event_body& body);
// Watches the engine dropped (their local's frame returned): a `breakpoint`
// event (removed) and a console line for each.
void report_watch_removals(session& s);

}  // namespace int3::dap
