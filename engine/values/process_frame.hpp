#pragma once

#include <sys/types.h>

#include <functional>
#include <optional>

#include "engine/registers.hpp"
#include "engine/values/value.hpp"

namespace int3::engine {

class module;

// A frame of a live, stopped process: its registers as the unwinder
// recovered them, memory through process_vm_readv (one syscall per read, no
// word-by-word ptrace), writes through the process.
class process_frame final : public frame_context {
 public:
  using writer = std::function<void(std::uint64_t address, std::span<const std::byte> data)>;
  using symbolizer = std::function<std::string(std::uint64_t address)>;

  process_frame(pid_t pid, pid_t tid, registers regs, std::uint64_t known_registers, bool is_top,
                std::uint64_t cfa, const module* owner, writer write, symbolizer symbols);

  // Evaluates DW_AT_frame_base once the context can answer registers.
  void set_frame_base(std::span<const std::byte> expression);

  std::optional<std::uint64_t> read_register(std::uint16_t reg) const override;
  bool read_memory(std::uint64_t address, std::span<std::byte> out) const override;
  std::optional<std::uint64_t> frame_base() const override { return frame_base_; }
  std::optional<std::uint64_t> call_frame_cfa() const override;
  std::uint64_t relocate(std::uint64_t file_address) const override;

  const dwarf::debug_info* debug() const override;
  std::size_t read_some(std::uint64_t address, std::span<std::byte> out) const override;
  void write_memory(std::uint64_t address, std::span<const std::byte> data) override;
  bool write_register(std::uint16_t dwarf_register, std::uint64_t value) override;
  std::string symbol_at(std::uint64_t address) const override;
  bool register_lost(std::uint16_t reg) const override;

 private:
  pid_t pid_, tid_;
  registers regs_;
  std::uint64_t known_;
  bool is_top_;
  std::uint64_t cfa_;
  const module* owner_;
  writer write_;
  symbolizer symbols_;
  std::optional<std::uint64_t> frame_base_;
};

}  // namespace int3::engine
