#pragma once

// The CPU's hardware watchpoint slots, per thread (engine/arch/<arch>/).
// Everything architecture-specific about data breakpoints lives behind
// these calls: how many slots, which sizes and alignments they take, how
// they are written and how a hit is recognised.

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace int3::engine {

enum class watch_access { write, read_write };

struct hardware_watch {
  std::uint64_t address = 0;
  std::size_t size = 0;
  watch_access access = watch_access::write;
};

// How many watches the CPU holds at once (x86-64: DR0-DR3).
std::size_t hardware_watch_slots();

// Why a watch of `size` bytes at `address` cannot be one slot, for the user;
// "" when it can.
std::string hardware_watch_problem(std::uint64_t address, std::size_t size);

// Programs every slot of stopped thread `tid` (nullopt: slot off). Throws
// thread_gone_error when the thread vanished, engine::error otherwise.
void write_hardware_watches(pid_t tid, std::span<const std::optional<hardware_watch>> slots);

// The slots whose watch fired in stopped thread `tid`, and clears the
// record (x86-64: DR6) so the next hit is not confused with this one.
std::vector<std::size_t> take_fired_watch_slots(pid_t tid);

}  // namespace int3::engine
