#pragma once

// Children of node-based containers, whose element is a pair (maps: shown as
// "[key] = value") or a plain value (sets, lists: "[i]").

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "engine/values/value.hpp"

namespace int3::engine::formatters {

// The element of type `element` stored at `address`, the index-th in order.
value node_element(const value& container, const dwarf::type_info* element, std::uint64_t address,
                   std::size_t index);

// Elements [start, start+count) of `size` nodes visited from `first` in
// order by `next` (nullopt: unreadable), `element` at `value_at` in each;
// the walk also ends at the node `stop`, at 0, or after max_node_walk.
std::vector<value> node_page(
    const value& container, std::uint64_t first, std::uint64_t stop, std::uint64_t size,
    const dwarf::type_info* element, std::uint64_t value_at, std::size_t start, std::size_t count,
    const std::function<std::optional<std::uint64_t>(std::uint64_t)>& next);

// Nodes linked through a pointer at `next_at` in each node, from `first` up
// to the node `stop` (a list's sentinel; 0 for null-terminated chains).
struct node_chain {
  std::uint64_t size = 0;
  std::uint64_t first = 0;
  std::uint64_t stop = 0;
  std::uint64_t next_at = 0;
  std::uint64_t value_at = 0;  // of the element inside a node
  const dwarf::type_info* element = nullptr;
};

// node_page over the chain.
std::vector<value> chain_page(const value& container, const node_chain& chain, std::size_t start,
                              std::size_t count);

// libc++ stores a map's pair inside a __value_type (trees) or
// __hash_value_type (hash tables) as its member __cc: the pair's type and
// offset within the stored value; the stored type itself for sets.
struct stored_element {
  const dwarf::type_info* type = nullptr;
  std::uint64_t offset = 0;
};
std::optional<stored_element> libcxx_stored_element(const dwarf::type_info* stored,
                                                    const frame_context* frame);

}  // namespace int3::engine::formatters
