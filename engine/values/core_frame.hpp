#pragma once

#include <functional>
#include <optional>

#include "engine/registers.hpp"
#include "engine/values/value.hpp"

namespace int3::engine {

class core_file;
class module;

// A frame of a core file: registers as the unwinder recovered them from the
// saved ones, memory from the core (and the files it mapped). Nothing can be
// written: there is no process.
class core_frame final : public frame_context {
 public:
  using symbolizer = std::function<std::string(std::uint64_t address)>;

  core_frame(const core_file& core, registers regs, std::uint64_t known_registers,
             std::uint64_t cfa, const module* owner, symbolizer symbols);

  // Evaluates DW_AT_frame_base once the context can answer registers.
  void set_frame_base(std::span<const std::byte> expression);

  std::optional<std::uint64_t> read_register(std::uint16_t reg) const override;
  bool read_memory(std::uint64_t address, std::span<std::byte> out) const override;
  std::optional<std::uint64_t> frame_base() const override { return frame_base_; }
  std::optional<std::uint64_t> call_frame_cfa() const override;
  std::uint64_t relocate(std::uint64_t file_address) const override;

  const dwarf::debug_info* debug() const override;
  std::size_t read_some(std::uint64_t address, std::span<std::byte> out) const override;
  // Throw engine::error: a core file is read-only.
  void write_memory(std::uint64_t address, std::span<const std::byte> data) override;
  bool write_register(std::uint16_t dwarf_register, std::uint64_t value) override;
  std::string symbol_at(std::uint64_t address) const override;

 private:
  const core_file& core_;
  registers regs_;
  std::uint64_t known_;
  std::uint64_t cfa_;
  const module* owner_;
  symbolizer symbols_;
  std::optional<std::uint64_t> frame_base_;
};

}  // namespace int3::engine
