#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "dwarf/file_table.hpp"
#include "dwarf/libdwarf_session.hpp"
#include "dwarf/line_table.hpp"

namespace int3::dwarf {

// Appends the line program of one compile unit to `table`, interning its
// file names (made absolute with comp_dir). False when the CU has none.
bool read_cu_lines(const libdwarf_session& s, Dwarf_Die cu_die, const std::string& comp_dir,
                   file_table& files, line_table& table);

// The CU's file list as DW_AT_decl_file numbers it: element n is the file id
// of decl_file n, or no_file. DWARF 5 numbers from 0, earlier versions from 1.
constexpr std::uint32_t no_file = ~std::uint32_t{0};
std::vector<std::uint32_t> read_cu_files(const libdwarf_session& s, Dwarf_Die cu_die,
                                         unsigned version, const std::string& comp_dir,
                                         file_table& files);

}  // namespace int3::dwarf
