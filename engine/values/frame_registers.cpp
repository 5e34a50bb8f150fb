#include "engine/values/frame_registers.hpp"

#include <algorithm>
#include <cstring>

namespace int3::engine {
namespace {

const register_info* fp_register(std::uint16_t reg) {
  const auto& table = current_arch().fp_registers;
  auto it = std::find_if(table.begin(), table.end(),
                         [&](const register_info& r) { return r.dwarf_id == reg; });
  return it == table.end() ? nullptr : &*it;
}

}  // namespace

frame_registers::frame_registers(registers regs, std::uint64_t known_registers, bool is_top,
                                 fp_loader load_fp, storers store)
    : regs_(std::move(regs)),
      known_(known_registers),
      is_top_(is_top),
      load_fp_(std::move(load_fp)),
      store_(std::move(store)) {}

bool frame_registers::knows(std::uint16_t reg) const {
  // Callers know what the unwinder recovered; it tracks the first 64
  // numbers, which hold every register a CFI rule can restore here.
  if (is_top_) return true;
  return reg < 64 && ((known_ >> reg) & 1);
}

bool frame_registers::lost(std::uint16_t reg) const {
  return !knows(reg);
}

const std::vector<std::byte>* frame_registers::fp_block() const {
  if (!fp_) fp_ = load_fp_ ? load_fp_() : std::nullopt;
  if (!*fp_ || (*fp_)->size() < current_arch().fp_register_block_size) return nullptr;
  return &**fp_;
}

std::optional<std::uint64_t> frame_registers::read(std::uint16_t reg) const {
  std::uint64_t v = 0;
  if (!read_bytes(reg, std::span(reinterpret_cast<std::byte*>(&v), sizeof v))) return std::nullopt;
  return v;
}

bool frame_registers::read_bytes(std::uint16_t reg, std::span<std::byte> out) const {
  if (!knows(reg)) return false;
  std::fill(out.begin(), out.end(), std::byte{0});
  if (auto v = regs_.by_dwarf(reg)) {
    std::memcpy(out.data(), &*v, std::min(out.size(), sizeof *v));
    return true;
  }
  // Only the innermost frame has them: every floating-point and vector
  // register is caller-saved, so no caller's value survives a call in one.
  const register_info* info = is_top_ ? fp_register(reg) : nullptr;
  const std::vector<std::byte>* block = info ? fp_block() : nullptr;
  if (!block) return false;
  std::memcpy(out.data(), block->data() + info->offset, std::min(out.size(), info->size));
  return true;
}

bool frame_registers::write(std::uint16_t reg, std::uint64_t value) {
  if (!is_top_) return false;
  if (regs_.by_dwarf(reg)) {
    if (!store_.general) return false;
    regs_.set_by_dwarf(reg, value);
    store_.general(regs_);
    return true;
  }
  const register_info* info = fp_register(reg);
  if (!info || !store_.fp || !fp_block()) return false;
  std::vector<std::byte>& block = **fp_;
  std::memcpy(block.data() + info->offset, &value, std::min(info->size, sizeof value));
  store_.fp(block);
  return true;
}

}  // namespace int3::engine
