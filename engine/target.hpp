#pragma once

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dwarf/source_location.hpp"
#include "engine/address.hpp"

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
};

}  // namespace int3::engine
