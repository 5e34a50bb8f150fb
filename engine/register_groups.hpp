#pragma once

#include <sys/types.h>

#include <span>
#include <string>
#include <vector>

#include "engine/machine.hpp"

namespace int3::engine {

// Every register set of a stopped thread, grouped for display
// (engine/arch/<arch>/register_groups_<arch>.cpp).
std::vector<register_group> read_register_groups(pid_t tid);

// Sets one register by the name read_register_groups gives it. `value` is
// little-endian and zero-extended to the register's size. Throws
// engine::error for an unknown, read-only or too small register.
void write_named_register(pid_t tid, const std::string& name, std::span<const std::byte> value);

}  // namespace int3::engine
