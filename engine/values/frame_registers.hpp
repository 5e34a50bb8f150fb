#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "engine/registers.hpp"

namespace int3::engine {

// The registers of one frame by DWARF number, as location expressions read
// them: the general-purpose ones the unwinder recovered, and in the innermost
// frame also the floating-point and vector ones (arch_info::fp_registers),
// fetched on first use because most stops never need them.
class frame_registers {
 public:
  // The floating-point register block of the thread; nullopt when it cannot
  // be had (then those registers are unavailable).
  using fp_loader = std::function<std::optional<std::vector<std::byte>>()>;
  // Writing back to the thread (a live process only).
  struct storers {
    std::function<void(const registers&)> general;
    std::function<void(std::span<const std::byte> fp_block)> fp;
  };

  frame_registers(registers regs, std::uint64_t known_registers, bool is_top, fp_loader load_fp,
                  storers store = {});

  // The register's low word, zero-extended; nullopt when this frame does not
  // know it.
  std::optional<std::uint64_t> read(std::uint16_t reg) const;
  // The register's low out.size() bytes (zero beyond the register's size);
  // false when this frame does not know it.
  bool read_bytes(std::uint16_t reg, std::span<std::byte> out) const;
  // True when the register holds nothing of this frame: a caller's register
  // its callee was free to clobber.
  bool lost(std::uint16_t reg) const;
  // Sets the low word of a register of the innermost frame (the rest of a
  // wider register is kept) and writes it to the thread; false when the
  // register cannot be written here.
  bool write(std::uint16_t reg, std::uint64_t value);

  bool is_top() const { return is_top_; }

 private:
  bool knows(std::uint16_t reg) const;
  const std::vector<std::byte>* fp_block() const;

  registers regs_;
  std::uint64_t known_;
  bool is_top_;
  fp_loader load_fp_;
  storers store_;
  mutable std::optional<std::optional<std::vector<std::byte>>> fp_;
};

}  // namespace int3::engine
