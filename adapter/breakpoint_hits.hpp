#pragma once

#include <optional>

#include "engine/target.hpp"

namespace int3::dap {

class session;

// Decides what a breakpoint stop comes to: evaluates conditions in the
// stopped thread's top frame, counts hits, sends logpoint messages as
// console output. Returns the stop to report, its breakpoint ids narrowed to
// those that stop and its description saying why when a condition could not
// be evaluated; nullopt when the program should go on silently.
std::optional<engine::stop_event> judge_breakpoint_stop(session& s, const engine::stop_event& stop);

// The target's hit filter (engine::target::set_hit_filter): judges a hit
// while the program's other threads run on, so a hit that does not stop
// costs no stop of the others and no traffic but its log output. A hit it
// lets stop comes back judged (stop_reporter does not judge it again).
engine::hit_verdict filter_breakpoint_hit(session& s, engine::stop_event& hit);

}  // namespace int3::dap
