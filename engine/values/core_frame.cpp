#include "engine/values/core_frame.hpp"

#include "engine/core_file.hpp"
#include "engine/error.hpp"
#include "engine/modules.hpp"

namespace int3::engine {

core_frame::core_frame(const core_file& core, registers regs, std::uint64_t known_registers,
                       std::uint64_t cfa, const module* owner, symbolizer symbols)
    : core_(core),
      regs_(std::move(regs)),
      known_(known_registers),
      cfa_(cfa),
      owner_(owner),
      symbols_(std::move(symbols)) {}

void core_frame::set_frame_base(std::span<const std::byte> expression) {
  frame_base_ = expression.empty() ? std::nullopt : dwarf::evaluate_frame_base(expression, *this);
}

std::optional<std::uint64_t> core_frame::read_register(std::uint16_t reg) const {
  if (reg >= 64 || !((known_ >> reg) & 1)) return std::nullopt;
  return regs_.by_dwarf(reg);
}

bool core_frame::read_memory(std::uint64_t address, std::span<std::byte> out) const {
  return read_some(address, out) == out.size();
}

std::optional<std::uint64_t> core_frame::call_frame_cfa() const {
  if (cfa_ == 0) return std::nullopt;
  return cfa_;
}

std::uint64_t core_frame::relocate(std::uint64_t file_address) const {
  return owner_ ? owner_->to_virt({file_address}).value : file_address;
}

const dwarf::debug_info* core_frame::debug() const {
  return owner_ ? owner_->debug() : nullptr;
}

std::size_t core_frame::read_some(std::uint64_t address, std::span<std::byte> out) const {
  return core_.read(address, out);
}

void core_frame::write_memory(std::uint64_t, std::span<const std::byte>) {
  error::send("changing memory is not available in a core file");
}

bool core_frame::write_register(std::uint16_t, std::uint64_t) {
  error::send("changing registers is not available in a core file");
}

std::string core_frame::symbol_at(std::uint64_t address) const {
  return symbols_(address);
}

}  // namespace int3::engine
