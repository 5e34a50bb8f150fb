#pragma once

#include <chrono>

#include "adapter/launch_config.hpp"
#include "adapter/session.hpp"

namespace int3::dap {

// console integratedTerminal / externalTerminal: asks the client, through
// the runInTerminal reverse request, to run `int3-dap --launch-helper` in a
// terminal; the helper reports its pid over a private unix socket and waits
// while the session attaches, then execs the program, whose stdio is the
// terminal's except for the streams `stdio` redirects to files (the helper
// gets the adapter's open descriptors). Returns with the session holding the
// program stopped at its first instruction. Throws dap_error when the client
// refuses or the helper does not report back within `patience`.
void launch_in_terminal(session& s, const launch_config& config, bool stop_on_entry,
                        std::chrono::milliseconds patience = std::chrono::seconds(30));

}  // namespace int3::dap
