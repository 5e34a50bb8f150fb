#include "adapter/stop_reporter.hpp"

#include <string.h>

#include <algorithm>

#include "adapter/breakpoint_hits.hpp"
#include "adapter/breakpoint_registry.hpp"
#include "adapter/cxx_exception_stops.hpp"
#include "adapter/function_breakpoint_events.hpp"
#include "adapter/handlers/data_breakpoints.hpp"
#include "adapter/session.hpp"

namespace int3::dap {

std::string signal_name(int signo) {
  const char* abbrev = ::sigabbrev_np(signo);
  return abbrev ? std::string("SIG") + abbrev : "signal " + std::to_string(signo);
}

std::string describe_signal(int signo) {
  const char* text = ::sigdescr_np(signo);
  return text ? signal_name(signo) + " (" + text + ")" : signal_name(signo);
}

protocol::stopped_event_body describe_stop(const engine::stop_event& stop,
                                           const breakpoint_registry& breakpoints) {
  protocol::stopped_event_body body;
  body.threadId = static_cast<int>(stop.tid);
  switch (stop.kind) {
    case engine::stop_kind::entry:
      body.reason = "entry";
      break;
    case engine::stop_kind::breakpoint: {
      body.reason = "breakpoint";
      std::vector<int> ids;
      for (int engine_id : stop.breakpoint_ids) {
        if (auto id = breakpoints.id_for_engine(engine_id)) ids.push_back(*id);
      }
      body.hitBreakpointIds = std::move(ids);
      break;
    }
    case engine::stop_kind::step:
      body.reason = "step";
      break;
    case engine::stop_kind::pause:
      body.reason = "pause";
      break;
    case engine::stop_kind::data_breakpoint:  // stop_reporter adds ids and values
      body.reason = "data breakpoint";
      body.description = "Paused on " + stop.description;
      break;
    case engine::stop_kind::signal:
    case engine::stop_kind::exited:
    case engine::stop_kind::killed:
      body.reason = "exception";
      body.text = signal_name(stop.signal);
      body.description = stop.description.empty()
                             ? "Paused on signal " + describe_signal(stop.signal)
                             : "Paused on " + stop.description;
      break;
  }
  return body;
}

void stop_reporter::report(const engine::stop_event& stop) {
  report_watch_removals(session_);
  if (stop.kind == engine::stop_kind::exited) {
    session_.report_program_end(stop.exit_code, std::nullopt);
    return;
  }
  if (stop.kind == engine::stop_kind::killed) {
    session_.report_program_end(128 + stop.signal, stop.signal);
    return;
  }
  auto& target = session_.target();
  auto& breakpoints = session_.breakpoints();
  // A hit on breakpoints the client removed while the program ran is none
  // of its business: it asked for them to be gone.
  bool only_removed =
      stop.kind == engine::stop_kind::breakpoint && !stop.breakpoint_ids.empty() &&
      std::all_of(stop.breakpoint_ids.begin(), stop.breakpoint_ids.end(), [&](int id) {
        return breakpoints.removal_deferred(id) ||
               session_.function_breakpoints().removal_deferred(id) ||
               session_.cxx_exceptions().removal_deferred(id);
      });
  // The program is stopped now, so changes that waited for it can be made.
  breakpoints.remove_deferred(target);
  for (int id : breakpoints.bind_pending(target)) session_.send_breakpoint_changed(id);
  sync_function_breakpoints(session_);
  sync_cxx_exception_breakpoints(session_);
  if (only_removed) {
    session_.resume([](engine::target& t) { t.resume(); });
    return;
  }
  engine::stop_event shown = stop;
  bool judges =
      stop.kind == engine::stop_kind::breakpoint || stop.kind == engine::stop_kind::data_breakpoint;
  if (judges && !stop.judged) {
    // Conditions, hit counts and logpoints, unless the target's hit filter
    // judged them already: a hit that does not stop resumes with no traffic
    // but its log output.
    auto judged = judge_breakpoint_stop(session_, stop);
    if (!judged) {
      session_.resume([](engine::target& t) { t.resume(); });
      return;
    }
    shown = std::move(*judged);
  }
  session_.drain_program_output();
  auto body = describe_stop(shown, breakpoints);
  describe_function_breakpoint_hit(body, shown, session_.function_breakpoints());
  if (shown.kind == engine::stop_kind::breakpoint && !shown.description.empty()) {
    body.description = shown.description;
    body.text = shown.description;
  }
  describe_cxx_exception_stop(session_, shown, body);
  if (shown.kind == engine::stop_kind::data_breakpoint)
    describe_data_breakpoint_stop(session_, shown, body);
  session_.set_stopped_thread(shown.tid);
  session_.remember_stop(shown);
  session_.send_event("stopped", body);
}

}  // namespace int3::dap
