#include "engine/values/core_frame.hpp"

#include "engine/core_file.hpp"
#include "engine/error.hpp"

namespace int3::engine {

core_frame::core_frame(const core_file& core, registers regs, std::uint64_t known_registers,
                       std::uint64_t cfa, const module* owner, symbolizer symbols,
                       std::optional<std::vector<std::byte>> fp_registers)
    : unwound_context(frame_registers(std::move(regs), known_registers, fp_registers.has_value(),
                                      [fp = std::move(fp_registers)] { return fp; }),
                      cfa, owner, std::move(symbols)),
      core_(core) {}

std::size_t core_frame::read_some(std::uint64_t address, std::span<std::byte> out) const {
  return core_.read(address, out);
}

void core_frame::write_memory(std::uint64_t, std::span<const std::byte>) {
  error::send("changing memory is not available in a core file");
}

bool core_frame::write_register(std::uint16_t, std::uint64_t) {
  error::send("changing registers is not available in a core file");
}

}  // namespace int3::engine
