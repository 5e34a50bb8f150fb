#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "engine/address.hpp"

namespace int3::engine {

enum class asm_syntax { intel, att };

struct instruction {
  virt_addr address;
  std::vector<std::byte> bytes;
  std::string mnemonic;
  std::string operands;
  std::string text() const { return operands.empty() ? mnemonic : mnemonic + " " + operands; }
};

// Capstone wrapper: decodes the current architecture's machine code (Debian
// packages capstone; it knows both x86 syntaxes, and x86-64 decoding is
// nothing we want to write). Not copyable: it owns a capstone handle.
class disassembler {
 public:
  // Throws engine::error when capstone refuses the architecture or syntax.
  explicit disassembler(asm_syntax syntax = asm_syntax::intel);
  ~disassembler();
  disassembler(const disassembler&) = delete;
  disassembler& operator=(const disassembler&) = delete;

  // Linear decoding of `code` (which sits at `start`), at most max_count
  // instructions; stops early at bytes that are no valid instruction.
  std::vector<instruction> decode(std::span<const std::byte> code, virt_addr start,
                                  std::size_t max_count) const;

  // The longest instruction the architecture has, to size reads.
  static std::size_t max_instruction_size();

 private:
  std::size_t handle_ = 0;  // capstone's csh
};

// What capstone needs to know about the CPU (engine/arch/<arch>/).
struct capstone_target {
  int arch = 0;  // cs_arch
  int mode = 0;  // cs_mode
  std::size_t max_instruction_size = 16;
  bool has_att_syntax = false;
};
capstone_target current_capstone_target();

}  // namespace int3::engine
