#include "adapter/termination_signals.hpp"

#include <signal.h>
#include <sys/signalfd.h>

#include <cerrno>
#include <system_error>

namespace int3::dap {

namespace {

constexpr int termination_signals[] = {SIGTERM, SIGINT, SIGHUP};

sigset_t termination_set() {
  sigset_t set;
  sigemptyset(&set);
  for (int signo : termination_signals) sigaddset(&set, signo);
  return set;
}

}  // namespace

void block_termination_signals() {
  sigset_t set = termination_set();
  if (sigprocmask(SIG_BLOCK, &set, nullptr) != 0) {
    throw std::system_error(errno, std::generic_category(), "blocking SIGTERM, SIGINT, SIGHUP");
  }
}

unique_fd termination_signal_fd() {
  sigset_t set = termination_set();
  unique_fd fd(signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK));
  if (!fd.valid()) throw std::system_error(errno, std::generic_category(), "signalfd");
  return fd;
}

std::optional<int> pending_termination_signal() {
  sigset_t pending;
  sigemptyset(&pending);
  if (sigpending(&pending) != 0) return std::nullopt;
  for (int signo : termination_signals)
    if (sigismember(&pending, signo) == 1) return signo;
  return std::nullopt;
}

}  // namespace int3::dap
