// std::unordered_map/set and their multi- forms keep every node on one
// singly linked list (null-terminated). libstdc++'s _Hashtable (_M_h)
// starts it at _M_before_begin._M_nxt and counts _M_element_count; a node is
// next, then the value. libc++'s __hash_table (__table_) starts it at
// __p1_'s __next_ and counts in __p2_; a node is __next_, __hash_, then the
// value (for maps a __hash_value_type whose __cc is the pair).

#include "engine/values/formatters/common.hpp"
#include "engine/values/formatters/node_children.hpp"
#include "engine/values/formatters/registry.hpp"
#include "engine/values/formatters/sized_formatter.hpp"
#include "engine/values/value_internal.hpp"

namespace int3::engine::formatters {
namespace {

constexpr std::uint64_t next_at = 0;

std::optional<node_chain> read_libstdcxx(const value& v) {
  auto table = find_member(v, "_M_h");
  auto size = member_number(v, "_M_element_count");
  auto first = member_number(v, "_M_nxt");
  // _Hashtable<Key, Value, ...>: the stored element is its second argument.
  const auto* element = table ? template_type(*table, 1) : nullptr;
  if (!size || *size > max_sane_size || !first || !element) return std::nullopt;
  const std::uint64_t value_at = align_up(8, align_of(element, v.frame().get()));
  return node_chain{*size, *first, 0, next_at, value_at, element};
}

std::optional<node_chain> read_libcxx(const value& v) {
  auto table = find_member(v, "__table_", 0);
  auto first_node = table ? find_member(*table, "__p1_", 0) : std::nullopt;
  auto size_pair = table ? find_member(*table, "__p2_", 0) : std::nullopt;
  if (!first_node || !size_pair) return std::nullopt;
  auto first = member_number(*first_node, "__next_");
  auto size = member_number(*size_pair, "__value_");
  // __hash_table<T, ...>: maps store __hash_value_type<K, V>.
  const auto* stored = template_type(*table, 0);
  auto element = libcxx_stored_element(stored, v.frame().get());
  if (!size || *size > max_sane_size || !first || !element) return std::nullopt;
  const std::uint64_t value_at =
      align_up(16, align_of(stored, v.frame().get())) + element->offset;  // after __hash_
  return node_chain{*size, *first, 0, next_at, value_at, element->type};
}

}  // namespace

const value_formatter* hashtable_formatter() {
  static const sized_formatter<node_chain> f(read_libstdcxx, chain_page, "<invalid hash table>");
  return &f;
}

const value_formatter* libcxx_hashtable_formatter() {
  static const sized_formatter<node_chain> f(read_libcxx, chain_page, "<invalid hash table>");
  return &f;
}

}  // namespace int3::engine::formatters
