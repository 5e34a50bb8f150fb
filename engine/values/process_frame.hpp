#pragma once

#include <sys/types.h>

#include <functional>
#include <span>

#include "engine/registers.hpp"
#include "engine/values/unwound_context.hpp"

namespace int3::engine {

class module;

// A frame of a live, stopped process: its registers as the unwinder
// recovered them, memory through process_vm_readv (one syscall per read, no
// word-by-word ptrace), writes through the process.
class process_frame final : public unwound_context {
 public:
  using writer = std::function<void(std::uint64_t address, std::span<const std::byte> data)>;

  process_frame(pid_t pid, pid_t tid, registers regs, std::uint64_t known_registers, bool is_top,
                std::uint64_t cfa, const module* owner, writer write, symbolizer symbols);

  std::size_t read_some(std::uint64_t address, std::span<std::byte> out) const override;
  void write_memory(std::uint64_t address, std::span<const std::byte> data) override;
  bool write_register(std::uint16_t dwarf_register, std::uint64_t value) override;

 private:
  pid_t pid_;
  writer write_;
};

}  // namespace int3::engine
