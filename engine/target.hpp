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
#include "engine/expr/scope.hpp"
#include "engine/machine.hpp"
#include "engine/values/value.hpp"
#include "engine/watchpoints.hpp"

namespace int3::engine {

struct launch_options {
  std::filesystem::path program;
  std::vector<std::string> args;         // argv[1..], passed verbatim (no shell)
  std::vector<std::string> environment;  // complete "K=V" list for execve
  std::optional<std::filesystem::path> cwd;
  int stdin_fd = -1;   // -1: /dev/null
  int stdout_fd = -1;  // -1: inherit (tests only; the adapter always passes pipes)
  int stderr_fd = -1;
};

enum class stop_kind {
  entry,            // stopOnEntry reached main (or the entry point without debug info)
  breakpoint,       // a user breakpoint; breakpoint_ids says which
  step,             // a step request finished
  pause,            // a pause request took effect
  signal,           // the program received a signal we stop for (faults)
  exited,           // normal exit: exit_code
  killed,           // ended by a signal: signal
  data_breakpoint,  // a watch fired: breakpoint_ids holds its id; last_watch_hit says more
};

struct stop_event {
  stop_kind kind = stop_kind::step;
  pid_t tid = 0;
  std::vector<int> breakpoint_ids;
  int signal = 0;
  int exit_code = 0;
  std::optional<virt_addr> fault_address;
  std::string description;  // human text: "SIGSEGV (invalid memory reference) at 0x0"
  // Set by a hit filter (set_hit_filter) that already counted this hit and
  // narrowed breakpoint_ids to those that stop; the engine only carries it.
  bool judged = false;
};

// What a hit filter decides about a breakpoint hit.
enum class hit_verdict {
  stop,   // report it: every thread stops
  go_on,  // the hitting thread steps over the site and runs on; no other thread stops
};
// Asked about each hit of a user breakpoint while the other threads still
// run; it may rewrite the event it is given (the stop then reported).
using hit_filter = std::function<hit_verdict(stop_event& hit)>;

struct breakpoint_status {
  int id = 0;
  bool verified = false;
  std::string path;        // the program's absolute name for the file, when known
  std::uint32_t line = 0;  // the line that got code (may be after the requested one)
  std::string message;     // why unverified, for the user
};

struct stack_frame {
  std::size_t index = 0;
  virt_addr pc;  // frame 0: the current pc; callers: the return address - 1 (inside the call)
  virt_addr cfa;
  std::string function;  // "" when unknown
  std::optional<dwarf::source_location> location;
  std::string module;       // file name of the ELF holding pc
  std::string module_path;  // its full path: module_info::id of that module
};

// One ELF file mapped into the program: the executable, the dynamic loader
// or a shared library.
struct module_info {
  std::string id;    // the file's path; stable while it stays loaded
  std::string name;  // file name
  std::string path;
  bool has_debug_info = false;
  virt_addr low, high;  // the lowest and highest mapped addresses, [low, high)
};

// A module that was loaded or unloaded since the last take_module_changes().
struct module_change {
  module_info module;
  bool loaded = true;  // false: unloaded (dlclose, exec)
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

// Where a post-mortem target's program and memory come from.
struct core_origin {
  std::filesystem::path core;
  std::filesystem::path program;
  bool program_from_core = false;  // not given: the core named it (NT_FILE)
  std::string command_line;        // NT_PRPSINFO's pr_psargs
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
  // A program that crashed, read from its ELF core file (engine/
  // core_target.cpp): threads, stack, variables and memory, nothing that
  // runs or writes. Without `program` the executable is the one the core
  // names. Throws engine::error (or dwarf::error for a bad executable).
  static std::unique_ptr<target> open_core(const std::filesystem::path& core,
                                           const std::optional<std::filesystem::path>& program);

  virtual ~target() = default;  // a launched program still alive is killed

  virtual pid_t pid() const = 0;
  virtual bool has_debug_info() const = 0;
  virtual bool is_running() const = 0;  // resumed and not yet reported stopped
  virtual bool has_ended() const = 0;   // exited or killed, and reaped

