// The x86-64 instructions found at breakpoint sites of gcc and clang code
// (prologues, -O0 loads and stores of locals, calls, branches), run in the
// tracer. Anything with a prefix, a flag it cannot compute exactly or a
// side effect beyond registers and one memory store is refused.
#include <capstone/capstone.h>

#include <array>
#include <cstring>
#include <optional>
#include <vector>

#include "engine/arch/x86_64/detail_decoder_x86_64.hpp"
#include "engine/registers.hpp"
#include "engine/site_emulation.hpp"

namespace int3::engine {
namespace {

constexpr int rsp_id = 7;
constexpr int rbp_id = 6;
constexpr int rip_id = 16;
constexpr int eflags_id = 49;
constexpr int fs_base_id = 58;
constexpr int gs_base_id = 59;

constexpr std::uint64_t cf = 1u << 0, pf = 1u << 2, af = 1u << 4, zf = 1u << 6, sf = 1u << 7,
                        tf = 1u << 8, of = 1u << 11;
constexpr std::uint64_t status_flags = cf | pf | af | zf | sf | of;

struct gpr {
  int dwarf_id = -1;
  unsigned size = 0;  // bytes
};

// AH..BH address bits 8-15 and are never emitted where we stop: refused.
std::optional<gpr> gpr_of(unsigned reg) {
  struct row {
    x86_reg r64, r32, r16, r8;
    int dwarf_id;
  };
  static constexpr row rows[] = {
      {X86_REG_RAX, X86_REG_EAX, X86_REG_AX, X86_REG_AL, 0},
      {X86_REG_RDX, X86_REG_EDX, X86_REG_DX, X86_REG_DL, 1},
      {X86_REG_RCX, X86_REG_ECX, X86_REG_CX, X86_REG_CL, 2},
      {X86_REG_RBX, X86_REG_EBX, X86_REG_BX, X86_REG_BL, 3},
      {X86_REG_RSI, X86_REG_ESI, X86_REG_SI, X86_REG_SIL, 4},
      {X86_REG_RDI, X86_REG_EDI, X86_REG_DI, X86_REG_DIL, 5},
      {X86_REG_RBP, X86_REG_EBP, X86_REG_BP, X86_REG_BPL, 6},
      {X86_REG_RSP, X86_REG_ESP, X86_REG_SP, X86_REG_SPL, 7},
      {X86_REG_R8, X86_REG_R8D, X86_REG_R8W, X86_REG_R8B, 8},
      {X86_REG_R9, X86_REG_R9D, X86_REG_R9W, X86_REG_R9B, 9},
      {X86_REG_R10, X86_REG_R10D, X86_REG_R10W, X86_REG_R10B, 10},
      {X86_REG_R11, X86_REG_R11D, X86_REG_R11W, X86_REG_R11B, 11},
      {X86_REG_R12, X86_REG_R12D, X86_REG_R12W, X86_REG_R12B, 12},
      {X86_REG_R13, X86_REG_R13D, X86_REG_R13W, X86_REG_R13B, 13},
      {X86_REG_R14, X86_REG_R14D, X86_REG_R14W, X86_REG_R14B, 14},
      {X86_REG_R15, X86_REG_R15D, X86_REG_R15W, X86_REG_R15B, 15},
  };
  for (const row& r : rows) {
    if (reg == r.r64) return gpr{r.dwarf_id, 8};
    if (reg == r.r32) return gpr{r.dwarf_id, 4};
    if (reg == r.r16) return gpr{r.dwarf_id, 2};
    if (reg == r.r8) return gpr{r.dwarf_id, 1};
  }
  return std::nullopt;
}

std::uint64_t mask(unsigned size) {
  return size >= 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * size)) - 1;
}

std::uint64_t sign_bit(unsigned size) {
  return std::uint64_t{1} << (8 * size - 1);
}

// The instruction's effect, built on a copy of the registers and committed
// only once every read succeeded.
class machine {
 public:
  machine(const registers& regs, const emulation_memory& memory, bool memory_allowed,
          std::uint64_t next_pc)
      : regs_(regs), memory_(memory), memory_allowed_(memory_allowed), next_pc_(next_pc) {}

  std::uint64_t next_pc() const { return next_pc_; }
  std::uint64_t reg64(int id) const { return regs_.by_dwarf(id).value_or(0); }
  void set_reg64(int id, std::uint64_t v) { regs_.set_by_dwarf(id, v); }

