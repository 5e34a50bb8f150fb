#include "adapter/stdio_guard.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace int3::dap {

protocol_fds guard_stdio() {
  protocol_fds fds;
  fds.in.reset(::fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 3));
  fds.out.reset(::fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3));
  if (!fds.in.valid() || !fds.out.valid()) {
    throw std::system_error(errno, std::generic_category(), "duplicating stdin/stdout");
  }
  unique_fd null(::open("/dev/null", O_RDWR | O_CLOEXEC));
  if (null.valid()) ::dup2(null.get(), STDIN_FILENO);
  if (::fcntl(STDERR_FILENO, F_GETFD) != -1) {
    ::dup2(STDERR_FILENO, STDOUT_FILENO);
  } else if (null.valid()) {
    ::dup2(null.get(), STDOUT_FILENO);
  }
  return fds;
}

void ignore_sigpipe() {
  struct sigaction action {};
  action.sa_handler = SIG_IGN;
  ::sigaction(SIGPIPE, &action, nullptr);
}

}  // namespace int3::dap
