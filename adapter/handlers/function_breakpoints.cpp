#include "adapter/handlers/function_breakpoints.hpp"

#include "adapter/breakpoint_change.hpp"
#include "adapter/breakpoint_conditions.hpp"
#include "adapter/function_breakpoint_events.hpp"
#include "adapter/session.hpp"

namespace int3::dap {

protocol::capabilities set_function_breakpoints_handler::capabilities() const {
  protocol::capabilities c;
  c.supportsFunctionBreakpoints = true;
  return c;
}

protocol::set_function_breakpoints_response_body set_function_breakpoints_handler::run(
    const protocol::set_function_breakpoints_arguments& args) {
  std::vector<std::string> names;
  for (const auto& b : args.breakpoints) names.push_back(b.name);

  breakpoint_change change(session_);
  auto& registry = session_.function_breakpoints();
  auto result = registry.replace(names, change.pending_message());
  for (std::size_t i = 0; i < result.ids.size(); ++i) {
    if (!result.ids[i]) continue;
    const auto& spec = args.breakpoints[i];
    registry.set_behaviour(*result.ids[i],
                           breakpoint_behaviour::compile(spec.condition.value_or(""),
                                                         spec.hitCondition.value_or(""), ""));
  }
  for (int id : change.apply(registry, result)) send_function_breakpoint_changed(session_, id);

  protocol::set_function_breakpoints_response_body body;
  for (const auto& id : result.ids) {
    if (id) {
      body.breakpoints.push_back(describe_function_breakpoint(session_, *registry.find(*id)));
      continue;
    }
    protocol::breakpoint duplicate;
    duplicate.verified = false;
    duplicate.message = "a function breakpoint with this name already exists";
    body.breakpoints.push_back(std::move(duplicate));
  }
  return body;
}

}  // namespace int3::dap
