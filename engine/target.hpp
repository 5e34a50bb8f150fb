#pragma once

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "dwarf/source_location.hpp"
#include "engine/address.hpp"
#include "engine/error.hpp"
#include "engine/machine.hpp"
#include "engine/values/value.hpp"

namespace int3::engine {

struct launch_options {
  std::filesystem::path program;
  std::vector<std::string> args;         // argv[1..], passed verbatim (no shell)
  std::vector<std::string> environment;  // complete "K=V" list for execve
  std::optional<std::filesystem::path> cwd;
  int stdin_fd = -1;  // -1: /dev/null
  int stdout_fd = -1;  // -1: inherit (tests only; the adapter always passes pipes)
  int stderr_fd = -1;
};

enum class stop_kind {
  entry,       // stopOnEntry reached main (or the entry point without debug info)
  breakpoint,  // a user breakpoint; breakpoint_ids says which
  step,        // a step request finished
  pause,       // a pause request took effect
  signal,      // the program received a signal we stop for (faults)
  exited,      // normal exit: exit_code
  killed,      // ended by a signal: signal
};

struct stop_event {
  stop_kind kind = stop_kind::step;
  pid_t tid = 0;
  std::vector<int> breakpoint_ids;
  int signal = 0;
  int exit_code = 0;
  std::optional<virt_addr> fault_address;
  std::string description;  // human text: "SIGSEGV (invalid memory reference) at 0x0"
};

struct breakpoint_status {
  int id = 0;
  bool verified = false;
  std::string path;        // the program's absolute name for the file, when known
  std::uint32_t line = 0;  // the line that got code (may be after the requested one)
  std::string message;     // why unverified, for the user
};

struct stack_frame {
  std::size_t index = 0;
  virt_addr pc;   // frame 0: the current pc; callers: the return address - 1 (inside the call)
  virt_addr cfa;
  std::string function;  // "" when unknown
  std::optional<dwarf::source_location> location;
  std::string module;    // file name of the ELF holding pc
};

// A thread that appeared or ended since the last take_thread_changes().
struct thread_change {
  pid_t tid = 0;
  bool started = false;  // false: exited
};

struct thread_info {
  pid_t tid = 0;
  std::string name;  // /proc/<pid>/task/<tid>/comm
};

// A debugged program: the process, its ELF and DWARF, its load bias and its
// breakpoints. All calls must come from the one thread that launched it
// (ptrace's rule). Run control is all-stop and asynchronous: resume() and the
// step calls return at once; poll_stop() reports what happened next.
class target {
 public:
  // Forks and execs under ptrace; returns with the program stopped at its
  // first instruction. Throws engine::error (or dwarf::error for a bad ELF)
  // whose message says what went wrong ("no such file", "permission denied").
  static std::unique_ptr<target> launch(const launch_options& options);
  // Attaches to every thread of a running process and returns with all of
  // them stopped. Throws engine::error explaining a refusal (no such
  // process, another tracer, missing privilege).
  static std::unique_ptr<target> attach(pid_t pid);
  // A program started elsewhere (in the editor's terminal) by a process
  // that waits to exec it (`int3-dap --launch-helper`): attaches to `pid`,
  // calls `release` to let it exec `program`, and returns, like launch, with
  // the program stopped at its first instruction. Ends as a launched one.
  static std::unique_ptr<target> adopt_before_exec(pid_t pid, const std::filesystem::path& program,
                                                   const std::function<void()>& release);

  virtual ~target() = default;  // a launched program still alive is killed

  virtual pid_t pid() const = 0;
  virtual bool has_debug_info() const = 0;
  virtual bool is_running() const = 0;  // resumed and not yet reported stopped
  virtual bool has_ended() const = 0;   // exited or killed, and reaped

