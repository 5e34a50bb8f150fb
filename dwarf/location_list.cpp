#include "dwarf/location_list.hpp"

#include "dwarf/byte_reader.hpp"

namespace int3::dwarf {

namespace {

// Far more entries than any compiler writes for one variable; a bound so a
// corrupt list cannot make us allocate without end.
constexpr std::size_t max_entries = 1 << 20;

}  // namespace

std::vector<location_list_entry> parse_debug_loc(std::span<const std::byte> section,
                                                 std::uint64_t offset, std::uint64_t base) {
  byte_reader r(section, ".debug_loc");
  r.seek(static_cast<std::size_t>(offset));
  std::vector<location_list_entry> out;
  for (std::size_t n = 0; n < max_entries; ++n) {
    const auto begin = r.u64();
    const auto end = r.u64();
    if (begin == 0 && end == 0) break;
    if (begin == ~std::uint64_t{0}) {
      base = end;
      continue;
    }
    const auto length = r.u16();
    auto expression = r.take(length);
    if (begin < end) out.push_back({base + begin, base + end, expression, false});
  }
  return out;
}

std::vector<location_list_entry> parse_debug_loclists(std::span<const std::byte> section,
                                                      std::uint64_t offset, std::uint64_t base,
                                                      const address_index_resolver& address_at) {
  enum : std::uint8_t {
    end_of_list = 0,
    base_addressx = 1,
    startx_endx = 2,
    startx_length = 3,
    offset_pair = 4,
    default_location = 5,
    base_address = 6,
    start_end = 7,
    start_length = 8,
    gnu_view_pair = 9,
  };
  byte_reader r(section, ".debug_loclists");
  r.seek(static_cast<std::size_t>(offset));
  std::vector<location_list_entry> out;
  for (std::size_t n = 0; n < max_entries; ++n) {
    const auto kind = r.u8();
    if (kind == end_of_list) break;
    std::optional<std::uint64_t> low, high;
    bool is_default = false;
    switch (kind) {
      case base_addressx:
        if (auto b = address_at(r.uleb128())) base = *b;
        continue;
      case base_address:
        base = r.u64();
        continue;
      case gnu_view_pair:
        r.uleb128();
        r.uleb128();
        continue;
      case startx_endx: {
        low = address_at(r.uleb128());
        high = address_at(r.uleb128());
        break;
      }
      case startx_length: {
        low = address_at(r.uleb128());
        const auto length = r.uleb128();
        if (low) high = *low + length;
        break;
      }
      case offset_pair: {
        const auto a = r.uleb128(), b = r.uleb128();
        low = base + a;
        high = base + b;
        break;
      }
      case default_location:
        is_default = true;
        low = high = 0;
        break;
      case start_end:
        low = r.u64();
        high = r.u64();
        break;
      case start_length:
        low = r.u64();
        high = *low + r.uleb128();
        break;
      default:
        error::send(".debug_loclists: unknown entry kind " + std::to_string(kind) + " at offset " +
                    std::to_string(r.offset() - 1));
    }
    auto expression = r.take(r.uleb128());
    if (!low || !high) continue;
    if (is_default || *low < *high) out.push_back({*low, *high, expression, is_default});
  }
  return out;
}

std::uint64_t loclistx_offset(std::span<const std::byte> section, std::uint64_t loclists_base,
                              std::uint64_t index) {
  byte_reader r(section, ".debug_loclists");
  // 32-bit DWARF: offsets are 4 bytes, relative to the table's start.
  if (index > (section.size() / 4)) error::send(".debug_loclists: list index out of range");
  r.seek(static_cast<std::size_t>(loclists_base + index * 4));
  return loclists_base + r.u32();
}

std::optional<location_list_entry> entry_at(const std::vector<location_list_entry>& list,
                                            std::uint64_t pc) {
  const location_list_entry* fallback = nullptr;
  for (const auto& e : list) {
    if (e.is_default) {
      fallback = &e;
      continue;
    }
    if (e.low <= pc && pc < e.high) return e;
  }
  if (fallback) return *fallback;
  return std::nullopt;
}

}  // namespace int3::dwarf
