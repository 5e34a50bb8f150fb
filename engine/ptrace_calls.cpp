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

bool restart(__ptrace_request request, const char* what, pid_t tid, int signal) {
  note_change();
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
  iovec io{block.data(), block.size()};
  if (ptrace(PTRACE_GETREGSET, tid, reinterpret_cast<void*>(static_cast<long>(type)), &io) != 0)
    fail("cannot read the registers of " + thread_text(tid));
}

void set_regset(pid_t tid, int type, std::span<const std::byte> block) {
  note_change();
  iovec io{const_cast<std::byte*>(block.data()), block.size()};
  if (ptrace(PTRACE_SETREGSET, tid, reinterpret_cast<void*>(static_cast<long>(type)), &io) != 0)
    fail("cannot write the registers of " + thread_text(tid));
}

std::optional<wait_result> wait_thread(pid_t tid, bool block) {
  int status = 0;
  for (;;) {
    pid_t got = waitpid(tid, &status, __WALL | (block ? 0 : WNOHANG));
    if (got > 0) return wait_result{got, status};
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
