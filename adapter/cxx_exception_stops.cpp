#include "adapter/cxx_exception_stops.hpp"

#include <spdlog/spdlog.h>

#include "adapter/session.hpp"

namespace int3::dap {

namespace {

struct exception_stop {
  engine::cxx_exception_hook hook;
  engine::cxx_exception exception;
};

std::optional<exception_stop> read_exception_stop(session& s, const engine::stop_event& stop) {
  auto hook = s.cxx_exceptions().hook_hit(stop);
  if (!hook) return std::nullopt;
  exception_stop out{*hook, {}};
  try {
    out.exception = engine::read_cxx_exception(s.target(), stop.tid, *hook);
  } catch (const engine::error& e) {
    // The stop is still the user's: it is shown without the type.
    spdlog::warn("reading the exception of thread {}: {}", stop.tid, e.what());
  }
  return out;
}

std::string exception_id(const engine::cxx_exception& exception) {
  return exception.type.empty() ? "C++ exception" : exception.type;
}

}  // namespace

void sync_cxx_exception_breakpoints(session& s) {
  auto& store = s.cxx_exceptions();
  store.remove_deferred(s.target());
  store.bind_pending(s.target());
}

void describe_cxx_exception_stop(session& s, const engine::stop_event& stop,
                                 protocol::stopped_event_body& body) {
  auto found = read_exception_stop(s, stop);
  if (!found) return;
  const char* what = "Exception thrown";
  if (found->hook == engine::cxx_exception_hook::rethrown) what = "Exception rethrown";
  if (found->hook == engine::cxx_exception_hook::caught) what = "Exception caught";
  body.reason = "exception";
  body.description = found->exception.type.empty()
                         ? std::string(what)
                         : what + std::string(": ") + found->exception.type;
  body.text = exception_id(found->exception);
  if (body.hitBreakpointIds && body.hitBreakpointIds->empty()) body.hitBreakpointIds.reset();
}

std::optional<protocol::exception_info_response_body> cxx_exception_info(
    session& s, const engine::stop_event& stop) {
  auto found = read_exception_stop(s, stop);
  if (!found) return std::nullopt;
  protocol::exception_info_response_body body;
  body.exceptionId = exception_id(found->exception);
  body.description = found->exception.message;
  return body;
}

}  // namespace int3::dap
