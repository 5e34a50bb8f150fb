#pragma once

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string_view>

namespace int3::engine {

class registers;

// One register of the general-purpose block the kernel hands out
// (PTRACE_GETREGSET NT_PRSTATUS), with its DWARF number for CFI.
struct register_info {
  std::string_view name;
  int dwarf_id = -1;  // -1: DWARF has no number for it
  std::size_t size = 0;
  std::size_t offset = 0;  // in the register block
};

using read_word_fn = std::function<std::optional<std::uint64_t>(std::uint64_t address)>;

// What the engine must know about a CPU, as data plus a few hooks (Delve
// arch.go). Everything outside engine/arch/ goes through this.
struct arch_info {
  std::uint16_t elf_machine = 0;  // e_machine of the programs this arch runs
  std::string_view name;
  std::span<const std::byte> trap_bytes;
  // x86 reports a software trap with the pc after the trap instruction.
  bool trap_moves_pc = false;
  std::size_t word_size = 8;

  std::span<const register_info> registers;
  std::size_t register_block_size = 0;
  int pc_dwarf_id = -1;
  int sp_dwarf_id = -1;
  int fp_dwarf_id = -1;

  void (*read_registers)(pid_t tid, std::span<std::byte> block) = nullptr;
  void (*write_registers)(pid_t tid, std::span<const std::byte> block) = nullptr;
  // The same write, given to the kernel only when the thread next runs.
  void (*write_registers_before_resume)(pid_t tid, std::span<const std::byte> block) = nullptr;

  // Floating-point and vector registers by DWARF number (x87, SSE), in the
  // kernel's floating-point register set; a core file saves that set as a
  // note of type fp_register_note.
  std::span<const register_info> fp_registers;
  std::size_t fp_register_block_size = 0;
  std::uint32_t fp_register_note = 0;
  void (*read_fp_registers)(pid_t tid, std::span<std::byte> block) = nullptr;
  void (*write_fp_registers)(pid_t tid, std::span<const std::byte> block) = nullptr;

  // Registers a callee must give back unchanged (the ABI's callee-saved
  // ones, sp and pc aside): where a callee's CFI has no rule for one, the
  // caller's value is still in it. The others are the callee's to clobber.
  std::span<const int> callee_saved_dwarf_ids;
  // The ABI's integer argument registers in order: at a function's first
  // instruction, argument i is in the i-th (a runtime hook's arguments).
  std::span<const int> argument_dwarf_ids;

  // Right after a call instruction, before the callee ran a single
  // instruction: where it will return to.
  std::optional<std::uint64_t> (*return_address_at_entry)(const engine::registers& regs,
                                                          const read_word_fn& read_word) = nullptr;

  // Frame-pointer chain, for code without CFI: relative to the frame
  // pointer, where the caller's frame pointer and the return address are
  // saved and what the caller's stack pointer (the CFA) is.
  std::int64_t saved_fp_offset = 0;
  std::int64_t return_address_offset = 8;
  std::int64_t cfa_offset_from_fp = 16;
};

const arch_info& current_arch();

}  // namespace int3::engine
