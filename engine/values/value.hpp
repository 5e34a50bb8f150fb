#pragma once

#include <sys/types.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dwarf/expression.hpp"
#include "dwarf/types.hpp"
#include "dwarf/variables.hpp"

namespace int3::dwarf {
class debug_info;
}

namespace int3::engine {

struct format_options {
  bool hex = false;
};

// Everything a value needs of the stopped frame it was read in: the frame's
// registers (unwound ones for callers), the process memory, the DWARF of the
// module holding the frame. Implements dwarf::expression_context so location
// expressions run against it. Obtained from target::frame_values() or built
// by tests over fakes. Valid only while the program stays stopped.
class frame_context : public dwarf::expression_context {
 public:
  // dwarf::expression_context: read_register, read_memory, frame_base,
  // call_frame_cfa, relocate are implemented by subclasses.

  // The DWARF of the module holding the frame; null when it has none.
  virtual const dwarf::debug_info* debug() const = 0;
  // Up to out.size() bytes from `address`; returns how many could be read
  // (a short count stops at the first unreadable page). Never throws.
  virtual std::size_t read_some(std::uint64_t address, std::span<std::byte> out) const = 0;
  // Throws engine::error when the write fails.
  virtual void write_memory(std::uint64_t address, std::span<const std::byte> data) = 0;
  // Only the innermost frame's registers are writable: false otherwise.
  virtual bool write_register(std::uint16_t dwarf_register, std::uint64_t value) = 0;
  // "name" or "name+0x10" for a code address (function pointers), or "".
  virtual std::string symbol_at(std::uint64_t address) const = 0;
  // The low out.size() bytes of DWARF register `reg` (zero past the
  // register's size), for values wider than a word (x87, vector registers);
  // false when not recoverable. By default the word read_register gives.
  virtual bool read_register_bytes(std::uint16_t reg, std::span<std::byte> out) const {
    auto v = read_register(reg);
    if (!v) return false;
    std::fill(out.begin(), out.end(), std::byte{0});
    for (std::size_t i = 0; i < out.size() && i < sizeof *v; ++i)
      out[i] = static_cast<std::byte>(*v >> (8 * i));
    return true;
  }
  // True when DWARF register `reg` holds nothing of this frame: a caller
  // frame whose callee was free to clobber it (the call frame information
  // did not save it), so its value is gone, as if optimized out.
  virtual bool register_lost(std::uint16_t reg) const {
    (void)reg;
    return false;
  }

  // Types int3 makes up (the int[4] rows of an int[3][4], the T* of &x),
  // made once per (origin, kind) and kept as long as this frame's values.
  const dwarf::type_info* synthetic_type(const dwarf::type_info* origin, int kind,
                                         dwarf::type_info (*make)(const dwarf::type_info&)) const;

 private:
  mutable std::map<std::pair<const dwarf::type_info*, int>, std::unique_ptr<dwarf::type_info>>
      synthetic_;
};

// Where a value's bytes are: a DWARF location (memory, a register, implicit
// bytes, pieces, optimized out) or an error text that says why there is none.
struct value_location {
  std::optional<dwarf::location> where;
  std::string error;  // "<optimized out>"-style texts are produced from this

  static value_location at_address(std::uint64_t address);
  static value_location implicit(std::vector<std::byte> bytes);
  static value_location failed(std::string why);
  bool is_memory() const {
    return where && !where->is_composite() &&
           where->whole.where == dwarf::simple_location::kind::memory;
  }
  bool is_optimized_out() const { return where && where->is_optimized_out(); }
};

class value_formatter;

// One program object seen through its DWARF type: a variable, a member, an
// array element, a dereferenced pointer, a formatter's synthetic child, or
// an expression result (implicit bytes). Cheap to copy; reads memory only on
// demand and never reads more than it shows (pages of children, bounded
// strings). Nothing here throws for bad program data: errors become text.
class value {
 public:
  value() = default;
  value(std::string name, const dwarf::type_info* type, value_location location,
        std::shared_ptr<frame_context> frame);

  // A value whose bytes are given (expression results).
  static value from_bytes(std::string name, const dwarf::type_info* type,
                          std::vector<std::byte> bytes, std::shared_ptr<frame_context> frame);
  // An object of `type` at a runtime address (`*(T*)addr`).
  static value at_address(std::string name, const dwarf::type_info* type, std::uint64_t address,
                          std::shared_ptr<frame_context> frame);
  // A variable as DWARF describes it, its location evaluated in `frame`.
  static value of_variable(const dwarf::variable_info& variable,
                           std::shared_ptr<frame_context> frame);

