// std::list: a circular doubly linked list around a sentinel node that is
// part of the list object. libstdc++: the sentinel _M_impl._M_node (which
// also keeps _M_size), a node is next, prev, value. libc++: the sentinel
// __end_, the size in __size_alloc_.__value_, a node is __prev_, __next_,
// value.

#include "engine/values/formatters/common.hpp"
#include "engine/values/formatters/node_children.hpp"
#include "engine/values/formatters/registry.hpp"
#include "engine/values/formatters/sized_formatter.hpp"
#include "engine/values/value_internal.hpp"

namespace int3::engine::formatters {
namespace {

struct list_names {
  std::string_view sentinel;
  std::string_view size_holder;  // the member holding the size, or "" when sentinel does
  std::string_view size;
  std::uint64_t next_at;
};

constexpr list_names libstdcxx{"_M_node", "", "_M_size", 0};
constexpr list_names libcxx{"__end_", "__size_alloc_", "__value_", 8};
// Both libraries: after two pointers, aligned for the element.
constexpr std::uint64_t links_bytes = 16;

template <const list_names& names>
std::optional<node_chain> read_list(const value& v) {
  auto sentinel = find_member(v, names.sentinel);
  auto holder = names.size_holder.empty() ? sentinel : find_member(v, names.size_holder);
  if (!holder) return std::nullopt;
  auto size = member_number(*holder, names.size);
  const auto* element = template_type(v, 0);
  if (!sentinel || !sentinel->address() || !size || *size > max_sane_size || !element)
    return std::nullopt;
  const std::uint64_t head = *sentinel->address();
  auto first = read_word(*v.frame(), head + names.next_at);
  if (!first) return std::nullopt;
  const std::uint64_t value_at = align_up(links_bytes, align_of(element, v.frame().get()));
  return node_chain{*size, *first, head, names.next_at, value_at, element};
}

}  // namespace

const value_formatter* list_formatter() {
  static const sized_formatter<node_chain> f(read_list<libstdcxx>, chain_page, "<invalid list>");
  return &f;
}

const value_formatter* libcxx_list_formatter() {
  static const sized_formatter<node_chain> f(read_list<libcxx>, chain_page, "<invalid list>");
  return &f;
}

}  // namespace int3::engine::formatters
