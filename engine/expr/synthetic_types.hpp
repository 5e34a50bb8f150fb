#pragma once

#include <cstdint>
#include <string_view>

#include "dwarf/types.hpp"

namespace int3::engine::expr {

// Types an expression needs that the program's DWARF may not hold: the
// types of literals and arithmetic results, built-in types named in casts,
// pointers to any type, char arrays for string literals. Nodes live for the
// whole process (values keep raw type pointers and outlive an evaluation);
// each distinct one is made once, so the set stays small.
namespace synthetic {

const dwarf::type_info* int_type(std::uint64_t byte_size, bool is_signed);
const dwarf::type_info* double_type();
const dwarf::type_info* float_type();
const dwarf::type_info* char_type();
const dwarf::type_info* bool_type();
const dwarf::type_info* void_type();
// "unsigned int", "long long", "char", "_Bool"...; nullptr when `name` is no
// built-in type of C or C++.
const dwarf::type_info* builtin(std::string_view name);
const dwarf::type_info* pointer_to(const dwarf::type_info* target);
const dwarf::type_info* char_array(std::uint64_t length);

}  // namespace synthetic
}  // namespace int3::engine::expr
