#pragma once

#include "adapter/protocol/base.hpp"
#include "adapter/protocol/requests.hpp"

namespace int3::dap {

class session;

// Requests that run or change the program cannot work on a core file.
// Answers such a request with an error response saying so and returns true;
// returns false (and sends nothing) for every other request or session.
bool refuse_in_core_file(session& s, const protocol::request& request);

// launch with coreFile: the core and program (both relative to cwd) opened
// with the configuration's source map. Throws what session::open_core throws.
void launch_core_file(session& s, const protocol::launch_arguments& args);

}  // namespace int3::dap
