#pragma once

// The red-black trees behind std::map/set and their multi- forms, in
// libstdc++ and libc++: both link nodes by left, right and parent pointers
// (at offsets of their own) and keep an end node whose left is the root.

#include <cstdint>
#include <optional>
#include <vector>

#include "engine/values/value.hpp"

namespace int3::engine::formatters {

struct rb_tree {
  std::uint64_t left_at = 0, right_at = 0, parent_at = 0;
  std::uint64_t first = 0;  // the leftmost node
  std::uint64_t end = 0;    // the end (header) node, past the rightmost
  std::uint64_t size = 0;
  const dwarf::type_info* element = nullptr;
  std::uint64_t value_at = 0;  // of the element inside a node
};

// Elements [start, start+count) in order; a corrupt tree ends the page early.
std::vector<value> rb_tree_page(const value& container, const rb_tree& tree, std::size_t start,
                                std::size_t count);

}  // namespace int3::engine::formatters
