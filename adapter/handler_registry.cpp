#include "adapter/handler_registry.hpp"

#include <spdlog/spdlog.h>

#include "adapter/core_requests.hpp"
#include "adapter/errors.hpp"
#include "adapter/handlers/completions.hpp"
#include "adapter/handlers/data_breakpoints.hpp"
#include "adapter/handlers/evaluate.hpp"
#include "adapter/handlers/function_breakpoints.hpp"
#include "adapter/handlers/handlers.hpp"
#include "adapter/handlers/machine.hpp"
#include "adapter/handlers/variables.hpp"
#include "adapter/session.hpp"

namespace int3::dap {

handler_registry::handler_registry(session& owner) : session_(owner) {
  // The one list of requests int3 answers.
  add<initialize_handler>();
  add<launch_handler>();
  add<configuration_done_handler>();
  add<disconnect_handler>();
  add<terminate_handler>();
  add<attach_handler>();
  add<restart_handler>();
  add<set_breakpoints_handler>();
  add<set_function_breakpoints_handler>();
  add<set_exception_breakpoints_handler>();
  add<exception_info_handler>();
  add<breakpoint_sites_handler>();
  add<continue_handler>();
  add<next_handler>();
  add<step_in_handler>();
  add<step_out_handler>();
  add<pause_handler>();
  add<threads_handler>();
  add<stack_trace_handler>();
  add<modules_handler>();
  add<scopes_handler>();
  add<variables_handler>();
  add<set_variable_handler>();
  add<evaluate_handler>();
  add<completions_handler>();
  add<disassemble_handler>();
  add<read_memory_handler>();
  add<write_memory_handler>();
  add<set_instruction_breakpoints_handler>();
  add<data_breakpoint_info_handler>();
  add<set_data_breakpoints_handler>();
}

handler_registry::~handler_registry() = default;

template <class Handler>
void handler_registry::add() {
  handlers_.emplace(std::string(Handler::name), std::make_unique<Handler>(session_));
}

void handler_registry::dispatch(const protocol::request& request) const {
  auto it = handlers_.find(request.command);
  if (it == handlers_.end()) {
    std::string text = "unknown command '" + request.command + "'";
    spdlog::info("{}", text);
    session_.send_response(protocol::make_error_response(
        request.seq, request.command, text,
        protocol::error_message{static_cast<int>(error_id::unknown_command), text, false}));
    return;
  }
  if (refuse_in_core_file(session_, request)) return;
  it->second->handle(request);
}

protocol::capabilities handler_registry::capabilities() const {
  protocol::capabilities all;
  for (const auto& [name, handler] : handlers_) all.merge(handler->capabilities());
  return all;
}

bool handler_registry::has(std::string_view command) const {
  return handlers_.find(command) != handlers_.end();
}

}  // namespace int3::dap
