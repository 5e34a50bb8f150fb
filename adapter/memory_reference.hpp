#pragma once

#include <cstdint>
#include <string>

namespace int3::dap {

// int3's memoryReference and instructionPointerReference: the address in
// hex, "0x401136". Every place that hands one out uses this.
std::string memory_reference(std::uint64_t address);

// Reads a reference back ("0x..." hex or decimal) and adds `offset`.
// Throws protocol_error naming `key` when it is not an address.
std::uint64_t parse_memory_reference(const std::string& text, std::int64_t offset,
                                     const std::string& key = "memoryReference");

}  // namespace int3::dap
