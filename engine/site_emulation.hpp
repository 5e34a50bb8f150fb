#pragma once

// Running the instruction under a breakpoint site in the tracer instead of
// stepping the thread over it: a thread resumed from a site then costs one
// register write and no second ptrace stop, and the trap stays in place so
// the other threads need not be stopped (engine/arch/<arch>/
// site_emulation_<arch>.cpp knows which instructions it can run exactly).

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>

namespace int3::engine {

class registers;

// The program's memory as the instruction sees it (our traps not shown).
// false: not accessible; the instruction would fault, so it is not emulated.
struct emulation_memory {
  std::function<bool(std::uint64_t address, std::span<std::byte> into)> read;
  std::function<bool(std::uint64_t address, std::span<const std::byte> data)> write;
};

// Executes the instruction at the start of `code` (which sits at regs.pc())
// on `regs` and `memory` when it is one the tracer can run exactly; false
// leaves both untouched and the caller steps the thread as before.
// `memory_allowed` false refuses every instruction that reads or writes
// memory: an armed debug register sees only the CPU's own accesses.
bool emulate_site_instruction(std::span<const std::byte> code, registers& regs,
                              const emulation_memory& memory, bool memory_allowed);

}  // namespace int3::engine
