#pragma once

// The frame a request names by frameId, as evaluate, dataBreakpointInfo and
// completions read it.

#include <memory>
#include <optional>
#include <string>

#include "engine/values/value.hpp"

namespace int3::dap {

class session;

// The variables of stackTrace frame `frame_id`, or of the stopped thread's
// top frame when there is none. A frame's are read once per stop and shared
// with scopes. Throws dap_error for a frame id the client no longer holds.
std::shared_ptr<const engine::frame_variables> frame_variables_for(session& s,
                                                                   std::optional<int> frame_id);

// `expression` in that frame. The evaluator only reads (no assignment, no
// call), so hovers and completions may use it as freely as the console.
// Throws dap_error (evaluation_failed, shown to the user) with the reason.
engine::value evaluate_in_frame(session& s, const std::string& expression,
                                std::optional<int> frame_id);

}  // namespace int3::dap
