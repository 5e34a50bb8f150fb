#include "dwarf/die_values.hpp"

#include <libdwarf/dwarf.h>
#include <libdwarf/libdwarf.h>

#include <cstring>

namespace int3::dwarf {

std::uint16_t form_of(const libdwarf_session& s, Dwarf_Attribute a) {
  Dwarf_Half form = 0;
  Dwarf_Error err = nullptr;
  s.ok(dwarf_whatform(a, &form, &err), err, "dwarf_whatform");
  return form;
}

bool is_constant_form(std::uint16_t form) {
  switch (form) {
    case DW_FORM_data1:
    case DW_FORM_data2:
    case DW_FORM_data4:
    case DW_FORM_data8:
    case DW_FORM_sdata:
    case DW_FORM_udata:
    case DW_FORM_implicit_const:
      return true;
    default:
      return false;
  }
}

bool is_block_form(std::uint16_t form) {
  return form == DW_FORM_block1 || form == DW_FORM_block2 || form == DW_FORM_block4 ||
         form == DW_FORM_block || form == DW_FORM_exprloc;
}

bool is_signed_form(std::uint16_t form) {
  return form == DW_FORM_sdata || form == DW_FORM_implicit_const;
}

std::optional<std::uint64_t> constant_value(const libdwarf_session& s, Dwarf_Attribute a,
                                            bool sign_extend) {
  const auto form = form_of(s, a);
  if (!is_constant_form(form)) return std::nullopt;
  Dwarf_Error err = nullptr;
  if (is_signed_form(form)) {
    Dwarf_Signed v = 0;
    if (!s.ok(dwarf_formsdata(a, &v, &err), err, "dwarf_formsdata")) return std::nullopt;
    return static_cast<std::uint64_t>(v);
  }
  Dwarf_Unsigned v = 0;
  if (!s.ok(dwarf_formudata(a, &v, &err), err, "dwarf_formudata")) return std::nullopt;
  unsigned bits = 64;
  if (form == DW_FORM_data1) bits = 8;
  if (form == DW_FORM_data2) bits = 16;
  if (form == DW_FORM_data4) bits = 32;
  if (sign_extend && bits < 64 && ((v >> (bits - 1)) & 1)) v |= ~Dwarf_Unsigned{0} << bits;
  return v;
}

std::optional<std::uint64_t> constant_value(const libdwarf_session& s, Dwarf_Die die,
                                            std::uint16_t at, bool sign_extend) {
  auto a = die_reader(s, die).attribute(at);
  if (!a) return std::nullopt;
  return constant_value(s, a.get(), sign_extend);
}

std::optional<std::vector<std::byte>> block_value(const libdwarf_session& s, Dwarf_Attribute a) {
  const auto form = form_of(s, a);
  Dwarf_Error err = nullptr;
  if (form == DW_FORM_exprloc) {
    Dwarf_Unsigned length = 0;
    Dwarf_Ptr data = nullptr;
    if (!s.ok(dwarf_formexprloc(a, &length, &data, &err), err, "dwarf_formexprloc"))
      return std::nullopt;
    auto* p = static_cast<const std::byte*>(data);
    return std::vector<std::byte>(p, p + length);
  }
  if (!is_block_form(form)) return std::nullopt;
  Dwarf_Block* block = nullptr;
  if (!s.ok(dwarf_formblock(a, &block, &err), err, "dwarf_formblock")) return std::nullopt;
  auto* p = static_cast<const std::byte*>(block->bl_data);
  std::vector<std::byte> out(p, p + block->bl_len);
  dwarf_dealloc(s.get(), block, DW_DLA_BLOCK);
  return out;
}

std::optional<unit_header> next_unit(const libdwarf_session& s) {
  Dwarf_Unsigned header_length = 0, type_offset = 0, next_offset = 0;
  Dwarf_Half version = 0, address_size = 0, length_size = 0, extension_size = 0, unit_type = 0;
  Dwarf_Off abbrev_offset = 0;
  Dwarf_Sig8 signature{};
  Dwarf_Error err = nullptr;
  if (!s.ok(dwarf_next_cu_header_d(s.get(), true, &header_length, &version, &abbrev_offset,
                                   &address_size, &length_size, &extension_size, &signature,
                                   &type_offset, &next_offset, &unit_type, &err),
            err, "dwarf_next_cu_header_d"))
    return std::nullopt;
  Dwarf_Die die = nullptr;
  // A null die asks for the first DIE of the unit just entered.
  if (!s.ok(dwarf_siblingof_b(s.get(), nullptr, true, &die, &err), err, "dwarf_siblingof_b"))
    return std::nullopt;
  return unit_header{die_ptr(die), version, next_offset};
}

die_ptr die_at(const libdwarf_session& s, std::uint64_t offset) {
  Dwarf_Die die = nullptr;
  Dwarf_Error err = nullptr;
  if (!s.ok(dwarf_offdie_b(s.get(), offset, true, &die, &err), err, "dwarf_offdie_b"))
    return nullptr;
  return die_ptr(die);
}

std::uint64_t unit_offset_of(const libdwarf_session& s, Dwarf_Die die) {
  Dwarf_Off off = 0;
  Dwarf_Error err = nullptr;
  s.ok(dwarf_CU_dieoffset_given_die(die, &off, &err), err, "dwarf_CU_dieoffset_given_die");
  return off;
}

std::optional<std::uint64_t> address_at_index(const libdwarf_session& s, Dwarf_Die die,
                                              std::uint64_t index) {
  Dwarf_Addr address = 0;
  Dwarf_Error err = nullptr;
  // An index past the table is bad input for one variable, not a corrupt
  // file: report "unknown" rather than throwing.
  int rc = dwarf_debug_addr_index_to_addr(die, index, &address, &err);
  if (rc == DW_DLV_ERROR) {
    dwarf_dealloc_error(s.get(), err);
    return std::nullopt;
  }
  if (rc != DW_DLV_OK) return std::nullopt;
  return address;
}

std::optional<std::uint64_t> index_value(const libdwarf_session& s, Dwarf_Attribute a) {
  Dwarf_Unsigned v = 0;
  Dwarf_Error err = nullptr;
  if (!s.ok(dwarf_formudata(a, &v, &err), err, "dwarf_formudata")) return std::nullopt;
  return v;
}

std::optional<std::uint64_t> offset_value(const libdwarf_session& s, Dwarf_Attribute a) {
  const auto form = form_of(s, a);
  Dwarf_Error err = nullptr;
  if (form == DW_FORM_sec_offset) {
    Dwarf_Off off = 0;
    if (!s.ok(dwarf_global_formref(a, &off, &err), err, "dwarf_global_formref"))
      return std::nullopt;
    return off;
  }
  if (form == DW_FORM_data4 || form == DW_FORM_data8) {
    Dwarf_Unsigned v = 0;
    if (!s.ok(dwarf_formudata(a, &v, &err), err, "dwarf_formudata")) return std::nullopt;
    return v;
  }
  return std::nullopt;
}

}  // namespace int3::dwarf
