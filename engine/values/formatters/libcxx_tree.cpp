// libc++'s std::__1::map, set, multimap, multiset: __tree_ holds
// __begin_node_ (leftmost), the end node in __pair1_ (its __left_ is the
// root) and the size in __pair3_. A node is __left_, __right_, __parent_,
// __is_black_, then the value (for maps a __value_type whose __cc is the pair).

#include "engine/values/formatters/common.hpp"
#include "engine/values/formatters/node_children.hpp"
#include "engine/values/formatters/rb_tree.hpp"
#include "engine/values/formatters/registry.hpp"
#include "engine/values/formatters/sized_formatter.hpp"
#include "engine/values/value_internal.hpp"

namespace int3::engine::formatters {
namespace {

// The value follows __is_black_ (at 24), aligned for its type.
constexpr std::uint64_t left_at = 0, right_at = 8, parent_at = 16, value_after = 25;

std::optional<rb_tree> read_tree(const value& v) {
  auto impl = find_member(v, "__tree_", 0);
  if (!impl) return std::nullopt;
  auto begin = member_number(*impl, "__begin_node_");
  auto end_pair = find_member(*impl, "__pair1_", 0);
  auto size_pair = find_member(*impl, "__pair3_", 0);
  if (!begin || !end_pair || !size_pair || !end_pair->address()) return std::nullopt;
  auto size = member_number(*size_pair, "__value_");
  // __tree<T, ...>: maps store __value_type<K, V>, whose __cc is the pair.
  const auto* stored = template_type(*impl, 0);
  auto element = libcxx_stored_element(stored, v.frame().get());
  if (!size || *size > max_sane_size || !element) return std::nullopt;
  const std::uint64_t value_at =
      align_up(value_after, align_of(stored, v.frame().get())) + element->offset;
  return rb_tree{left_at, right_at,      parent_at, *begin, *end_pair->address(),
                 *size,   element->type, value_at};
}

}  // namespace

const value_formatter* libcxx_tree_formatter() {
  static const sized_formatter<rb_tree> f(read_tree, rb_tree_page, "<invalid tree>");
  return &f;
}

}  // namespace int3::engine::formatters
