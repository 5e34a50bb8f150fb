// x86-64 debug registers through PTRACE_POKEUSER: DR0-DR3 hold addresses,
// DR7 enables them with an access kind and a length, DR6 says which fired.

#include <sys/ptrace.h>
#include <sys/user.h>

#include <cerrno>
#include <cstddef>

#include <spdlog/fmt/fmt.h>

#include "engine/debug_registers.hpp"
#include "engine/error.hpp"

namespace int3::engine {
namespace {

constexpr std::size_t slot_count = 4;
constexpr std::uint64_t dr6_hit_mask = 0xf;  // B0-B3

std::size_t debugreg_offset(std::size_t index) {
  return offsetof(struct user, u_debugreg) + index * sizeof(long);
}

void poke_debugreg(pid_t tid, std::size_t index, std::uint64_t value) {
  if (ptrace(PTRACE_POKEUSER, tid, reinterpret_cast<void*>(debugreg_offset(index)),
             reinterpret_cast<void*>(value)) == 0)
    return;
  std::string what = fmt::format("cannot set debug register DR{} of thread {}", index, tid);
  if (errno == ESRCH) throw thread_gone_error(what);
  error::send_errno(what);
}

std::uint64_t peek_debugreg(pid_t tid, std::size_t index) {
  errno = 0;
  long value =
      ptrace(PTRACE_PEEKUSER, tid, reinterpret_cast<void*>(debugreg_offset(index)), nullptr);
  if (errno != 0) {
    std::string what = fmt::format("cannot read debug register DR{} of thread {}", index, tid);
    if (errno == ESRCH) throw thread_gone_error(what);
    error::send_errno(what);
  }
  return static_cast<std::uint64_t>(value);
}

// DR7's LEN field: 00 one byte, 01 two, 11 four, 10 eight.
std::uint64_t length_bits(std::size_t size) {
  switch (size) {
    case 1:
      return 0b00;
    case 2:
      return 0b01;
    case 8:
      return 0b10;
    default:
      return 0b11;
  }
}

// DR7's R/W field: 01 data writes, 11 data reads or writes (x86 has no
// read-only watch).
std::uint64_t access_bits(watch_access access) {
  return access == watch_access::write ? 0b01 : 0b11;
}

}  // namespace

std::size_t hardware_watch_slots() {
  return slot_count;
}

std::string hardware_watch_problem(std::uint64_t address, std::size_t size) {
  if (size != 1 && size != 2 && size != 4 && size != 8)
    return fmt::format(
        "x86-64 debug registers watch 1, 2, 4 or 8 bytes, not {}; watch a member or an element "
        "instead",
        size);
  if (address % size != 0)
    return fmt::format(
        "x86-64 debug registers watch {} bytes only at an address that is a multiple of {}; "
        "{:#x} is not",
        size, size, address);
  return {};
}

void write_hardware_watches(pid_t tid, std::span<const std::optional<hardware_watch>> slots) {
  // Off first: the kernel checks each DR7 against the addresses it enables.
  poke_debugreg(tid, 7, 0);
  std::uint64_t dr7 = 0;
  for (std::size_t i = 0; i < slots.size() && i < slot_count; ++i) {
    if (!slots[i]) continue;
    poke_debugreg(tid, i, slots[i]->address);
    dr7 |= std::uint64_t{1} << (2 * i);  // L<i>: enabled for this thread
    dr7 |= access_bits(slots[i]->access) << (16 + 4 * i);
    dr7 |= length_bits(slots[i]->size) << (18 + 4 * i);
  }
  if (dr7 != 0) poke_debugreg(tid, 7, dr7);
}

std::vector<std::size_t> take_fired_watch_slots(pid_t tid) {
  std::uint64_t dr6 = peek_debugreg(tid, 6);
  std::vector<std::size_t> fired;
  for (std::size_t i = 0; i < slot_count; ++i)
    if (dr6 & (std::uint64_t{1} << i)) fired.push_back(i);
  if (dr6 & dr6_hit_mask) poke_debugreg(tid, 6, 0);
  return fired;
}

}  // namespace int3::engine
