// libc++'s std::__1::map, set, multimap, multiset: __tree_ holds
// __begin_node_ (leftmost), the end node in __pair1_ (its __left_ is the
// root) and the size in __pair3_. A node is __left_, __right_, __parent_,
// __is_black_, then the value (for maps a __value_type whose __cc is the pair).

#include <algorithm>

#include "engine/values/formatters/common.hpp"
#include "engine/values/formatters/node_children.hpp"
#include "engine/values/formatters/registry.hpp"
#include "engine/values/value_internal.hpp"

namespace int3::engine::formatters {
namespace {

// The value follows __is_black_ (at 24), aligned for its type.
constexpr std::uint64_t left_at = 0, right_at = 8, parent_at = 16, value_after = 25;
// Deeper than any balanced tree of max_sane_size nodes: corrupt.
constexpr std::size_t max_depth = 128;

struct tree {
  std::uint64_t begin = 0;
  std::uint64_t end = 0;  // the end node's address
  std::uint64_t size = 0;
  const dwarf::type_info* element = nullptr;
  std::uint64_t element_offset = 0;  // of the shown value inside the node
};

std::optional<tree> read_tree(const value& v) {
  auto impl = find_member(v, "__tree_", 0);
  if (!impl) return std::nullopt;
  auto begin = member_number(*impl, "__begin_node_");
  auto end_pair = find_member(*impl, "__pair1_", 0);
  auto size_pair = find_member(*impl, "__pair3_", 0);
  if (!begin || !end_pair || !size_pair || !end_pair->address()) return std::nullopt;
  auto size = member_number(*size_pair, "__value_");
  // __tree<T, ...>: maps store __value_type<K, V>, whose __cc is the pair.
  const auto* stored = resolve_type(template_type(*impl, 0), v.frame().get());
  if (!size || *size > max_sane_size || !stored) return std::nullopt;
  tree out{*begin, *end_pair->address(), *size, stored,
           align_up(value_after, align_of(stored, v.frame().get()))};
  if (stored->name.rfind("std::__1::__value_type<", 0) == 0) {
    const dwarf::member_info* cc = nullptr;
    for (const auto& m : stored->members)
      if (m.name == "__cc" && m.offset_known) cc = &m;
    if (!cc) return std::nullopt;
    out.element = cc->type;
    out.element_offset += cc->byte_offset;
  }
  return out;
}

std::optional<std::uint64_t> next(const frame_context& frame, std::uint64_t node) {
  auto right = read_word(frame, node + right_at);
  if (!right) return std::nullopt;
  if (*right) {
    node = *right;
    for (std::size_t i = 0; i < max_depth; ++i) {
      auto left = read_word(frame, node + left_at);
      if (!left) return std::nullopt;
      if (!*left) return node;
      node = *left;
    }
    return std::nullopt;
  }
  for (std::size_t i = 0; i < max_depth; ++i) {
    auto parent = read_word(frame, node + parent_at);
    if (!parent) return std::nullopt;
    auto parent_left = read_word(frame, *parent + left_at);
    if (!parent_left) return std::nullopt;
    if (*parent_left == node) return *parent;
    node = *parent;
  }
  return std::nullopt;
}

class libcxx_tree_formatter_impl final : public value_formatter {
 public:
  std::string summary(const value& v, format_options) const override {
    auto t = read_tree(v);
    return t ? size_summary(t->size) : "<invalid tree>";
  }
  std::size_t child_count(const value& v) const override {
    auto t = read_tree(v);
    return t ? t->size : 0;
  }
  std::vector<value> children(const value& v, std::size_t start, std::size_t count) const override {
    std::vector<value> out;
    auto t = read_tree(v);
    if (!t) return out;
    std::optional<std::uint64_t> node = t->begin;
    const std::size_t end = std::min<std::uint64_t>({t->size, start + count, max_node_walk});
    for (std::size_t i = 0; i < end && node && *node && *node != t->end; ++i) {
      if (i >= start) out.push_back(node_element(v, t->element, *node + t->element_offset, i));
      node = next(*v.frame(), *node);
    }
    return out;
  }
};

}  // namespace

const value_formatter* libcxx_tree_formatter() {
  static const libcxx_tree_formatter_impl f;
  return &f;
}

}  // namespace int3::engine::formatters
