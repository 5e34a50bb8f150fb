// setExceptionBreakpoints and exceptionInfo: a C program's "exceptions" are
// the signals it receives.

#include "adapter/errors.hpp"
#include "adapter/handlers/handlers.hpp"
#include "adapter/signal_filters.hpp"
#include "adapter/stop_reporter.hpp"

namespace int3::dap {

protocol::capabilities set_exception_breakpoints_handler::capabilities() const {
  protocol::capabilities c;
  c.exceptionBreakpointFilters = signal_filter_descriptions();
  return c;
}

protocol::empty_body set_exception_breakpoints_handler::run(
    const protocol::set_exception_breakpoints_arguments& args) {
  session_.set_stop_signals(signals_for_filters(args.filters));
  return {};
}

protocol::capabilities exception_info_handler::capabilities() const {
  protocol::capabilities c;
  c.supportsExceptionInfoRequest = true;
  return c;
}

protocol::exception_info_response_body exception_info_handler::run(
    const protocol::exception_info_arguments& args) {
  const auto& stop = session_.last_stop();
  if (!stop || stop->kind != engine::stop_kind::signal ||
      stop->tid != static_cast<pid_t>(args.threadId)) {
    throw dap_error(error_id::invalid_arguments,
                    "thread " + std::to_string(args.threadId) + " did not stop for a signal");
  }
  protocol::exception_info_response_body body;
  body.exceptionId = signal_name(stop->signal);
  body.description = stop->description;
  return body;
}

}  // namespace int3::dap
