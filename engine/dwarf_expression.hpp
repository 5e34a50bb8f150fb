#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>

#include "engine/arch/arch.hpp"

namespace int3::engine {

struct expression_context {
  std::function<std::optional<std::uint64_t>(int dwarf_register)> read_register;
  read_word_fn read_word;
};

// Evaluates a DWARF location expression of the kind CFI uses (the CFA of PLT
// entries, signal frames): a stack machine over registers and memory.
// `initial` is pushed first (the CFA for DW_CFA_expression rules). nullopt
// when an operation is unsupported or a read fails.
std::optional<std::uint64_t> evaluate_dwarf_expression(std::span<const std::byte> expression,
                                                       const expression_context& context,
                                                       std::optional<std::uint64_t> initial);

}  // namespace int3::engine
