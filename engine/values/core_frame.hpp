#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "engine/registers.hpp"
#include "engine/values/unwound_context.hpp"

namespace int3::engine {

class core_file;
class module;

// A frame of a core file: registers as the unwinder recovered them from the
// saved ones, memory from the core (and the files it mapped). Nothing can be
// written: there is no process.
class core_frame final : public unwound_context {
 public:
  // `fp_registers`: the thread's saved floating-point register note, for the
  // innermost frame (nullopt in callers, whose copies of them are lost).
  core_frame(const core_file& core, registers regs, std::uint64_t known_registers,
             std::uint64_t cfa, const module* owner, symbolizer symbols,
             std::optional<std::vector<std::byte>> fp_registers = std::nullopt);

  std::size_t read_some(std::uint64_t address, std::span<std::byte> out) const override;
  // Throw engine::error: a core file is read-only.
  void write_memory(std::uint64_t address, std::span<const std::byte> data) override;
  bool write_register(std::uint16_t dwarf_register, std::uint64_t value) override;

 private:
  const core_file& core_;
};

}  // namespace int3::engine
