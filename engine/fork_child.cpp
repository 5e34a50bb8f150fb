// fork/vfork: the child is traced automatically (PTRACE_O_TRACEFORK), which
// is what lets us take our traps out of its copy of memory before it runs
// into one and dies of SIGTRAP. Then it goes free: int3 debugs one process.
#include <fcntl.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include <spdlog/spdlog.h>

#include "engine/ptrace_calls.hpp"
#include "engine/target_impl.hpp"

namespace int3::engine {

bool target_impl::release_fork_child(pid_t parent_tid, int event) {
  auto child = static_cast<pid_t>(sys::event_message(parent_tid));
  // Its first stop (a SIGSTOP) may come before or after the parent's event.
  for (;;) {
    auto w = sys::wait_thread(child, true);
    if (!w || WIFEXITED(w->status) || WIFSIGNALED(w->status)) return false;
    if (WIFSTOPPED(w->status)) break;
  }
  if (event == PTRACE_EVENT_VFORK) return shepherd_vfork_child(child);
  std::string path = "/proc/" + std::to_string(child) + "/mem";
  int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) {
    spdlog::warn("cannot open {} to remove breakpoints from a forked child", path);
  } else {
    for (const auto& [at, site] : sites_) {
      if (!site.enabled()) continue;
      auto saved = site.saved_bytes();
      if (::pwrite(fd, saved.data(), saved.size(), static_cast<off_t>(at.value)) !=
          static_cast<ssize_t>(saved.size()))
        spdlog::warn("cannot restore {:#x} in forked child {}", at.value, child);
    }
    ::close(fd);
  }
  sys::detach(child, 0);
  spdlog::debug("thread {} forked child {}: released", parent_tid, child);
  return false;
}

// A vfork child borrows the parent's memory until it execs or exits: taking
// the traps out of it would take them out of the parent. So it stays traced
// until then, and is stepped over every trap it meets, with the program's
// other threads stopped while the trap is out.
bool target_impl::shepherd_vfork_child(pid_t child) {
  bool stopped_others = false;
  int signal = 0;
  for (;;) {
    if (!sys::cont(child, signal)) return stopped_others;
    signal = 0;
    auto w = sys::wait_thread(child, true);
    if (!w || WIFEXITED(w->status) || WIFSIGNALED(w->status)) return stopped_others;
    auto reason = stop_reason::from_wait_status(child, w->status);
    if (reason.ptrace_event == PTRACE_EVENT_EXEC) break;  // its own memory now, no traps
    if (reason.ptrace_event == PTRACE_EVENT_FORK || reason.ptrace_event == PTRACE_EVENT_VFORK) {
      stopped_others |= release_fork_child(child, reason.ptrace_event);
      continue;
    }
    if (reason.ptrace_event != 0 || reason.syscall_stop || !reason.info) continue;
    if (reason.signal != SIGTRAP || reason.trap != trap_kind::software_break) {
      signal = reason.signal;  // the child's own business
      continue;
    }
    const arch_info& arch = current_arch();
    virt_addr pc = regs(child).pc();
    virt_addr at =
        arch.trap_moves_pc ? pc + -static_cast<std::int64_t>(arch.trap_bytes.size()) : pc;
    breakpoint_site* site = enabled_site_at(at);
    if (!site) {
      signal = SIGTRAP;  // a trap of the program's own
      continue;
    }
    if (!stopped_others) {
      for (const auto& [tid, t] : threads_) stopped_others |= t.running;
      if (stopped_others) stop_all_threads();
    }
    set_pc(child, at);
    site->disable(*process_);
    bool stepped = sys::single_step(child, 0);
    std::optional<sys::wait_result> after;
    if (stepped) after = sys::wait_thread(child, true);
    if (auto it = sites_.find(at); it != sites_.end() && !it->second.enabled())
      it->second.enable(*process_);
    spdlog::debug("vfork child {} stepped over the trap at {:#x}", child, at.value);
    if (!after || WIFEXITED(after->status) || WIFSIGNALED(after->status)) return stopped_others;
    if (WIFSTOPPED(after->status) && (after->status >> 16) == 0 &&
        WSTOPSIG(after->status) != SIGTRAP)
      signal = WSTOPSIG(after->status);
  }
  sys::detach(child, 0);
  spdlog::debug("vfork child {} exec'd: released", child);
  return stopped_others;
}

}  // namespace int3::engine
