#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "dwarf/libdwarf_session.hpp"

namespace int3::dwarf {

// Form-aware attribute readers shared by the type, scope and location
// readers. die_reader's readers assume the form fits; these check it first,
// because bounds, offsets and constants also come as expressions or
// references, which libdwarf's constant readers reject as errors.

std::uint16_t form_of(const libdwarf_session& s, Dwarf_Attribute a);
bool is_constant_form(std::uint16_t form);
bool is_block_form(std::uint16_t form);  // DW_FORM_block*, DW_FORM_exprloc

// A constant-class attribute; nullopt for any other form. Fixed-size data
// forms are zero-extended unless `sign_extend`.
std::optional<std::uint64_t> constant_value(const libdwarf_session& s, Dwarf_Attribute a,
                                            bool sign_extend);
std::optional<std::uint64_t> constant_value(const libdwarf_session& s, Dwarf_Die die,
                                            std::uint16_t at, bool sign_extend = false);
// True when the constant's form says it is signed (DW_FORM_sdata, implicit_const).
bool is_signed_form(std::uint16_t form);

// The bytes of an exprloc or block attribute; nullopt for other forms.
std::optional<std::vector<std::byte>> block_value(const libdwarf_session& s, Dwarf_Attribute a);

// The next unit of .debug_info (dwarf_next_cu_header_d) and its first DIE;
// nullopt after the last. Both readers that walk every unit go through it.
struct unit_header {
  die_ptr die;
  unsigned version = 0;
  std::uint64_t next_offset = 0;  // of the following unit header
};
std::optional<unit_header> next_unit(const libdwarf_session& s);

// The DIE at a .debug_info offset (owned), and the offset of its unit's DIE.
die_ptr die_at(const libdwarf_session& s, std::uint64_t offset);
std::uint64_t unit_offset_of(const libdwarf_session& s, Dwarf_Die die);

// dwarf_debug_addr_index_to_addr over the unit of `die` (DW_FORM_addrx,
// DW_OP_addrx, DW_LLE_startx_*); nullopt when the index is out of range.
std::optional<std::uint64_t> address_at_index(const libdwarf_session& s, Dwarf_Die die,
                                              std::uint64_t index);

// An index form (DW_FORM_loclistx, DW_FORM_rnglistx) as its number.
std::optional<std::uint64_t> index_value(const libdwarf_session& s, Dwarf_Attribute a);

// A section offset attribute (DW_AT_loclists_base, DW_AT_location as a list
// pointer): DW_FORM_sec_offset or, before DWARF 4, data4/data8.
std::optional<std::uint64_t> offset_value(const libdwarf_session& s, Dwarf_Attribute a);

}  // namespace int3::dwarf
