#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dwarf/address.hpp"
#include "dwarf/source_location.hpp"
#include "dwarf/types.hpp"

namespace int3::dwarf {

// Where a variable's value is at one pc, as DWARF states it; the engine runs
// `bytes` through evaluate_location (dwarf/expression.hpp) for `expression`.
struct variable_location {
  enum class kind {
    expression,     // bytes: a location expression (DW_OP_addrx already rewritten)
    constant,       // bytes: the value itself (DW_AT_const_value), little-endian
    optimized_out,  // no location, or no location-list entry covers the pc
  };
  kind how = kind::optimized_out;
  std::vector<std::byte> bytes;
  // Set when the expression came from a location list: the pc range this
  // entry holds for (link-time addresses), so a caller may reuse it.
  bool from_list = false;
  file_addr valid_from, valid_to;
};

struct variable_info {
  std::string name;  // globals: qualified through namespaces ("geo::detail::registry_size")
  const type_info* type = nullptr;             // never null (the void type when DWARF names none)
  std::optional<source_location> declaration;  // DW_AT_decl_file/decl_line
  variable_location location;
  bool is_parameter = false;
  bool is_artificial = false;  // `this`, compiler temporaries
  // An inner block declares the same name: this one is hidden at the pc
  // (an expression evaluator must not pick it).
  bool is_shadowed = false;
  bool is_external = false;  // globals: visible to other units (not file-static)
};

// One function activation at a pc: the concrete function, or a function the
// compiler inlined into it.
struct scope_frame {
  std::string function;  // qualified name, as function_info names it
  bool is_inlined = false;
  // Inlined frames: where the call was, in the caller (DW_AT_call_file/line).
  std::optional<source_location> call_site;
  std::vector<variable_info> parameters;  // declaration order; `this` first for methods
  // Innermost block first; within a block in declaration order. Static locals
  // are here too (their expression is a DW_OP_addr).
  std::vector<variable_info> locals;
};

// Everything DWARF says about the variables visible at one pc.
struct frame_scopes {
  // The concrete function's DW_AT_frame_base at the pc (empty when none):
  // evaluate with evaluate_frame_base and answer expression_context::frame_base.
  std::vector<std::byte> frame_base;
  // Innermost first: [0] is the deepest inlined call holding the pc, back()
  // the concrete (out-of-line) function. Never empty.
  std::vector<scope_frame> frames;
};

}  // namespace int3::dwarf
