#pragma once

// The names an expression may continue with, for the debug console's
// completions: the members after `object.` / `pointer->`, and the registers
// after `$`. Only types are looked at: no memory is read.

#include <string>
#include <string_view>
#include <vector>

#include "dwarf/types.hpp"
#include "engine/values/value.hpp"

namespace int3::engine::expr {

struct member_name {
  std::string name;
  const dwarf::type_info* type = nullptr;
};

// The members `object.name` (or, for a pointer or reference, `object->name`)
// finds, as the evaluator looks them up: the type's own first, then those of
// its base classes and anonymous structs and unions. Static members are left
// out (the evaluator does not read them). Empty for a non-aggregate.
std::vector<member_name> member_names(const value& object);

// The names `$name` reads in an expression (the arch table's registers that
// have a DWARF number).
std::vector<std::string_view> register_names();

}  // namespace int3::engine::expr
