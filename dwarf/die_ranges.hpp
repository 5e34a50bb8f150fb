#pragma once

#include <cstdint>
#include <vector>

#include "dwarf/debug_info.hpp"
#include "dwarf/libdwarf_session.hpp"

namespace int3::dwarf {

// The code ranges of a DIE: DW_AT_low_pc/high_pc, else DW_AT_ranges
// (.debug_ranges before DWARF 5, .debug_rnglists from 5). `unit_base` is the
// unit's DW_AT_low_pc, the base of DWARF 4 range lists. Empty when the DIE
// has no code. For any DIE: units, functions, blocks, inlined calls.
std::vector<address_range> read_die_ranges(const libdwarf_session& s, Dwarf_Die die,
                                           unsigned version, std::uint64_t unit_base);

}  // namespace int3::dwarf
