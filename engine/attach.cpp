// Attaching to a running process: every thread, explained refusals.
#include <signal.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include <spdlog/spdlog.h>

#include "engine/error.hpp"
#include "engine/process.hpp"
#include "engine/ptrace_calls.hpp"

namespace int3::engine {
namespace {

std::string proc_path(pid_t pid, const std::string& leaf) {
  return "/proc/" + std::to_string(pid) + "/" + leaf;
}

// A "Key:\tvalue" line of /proc/<pid>/status; "" when missing.
std::string status_field(pid_t pid, const std::string& key) {
  std::ifstream in(proc_path(pid, "status"));
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(key + ":", 0) != 0) continue;
    auto value = line.substr(key.size() + 1);
    value.erase(0, value.find_first_not_of(" \t"));
    return value;
  }
  return "";
}

std::string comm_of(pid_t pid) {
  std::ifstream in(proc_path(pid, "comm"));
  std::string name;
  std::getline(in, name);
  return name;
}

bool has_cap_sys_ptrace() {
  auto caps = status_field(getpid(), "CapEff");
  if (caps.empty()) return false;
  constexpr unsigned cap_sys_ptrace = 19;
  return (std::stoull(caps, nullptr, 16) >> cap_sys_ptrace) & 1;
}

// Why the kernel said EPERM, as far as /proc can tell.
[[noreturn]] void explain_refusal(pid_t pid, int error_number) {
  std::string prefix = "cannot attach to process " + std::to_string(pid);
  std::string tracer = status_field(pid, "TracerPid");
  if (!tracer.empty() && tracer != "0") {
    pid_t by = std::stoi(tracer);
    error::send(prefix + ": it is already traced by process " + tracer + " (" + comm_of(by) +
                "); detach that debugger first");
  }
  if (error_number == EPERM) {
    std::ifstream scope_file("/proc/sys/kernel/yama/ptrace_scope");
    int scope = 0;
    if (scope_file >> scope && scope > 0 && !has_cap_sys_ptrace()) {
      error::send(prefix + ": /proc/sys/kernel/yama/ptrace_scope is " + std::to_string(scope) +
                  ", which only lets a debugger trace its own children; run int3 with "
                  "CAP_SYS_PTRACE or set ptrace_scope to 0");
    }
    std::string uids = status_field(pid, "Uid");
    std::string our_uid = std::to_string(getuid());
    if (!uids.empty() && uids.substr(0, uids.find_first_of(" \t")) != our_uid &&
        !has_cap_sys_ptrace()) {
      error::send(prefix + ": it belongs to another user and int3 lacks CAP_SYS_PTRACE");
    }
    if (!has_cap_sys_ptrace()) {
      error::send(prefix + ": " + std::strerror(error_number) +
                  " (int3 lacks CAP_SYS_PTRACE; a container may need --cap-add=SYS_PTRACE)");
    }
  }
  error::send(prefix + ": " + std::strerror(error_number));
}

std::set<pid_t> tasks_of(pid_t pid) {
  std::set<pid_t> out;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(proc_path(pid, "task"), ec))
    out.insert(std::stoi(entry.path().filename().string()));
  return out;
}

// Waits for the SIGSTOP that PTRACE_ATTACH sent `tid`; any other signal
// that arrives first is re-raised so the program still gets it.
bool wait_attach_stop(pid_t tid) {
  for (;;) {
    auto w = sys::wait_thread(tid, true);
    if (!w || WIFEXITED(w->status) || WIFSIGNALED(w->status)) return false;
    int sig = WSTOPSIG(w->status);
    if (sig == SIGSTOP) return true;
    sys::cont(tid, sig);
  }
}

}  // namespace

std::unique_ptr<process> process::attach(pid_t pid, std::vector<pid_t>& tids) {
  if (pid <= 0) error::send("cannot attach to process " + std::to_string(pid) + ": not a pid");
  if (::kill(pid, 0) != 0 && errno == ESRCH)
    error::send("cannot attach to process " + std::to_string(pid) + ": no such process");
  if (status_field(pid, "Tgid") != std::to_string(pid))
    error::send("cannot attach to process " + std::to_string(pid) + ": it is a thread of process " +
                status_field(pid, "Tgid") + ", not a process");

  tids.clear();
  std::set<pid_t> done;
  auto release_all = [&] {
    for (pid_t tid : tids) sys::detach(tid, 0);
  };
  // Threads may start while we attach; a stopped one cannot, so rescanning
  // until nothing is new finds them all.
  for (bool found_new = true; found_new;) {
    found_new = false;
    for (pid_t tid : tasks_of(pid)) {
      if (done.contains(tid)) continue;
      found_new = true;
      done.insert(tid);
      if (ptrace(PTRACE_ATTACH, tid, nullptr, nullptr) != 0) {
        int saved = errno;
        if (saved == ESRCH && tid != pid) continue;  // ended meanwhile
        release_all();
        if (saved == ESRCH)
          error::send("cannot attach to process " + std::to_string(pid) + ": no such process");
        explain_refusal(pid, saved);
      }
      if (!wait_attach_stop(tid)) {
        if (tid == pid) {
          release_all();
          error::send("cannot attach to process " + std::to_string(pid) + ": it ended");
        }
        continue;
      }
      // No EXITKILL: the program must outlive a detaching debugger.
      sys::set_options(tid, PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC | PTRACE_O_TRACESYSGOOD |
                                PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK);
      tids.push_back(tid);
    }
  }
  std::stable_partition(tids.begin(), tids.end(), [pid](pid_t t) { return t == pid; });
  spdlog::debug("attached to pid {} ({} threads)", pid, tids.size());
  try {
    return std::unique_ptr<process>(new process(pid));
  } catch (...) {
    release_all();
    throw;
  }
}

}  // namespace int3::engine
