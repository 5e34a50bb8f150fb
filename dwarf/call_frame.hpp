#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

#include "dwarf/address.hpp"

namespace int3::dwarf {

class elf_file;

// Register numbers here are raw DWARF numbers; the engine maps them through
// its arch table.
struct cfa_rule {
  enum class kind { register_offset, expression } how = kind::register_offset;
  std::uint16_t reg = 0;
  std::int64_t offset = 0;
  std::vector<std::byte> expression;
};

struct register_rule {
  enum class kind {
    undefined,       // value cannot be recovered
    same_value,      // unchanged from the callee
    offset,          // saved at CFA + offset
    val_offset,      // value is CFA + offset
    in_register,     // value is in register `reg`
    expression,      // saved at the address the expression computes
    val_expression,  // value is what the expression computes
  } how = kind::undefined;
  std::int64_t offset = 0;
  std::uint16_t reg = 0;
  std::vector<std::byte> expression;
};

struct unwind_row {
  cfa_rule cfa;
  std::unordered_map<std::uint16_t, register_rule> registers;  // absent = same_value
  std::uint16_t return_address_register = 0;
};

// Call-frame information from .eh_frame and .debug_frame of one ELF file.
class call_frame_info {
 public:
  static std::unique_ptr<call_frame_info> load(const elf_file& elf);
  virtual ~call_frame_info() = default;
  // The rules in force at pc; nullopt when no FDE covers it.
  virtual std::optional<unwind_row> row_at(file_addr pc) const = 0;
};

}  // namespace int3::dwarf
