#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace int3::dwarf {

// One address range of .debug_aranges and the unit it belongs to.
struct unit_address_range {
  std::uint64_t unit_offset = 0;  // of the unit header in .debug_info
  std::uint64_t low = 0, high = 0;
};

// Reads .debug_aranges (DWARF 2-5 layout: sets of address/length tuples,
// one set per unit). Reading it is a linear scan of small fixed-size
// records, far cheaper than asking every unit DIE for its DW_AT_ranges.
// A set that is malformed ends the reading; what was read before it stays.
std::vector<unit_address_range> read_address_ranges_section(std::span<const std::byte> section);

}  // namespace int3::dwarf
