#include "engine/values/formatters/node_children.hpp"

#include <algorithm>

#include "engine/values/formatters/common.hpp"
#include "engine/values/value_internal.hpp"

namespace int3::engine::formatters {

value node_element(const value& container, const dwarf::type_info* element, std::uint64_t address,
                   std::size_t index) {
  value e = value::at_address(index_name(index), element, address, container.frame());
  const auto* t = resolve_type(element, container.frame().get());
  if (t && (t->name.rfind("std::pair<", 0) == 0 || t->name.rfind("std::__1::pair<", 0) == 0)) {
    auto first = e.member("first");
    auto second = e.member("second");
    if (first && second) {
      second->set_name("[" + first->summary() + "]");
      second->set_evaluate_name("");
      return *second;
    }
  }
  return e;
}

std::vector<value> node_page(
    const value& container, std::uint64_t first, std::uint64_t stop, std::uint64_t size,
    const dwarf::type_info* element, std::uint64_t value_at, std::size_t start, std::size_t count,
    const std::function<std::optional<std::uint64_t>(std::uint64_t)>& next) {
  std::vector<value> out;
  const std::uint64_t end =
      std::min<std::uint64_t>({size, std::uint64_t(start) + count, std::uint64_t(max_node_walk)});
  std::optional<std::uint64_t> node = first;
  for (std::uint64_t i = 0; i < end && node && *node && *node != stop; ++i) {
    if (i >= start) out.push_back(node_element(container, element, *node + value_at, i));
    // Never past the last node asked for: its links may lead nowhere (a
    // tree's rightmost node reaches its end node only through odd links).
    if (i + 1 < end) node = next(*node);
  }
  return out;
}

std::vector<value> chain_page(const value& container, const node_chain& chain, std::size_t start,
                              std::size_t count) {
  return node_page(
      container, chain.first, chain.stop, chain.size, chain.element, chain.value_at, start, count,
      [&](std::uint64_t node) { return read_word(*container.frame(), node + chain.next_at); });
}

std::optional<stored_element> libcxx_stored_element(const dwarf::type_info* stored,
                                                    const frame_context* frame) {
  const auto* t = resolve_type(stored, frame);
  if (!t) return std::nullopt;
  if (t->name.rfind("std::__1::__value_type<", 0) != 0 &&
      t->name.rfind("std::__1::__hash_value_type<", 0) != 0)
    return stored_element{t, 0};
  for (const auto& m : t->members)
    if (m.name == "__cc" && m.offset_known) return stored_element{m.type, m.byte_offset};
  return std::nullopt;
}

}  // namespace int3::engine::formatters
