#pragma once

// std::deque in both libraries: elements live in fixed-size blocks whose
// addresses are kept one after another in a map of pointers.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/values/value.hpp"

namespace int3::engine::formatters {

struct block_map {
  std::uint64_t map = 0;        // the first block pointer's address
  std::uint64_t first = 0;      // the first element's position from map's first block
  std::uint64_t per_block = 0;  // elements in a block
  std::uint64_t size = 0;
  const dwarf::type_info* element = nullptr;
};

// Elements [start, start+count) of the deque, named [i].
std::vector<value> block_page(const value& container, const block_map& blocks, std::size_t start,
                              std::size_t count);

}  // namespace int3::engine::formatters
