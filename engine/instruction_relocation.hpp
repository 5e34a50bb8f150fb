#pragma once

// Running the instruction under a breakpoint somewhere else (out of line),
// for the instructions the tracer does not emulate (site_emulation.hpp):
// the thread executes a copy followed by a trap in a scratch area, so the
// breakpoint stays in place and no other thread has to stop while it
// passes (engine/arch/<arch>/instruction_relocation_<arch>.cpp).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace int3::engine {

struct relocated_instruction {
  std::vector<std::byte> bytes;  // to place at the new address
  std::size_t length = 0;        // of the original instruction
};

// The instruction at the start of `code` (which sits at `from`), encoded to
// do the same at `to` and then fall through to its end there. nullopt when
// it cannot: it transfers control (jumps, calls, returns, loops), enters the
// kernel or traps, or reaches pc-relative data that `to` cannot.
std::optional<relocated_instruction> relocate_instruction(std::span<const std::byte> code,
                                                          std::uint64_t from, std::uint64_t to);

}  // namespace int3::engine