  // Logical line breakpoints. Unresolvable lines give verified=false with a
  // message; the id is still allocated so the caller can keep it stable.
  virtual breakpoint_status create_line_breakpoint(const std::string& path, std::uint32_t line) = 0;
  virtual void remove_breakpoint(int id) = 0;
  // Enabled 0xCC addresses (the dynamic loader hook left out).
  virtual std::vector<virt_addr> breakpoint_sites() const = 0;

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

  // Data breakpoints (engine/watchpoints.cpp): hardware watches in every
  // thread, new ones included. Unverified with the reason when the CPU
  // cannot hold it (slots, size, alignment); the id is allocated anyway.
  virtual breakpoint_status create_watchpoint(const watch_request& /*request*/) {
    throw error("data breakpoints are not supported");
  }
  virtual void remove_watchpoint(int /*id*/) {}
  // Watches the engine dropped since the last call (their frame returned).
  virtual std::vector<watch_removal> take_watch_removals() { return {}; }
  // The last hit of watch `id`: the watched bytes before and after it.
  virtual std::optional<watch_hit> last_watch_hit(int /*id*/) const { return std::nullopt; }

  // The variables of frame `frame_index` as stack() numbers frames (inlined
  // calls count as frames), read in that frame's (unwound) registers.
  virtual frame_variables variables(pid_t tid, std::size_t frame_index) const {
    (void)tid;
    (void)frame_index;
    throw error("variables are not supported by this target");
  }

  // A breakpoint on every copy of the functions `name` names (engine/
  // function_breakpoints.cpp): a C name, a qualified C++ name or a `::`
  // suffix of one ("circle::area"), with or without ABI tags, optionally
  // with a parameter list; every overload, after the prologue of each
  // out-of-line copy and at each inlined copy. No match gives
  // verified=false with a message; like a line breakpoint, the id stays and
  // is resolved again when new code is loaded (exec), which
  // take_breakpoint_changes() reports. remove_breakpoint removes it.
  virtual breakpoint_status create_function_breakpoint(const std::string& /*name*/) {
    throw error("function breakpoints are not supported");
  }
  // A breakpoint at the first instruction of every function whose ELF
  // symbol is `symbol`, in the program and every library, with or without
  // debug info (a language runtime's hooks: __cxa_throw). Resolved again as
  // libraries load and after an exec, like a function breakpoint; a stop
  // there is stop_kind::breakpoint with its id. remove_breakpoint removes it.
  virtual breakpoint_status create_symbol_breakpoint(const std::string& /*symbol*/) {
    throw error("symbol breakpoints are not supported");
  }
  // Integer argument `index` (0-based) of the function thread `tid` stands
  // at the first instruction of, as the ABI passes it. Throws when the ABI
  // passes no such argument in a register.
  virtual std::uint64_t argument_at_entry(pid_t /*tid*/, std::size_t /*index*/) const {
    throw error("reading registers is not supported");
  }

  // Shared libraries (engine/shared_libraries.cpp). The modules mapped now,
  // the program first.
  virtual std::vector<module_info> modules() const { return {}; }
  // Modules loaded or unloaded since the last call, oldest first. The first
  // call after launch or attach lists what is mapped already.
  virtual std::vector<module_change> take_module_changes() { return {}; }
  // Line breakpoints whose status changed since the last call because code
  // was loaded or unloaded (a library that holds their line), oldest first.
  virtual std::vector<breakpoint_status> take_breakpoint_changes() { return {}; }

  // Set for a core file (open_core): nothing can run or be written, and
  // execution requests fail with "not available in a core file".
  virtual std::optional<core_origin> core() const { return std::nullopt; }

  // Breakpoint hits are put to `filter` before anything else stops, so a
  // condition that does not hold stops no other thread. Called on the
  // thread that calls poll_stop, with the hitting thread stopped: it may
  // read that thread (condition_scope, variables of frame 0). Targets that
  // cannot filter report every hit.
  virtual void set_hit_filter(hit_filter filter) { (void)filter; }
  // A scope over thread `tid`'s innermost frame for breakpoint conditions
  // and logpoints: it reads only the names an expression uses. The default
  // builds the whole frame (variables(tid, 0)).
  virtual std::unique_ptr<expr::scope> condition_scope(pid_t tid) const {
    return std::make_unique<expr::frame_scope>(variables(tid, 0));
  }
};

}  // namespace int3::engine
