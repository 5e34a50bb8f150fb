#pragma once

#include <optional>

#include "adapter/unique_fd.hpp"

namespace int3::dap {

// SIGTERM, SIGINT and SIGHUP end int3-dap the way a client's disconnect
// does: a launched program is killed and reaped, an attached one is detached
// with every breakpoint byte restored. Their default action would leave an
// attached program with our 0xCC bytes in, to die of SIGTRAP at its next hit.
// So they are blocked for the whole process and seen through a signalfd by
// every wait of the adapter (event loop, TCP accept). Nobody reads them from
// the signalfd: the signal stays pending, so each wait in turn sees it and
// main names it at exit. Nothing runs in a signal handler.

// Blocks the three signals. Call before anything can start a thread.
void block_termination_signals();

// A non-blocking signalfd that is readable while one of them is pending.
unique_fd termination_signal_fd();

// The termination signal pending for the process, if one is.
std::optional<int> pending_termination_signal();

}  // namespace int3::dap
