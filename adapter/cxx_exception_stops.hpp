#pragma once

// How a stop at a C++ exception filter's hook reaches the client: a
// `stopped` event with reason "exception" naming the exception's type, and
// the exceptionInfo answer for it.

#include <optional>

#include "adapter/protocol/events.hpp"
#include "adapter/protocol/exceptions.hpp"
#include "engine/target.hpp"

namespace int3::dap {

class session;

// Removals that waited for the program to stop, and bindings of filters
// set before launch or while the program ran.
void sync_cxx_exception_breakpoints(session& s);

// For a stop at one of the hooks: reason "exception", the description
// ("Exception thrown: std::runtime_error") and text (the type). Leaves
// other stops as they are.
void describe_cxx_exception_stop(session& s, const engine::stop_event& stop,
                                 protocol::stopped_event_body& body);

// exceptionInfo for `stop` when it is such a stop: exceptionId the type,
// description what() where it can be read without running code.
std::optional<protocol::exception_info_response_body> cxx_exception_info(
    session& s, const engine::stop_event& stop);

}  // namespace int3::dap
