#pragma once

#include "engine/breakpoint.hpp"

namespace int3::engine {

class module_list;

// Resolves a line breakpoint in every mapped module that has line tables:
// the program and its shared libraries, so a library's source line gets its
// sites once the library is loaded. Without any, the program's answer
// (message included) stands, unless a library knows the file but has no
// code at the line.
line_breakpoint::resolution resolve_in_modules(const line_breakpoint& bp,
                                               const module_list& modules);

}  // namespace int3::engine
