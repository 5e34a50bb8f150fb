#pragma once

#include "engine/address.hpp"
#include "engine/machine.hpp"

namespace int3::engine {

class module_list;

// What the modules' DWARF (else their ELF symbols) say about one code
// address: function, its start, source location, module.
code_address_info describe_code_at(const module_list& modules, virt_addr address);

}  // namespace int3::engine
