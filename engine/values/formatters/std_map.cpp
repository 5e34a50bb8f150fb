// std::map, set, multimap, multiset: libstdc++'s red-black tree. The header
// node (_M_header) has the leftmost node in _M_left; a node's value follows
// its _Rb_tree_node_base (color, parent, left, right).

#include "engine/values/formatters/common.hpp"
#include "engine/values/formatters/rb_tree.hpp"
#include "engine/values/formatters/registry.hpp"
#include "engine/values/formatters/sized_formatter.hpp"
#include "engine/values/value_internal.hpp"

namespace int3::engine::formatters {
namespace {

constexpr std::uint64_t parent_at = 8, left_at = 16, right_at = 24, value_at = 32;

std::optional<rb_tree> read_tree(const value& v) {
  auto header = find_member(v, "_M_header");
  auto count = member_number(v, "_M_node_count");
  auto impl = find_member(v, "_M_t");
  if (!header || !count || !impl || !header->address()) return std::nullopt;
  // _Rb_tree<Key, Value, ...>: the stored element is its second argument.
  const auto* element = template_type(*impl, 1);
  auto leftmost = read_word(*v.frame(), *header->address() + left_at);
  if (!element || !leftmost || *count > max_sane_size) return std::nullopt;
  return rb_tree{left_at, right_at, parent_at, *leftmost, *header->address(),
                 *count,  element,  value_at};
}

}  // namespace

const value_formatter* tree_formatter() {
  static const sized_formatter<rb_tree> f(read_tree, rb_tree_page, "<invalid tree>");
  return &f;
}

}  // namespace int3::engine::formatters
