#pragma once

#include <optional>

#include "engine/address.hpp"

namespace int3::engine {

class module_list;
class process;

// Where the dynamic loader (glibc's ld.so) tells a debugger that its list of
// loaded objects changes: it calls r_brk (_dl_debug_state, an empty function)
// before and after each change, with r_debug.r_state saying which.
struct loader_hook {
  virt_addr r_brk;
  std::optional<virt_addr> r_debug;  // the loader's _r_debug, for r_state
};

// Looks for the loader among the mapped modules by its exported symbols, so
// it works from the first instruction on, before DT_DEBUG is filled in.
// nullopt: a static program, or a loader we do not know.
std::optional<loader_hook> find_loader_hook(const module_list& modules);

// Whether the loader's list is consistent (RT_CONSISTENT) rather than in the
// middle of adding or removing objects; unknown counts as consistent.
bool loader_is_consistent(const process& proc, const loader_hook& hook);

}  // namespace int3::engine
