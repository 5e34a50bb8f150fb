#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "engine/values/value.hpp"

namespace int3::dap {

// int3's memoryReference and instructionPointerReference: the address in
// hex, "0x401136". Every place that hands one out uses this.
std::string memory_reference(std::uint64_t address);

// Reads a reference back ("0x..." hex or decimal) and adds `offset`.
// Throws protocol_error naming `key` when it is not an address.
std::uint64_t parse_memory_reference(const std::string& text, std::int64_t offset,
                                     const std::string& key = "memoryReference");

// The memoryReference of a variable or evaluate result, where "View Binary
// Data" opens: for a pointer or reference, the address it holds (what the
// DAP spec asks; a function pointer's code then disassembles); for a null
// pointer or any other object in memory, the object's own address; nullopt
// for values in registers or computed.
std::optional<std::string> value_memory_reference(const engine::value& v);

}  // namespace int3::dap
