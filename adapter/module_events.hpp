#pragma once

#include "adapter/protocol/modules.hpp"
#include "engine/target.hpp"

namespace int3::dap {

class session;

// The module as the client sees it; its id is the one stack frames carry.
protocol::module describe_module(const engine::module_info& info);

// What loading and unloading code changed since the last call: `module`
// events, then `breakpoint` events (reason changed) for source breakpoints
// that were resolved in a library just loaded, or lost their code with one
// unloaded.
void send_library_events(session& s);

}  // namespace int3::dap
