#include "dwarf/die_ranges.hpp"

#include <libdwarf/dwarf.h>
#include <libdwarf/libdwarf.h>

#include <memory>
#include <type_traits>

namespace int3::dwarf {

namespace {

struct rnglists_head_deleter {
  void operator()(Dwarf_Rnglists_Head h) const { dwarf_dealloc_rnglists_head(h); }
};
using rnglists_head_ptr =
    std::unique_ptr<std::remove_pointer_t<Dwarf_Rnglists_Head>, rnglists_head_deleter>;

std::vector<address_range> rnglists(const libdwarf_session& s, Dwarf_Attribute attr,
                                    std::uint16_t form) {
  Dwarf_Unsigned value = 0;
  Dwarf_Error err = nullptr;
  if (form == DW_FORM_rnglistx) {
    if (!s.ok(dwarf_formudata(attr, &value, &err), err, "dwarf_formudata")) return {};
  } else {
    Dwarf_Off off = 0;
    if (!s.ok(dwarf_global_formref(attr, &off, &err), err, "dwarf_global_formref")) return {};
    value = off;
  }
  Dwarf_Rnglists_Head raw = nullptr;
  Dwarf_Unsigned count = 0, set_offset = 0;
  if (!s.ok(dwarf_rnglists_get_rle_head(attr, form, value, &raw, &count, &set_offset, &err), err,
            "dwarf_rnglists_get_rle_head"))
    return {};
  rnglists_head_ptr head(raw);
  std::vector<address_range> out;
  for (Dwarf_Unsigned i = 0; i < count; ++i) {
    unsigned length = 0, code = 0;
    Dwarf_Unsigned raw1 = 0, raw2 = 0, low = 0, high = 0;
    Dwarf_Bool unavailable = 0;
    if (!s.ok(dwarf_get_rnglists_entry_fields_a(head.get(), i, &length, &code, &raw1, &raw2,
                                                &unavailable, &low, &high, &err),
              err, "dwarf_get_rnglists_entry_fields_a"))
      continue;
    // Cooked values are final addresses; base entries only feed them.
    if (unavailable || code == DW_RLE_end_of_list || code == DW_RLE_base_address ||
        code == DW_RLE_base_addressx)
      continue;
    if (low < high) out.push_back({{low}, {high}});
  }
  return out;
}

std::vector<address_range> debug_ranges(const libdwarf_session& s, Dwarf_Die die,
                                        Dwarf_Attribute attr, std::uint64_t base) {
  Dwarf_Off offset = 0;
  Dwarf_Error err = nullptr;
  if (!s.ok(dwarf_global_formref(attr, &offset, &err), err, "dwarf_global_formref")) return {};
  Dwarf_Ranges* ranges = nullptr;
  Dwarf_Signed count = 0;
  Dwarf_Unsigned bytes = 0;
  Dwarf_Off real_offset = 0;
  if (!s.ok(dwarf_get_ranges_b(s.get(), offset, die, &real_offset, &ranges, &count, &bytes, &err),
            err, "dwarf_get_ranges_b"))
    return {};
  std::vector<address_range> out;
  for (Dwarf_Signed i = 0; i < count; ++i) {
    const auto& r = ranges[i];
    if (r.dwr_type == DW_RANGES_END) break;
    if (r.dwr_type == DW_RANGES_ADDRESS_SELECTION) {
      base = r.dwr_addr2;
      continue;
    }
    if (r.dwr_addr1 < r.dwr_addr2) out.push_back({{base + r.dwr_addr1}, {base + r.dwr_addr2}});
  }
  dwarf_ranges_dealloc(s.get(), ranges, count);
  return out;
}

}  // namespace

std::vector<address_range> read_die_ranges(const libdwarf_session& s, Dwarf_Die die,
                                           unsigned version, std::uint64_t unit_base) {
  die_reader d(s, die);
  // A unit may carry DW_AT_low_pc (the base of its lists) beside DW_AT_ranges.
  if (auto low = d.low_pc()) {
    if (auto high = d.high_pc(*low)) {
      if (*high <= *low) return {};
      return {{{*low}, {*high}}};
    }
  }
  auto attr = d.attribute(DW_AT_ranges);
  if (!attr) return {};
  Dwarf_Half form = 0;
  Dwarf_Error err = nullptr;
  s.ok(dwarf_whatform(attr.get(), &form, &err), err, "dwarf_whatform");
  if (version >= 5) return rnglists(s, attr.get(), form);
  return debug_ranges(s, die, attr.get(), unit_base);
}

}  // namespace int3::dwarf
