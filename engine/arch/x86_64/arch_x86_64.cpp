#include <elf.h>
#include <sys/user.h>

#include <array>
#include <cstddef>

#include "engine/arch/arch.hpp"
#include "engine/ptrace_calls.hpp"
#include "engine/registers.hpp"

namespace int3::engine {
namespace {

constexpr register_info register_table[] = {
#define INT3_REGISTER(name, dwarf, field) \
  {#name, dwarf, sizeof(user_regs_struct::field), offsetof(user_regs_struct, field)},
#include "engine/arch/x86_64/registers.inc"
#undef INT3_REGISTER
};

// int3
constexpr std::array<std::byte, 1> trap{std::byte{0xCC}};

void read_regs(pid_t tid, std::span<std::byte> block) {
  sys::get_regset(tid, NT_PRSTATUS, block);
}
void write_regs(pid_t tid, std::span<const std::byte> block) {
  sys::set_regset(tid, NT_PRSTATUS, block);
}

// `call` pushed the return address: it is the word at rsp.
std::optional<std::uint64_t> return_address_at_entry(const registers& regs,
                                                     const read_word_fn& read_word) {
  return read_word(regs.sp());
}

const arch_info x86_64{
    .elf_machine = EM_X86_64,
    .name = "x86-64",
    .trap_bytes = trap,
    .trap_moves_pc = true,
    .word_size = 8,
    .registers = register_table,
    .register_block_size = sizeof(user_regs_struct),
    .pc_dwarf_id = 16,
    .sp_dwarf_id = 7,
    .fp_dwarf_id = 6,
    .read_registers = read_regs,
    .write_registers = write_regs,
    .return_address_at_entry = return_address_at_entry,
    // push rbp; mov rbp, rsp: [rbp] = caller's rbp, [rbp+8] = return address.
    .saved_fp_offset = 0,
    .return_address_offset = 8,
    .cfa_offset_from_fp = 16,
};

}  // namespace

const arch_info& current_arch() {
  return x86_64;
}

}  // namespace int3::engine