  std::uint64_t get(const gpr& g) const { return reg64(g.dwarf_id) & mask(g.size); }
  void set(const gpr& g, std::uint64_t v) {
    std::uint64_t old = reg64(g.dwarf_id);
    // A 32-bit write clears the upper half; 8 and 16-bit writes merge.
    if (g.size == 8 || g.size == 4)
      set_reg64(g.dwarf_id, v & mask(g.size));
    else
      set_reg64(g.dwarf_id, (old & ~mask(g.size)) | (v & mask(g.size)));
  }

  std::optional<std::uint64_t> address_of(const cs_x86& x86, const x86_op_mem& mem) const {
    if (x86.addr_size != 8) return std::nullopt;
    std::uint64_t address = static_cast<std::uint64_t>(mem.disp);
    if (mem.segment == X86_REG_FS)
      address += reg64(fs_base_id);
    else if (mem.segment == X86_REG_GS)
      address += reg64(gs_base_id);
    else if (mem.segment != X86_REG_INVALID)
      return std::nullopt;
    if (mem.base == X86_REG_RIP) {
      address += next_pc_;
    } else if (mem.base != X86_REG_INVALID) {
      auto base = gpr_of(mem.base);
      if (!base || base->size != 8) return std::nullopt;
      address += get(*base);
    }
    if (mem.index != X86_REG_INVALID) {
      auto index = gpr_of(mem.index);
      if (!index || index->size != 8) return std::nullopt;
      address += get(*index) * static_cast<std::uint64_t>(mem.scale);
    }
    return address;
  }

  std::optional<std::uint64_t> load(std::uint64_t address, unsigned size) const {
    if (!memory_allowed_ || size == 0 || size > 8) return std::nullopt;
    std::array<std::byte, 8> bytes{};
    if (!memory_.read(address, std::span(bytes).first(size))) return std::nullopt;
    std::uint64_t v = 0;
    std::memcpy(&v, bytes.data(), size);
    return v;
  }

  // At most one store per instruction, done at commit.
  bool store(std::uint64_t address, unsigned size, std::uint64_t v) {
    if (!memory_allowed_ || store_ || size == 0 || size > 8) return false;
    store_.emplace(address, std::vector<std::byte>(size));
    std::memcpy(store_->second.data(), &v, size);
    return true;
  }

  bool push(std::uint64_t v) {
    std::uint64_t sp = reg64(rsp_id) - 8;
    if (!store(sp, 8, v)) return false;
    set_reg64(rsp_id, sp);
    return true;
  }

  std::optional<std::uint64_t> pop() {
    std::uint64_t sp = reg64(rsp_id);
    auto v = load(sp, 8);
    if (v) set_reg64(rsp_id, sp + 8);
    return v;
  }

  void set_status(std::uint64_t flags) {
    set_reg64(eflags_id, (reg64(eflags_id) & ~status_flags) | flags);
  }

  bool commit(registers& out) {
    if (store_ && !memory_.write(store_->first, store_->second)) return false;
    out = regs_;
    return true;
  }

 private:
  registers regs_;
  const emulation_memory& memory_;
  bool memory_allowed_;
  std::uint64_t next_pc_;
  std::optional<std::pair<std::uint64_t, std::vector<std::byte>>> store_;
};

std::uint64_t parity_flag(std::uint64_t result) {
  return __builtin_parity(static_cast<unsigned>(result & 0xff)) ? 0 : pf;
}

std::uint64_t result_flags(std::uint64_t result, unsigned size) {
  std::uint64_t flags = parity_flag(result);
  if ((result & mask(size)) == 0) flags |= zf;
  if (result & sign_bit(size)) flags |= sf;
  return flags;
}

struct arithmetic {
  std::uint64_t result = 0;
  std::uint64_t flags = 0;
};

arithmetic add_flags(std::uint64_t a, std::uint64_t b, unsigned size) {
  std::uint64_t r = (a + b) & mask(size);
  std::uint64_t flags = result_flags(r, size);
  if (r < (a & mask(size))) flags |= cf;
  if (((a ^ r) & (b ^ r)) & sign_bit(size)) flags |= of;
  if ((a ^ b ^ r) & 0x10) flags |= af;
  return {r, flags};
}

arithmetic sub_flags(std::uint64_t a, std::uint64_t b, unsigned size) {
  std::uint64_t r = (a - b) & mask(size);
  std::uint64_t flags = result_flags(r, size);
  if ((a & mask(size)) < (b & mask(size))) flags |= cf;
  if (((a ^ b) & (a ^ r)) & sign_bit(size)) flags |= of;
  if ((a ^ b ^ r) & 0x10) flags |= af;
  return {r, flags};
}

