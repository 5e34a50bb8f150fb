#pragma once

#include <string>

#include "adapter/protocol/events.hpp"
#include "engine/target.hpp"

namespace int3::dap {

class session;
class breakpoint_registry;

// Turns what the engine reports about the program into the events a client
// expects, in the order it expects them: breakpoint changes that waited for
// the stop, the program's pending output, then `stopped`; or for the end of
// the program, output, `exited` and `terminated`.
class stop_reporter {
 public:
  explicit stop_reporter(session& s) : session_(s) {}
  void report(const engine::stop_event& stop);

 private:
  session& session_;
};

// The stopped event body for a stop that is not the program's end.
protocol::stopped_event_body describe_stop(const engine::stop_event& stop,
                                           const breakpoint_registry& breakpoints);

// "SIGSEGV", or "signal 42" when the number has no name.
std::string signal_name(int signo);
// "SIGSEGV (Segmentation fault)".
std::string describe_signal(int signo);

}  // namespace int3::dap
