// std::map, set, multimap, multiset: libstdc++'s red-black tree. The header
// node (_M_header) has the leftmost node in _M_left; a node's value follows
// its _Rb_tree_node_base (color, parent, left, right).

#include "engine/values/formatters/common.hpp"
#include "engine/values/formatters/node_children.hpp"
#include "engine/values/formatters/registry.hpp"
#include "engine/values/value_internal.hpp"

namespace int3::engine::formatters {
namespace {

constexpr std::uint64_t parent_at = 8, left_at = 16, right_at = 24, value_at = 32;

struct tree {
  std::uint64_t header = 0;
  std::uint64_t size = 0;
  const dwarf::type_info* element = nullptr;
};

std::optional<tree> read_tree(const value& v) {
  auto header = find_member(v, "_M_header");
  auto count = member_number(v, "_M_node_count");
  auto impl = find_member(v, "_M_t");
  if (!header || !count || !impl || !header->address()) return std::nullopt;
  // _Rb_tree<Key, Value, ...>: the stored element is its second argument.
  const auto* element = template_type(*impl, 1);
  if (!element || *count > max_sane_size) return std::nullopt;
  return tree{*header->address(), *count, element};
}

// In-order successor; nullopt when the tree is unreadable.
std::optional<std::uint64_t> next(const frame_context& frame, std::uint64_t node) {
  auto right = read_word(frame, node + right_at);
  if (!right) return std::nullopt;
  if (*right) {
    node = *right;
    for (std::size_t i = 0; i < 128; ++i) {
      auto left = read_word(frame, node + left_at);
      if (!left) return std::nullopt;
      if (!*left) return node;
      node = *left;
    }
    return std::nullopt;  // deeper than any balanced tree: corrupt
  }
  for (std::size_t i = 0; i < 128; ++i) {
    auto parent = read_word(frame, node + parent_at);
    if (!parent) return std::nullopt;
    auto parent_right = read_word(frame, *parent + right_at);
    if (!parent_right) return std::nullopt;
    if (*parent_right != node) return *parent;
    node = *parent;
  }
  return std::nullopt;
}

class tree_formatter_impl final : public value_formatter {
 public:
  std::string summary(const value& v, format_options) const override {
    auto t = read_tree(v);
    return t ? size_summary(t->size) : "<invalid tree>";
  }
  std::size_t child_count(const value& v) const override {
    auto t = read_tree(v);
    return t ? std::min<std::uint64_t>(t->size, max_children) : 0;
  }
  std::vector<value> children(const value& v, std::size_t start, std::size_t count) const override {
    std::vector<value> out;
    auto t = read_tree(v);
    if (!t) return out;
    const frame_context& frame = *v.frame();
    auto node = read_word(frame, t->header + left_at);
    std::size_t end = std::min<std::uint64_t>(t->size, start + count);
    if (end > max_node_walk) end = max_node_walk;
    for (std::size_t i = 0; i < end && node && *node != t->header && *node; ++i) {
      if (i >= start) out.push_back(node_element(v, t->element, *node + value_at, i));
      node = next(frame, *node);
    }
    return out;
  }
};

}  // namespace

const value_formatter* tree_formatter() {
  static const tree_formatter_impl f;
  return &f;
}

}  // namespace int3::engine::formatters
