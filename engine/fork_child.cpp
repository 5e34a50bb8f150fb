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

void target_impl::release_fork_child(pid_t parent_tid, int event) {
  auto child = static_cast<pid_t>(sys::event_message(parent_tid));
  // Its first stop (a SIGSTOP) may come before or after the parent's event.
  for (;;) {
    auto w = sys::wait_thread(child, true);
    if (!w || WIFEXITED(w->status) || WIFSIGNALED(w->status)) return;
    if (WIFSTOPPED(w->status)) break;
  }
  // A vfork child borrows the parent's memory until it execs or exits:
  // taking the traps out would take them out of the parent too. It
  // normally only execs, which replaces the memory it sees.
  if (event == PTRACE_EVENT_FORK) {
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
  }
  sys::detach(child, 0);
  spdlog::debug("thread {} {} child {}: released", parent_tid,
                event == PTRACE_EVENT_FORK ? "forked" : "vforked", child);
}

}  // namespace int3::engine
