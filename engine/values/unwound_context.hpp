#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>

#include "engine/values/frame_registers.hpp"
#include "engine/values/value.hpp"

namespace int3::engine {

class module;

// What a frame of a live process and a frame of a core file share: the
// registers the unwinder recovered, the CFA, the module holding the code,
// names for code addresses and DW_AT_frame_base. Subclasses say where
// memory comes from and whether anything can be written.
class unwound_context : public frame_context {
 public:
  using symbolizer = std::function<std::string(std::uint64_t address)>;

  unwound_context(frame_registers regs, std::uint64_t cfa, const module* owner, symbolizer symbols);

  // Evaluates DW_AT_frame_base once the context can answer registers.
  void set_frame_base(std::span<const std::byte> expression);

  std::optional<std::uint64_t> read_register(std::uint16_t reg) const override;
  bool read_register_bytes(std::uint16_t reg, std::span<std::byte> out) const override;
  bool register_lost(std::uint16_t reg) const override;
  bool read_memory(std::uint64_t address, std::span<std::byte> out) const override;
  std::optional<std::uint64_t> frame_base() const override { return frame_base_; }
  std::optional<std::uint64_t> call_frame_cfa() const override;
  std::uint64_t relocate(std::uint64_t file_address) const override;
  const dwarf::debug_info* debug() const override;
  std::string symbol_at(std::uint64_t address) const override;

 protected:
  frame_registers regs_;

 private:
  std::uint64_t cfa_;
  const module* owner_;
  symbolizer symbols_;
  std::optional<std::uint64_t> frame_base_;
};

}  // namespace int3::engine
