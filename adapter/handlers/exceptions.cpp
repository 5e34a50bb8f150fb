// setExceptionBreakpoints and exceptionInfo: a program's "exceptions" are
// the signals it receives and, for C++, the exceptions it throws and catches.

#include "adapter/breakpoint_change.hpp"
#include "adapter/cxx_exception_stops.hpp"
#include "adapter/errors.hpp"
#include "adapter/handlers/handlers.hpp"
#include "adapter/signal_filters.hpp"
#include "adapter/stop_reporter.hpp"

namespace int3::dap {

protocol::capabilities set_exception_breakpoints_handler::capabilities() const {
  protocol::capabilities c;
  c.exceptionBreakpointFilters = signal_filter_descriptions();
  for (auto& f : cxx_exception_breakpoints::filter_descriptions())
    c.exceptionBreakpointFilters->push_back(std::move(f));
  return c;
}

protocol::empty_body set_exception_breakpoints_handler::run(
    const protocol::set_exception_breakpoints_arguments& args) {
  std::vector<std::string> signal_filters;
  for (const auto& f : args.filters)
    if (!cxx_exception_breakpoints::is_filter(f)) signal_filters.push_back(f);
  // Checked first: an unknown filter changes nothing.
  auto signals = signals_for_filters(signal_filters);
  breakpoint_change change(session_);
  auto& store = session_.cxx_exceptions();
  change.apply(store, store.replace(args.filters, change.pending_message()));
  session_.set_stop_signals(std::move(signals));
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
  if (stop && stop->tid == static_cast<pid_t>(args.threadId)) {
    if (auto info = cxx_exception_info(session_, *stop)) return *info;
  }
  if (!stop || stop->kind != engine::stop_kind::signal ||
      stop->tid != static_cast<pid_t>(args.threadId)) {
    throw dap_error(error_id::invalid_arguments,
                    "thread " + std::to_string(args.threadId) + " did not stop for an exception");
  }
  protocol::exception_info_response_body body;
  body.exceptionId = signal_name(stop->signal);
  body.description = stop->description;
  return body;
}

}  // namespace int3::dap
