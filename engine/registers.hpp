#pragma once

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "engine/address.hpp"
#include "engine/arch/arch.hpp"

namespace int3::engine {

// A thread's general-purpose registers, arch-neutral: read by the arch's
// table, addressed by DWARF number or by role (pc, sp, fp).
class registers {
 public:
  static registers read(pid_t tid);
  // A saved block (a core file's NT_PRSTATUS pr_reg), in the layout read()
  // gets; a short block is zero-extended.
  static registers from_block(std::span<const std::byte> block);
  void write(pid_t tid) const;
  // For the engine's own moves of a stopped thread (a trap's pc rewound, an
  // instruction run for it): reaches the kernel when the thread next runs.
  void write_before_resume(pid_t tid) const;

  virt_addr pc() const { return {by_dwarf_or_zero(arch_->pc_dwarf_id)}; }
  void set_pc(virt_addr pc) { set_by_dwarf(arch_->pc_dwarf_id, pc.value); }
  std::uint64_t sp() const { return by_dwarf_or_zero(arch_->sp_dwarf_id); }
  void set_sp(std::uint64_t v) { set_by_dwarf(arch_->sp_dwarf_id, v); }
  std::uint64_t fp() const { return by_dwarf_or_zero(arch_->fp_dwarf_id); }
  // Integer argument `index` at a function's first instruction; nullopt
  // when the ABI passes it elsewhere.
  std::optional<std::uint64_t> argument(std::size_t index) const {
    if (index >= arch_->argument_dwarf_ids.size()) return std::nullopt;
    return by_dwarf(arch_->argument_dwarf_ids[index]);
  }

  // nullopt: the arch has no register with that DWARF number.
  std::optional<std::uint64_t> by_dwarf(int dwarf_id) const;
  // Returns false when the arch has no register with that number.
  bool set_by_dwarf(int dwarf_id, std::uint64_t value);

  std::uint64_t value(const register_info& info) const;
  void set_value(const register_info& info, std::uint64_t value);

 private:
  explicit registers(const arch_info& arch) : arch_(&arch), block_(arch.register_block_size) {}
  std::uint64_t by_dwarf_or_zero(int dwarf_id) const { return by_dwarf(dwarf_id).value_or(0); }
  const register_info* find(int dwarf_id) const;

  const arch_info* arch_;
  std::vector<std::byte> block_;
};

}  // namespace int3::engine
