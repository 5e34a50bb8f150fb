#pragma once

#include <sys/types.h>

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "engine/machine.hpp"

namespace int3::engine {

// Every register set of a stopped thread, grouped for display
// (engine/arch/<arch>/register_groups_<arch>.cpp).
std::vector<register_group> read_register_groups(pid_t tid);
// The same groups from saved register sets (a core file): the
// general-purpose block and the other register notes by type (NT_FPREGSET, ...).
std::vector<register_group> saved_register_groups(
    std::span<const std::byte> general,
    const std::map<std::uint32_t, std::vector<std::byte>>& notes);

// Sets one register by the name read_register_groups gives it. `value` is
// little-endian and zero-extended to the register's size. Throws
// engine::error for an unknown, read-only or too small register.
void write_named_register(pid_t tid, const std::string& name, std::span<const std::byte> value);

}  // namespace int3::engine