  const std::string& name() const { return name_; }
  void set_name(std::string name) { name_ = std::move(name); }
  const dwarf::type_info* type() const { return type_; }
  std::string type_name() const;  // never empty ("?" for unknown)
  const value_location& location() const { return location_; }
  const std::shared_ptr<frame_context>& frame() const { return frame_; }
  // The runtime address of the object, when it lives in memory.
  std::optional<std::uint64_t> address() const;
  // The error text when the value cannot be read at all (optimized out,
  // unreadable memory, no location), else "".
  std::string error() const;

  // The object's bytes (type's size); nullopt when any is unreadable.
  std::optional<std::vector<std::byte>> read_bytes() const;
  // Scalars (base, enum, pointer, reference as the address) as integers;
  // nullopt for aggregates, floats or unreadable values.
  std::optional<std::uint64_t> as_unsigned() const;
  std::optional<std::int64_t> as_signed() const;
  std::optional<double> as_double() const;

  // The text a debugger shows: "42", "0x7ffe... \"text\"", "{x=1, y=2}",
  // "size=3", "<optimized out>", "<cannot read memory at 0x10>".
  std::string summary(format_options options = {}) const;

  // Children: members (with base classes first), array elements ([i]),
  // the pointee of a pointer, or a formatter's synthetic children.
  bool has_children() const;
  std::size_t child_count() const;    // all children; bounded by sanity limits
  std::size_t indexed_count() const;  // the [i] children among them (arrays, containers)
  std::size_t named_count() const { return child_count() - indexed_count(); }
  // [start, start+count) of children: named ones first, then indexed.
  // count 0 means all (bounded).
  std::vector<value> children(std::size_t start = 0, std::size_t count = 0) const;
  // Member access (a.b), following base classes; nullopt when no such member.
  std::optional<value> member(std::string_view name) const;
  // a[i] for arrays, pointers (pointer arithmetic) and indexed containers.
  std::optional<value> element(std::size_t index) const;
  // *p for pointers/references; nullopt otherwise.
  std::optional<value> dereference() const;
  // &x: a pointer value to this object (needs a memory address).
  std::optional<value> address_of() const;

  // setVariable: parses `text` for this value's type (integers in any C
  // base, floats, true/false, enumerator names, pointers, chars) and
  // writes it to memory or the register. Throws engine::error with the
  // reason ("cannot parse ...", "value is optimized out").
  void assign(std::string_view text);

  // An expression-friendly full name ("p->next", "a[3]") when known.
  const std::string& evaluate_name() const { return evaluate_name_; }
  void set_evaluate_name(std::string name) { evaluate_name_ = std::move(name); }

 private:
  friend struct value_access;
  const value_formatter* formatter() const;

  std::string name_;
  const dwarf::type_info* type_ = nullptr;
  value_location location_;
  std::shared_ptr<frame_context> frame_;
  std::string evaluate_name_;
  // Bitfield members: bit_size_ bits from bit_offset_ of the bytes read.
  std::uint32_t bit_size_ = 0;
  std::uint32_t bit_offset_ = 0;
  mutable const value_formatter* formatter_ = nullptr;
  mutable bool formatter_resolved_ = false;
};

// The variables of one frame (innermost inlined scope first).
struct frame_variables {
  std::vector<value> arguments;  // `this` first for member functions
  std::vector<value> locals;     // innermost block first, shadowed ones left out
  // Globals and statics of the compile unit (system-header ones left out),
  // built lazily by globals() because they can be many.
  std::shared_ptr<frame_context> frame;
  std::uint64_t file_pc = 0;  // link-time pc for DWARF queries

  std::vector<value> globals() const;
  // By name as an expression names it: locals, then arguments, then this
  // unit's globals, then any unit's globals. nullopt when none.
  std::optional<value> lookup(std::string_view name) const;
  // Locals, then arguments only.
  std::optional<value> lookup_local(std::string_view name) const;
  // A type by name (find_type), for casts in expressions.
  const dwarf::type_info* find_type(std::string_view name) const;
};

}  // namespace int3::engine
