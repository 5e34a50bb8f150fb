// Taking over a program that someone else starts: `int3-dap --launch-helper`
// runs in the editor's terminal, tells us its pid and waits; we attach, let
// it exec the program, and end up where process::launch ends up: the
// program stopped at its first instruction with our options set.

#include <signal.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstring>
#include <string>

#include <spdlog/spdlog.h>

#include "engine/error.hpp"
#include "engine/process.hpp"
#include "engine/ptrace_calls.hpp"

namespace int3::engine {
namespace {

std::string describe(pid_t pid) {
  return "the program started in the terminal (pid " + std::to_string(pid) + ")";
}

// Waits for a stop by `wanted`, passing on any other signal the helper gets
// meanwhile (a Ctrl-C in the terminal is the program's). False: it ended.
bool wait_for_signal_stop(pid_t pid, int wanted) {
  for (;;) {
    auto w = sys::wait_thread(pid, true);
    if (!w || WIFEXITED(w->status) || WIFSIGNALED(w->status)) return false;
    int sig = WSTOPSIG(w->status);
    if (sig == wanted && (w->status >> 16) == 0) return true;
    if (!sys::cont(pid, sig == SIGSTOP ? 0 : sig)) return false;
  }
}

}  // namespace

std::unique_ptr<process> process::adopt_before_exec(pid_t pid,
                                                    const std::function<void()>& release) {
  // PTRACE_ATTACH, not SEIZE: the helper then gets the same legacy SIGTRAP
  // after exec that PTRACE_TRACEME gives a launched child, and new threads
  // start with the SIGSTOP the run control expects.
  if (ptrace(PTRACE_ATTACH, pid, nullptr, nullptr) != 0) {
    error::send_errno("cannot attach to " + describe(pid));
  }
  if (!wait_for_signal_stop(pid, SIGSTOP)) error::send(describe(pid) + " ended before it ran");
  // No options yet: with PTRACE_O_TRACEEXEC the exec would be an event
  // stop instead of the SIGTRAP a launched program stops with.
  if (!sys::cont(pid, 0)) error::send(describe(pid) + " ended before it ran");
  release();
  if (!wait_for_signal_stop(pid, SIGTRAP)) {
    error::send(describe(pid) + " ended before it could be debugged");
  }
  std::unique_ptr<process> proc(new process(pid));
  sys::set_options(pid, PTRACE_O_EXITKILL | PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC |
                            PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK);
  spdlog::debug("adopted pid {} at its exec", pid);
  return proc;
}

}  // namespace int3::engine
