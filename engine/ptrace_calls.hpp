#pragma once

#include <signal.h>
#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

// Checked wrappers over ptrace, waitpid and tgkill. Each failure throws
// engine::error naming what was being done; the few errors that are an
// expected outcome are return values instead; a thread that vanished under
// any other request throws thread_gone_error.
namespace int3::engine::sys {

// Restart a stopped thread. false: the thread no longer exists (ESRCH), e.g.
// it was killed by another thread's exit_group while stopped.
bool cont(pid_t tid, int signal = 0);
bool single_step(pid_t tid, int signal = 0);
bool detach(pid_t tid, int signal = 0);

void set_options(pid_t tid, long options);
// nullopt for a group-stop, which has no siginfo (EINVAL).
std::optional<siginfo_t> signal_info(pid_t tid);
unsigned long event_message(pid_t tid);

std::uint64_t peek_word(pid_t tid, std::uint64_t address);
void poke_word(pid_t tid, std::uint64_t address, std::uint64_t word);

// PTRACE_GETREGSET/SETREGSET of one register set (NT_PRSTATUS, ...). A set
// read once is served from memory until the thread runs again.
void get_regset(pid_t tid, int type, std::span<std::byte> block);
void set_regset(pid_t tid, int type, std::span<const std::byte> block);
// A write the kernel gets just before the thread is next restarted (or
// detached), for the engine's own pc changes on the breakpoint path: one
// PTRACE_SETREGSET per hit however many times the pc moves. Reads see it.
void set_regset_before_resume(pid_t tid, int type, std::span<const std::byte> block);
// Drops what is known of a thread's registers (it ran, or is a new process).
void forget_thread(pid_t tid);

struct wait_result {
  pid_t tid = 0;
  int status = 0;
};
// waitpid(tid, __WALL [| WNOHANG]), retried on EINTR. nullopt: nothing yet
// (non-blocking) or no such child (ECHILD, already reaped).
std::optional<wait_result> wait_thread(pid_t tid, bool block);

// false: no such thread.
bool tgkill(pid_t pid, pid_t tid, int signal);

// Counts everything that may change a stopped program as the engine sees
// it: restarts, register writes and memory writes, whoever makes them.
// What is cached about a stop (engine/stop_cache.hpp) holds while it stays
// the same, so no run-control or write path has to remember to drop caches.
std::uint64_t change_count();
void note_change();

}  // namespace int3::engine::sys
