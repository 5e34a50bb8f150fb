#include "dwarf/address_ranges_section.hpp"

#include "dwarf/byte_reader.hpp"
#include "dwarf/error.hpp"

namespace int3::dwarf {

namespace {

// Appends one set's ranges; returns the offset of the next set. Throws
// dwarf::error (from byte_reader) when the set runs past the section.
std::size_t read_set(std::span<const std::byte> section, std::size_t start,
                     std::vector<unit_address_range>& out) {
  byte_reader r(section, ".debug_aranges");
  r.seek(start);
  std::uint64_t length = r.u32();
  bool dwarf64 = length == 0xffffffff;
  if (dwarf64) length = r.u64();
  if (length > r.remaining()) error::send(".debug_aranges: set longer than the section");
  const std::size_t end = r.offset() + static_cast<std::size_t>(length);
  r.u16();  // version: 2 in every DWARF version so far
  const std::uint64_t unit = dwarf64 ? r.u64() : r.u32();
  const unsigned address_size = r.u8();
  const unsigned segment_size = r.u8();
  if (address_size != 8 || segment_size != 0) return end;  // not an x86-64 layout: skip the set
  // Tuples are aligned to twice the address size from the set's start.
  const std::size_t tuple = 16;
  r.seek(start + ((r.offset() - start + tuple - 1) / tuple) * tuple);
  while (r.offset() + tuple <= end) {
    const std::uint64_t low = r.u64();
    const std::uint64_t size = r.u64();
    if (low == 0 && size == 0) break;
    // Address 0 is code the linker discarded; a wrapping range is corrupt.
    if (low != 0 && size != 0 && low + size > low) out.push_back({unit, low, low + size});
  }
  return end;
}

}  // namespace

std::vector<unit_address_range> read_address_ranges_section(std::span<const std::byte> section) {
  std::vector<unit_address_range> out;
  try {
    for (std::size_t start = 0; start < section.size();) start = read_set(section, start, out);
  } catch (const error&) {
    // A malformed set ends the reading: units it would have covered fall
    // back to their DIE's own ranges.
  }
  return out;
}

}  // namespace int3::dwarf