  // Logical line breakpoints. Unresolvable lines give verified=false with a
  // message; the id is still allocated so the caller can keep it stable.
  virtual breakpoint_status create_line_breakpoint(const std::string& path, std::uint32_t line) = 0;
  virtual void remove_breakpoint(int id) = 0;
  virtual std::vector<virt_addr> breakpoint_sites() const = 0;  // enabled 0xCC addresses

  // Run control. Each resumes every thread (stepping over a breakpoint the
  // thread stands on) and returns at once.
  virtual void resume() = 0;
  virtual void run_to_entry() = 0;  // to main's prologue end; reported as stop_kind::entry
  virtual void step_over(pid_t tid) = 0;
  virtual void step_in(pid_t tid) = 0;
  virtual void step_out(pid_t tid) = 0;
  virtual void step_instruction(pid_t tid) = 0;
  virtual void pause() = 0;  // reported as stop_kind::pause

  // Non-blocking: call when SIGCHLD arrived (or at any time). nullopt means
  // nothing a user must see happened (still running, or an internal stop that
  // was handled and resumed).
  virtual std::optional<stop_event> poll_stop() = 0;
  // Blocking variant for tests and for simple front ends.
  virtual stop_event wait_stop() = 0;

  virtual void kill() = 0;    // SIGKILL and reap
  virtual void detach() = 0;  // restore every breakpoint byte, detach, let it run

  virtual std::vector<thread_info> threads() const = 0;
  virtual std::vector<stack_frame> stack(pid_t tid, std::size_t max_frames) const = 0;
  // Memory as the program sees it: our 0xCC bytes are never visible.
  virtual std::vector<std::byte> read_memory(virt_addr address, std::size_t size) const = 0;

  // --- Added in round 2; defaults keep other implementations (test fakes)
  // compiling.

  // Runs `change` (breakpoint edits) with every thread stopped, without a
  // stop the user sees, then lets the program go on. A stopped program just
  // runs `change`. can_interrupt(): whether a running program can be.
  virtual bool can_interrupt() const { return false; }
  virtual void while_interrupted(const std::function<void()>& change) {
    if (is_running()) error::send("changing a running program is not supported");
    change();
  }
  // Threads that started or exited since the last call, oldest first.
  virtual std::vector<thread_change> take_thread_changes() { return {}; }
  // The signals that stop the program (reported as stop_kind::signal, then
  // delivered on resume); all others pass straight to it. The default is
  // the faults: SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP. Targets
  // that cannot choose keep stopping for the faults.
  virtual void set_stop_signals(const std::vector<int>& signals) { (void)signals; }
  // Attached to rather than launched: ending the session detaches.
  virtual bool is_attached() const { return false; }

  // Machine-level views (engine/machine_access.cpp). Defaults throw so other
  // targets (tests' fakes) need not provide them.
  // Writes through our breakpoints: a byte under a trap updates the saved copy.
  virtual void write_memory(virt_addr /*address*/, std::span<const std::byte> /*data*/) {
    throw error("writing memory is not supported");
  }
  // A breakpoint at one instruction; remove_breakpoint removes it. Not
  // carried over an exec.
  virtual breakpoint_status create_address_breakpoint(virt_addr /*address*/) {
    throw error("instruction breakpoints are not supported");
  }
  virtual code_address_info describe_code(virt_addr /*address*/) const {
    throw error("code lookup is not supported");
  }
  virtual std::vector<register_group> register_groups(pid_t /*tid*/) const {
    throw error("reading registers is not supported");
  }
  // `value` is little-endian, at most the register's size (zero-extended).
  virtual void write_register(pid_t /*tid*/, const std::string& /*name*/,
                              std::span<const std::byte> /*value*/) {
    throw error("writing registers is not supported");
  }

  // The variables of frame `frame_index` as stack() numbers frames (inlined
  // calls count as frames), read in that frame's (unwound) registers.
  virtual frame_variables variables(pid_t tid, std::size_t frame_index) const {
    (void)tid;
    (void)frame_index;
    throw error("variables are not supported by this target");
  }
};

}  // namespace int3::engine
