#pragma once

#include <compare>
#include <cstdint>

namespace int3::dwarf {

// A link-time address as DWARF and the ELF file state it; the live process
// adds its load bias (see engine/address.hpp) to turn it into a virt_addr.
struct file_addr {
  std::uint64_t value = 0;

  auto operator<=>(const file_addr&) const = default;
  file_addr operator+(std::int64_t delta) const { return {value + static_cast<std::uint64_t>(delta)}; }
};

}  // namespace int3::dwarf
