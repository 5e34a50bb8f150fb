#pragma once

// Machine-level views of a target that front ends show as-is: what code an
// address belongs to, register sets by group, and partial memory reads.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dwarf/source_location.hpp"
#include "engine/address.hpp"

namespace int3::engine {

// What the program's files say about one code address.
struct code_address_info {
  std::string function;                     // "" when no symbol or DWARF covers it
  std::optional<virt_addr> function_start;  // a known instruction boundary at or before it
  std::optional<dwarf::source_location> location;
  std::string module;  // file name of the ELF holding it; "" when unmapped
};

// A named bit field of a register, so front ends can show eflags decoded.
struct register_field {
  std::string name;
  unsigned bit = 0;
  unsigned width = 1;
};

// One register as the CPU holds it, little-endian bytes.
struct register_value {
  std::string name;
  std::vector<std::byte> bytes;
  std::vector<register_field> fields;
  bool writable = true;
};

// "General purpose", "Segment", "x87", "SSE", "AVX", ...
struct register_group {
  std::string name;
  std::vector<register_value> registers;
};

}  // namespace int3::engine
