#pragma once

#include "adapter/unique_fd.hpp"

namespace int3::dap {

// The protocol's own copies of stdin and stdout.
struct protocol_fds {
  unique_fd in;
  unique_fd out;
};

// Moves the real stdin and stdout to private close-on-exec descriptors,
// points fd 0 at /dev/null and fd 1 at stderr, so that no stray read or
// write (ours, a library's, a child's) can touch the protocol channel (GDB
// dap/__init__.py run()). Throws std::system_error if a descriptor cannot
// be duplicated.
protocol_fds guard_stdio();

// Ignores SIGPIPE, so a client that goes away is a write error we handle,
// not a death.
void ignore_sigpipe();

}  // namespace int3::dap
