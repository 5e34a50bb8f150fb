#include <algorithm>
#include <cstring>
#include <limits>

#include "engine/arch/x86_64/detail_decoder_x86_64.hpp"
#include "engine/instruction_relocation.hpp"

namespace int3::engine {
namespace {

bool in_group(const cs_insn& insn, std::uint8_t group) {
  const cs_detail& d = *insn.detail;
  return std::find(d.groups, d.groups + d.groups_count, group) != d.groups + d.groups_count;
}

// Instructions whose effect depends on where they run other than through a
// rip-relative operand, or that leave the instruction stream.
bool moves_control(const cs_insn& insn) {
  if (in_group(insn, CS_GRP_JUMP) || in_group(insn, CS_GRP_CALL) || in_group(insn, CS_GRP_RET) ||
      in_group(insn, CS_GRP_INT) || in_group(insn, CS_GRP_IRET) ||
      in_group(insn, CS_GRP_BRANCH_RELATIVE))
    return true;
  switch (insn.id) {
    case X86_INS_SYSCALL:
    case X86_INS_SYSENTER:
    case X86_INS_SYSEXIT:
    case X86_INS_SYSRET:
    case X86_INS_INT:
    case X86_INS_INT1:
    case X86_INS_INT3:
    case X86_INS_INTO:
    case X86_INS_UD2:
    case X86_INS_HLT:
    case X86_INS_XBEGIN:
    case X86_INS_XABORT:
    case X86_INS_XEND:
      return true;
    default:
      return false;
  }
}

bool uses_rip(const cs_insn& insn) {
  const cs_x86& x = insn.detail->x86;
  for (std::uint8_t i = 0; i < x.op_count; ++i)
    if (x.operands[i].type == X86_OP_MEM && x.operands[i].mem.base == X86_REG_RIP) return true;
  return false;
}

}  // namespace

std::optional<relocated_instruction> relocate_instruction(std::span<const std::byte> code,
                                                          std::uint64_t from, std::uint64_t to) {
  thread_local detail_decoder decoder;
  const cs_insn* insn = decoder.decode(code, from);
  if (!insn || moves_control(*insn)) return std::nullopt;
  relocated_instruction out;
  out.length = insn->size;
  out.bytes.assign(code.begin(), code.begin() + insn->size);
  if (!uses_rip(*insn)) return out;

  // A rip-relative operand is relative to the instruction's end: the same
  // target from the new place needs the displacement moved by the distance.
  const cs_x86& x = insn->detail->x86;
  if (x.encoding.disp_offset == 0 || x.encoding.disp_size != 4) return std::nullopt;
  // User-space addresses are below 2^47: the difference cannot overflow.
  std::int64_t moved = x.disp + static_cast<std::int64_t>(from - to);
  if (moved < std::numeric_limits<std::int32_t>::min() ||
      moved > std::numeric_limits<std::int32_t>::max())
    return std::nullopt;
  auto disp = static_cast<std::int32_t>(moved);
  std::memcpy(out.bytes.data() + x.encoding.disp_offset, &disp, sizeof disp);
  return out;
}

}  // namespace int3::engine
