#pragma once

#include <compare>
#include <cstdint>

#include "dwarf/address.hpp"

namespace int3::engine {

// An address in the live process. file_addr (DWARF, ELF) becomes virt_addr by
// adding the module's load bias, and only through the two functions below.
struct virt_addr {
  std::uint64_t value = 0;

  auto operator<=>(const virt_addr&) const = default;
  virt_addr operator+(std::int64_t delta) const { return {value + static_cast<std::uint64_t>(delta)}; }
};

inline virt_addr to_virt(dwarf::file_addr a, std::uint64_t load_bias) { return {a.value + load_bias}; }
inline dwarf::file_addr to_file(virt_addr a, std::uint64_t load_bias) { return {a.value - load_bias}; }

}  // namespace int3::engine
