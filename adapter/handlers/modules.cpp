// modules.

#include <algorithm>

#include "adapter/handlers/handlers.hpp"
#include "adapter/module_events.hpp"
#include "adapter/session.hpp"

namespace int3::dap {

protocol::capabilities modules_handler::capabilities() const {
  protocol::capabilities c;
  c.supportsModulesRequest = true;
  return c;
}

protocol::modules_response_body modules_handler::run(const protocol::modules_arguments& args) {
  protocol::modules_response_body body;
  // Before launch and after the end nothing is loaded, which is an answer.
  if (!session_.launched() || session_.target().has_ended()) {
    body.totalModules = 0;
    return body;
  }
  auto all = session_.target().modules();
  std::size_t first = std::min<std::size_t>(args.startModule, all.size());
  std::size_t last = args.moduleCount == 0
                         ? all.size()
                         : std::min<std::size_t>(first + args.moduleCount, all.size());
  for (std::size_t i = first; i < last; ++i) body.modules.push_back(describe_module(all[i]));
  body.totalModules = static_cast<int>(all.size());
  return body;
}

}  // namespace int3::dap
