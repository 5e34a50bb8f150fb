#pragma once

// How function breakpoints reach the client outside setFunctionBreakpoints'
// response: `breakpoint` events when the engine resolves them again (launch,
// exec, a library loaded), and `stopped` events that name them.

#include "adapter/function_breakpoint_registry.hpp"
#include "adapter/protocol/events.hpp"
#include "adapter/protocol/types.hpp"
#include "engine/target.hpp"

namespace int3::dap {

class session;

// The breakpoint as the client sees it: once verified, the source and line
// (client's line base) where the function's first copy stops.
protocol::breakpoint describe_function_breakpoint(const session& s, const dap_breakpoint& entry);
void send_function_breakpoint_changed(session& s, int id);

// A status the engine reported for one of its breakpoints after new code
// was loaded; sends a `breakpoint` event when it is a function breakpoint
// whose state the client has not seen. False when the engine id is not a
// function breakpoint's.
bool apply_function_breakpoint_change(session& s, const engine::breakpoint_status& status);

// Removals and bindings that waited for the program to stop; events for
// what changed.
void sync_function_breakpoints(session& s);

// A stop at a function breakpoint has the reason "function breakpoint"
// (DAP's own) and lists its ids among hitBreakpointIds.
void describe_function_breakpoint_hit(protocol::stopped_event_body& body,
                                      const engine::stop_event& stop,
                                      const function_breakpoint_registry& registry);

}  // namespace int3::dap
