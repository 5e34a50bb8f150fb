#include <elf.h>
#include <sys/user.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <string_view>

#include "engine/error.hpp"
#include "engine/ptrace_calls.hpp"
#include "engine/register_groups.hpp"

namespace int3::engine {
namespace {

// Where a register lives: which kernel register set, at what offset, how wide.
struct slot {
  std::string_view group;
  std::string name;
  int regset = NT_PRSTATUS;
  std::size_t offset = 0;
  std::size_t size = 8;
  bool writable = true;
};

#define GP(field)                                                                      \
  slot {                                                                               \
    "General purpose", #field, NT_PRSTATUS, offsetof(user_regs_struct, field), 8, true \
  }
#define SEG(field)                                                             \
  slot {                                                                       \
    "Segment", #field, NT_PRSTATUS, offsetof(user_regs_struct, field), 8, true \
  }

// XSAVE layout (Intel SDM vol. 1, 13.4): legacy area, header at 512 whose
// first word is XSTATE_BV, AVX upper halves (component 2) at 576.
constexpr std::size_t xsave_size = 4096;
constexpr std::size_t xstate_bv_offset = 512;
constexpr std::size_t ymm_hi_offset = 576;
constexpr std::uint64_t avx_component = 1u << 2;

std::vector<slot> make_slots() {
  std::vector<slot> s = {GP(rax), GP(rbx), GP(rcx), GP(rdx),    GP(rsi),      GP(rdi),     GP(rbp),
                         GP(rsp), GP(r8),  GP(r9),  GP(r10),    GP(r11),      GP(r12),     GP(r13),
                         GP(r14), GP(r15), GP(rip), GP(eflags), GP(orig_rax), SEG(cs),     SEG(ss),
                         SEG(ds), SEG(es), SEG(fs), SEG(gs),    SEG(fs_base), SEG(gs_base)};
  auto fp = [&](std::string_view group, std::string name, std::size_t offset, std::size_t size,
                bool writable = true) {
    s.push_back({group, std::move(name), NT_PRFPREG, offset, size, writable});
  };
  fp("x87", "fctrl", offsetof(user_fpregs_struct, cwd), 2);
  fp("x87", "fstat", offsetof(user_fpregs_struct, swd), 2);
  fp("x87", "ftag", offsetof(user_fpregs_struct, ftw), 2);
  fp("x87", "fop", offsetof(user_fpregs_struct, fop), 2);
  fp("x87", "fip", offsetof(user_fpregs_struct, rip), 8);
  fp("x87", "fdp", offsetof(user_fpregs_struct, rdp), 8);
  for (int i = 0; i < 8; ++i)
    fp("x87", "st" + std::to_string(i), offsetof(user_fpregs_struct, st_space) + 16 * i, 10);
  fp("SSE", "mxcsr", offsetof(user_fpregs_struct, mxcsr), 4);
  for (int i = 0; i < 16; ++i)
    fp("SSE", "xmm" + std::to_string(i), offsetof(user_fpregs_struct, xmm_space) + 16 * i, 16);
  // ymm = xmm (low half, legacy area) + component 2 (high half); shown read-only.
  for (int i = 0; i < 16; ++i)
    s.push_back({"AVX", "ymm" + std::to_string(i), NT_X86_XSTATE,
                 offsetof(user_fpregs_struct, xmm_space) + 16 * i, 32, false});
  return s;
}
#undef GP
#undef SEG

const std::vector<slot>& slots() {
  static const std::vector<slot> table = make_slots();
  return table;
}

std::vector<register_field> fields_of(const std::string& name) {
  if (name == "eflags")
    return {{"CF", 0, 1},   {"PF", 2, 1},  {"AF", 4, 1},  {"ZF", 6, 1},  {"SF", 7, 1},
            {"TF", 8, 1},   {"IF", 9, 1},  {"DF", 10, 1}, {"OF", 11, 1}, {"IOPL", 12, 2},
            {"NT", 14, 1},  {"RF", 16, 1}, {"VM", 17, 1}, {"AC", 18, 1}, {"VIF", 19, 1},
            {"VIP", 20, 1}, {"ID", 21, 1}};
  if (name == "mxcsr")
    return {{"IE", 0, 1},  {"DE", 1, 1},  {"ZE", 2, 1},  {"OE", 3, 1},  {"UE", 4, 1},
            {"PE", 5, 1},  {"DAZ", 6, 1}, {"IM", 7, 1},  {"DM", 8, 1},  {"ZM", 9, 1},
            {"OM", 10, 1}, {"UM", 11, 1}, {"PM", 12, 1}, {"RC", 13, 2}, {"FZ", 15, 1}};
  return {};
}

struct register_sets {
  std::array<std::byte, sizeof(user_regs_struct)> gp{};
  std::array<std::byte, sizeof(user_fpregs_struct)> fp{};
  std::array<std::byte, xsave_size> xstate{};
  bool has_xstate = false;
};

register_sets read_sets(pid_t tid) {
  register_sets r;
  sys::get_regset(tid, NT_PRSTATUS, r.gp);
  sys::get_regset(tid, NT_PRFPREG, r.fp);
  try {
    sys::get_regset(tid, NT_X86_XSTATE, r.xstate);
    r.has_xstate = true;
  } catch (const thread_gone_error&) {
    throw;
  } catch (const error&) {
    // CPUs or kernels without XSAVE: no AVX group, which is the truth.
  }
  return r;
}

std::span<std::byte> set_bytes(register_sets& r, int regset) {
  if (regset == NT_PRSTATUS) return r.gp;
  if (regset == NT_PRFPREG) return r.fp;
  return r.xstate;
}

// Every register set, grouped for display.
std::vector<register_group> groups_of(register_sets r) {
  std::uint64_t xstate_bv = 0;
  std::memcpy(&xstate_bv, r.xstate.data() + xstate_bv_offset, sizeof xstate_bv);

  std::vector<register_group> groups;
  for (const slot& s : slots()) {
    if (s.regset == NT_X86_XSTATE && !r.has_xstate) continue;
    if (groups.empty() || groups.back().name != s.group)
      groups.push_back({std::string(s.group), {}});
    register_value v{s.name, {}, fields_of(s.name), s.writable};
    if (s.regset == NT_X86_XSTATE) {
      // The low half is the xmm register (kept current in the FP set); the
      // high half is all zero while the AVX component is in its init state.
      v.bytes.assign(r.fp.begin() + s.offset, r.fp.begin() + s.offset + 16);
      auto high = std::span<const std::byte>(r.xstate).subspan(
          ymm_hi_offset + (s.offset - offsetof(user_fpregs_struct, xmm_space)), 16);
      if (xstate_bv & avx_component)
        v.bytes.insert(v.bytes.end(), high.begin(), high.end());
      else
        v.bytes.resize(32, std::byte{0});
    } else {
      auto block = set_bytes(r, s.regset);
      v.bytes.assign(block.begin() + s.offset, block.begin() + s.offset + s.size);
    }
    groups.back().registers.push_back(std::move(v));
  }
  return groups;
}

}  // namespace

std::vector<register_group> read_register_groups(pid_t tid) {
  return groups_of(read_sets(tid));
}

std::vector<register_group> saved_register_groups(
    std::span<const std::byte> general,
    const std::map<std::uint32_t, std::vector<std::byte>>& notes) {
  register_sets r;
  std::copy_n(general.begin(), std::min(general.size(), r.gp.size()), r.gp.begin());
  if (auto fp = notes.find(NT_PRFPREG); fp != notes.end())
    std::copy_n(fp->second.begin(), std::min(fp->second.size(), r.fp.size()), r.fp.begin());
  if (auto xstate = notes.find(NT_X86_XSTATE); xstate != notes.end()) {
    std::copy_n(xstate->second.begin(), std::min(xstate->second.size(), r.xstate.size()),
                r.xstate.begin());
    r.has_xstate = xstate->second.size() >= ymm_hi_offset + 16 * 16;
  }
  return groups_of(r);
}

void write_named_register(pid_t tid, const std::string& name, std::span<const std::byte> value) {
  const slot* found = nullptr;
  for (const slot& s : slots())
    if (s.name == name) found = &s;
  if (!found) error::send("no register named '" + name + "'");
  if (!found->writable) error::send("register " + name + " cannot be changed");
  if (value.size() > found->size)
    error::send("the value is too large for " + name + " (" + std::to_string(found->size) +
                " bytes)");
  register_sets r;
  auto block = set_bytes(r, found->regset);
  sys::get_regset(tid, found->regset, block);
  std::memset(block.data() + found->offset, 0, found->size);
  std::memcpy(block.data() + found->offset, value.data(), value.size());
  sys::set_regset(tid, found->regset, block);
}

}  // namespace int3::engine
