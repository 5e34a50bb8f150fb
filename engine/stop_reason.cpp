#include "engine/stop_reason.hpp"

#include <sys/wait.h>

#include "engine/ptrace_calls.hpp"

namespace int3::engine {
namespace {

trap_kind classify_trap(const siginfo_t& info) {
  switch (info.si_code) {
    case SI_KERNEL:  // how some CPUs (x86) report a trap instruction
    case TRAP_BRKPT:
      return trap_kind::software_break;
    case TRAP_TRACE:
      return trap_kind::single_step;
    case TRAP_HWBKPT:
      return trap_kind::hardware_break;
    default:
      return trap_kind::unknown;
  }
}

}  // namespace

stop_reason stop_reason::from_wait_status(pid_t tid, int status) {
  stop_reason reason;
  reason.tid = tid;
  if (WIFEXITED(status)) {
    reason.state = process_state::exited;
    reason.exit_code = WEXITSTATUS(status);
    return reason;
  }
  if (WIFSIGNALED(status)) {
    reason.state = process_state::terminated;
    reason.signal = WTERMSIG(status);
    return reason;
  }
  reason.state = process_state::stopped;
  int sig = WSTOPSIG(status);
  // PTRACE_O_TRACESYSGOOD marks syscall stops with bit 7.
  if (sig == (SIGTRAP | 0x80)) {
    reason.syscall_stop = true;
    reason.signal = SIGTRAP;
    return reason;
  }
  reason.signal = sig;
  reason.ptrace_event = status >> 16;
  if (reason.ptrace_event != 0) return reason;
  reason.info = sys::signal_info(tid);
  if (sig == SIGTRAP) {
    reason.trap = reason.info ? classify_trap(*reason.info) : trap_kind::unknown;
  }
  return reason;
}

}  // namespace int3::engine
