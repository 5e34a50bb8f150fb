#include "adapter/handlers/function_breakpoints.hpp"

#include <algorithm>

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

  // As setBreakpoints: a running program is interrupted for the change
  // when the engine can do that without a stop the user sees.
  bool engine_ready =
      session_.launched() && (!session_.running() || session_.target().can_interrupt());
  const std::string& pending = !session_.launched() ? pending_before_launch
                               : engine_ready       ? std::string()
                                                    : pending_while_running;
  auto& registry = session_.function_breakpoints();
  auto result = registry.replace(names, pending);
  for (std::size_t i = 0; i < result.ids.size(); ++i) {
    if (!result.ids[i]) continue;
    const auto& spec = args.breakpoints[i];
    registry.set_behaviour(*result.ids[i],
                           breakpoint_behaviour::compile(spec.condition.value_or(""),
                                                         spec.hitCondition.value_or(""), ""));
  }
  if (!engine_ready) {
    for (const auto& gone : result.removed)
      if (gone.engine_id) registry.defer_removal(*gone.engine_id);
  } else {
    std::vector<int> changed;
    session_.target().while_interrupted([&] {
      for (const auto& gone : result.removed)
        if (gone.engine_id) session_.target().remove_breakpoint(*gone.engine_id);
      changed = registry.bind_pending(session_.target());
    });
    for (int id : changed) {
      // This request's entries are answered in the response.
      if (std::find(result.ids.begin(), result.ids.end(), id) == result.ids.end())
        send_function_breakpoint_changed(session_, id);
    }
  }

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
