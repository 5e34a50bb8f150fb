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

// DWARF numbers from the psABI (figure 3.36): xmm0-15 are 17-32, st0-7 are
// 33-40, mxcsr 64, fcw 65, fsw 66. st(i) is stored relative to the top of the
// x87 stack (FXSAVE layout), as DWARF numbers them.
constexpr std::size_t xmm_at(int i) {
  return offsetof(user_fpregs_struct, xmm_space) + 16 * static_cast<std::size_t>(i);
}
constexpr std::size_t st_at(int i) {
  return offsetof(user_fpregs_struct, st_space) + 16 * static_cast<std::size_t>(i);
}
constexpr register_info fp_register_table[] = {
    {"xmm0", 17, 16, xmm_at(0)},
    {"xmm1", 18, 16, xmm_at(1)},
    {"xmm2", 19, 16, xmm_at(2)},
    {"xmm3", 20, 16, xmm_at(3)},
    {"xmm4", 21, 16, xmm_at(4)},
    {"xmm5", 22, 16, xmm_at(5)},
    {"xmm6", 23, 16, xmm_at(6)},
    {"xmm7", 24, 16, xmm_at(7)},
    {"xmm8", 25, 16, xmm_at(8)},
    {"xmm9", 26, 16, xmm_at(9)},
    {"xmm10", 27, 16, xmm_at(10)},
    {"xmm11", 28, 16, xmm_at(11)},
    {"xmm12", 29, 16, xmm_at(12)},
    {"xmm13", 30, 16, xmm_at(13)},
    {"xmm14", 31, 16, xmm_at(14)},
    {"xmm15", 32, 16, xmm_at(15)},
    {"st0", 33, 10, st_at(0)},
    {"st1", 34, 10, st_at(1)},
    {"st2", 35, 10, st_at(2)},
    {"st3", 36, 10, st_at(3)},
    {"st4", 37, 10, st_at(4)},
    {"st5", 38, 10, st_at(5)},
    {"st6", 39, 10, st_at(6)},
    {"st7", 40, 10, st_at(7)},
    {"mxcsr", 64, 4, offsetof(user_fpregs_struct, mxcsr)},
    {"fcw", 65, 2, offsetof(user_fpregs_struct, cwd)},
    {"fsw", 66, 2, offsetof(user_fpregs_struct, swd)},
};

// The System V psABI (3.2.1): rbx, rbp and r12-r15 belong to the caller;
// rsp is recovered from the CFA. Every xmm and x87 register is the callee's.
constexpr int callee_saved[] = {3, 6, 12, 13, 14, 15};
// The psABI (3.2.3) passes integer arguments in rdi, rsi, rdx, rcx, r8, r9.
constexpr int arguments[] = {5, 4, 1, 2, 8, 9};

// int3
constexpr std::array<std::byte, 1> trap{std::byte{0xCC}};

void read_regs(pid_t tid, std::span<std::byte> block) {
  sys::get_regset(tid, NT_PRSTATUS, block);
}
void write_regs(pid_t tid, std::span<const std::byte> block) {
  sys::set_regset(tid, NT_PRSTATUS, block);
}
void write_regs_before_resume(pid_t tid, std::span<const std::byte> block) {
  sys::set_regset_before_resume(tid, NT_PRSTATUS, block);
}
void read_fp_regs(pid_t tid, std::span<std::byte> block) {
  sys::get_regset(tid, NT_PRFPREG, block);
}
void write_fp_regs(pid_t tid, std::span<const std::byte> block) {
  sys::set_regset(tid, NT_PRFPREG, block);
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
    .write_registers_before_resume = write_regs_before_resume,
    .fp_registers = fp_register_table,
    .fp_register_block_size = sizeof(user_fpregs_struct),
    .fp_register_note = NT_PRFPREG,
    .read_fp_registers = read_fp_regs,
    .write_fp_registers = write_fp_regs,
    .callee_saved_dwarf_ids = callee_saved,
    .argument_dwarf_ids = arguments,
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