// Condition codes in encoding order (the low nibble of jcc's and cmovcc's
// opcodes): even codes test a predicate, odd ones its negation.
constexpr x86_insn jcc_ids[16] = {X86_INS_JO, X86_INS_JNO, X86_INS_JB,  X86_INS_JAE,
                                  X86_INS_JE, X86_INS_JNE, X86_INS_JBE, X86_INS_JA,
                                  X86_INS_JS, X86_INS_JNS, X86_INS_JP,  X86_INS_JNP,
                                  X86_INS_JL, X86_INS_JGE, X86_INS_JLE, X86_INS_JG};
constexpr x86_insn cmov_ids[16] = {X86_INS_CMOVO, X86_INS_CMOVNO, X86_INS_CMOVB,  X86_INS_CMOVAE,
                                   X86_INS_CMOVE, X86_INS_CMOVNE, X86_INS_CMOVBE, X86_INS_CMOVA,
                                   X86_INS_CMOVS, X86_INS_CMOVNS, X86_INS_CMOVP,  X86_INS_CMOVNP,
                                   X86_INS_CMOVL, X86_INS_CMOVGE, X86_INS_CMOVLE, X86_INS_CMOVG};

std::optional<bool> condition_holds(unsigned id, std::uint64_t f) {
  unsigned code = 0;
  while (code < 16 && jcc_ids[code] != id && cmov_ids[code] != id) ++code;
  if (code == 16) return std::nullopt;
  bool c = f & cf, z = f & zf, s = f & sf, o = f & of, p = f & pf;
  const bool predicates[8] = {o, c, z, c || z, s, p, s != o, z || s != o};
  return predicates[code >> 1] != static_cast<bool>(code & 1);
}

// The value of a source operand, sign-extending immediates to `size`.
std::optional<std::uint64_t> read_operand(machine& m, const cs_x86& x86, const cs_x86_op& op,
                                          unsigned size) {
  switch (op.type) {
    case X86_OP_REG: {
      auto g = gpr_of(op.reg);
      if (!g) return std::nullopt;
      return m.get(*g);
    }
    case X86_OP_IMM:
      return static_cast<std::uint64_t>(op.imm) & mask(size);
    case X86_OP_MEM: {
      auto address = m.address_of(x86, op.mem);
      if (!address) return std::nullopt;
      return m.load(*address, op.size);
    }
    default:
      return std::nullopt;
  }
}

bool write_operand(machine& m, const cs_x86& x86, const cs_x86_op& op, std::uint64_t v) {
  if (op.type == X86_OP_REG) {
    auto g = gpr_of(op.reg);
    if (!g) return false;
    m.set(*g, v);
    return true;
  }
  if (op.type == X86_OP_MEM) {
    auto address = m.address_of(x86, op.mem);
    return address && m.store(*address, op.size, v);
  }
  return false;
}

// A branch target: immediate (rel), register, or memory (an indirect call
// through the GOT).
std::optional<std::uint64_t> branch_target(machine& m, const cs_x86& x86) {
  if (x86.op_count != 1) return std::nullopt;
  const cs_x86_op& op = x86.operands[0];
  if (op.type == X86_OP_IMM) return static_cast<std::uint64_t>(op.imm);
  if (op.size != 8) return std::nullopt;
  return read_operand(m, x86, op, 8);
}

