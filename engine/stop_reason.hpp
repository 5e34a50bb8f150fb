#pragma once

#include <signal.h>
#include <sys/types.h>

#include <optional>

namespace int3::engine {

enum class process_state { running, stopped, exited, terminated };

// What kind of SIGTRAP a stop is, from its si_code.
enum class trap_kind {
  none,            // not a SIGTRAP
  software_break,  // a trap instruction (ours or the program's)
  single_step,     // PTRACE_SINGLESTEP finished an instruction
  hardware_break,
  unknown,  // raised by kill/tgkill or anything else
};

// One waitpid report for one thread, decoded (sdb stop_reason).
struct stop_reason {
  pid_t tid = 0;
  process_state state = process_state::stopped;
  int exit_code = 0;     // exited
  int signal = 0;        // terminated: the fatal signal; stopped: the stop signal
  int ptrace_event = 0;  // PTRACE_EVENT_* of an event stop, else 0
  bool syscall_stop = false;
  trap_kind trap = trap_kind::none;
  // Signal-delivery stops only (not event, syscall or group stops).
  std::optional<siginfo_t> info;

  // Reads the siginfo of a signal-delivery stop from the (stopped) thread.
  static stop_reason from_wait_status(pid_t tid, int status);

  bool is_exit() const {
    return state == process_state::exited || state == process_state::terminated;
  }
  bool is_signal_stop() const {
    return state == process_state::stopped && ptrace_event == 0 && !syscall_stop;
  }
};

}  // namespace int3::engine
