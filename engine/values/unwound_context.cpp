#include "engine/values/unwound_context.hpp"

#include "engine/modules.hpp"

namespace int3::engine {

unwound_context::unwound_context(frame_registers regs, std::uint64_t cfa, const module* owner,
                                 symbolizer symbols)
    : regs_(std::move(regs)), cfa_(cfa), owner_(owner), symbols_(std::move(symbols)) {}

void unwound_context::set_frame_base(std::span<const std::byte> expression) {
  frame_base_ = expression.empty() ? std::nullopt : dwarf::evaluate_frame_base(expression, *this);
}

std::optional<std::uint64_t> unwound_context::read_register(std::uint16_t reg) const {
  return regs_.read(reg);
}

bool unwound_context::read_register_bytes(std::uint16_t reg, std::span<std::byte> out) const {
  return regs_.read_bytes(reg, out);
}

bool unwound_context::register_lost(std::uint16_t reg) const {
  return regs_.lost(reg);
}

bool unwound_context::read_memory(std::uint64_t address, std::span<std::byte> out) const {
  return read_some(address, out) == out.size();
}

std::optional<std::uint64_t> unwound_context::call_frame_cfa() const {
  if (cfa_ == 0) return std::nullopt;
  return cfa_;
}

std::uint64_t unwound_context::relocate(std::uint64_t file_address) const {
  return owner_ ? owner_->to_virt({file_address}).value : file_address;
}

const dwarf::debug_info* unwound_context::debug() const {
  return owner_ ? owner_->debug() : nullptr;
}

std::string unwound_context::symbol_at(std::uint64_t address) const {
  return symbols_(address);
}

}  // namespace int3::engine