bool execute(machine& m, const cs_insn& insn) {
  const cs_x86& x86 = insn.detail->x86;
  const cs_x86_op* ops = x86.operands;
  m.set_reg64(rip_id, m.next_pc());
  switch (insn.id) {
    case X86_INS_NOP:
    case X86_INS_ENDBR64:
      return true;
    default:
      break;
  }
  // rep/lock (and bnd) change what the instruction does.
  if (x86.prefix[0] != 0) return false;
  switch (insn.id) {
    case X86_INS_PUSH: {
      if (x86.op_count != 1 || ops[0].size != 8) return false;
      auto v = read_operand(m, x86, ops[0], 8);
      return v && m.push(*v);
    }
    case X86_INS_POP: {
      if (x86.op_count != 1 || ops[0].type != X86_OP_REG || ops[0].size != 8) return false;
      auto v = m.pop();
      return v && write_operand(m, x86, ops[0], *v);
    }
    case X86_INS_MOV:
    case X86_INS_MOVABS: {
      if (x86.op_count != 2) return false;
      if (ops[1].type != X86_OP_IMM && ops[0].size != ops[1].size) return false;
      auto v = read_operand(m, x86, ops[1], ops[0].size);
      return v && write_operand(m, x86, ops[0], *v);
    }
    case X86_INS_MOVZX:
    case X86_INS_MOVSX:
    case X86_INS_MOVSXD: {
      if (x86.op_count != 2 || ops[0].type != X86_OP_REG || ops[1].size >= ops[0].size)
        return false;
      auto v = read_operand(m, x86, ops[1], ops[1].size);
      if (!v) return false;
      if (insn.id != X86_INS_MOVZX && (*v & sign_bit(ops[1].size))) *v |= ~mask(ops[1].size);
      return write_operand(m, x86, ops[0], *v & mask(ops[0].size));
    }
    case X86_INS_LEA: {
      if (x86.op_count != 2 || ops[0].type != X86_OP_REG || ops[1].type != X86_OP_MEM) return false;
      auto address = m.address_of(x86, ops[1].mem);
      return address && write_operand(m, x86, ops[0], *address & mask(ops[0].size));
    }
    case X86_INS_ADD:
    case X86_INS_SUB:
    case X86_INS_CMP: {
      if (x86.op_count != 2) return false;
      unsigned size = ops[0].size;
      auto a = read_operand(m, x86, ops[0], size);
      auto b = read_operand(m, x86, ops[1], size);
      if (!a || !b) return false;
      arithmetic r = insn.id == X86_INS_ADD ? add_flags(*a, *b, size) : sub_flags(*a, *b, size);
      if (insn.id != X86_INS_CMP && !write_operand(m, x86, ops[0], r.result)) return false;
      m.set_status(r.flags);
      return true;
    }
    case X86_INS_AND:
    case X86_INS_OR:
    case X86_INS_XOR:
    case X86_INS_TEST: {
      if (x86.op_count != 2) return false;
      unsigned size = ops[0].size;
      auto a = read_operand(m, x86, ops[0], size);
      auto b = read_operand(m, x86, ops[1], size);
      if (!a || !b) return false;
      std::uint64_t r = insn.id == X86_INS_OR    ? *a | *b
                        : insn.id == X86_INS_XOR ? *a ^ *b
                                                 : *a & *b;
      if (insn.id != X86_INS_TEST && !write_operand(m, x86, ops[0], r)) return false;
      // CF and OF are cleared; AF is left undefined by the ISA and cleared by
      // the CPUs we checked against (test_displaced_resume.cpp).
      m.set_status(result_flags(r, size));
      return true;
    }
    case X86_INS_CDQE:
    case X86_INS_CWDE: {
      unsigned half = insn.id == X86_INS_CDQE ? 4 : 2;
      std::uint64_t v = m.get({0, half});
      if (v & sign_bit(half)) v |= ~mask(half);
      m.set({0, half * 2}, v);
      return true;
    }
    case X86_INS_CALL: {
      auto target = branch_target(m, x86);
      if (!target || !m.push(m.next_pc())) return false;
      m.set_reg64(rip_id, *target);
      return true;
    }
    case X86_INS_JMP: {
      auto target = branch_target(m, x86);
      if (!target) return false;
      m.set_reg64(rip_id, *target);
      return true;
    }
    case X86_INS_RET: {
      if (x86.op_count != 0) return false;
      auto target = m.pop();
      if (!target) return false;
      m.set_reg64(rip_id, *target);
      return true;
    }
    case X86_INS_LEAVE: {
      m.set_reg64(rsp_id, m.reg64(rbp_id));
      auto saved = m.pop();
      if (!saved) return false;
      m.set_reg64(rbp_id, *saved);
      return true;
    }
    default:
      break;
  }
  auto taken = condition_holds(insn.id, m.reg64(eflags_id));
  if (!taken) return false;
  if (x86.op_count == 2) {  // cmovcc: a 32-bit destination is zero-extended even when not taken
    if (ops[0].type != X86_OP_REG) return false;
    auto old = read_operand(m, x86, ops[0], ops[0].size);
    auto v = *taken ? read_operand(m, x86, ops[1], ops[0].size) : old;
    return v && write_operand(m, x86, ops[0], *v);
  }
  if (x86.op_count != 1 || ops[0].type != X86_OP_IMM) return false;
  if (*taken) m.set_reg64(rip_id, static_cast<std::uint64_t>(ops[0].imm));
  return true;
}

}  // namespace

bool emulate_site_instruction(std::span<const std::byte> code, registers& regs,
                              const emulation_memory& memory, bool memory_allowed) {
  // A program single-stepping itself expects a trap after this instruction.
  if (regs.by_dwarf(eflags_id).value_or(tf) & tf) return false;
  thread_local detail_decoder decoder;
  std::uint64_t pc = regs.pc().value;
  const cs_insn* insn = decoder.decode(code, pc);
  if (!insn || !insn->detail) return false;
  machine m(regs, memory, memory_allowed, pc + insn->size);
  return execute(m, *insn) && m.commit(regs);
}

}  // namespace int3::engine
