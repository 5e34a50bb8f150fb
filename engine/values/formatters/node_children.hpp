#pragma once

// Children of node-based containers, whose element is a pair (maps: shown as
// "[key] = value") or a plain value (sets, lists: "[i]").

#include <cstdint>
#include <vector>

#include "engine/values/value.hpp"

namespace int3::engine::formatters {

// The element of type `element` stored at `address`, the index-th in order.
value node_element(const value& container, const dwarf::type_info* element, std::uint64_t address,
                   std::size_t index);

}  // namespace int3::engine::formatters
