#pragma once

#include <cstdint>
#include <optional>

#include "adapter/unique_fd.hpp"

namespace int3::dap {

// A listening TCP socket on 127.0.0.1 only: a debugger must not be
// reachable from other machines.
class tcp_listener {
 public:
  // Throws std::system_error if the port cannot be bound.
  explicit tcp_listener(std::uint16_t port);
  // Blocks until a client connects and returns its socket, or until a
  // termination signal (termination_signals.hpp) is pending: nullopt.
  std::optional<unique_fd> accept();

 private:
  unique_fd socket_;
};

}  // namespace int3::dap
