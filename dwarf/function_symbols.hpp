#pragma once

#include <vector>

#include "dwarf/elf_file.hpp"
#include "dwarf/function_names.hpp"

namespace int3::dwarf {

// The function symbols of `elf` that `query` names: a C name or linkage
// name as it is, and C++ functions by their mangled symbols. A big C++
// program has hundreds of thousands of symbols; this finds a qualified
// name's few without demangling them all: the mangled encoding holds the
// unqualified name as <length><name>, so only symbols holding that are
// demangled and matched.
std::vector<elf_symbol> symbols_of_function(const elf_file& elf, const function_name_query& query);

}  // namespace int3::dwarf
