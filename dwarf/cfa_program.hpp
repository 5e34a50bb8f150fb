#pragma once

#include <cstdint>

#include "dwarf/call_frame.hpp"
#include "dwarf/cfi_table.hpp"

namespace int3::dwarf {

// Runs the CIE's initial instructions and then the FDE's instructions up to
// (and including the row for) pc, as DWARF 5 section 6.4.2 describes.
unwind_row run_cfa_program(const cfi_table& table, const cfi_table::fde& fde, std::uint64_t pc);

}  // namespace int3::dwarf
