#pragma once

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "engine/address.hpp"
#include "engine/target.hpp"

namespace int3::engine {

// The checks the kernel makes before exec, made first for a clearer message:
// the file exists, is a regular file, and we may execute it.
void check_runnable(const std::filesystem::path& program);

// The traced process as the operating system sees it: how it is started and
// how its memory is read and written. Threads and run control live in the
// target, which knows what the stops mean.
class process {
 public:
  // Forks, and in the child: PTRACE_TRACEME, die with the parent, set up
  // stdio and cwd, execve. Returns once the child stopped at its first
  // instruction with our ptrace options set. A failed exec comes back through
  // a close-on-exec pipe as engine::error("cannot run <path>: <reason>").
  static std::unique_ptr<process> launch(const launch_options& options);
  // PTRACE_ATTACHes every thread of a running process (attach.cpp) and
  // returns with all of them stopped; `tids` receives them, leader first.
  // Refusals are explained: no such process, another tracer, privilege.
  static std::unique_ptr<process> attach(pid_t pid, std::vector<pid_t>& tids);
  // A process that waits to exec the program (int3-dap --launch-helper):
  // attaches, calls `release` so it execs, and returns once the program
  // stopped at its first instruction, as launch does (terminal_launch.cpp).
  static std::unique_ptr<process> adopt_before_exec(pid_t pid,
                                                    const std::function<void()>& release);

  ~process();
  process(const process&) = delete;
  process& operator=(const process&) = delete;

  pid_t pid() const { return pid_; }

  // Raw memory, breakpoint bytes included. Throws when nothing is readable.
  std::vector<std::byte> read_memory(virt_addr address, std::size_t size) const;
  std::optional<std::uint64_t> read_word(virt_addr address) const;
  void write_memory(virt_addr address, std::span<const std::byte> data);

  // An exec replaced the address space: the memory file must be reopened.
  void reopen_memory();
  // The process is gone: nothing to read or write any more.
  void forget_memory();

  std::optional<std::uint64_t> auxv_entry(std::uint64_t type) const;

 private:
  explicit process(pid_t pid);
  pid_t pid_;
  int mem_fd_ = -1;
};

}  // namespace int3::engine
