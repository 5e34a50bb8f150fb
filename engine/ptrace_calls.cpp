#include "engine/ptrace_calls.hpp"

#include <elf.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

#include <spdlog/fmt/fmt.h>

#include "engine/error.hpp"

namespace int3::engine::sys {
namespace {

std::string thread_text(pid_t tid) {
  return "thread " + std::to_string(tid);
}

[[noreturn]] void fail(const std::string& what) {
  if (errno == ESRCH) throw thread_gone_error(what + ": " + std::strerror(errno));
  error::send_errno(what);
}

std::uint64_t changes = 0;  // see change_count(); ptrace has one caller thread

// A stopped thread's register sets as last read or written, so the several
// readers of one stop (trap site, condition, displaced instruction) cost one
// PTRACE_GETREGSET. A set changes only while its thread runs: dropped when
// it is restarted or waited for.
struct register_set {
  int type = 0;
  std::vector<std::byte> block;
  bool unwritten = false;  // set_regset_before_resume: still to reach the kernel
};
std::unordered_map<pid_t, std::vector<register_set>> register_sets;

register_set* cached_set(pid_t tid, int type) {
  auto it = register_sets.find(tid);
  if (it == register_sets.end()) return nullptr;
  for (register_set& set : it->second)
    if (set.type == type) return &set;
  return nullptr;
}

void write_regset(pid_t tid, int type, std::span<const std::byte> block) {
  iovec io{const_cast<std::byte*>(block.data()), block.size()};
  if (ptrace(PTRACE_SETREGSET, tid, reinterpret_cast<void*>(static_cast<long>(type)), &io) != 0)
    fail("cannot write the registers of " + thread_text(tid));
}

// Writes what set_regset_before_resume kept back; false: the thread is gone.
bool flush_register_sets(pid_t tid) {
  auto it = register_sets.find(tid);
  if (it == register_sets.end()) return true;
  std::vector<register_set> sets = std::move(it->second);
  register_sets.erase(it);
  for (const register_set& set : sets) {
    if (!set.unwritten) continue;
    try {
      write_regset(tid, set.type, set.block);
    } catch (const thread_gone_error&) {
      return false;
    }
  }
  return true;
}

bool restart(__ptrace_request request, const char* what, pid_t tid, int signal) {
  note_change();
  if (!flush_register_sets(tid)) return false;
  if (ptrace(request, tid, nullptr, reinterpret_cast<void*>(static_cast<long>(signal))) == 0)
    return true;
  if (errno == ESRCH) return false;
  error::send_errno(std::string("cannot ") + what + " " + thread_text(tid));
}

}  // namespace

std::uint64_t change_count() {
  return changes;
}
void note_change() {
  ++changes;
}

bool cont(pid_t tid, int signal) {
  return restart(PTRACE_CONT, "continue", tid, signal);
}
bool single_step(pid_t tid, int signal) {
  return restart(PTRACE_SINGLESTEP, "single-step", tid, signal);
}
bool detach(pid_t tid, int signal) {
  return restart(PTRACE_DETACH, "detach from", tid, signal);
}

void set_options(pid_t tid, long options) {
  if (ptrace(PTRACE_SETOPTIONS, tid, nullptr, reinterpret_cast<void*>(options)) != 0)
    fail("cannot set ptrace options on " + thread_text(tid));
}

std::optional<siginfo_t> signal_info(pid_t tid) {
  siginfo_t info{};
  if (ptrace(PTRACE_GETSIGINFO, tid, nullptr, &info) == 0) return info;
  if (errno == EINVAL) return std::nullopt;
  fail("cannot read the signal information of " + thread_text(tid));
}

unsigned long event_message(pid_t tid) {
  unsigned long message = 0;
  if (ptrace(PTRACE_GETEVENTMSG, tid, nullptr, &message) != 0)
    fail("cannot read the ptrace event message of " + thread_text(tid));
  return message;
}

std::uint64_t peek_word(pid_t tid, std::uint64_t address) {
  errno = 0;
  long word = ptrace(PTRACE_PEEKDATA, tid, reinterpret_cast<void*>(address), nullptr);
  if (errno != 0) fail(fmt::format("cannot read memory at {:#x} of thread {}", address, tid));
  return static_cast<std::uint64_t>(word);
}

void poke_word(pid_t tid, std::uint64_t address, std::uint64_t word) {
  note_change();
  if (ptrace(PTRACE_POKEDATA, tid, reinterpret_cast<void*>(address),
             reinterpret_cast<void*>(word)) != 0)
    fail(fmt::format("cannot write memory at {:#x} of thread {}", address, tid));
}

void get_regset(pid_t tid, int type, std::span<std::byte> block) {
  if (const register_set* set = cached_set(tid, type); set && set->block.size() == block.size()) {
    std::memcpy(block.data(), set->block.data(), block.size());
    return;
  }
  iovec io{block.data(), block.size()};
  if (ptrace(PTRACE_GETREGSET, tid, reinterpret_cast<void*>(static_cast<long>(type)), &io) != 0)
    fail("cannot read the registers of " + thread_text(tid));
  std::vector<std::byte> copy(block.begin(), block.end());
  if (register_set* set = cached_set(tid, type))
    set->block = std::move(copy);
  else
    register_sets[tid].push_back({type, std::move(copy), false});
}

void set_regset(pid_t tid, int type, std::span<const std::byte> block) {
  note_change();
  write_regset(tid, type, block);
  // The kernel may adjust what it takes (flag bits, segments): read it back
  // when next asked. A value kept back for the resume is superseded.
  auto it = register_sets.find(tid);
  if (it == register_sets.end()) return;
  std::erase_if(it->second, [type](const register_set& set) { return set.type == type; });
}

void set_regset_before_resume(pid_t tid, int type, std::span<const std::byte> block) {
  note_change();
  std::vector<std::byte> copy(block.begin(), block.end());
  if (register_set* set = cached_set(tid, type)) {
    set->block = std::move(copy);
    set->unwritten = true;
  } else {
    register_sets[tid].push_back({type, std::move(copy), true});
  }
}

void forget_thread(pid_t tid) {
  register_sets.erase(tid);
}

std::optional<wait_result> wait_thread(pid_t tid, bool block) {
  int status = 0;
  for (;;) {
    pid_t got = waitpid(tid, &status, __WALL | (block ? 0 : WNOHANG));
    if (got > 0) {
      forget_thread(got);
      return wait_result{got, status};
    }
    if (got == 0) return std::nullopt;
    if (errno == EINTR) continue;
    if (errno == ECHILD) return std::nullopt;
    error::send_errno("cannot wait for " + thread_text(tid));
  }
}

bool tgkill(pid_t pid, pid_t tid, int signal) {
  if (::syscall(SYS_tgkill, pid, tid, signal) == 0) return true;
  if (errno == ESRCH) return false;
  error::send_errno("cannot send a signal to " + thread_text(tid));
}

}  // namespace int3::engine::sys
