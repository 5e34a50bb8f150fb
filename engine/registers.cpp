#include "engine/registers.hpp"

#include <algorithm>
#include <cstring>

namespace int3::engine {

registers registers::read(pid_t tid) {
  registers regs(current_arch());
  regs.arch_->read_registers(tid, regs.block_);
  return regs;
}

registers registers::from_block(std::span<const std::byte> block) {
  registers regs(current_arch());
  std::copy_n(block.begin(), std::min(block.size(), regs.block_.size()), regs.block_.begin());
  return regs;
}

void registers::write(pid_t tid) const {
  arch_->write_registers(tid, block_);
}

void registers::write_before_resume(pid_t tid) const {
  arch_->write_registers_before_resume(tid, block_);
}

const register_info* registers::find(int dwarf_id) const {
  if (dwarf_id < 0) return nullptr;
  auto it = std::find_if(arch_->registers.begin(), arch_->registers.end(),
                         [&](const register_info& r) { return r.dwarf_id == dwarf_id; });
  return it == arch_->registers.end() ? nullptr : &*it;
}

std::optional<std::uint64_t> registers::by_dwarf(int dwarf_id) const {
  const register_info* info = find(dwarf_id);
  if (!info) return std::nullopt;
  return value(*info);
}

bool registers::set_by_dwarf(int dwarf_id, std::uint64_t value) {
  const register_info* info = find(dwarf_id);
  if (!info) return false;
  set_value(*info, value);
  return true;
}

std::uint64_t registers::value(const register_info& info) const {
  std::uint64_t v = 0;
  std::memcpy(&v, block_.data() + info.offset, std::min(info.size, sizeof v));
  return v;
}

void registers::set_value(const register_info& info, std::uint64_t value) {
  std::memcpy(block_.data() + info.offset, &value, std::min(info.size, sizeof value));
}

}  // namespace int3::engine
