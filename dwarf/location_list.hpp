#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

namespace int3::dwarf {

// One entry of a location list, with final link-time addresses.
struct location_list_entry {
  std::uint64_t low = 0, high = 0;  // [low, high)
  std::span<const std::byte> expression;
  bool is_default = false;  // DW_LLE_default_location: holds where no other entry does
};

using address_index_resolver = std::function<std::optional<std::uint64_t>(std::uint64_t)>;

// Parsers over raw section bytes (pure, so tests feed them hand-made lists).
// A list that runs past the section throws dwarf::error; an entry whose
// .debug_addr index cannot be resolved is dropped.

// .debug_loc (DWARF 2-4): address pairs relative to `base` (the unit's
// DW_AT_low_pc) until a base-address selection entry replaces it.
std::vector<location_list_entry> parse_debug_loc(std::span<const std::byte> section,
                                                 std::uint64_t offset, std::uint64_t base);

// .debug_loclists (DWARF 5) DW_LLE_* entries, plus gcc's DW_LLE_GNU_view_pair.
std::vector<location_list_entry> parse_debug_loclists(std::span<const std::byte> section,
                                                      std::uint64_t offset, std::uint64_t base,
                                                      const address_index_resolver& address_at);

// DW_FORM_loclistx: the section offset of list `index` of the unit whose
// offset table starts at `loclists_base` (DW_AT_loclists_base).
std::uint64_t loclistx_offset(std::span<const std::byte> section, std::uint64_t loclists_base,
                              std::uint64_t index);

// The entry in force at pc: the bounded entry holding it, else a default entry.
std::optional<location_list_entry> entry_at(const std::vector<location_list_entry>& list,
                                            std::uint64_t pc);

}  // namespace int3::dwarf
