#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace int3::test {

// One row of `readelf --debug-dump=decodedline`: the line table as binutils
// decodes it, independent of libdwarf.
struct readelf_row {
  std::uint64_t address = 0;
  std::uint32_t line = 0;  // 0 for the end-of-sequence row ("-")
  bool is_stmt = false;
  bool end_sequence = false;
};

bool readelf_available();
std::vector<readelf_row> readelf_decoded_lines(const std::string& binary);
// "Entry point address" from `readelf -h`.
std::uint64_t readelf_entry(const std::string& binary);

}  // namespace int3::test
