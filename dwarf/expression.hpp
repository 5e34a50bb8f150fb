#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace int3::dwarf {

// What a DWARF expression needs from a stopped frame. The evaluator itself
// knows nothing of processes: an engine implements this over its registers
// (by DWARF number) and memory (by runtime address); tests implement it over
// arrays. Every answer may be "unknown" (nullopt/false); the evaluator then
// returns an error value, never throws.
class expression_context {
 public:
  virtual ~expression_context() = default;

  // The value of DWARF register `reg` in this frame (callee-saved registers
  // recovered by the unwinder); nullopt when not recoverable.
  virtual std::optional<std::uint64_t> read_register(std::uint16_t reg) const = 0;
  // Fills `out` from runtime address `address`; false when unreadable.
  virtual bool read_memory(std::uint64_t address, std::span<std::byte> out) const = 0;
  // The value DW_AT_frame_base gives this frame (see evaluate_frame_base).
  virtual std::optional<std::uint64_t> frame_base() const { return std::nullopt; }
  // The canonical frame address from call-frame information (DW_OP_call_frame_cfa).
  virtual std::optional<std::uint64_t> call_frame_cfa() const { return std::nullopt; }
  // DW_OP_addr operands are link-time addresses; a PIE or a shared library
  // adds its load bias here (engine/address.hpp).
  virtual std::uint64_t relocate(std::uint64_t file_address) const { return file_address; }
  // DW_OP_form_tls_address / DW_OP_GNU_push_tls_address: the runtime address
  // of `offset` in this thread's TLS block of this module.
  virtual std::optional<std::uint64_t> tls_address(std::uint64_t offset) const {
    (void)offset;
    return std::nullopt;
  }
};

// Where (part of) an object lives.
struct simple_location {
  enum class kind {
    memory,          // at `address` (runtime)
    in_register,     // the whole value is DWARF register `reg`
    implicit_value,  // no storage: the value's bytes are `value` (little-endian)
    optimized_out,   // the compiler kept no copy here
  };
  kind where = kind::optimized_out;
  std::uint64_t address = 0;
  std::uint16_t reg = 0;
  // DW_OP_implicit_value bytes, or DW_OP_stack_value's 8-byte stack entry:
  // the reader truncates to the type's size.
  std::vector<std::byte> value;

  bool operator==(const simple_location&) const = default;
};

// One DW_OP_piece / DW_OP_bit_piece of a composite location: `bit_size` bits
// taken from `where`, starting `bit_offset` bits into it (bit_piece only;
// for registers and implicit values counted from the least significant bit).
struct location_piece {
  simple_location where;
  std::uint64_t bit_size = 0;
  std::uint64_t bit_offset = 0;

  bool operator==(const location_piece&) const = default;
};

// The result of a location expression: one simple location, or (when
// `pieces` is not empty) the object assembled from pieces in order, the
// first piece holding the lowest-addressed bits of the object.
struct location {
  simple_location whole;
  std::vector<location_piece> pieces;

  bool is_composite() const { return !pieces.empty(); }
  bool is_optimized_out() const {
    return !is_composite() && whole.where == simple_location::kind::optimized_out;
  }
};

// A location, or why there is none. Malformed or unsupported expressions and
// missing context are errors here, not exceptions: one bad variable must not
// spoil the others of a frame.
struct expression_result {
  std::optional<location> value;
  std::string error;  // set when value is empty

  explicit operator bool() const { return value.has_value(); }
};

// Bounds that keep hostile input finite.
inline constexpr std::size_t max_expression_steps = 10'000;
inline constexpr std::size_t max_expression_stack = 1'024;

// Evaluates a location description (DWARF 5 section 2.6) against `context`.
// `push_first`, when set, is pushed before the first operation (call-frame
// rules evaluate with the CFA on the stack). DW_OP_entry_value and implicit
// pointers are not supported: their pieces come back optimized_out.
expression_result evaluate_location(std::span<const std::byte> expression,
                                    const expression_context& context,
                                    std::optional<std::uint64_t> push_first = std::nullopt);

// The value of a DW_AT_frame_base expression: the address a memory location
// names (gcc: DW_OP_call_frame_cfa), or the contents of the register a
// register location names (clang: DW_OP_reg6). nullopt when it cannot be
// computed. `context.frame_base()` is not consulted.
std::optional<std::uint64_t> evaluate_frame_base(std::span<const std::byte> expression,
                                                 const expression_context& context);

}  // namespace int3::dwarf
