#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/disassembler.hpp"
#include "engine/target.hpp"

namespace int3::dap {

// The launch/attach option disassemblyFlavor ("intel" or "att").
inline engine::asm_syntax syntax_for_flavor(const std::string& flavor) {
  return flavor == "att" ? engine::asm_syntax::att : engine::asm_syntax::intel;
}

// One row of a disassembly listing: an instruction, or a placeholder byte
// where memory could not be read or decoded.
struct listed_instruction {
  engine::virt_addr address;
  std::optional<engine::instruction> decoded;
};

// `count` rows around `base`: the first is `instruction_offset` instructions
// from the instruction at `base` (negative: before it). Backwards, decoding
// starts from a known boundary (the start of the function, by DWARF or ELF
// symbol) and never from a guess; where no boundary is known, placeholders
// fill the rows.
std::vector<listed_instruction> disassemble_window(const engine::target& target,
                                                   const engine::disassembler& decoder,
                                                   engine::virt_addr base,
                                                   std::int64_t instruction_offset,
                                                   std::size_t count);

}  // namespace int3::dap
