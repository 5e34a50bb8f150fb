#include "engine/values/formatters/rb_tree.hpp"

#include "engine/values/formatters/common.hpp"
#include "engine/values/formatters/node_children.hpp"

namespace int3::engine::formatters {
namespace {

// Deeper than any balanced tree of max_sane_size nodes: corrupt.
constexpr std::size_t max_depth = 128;

// The in-order successor: the leftmost node of the right subtree, else the
// first ancestor reached from its left. nullopt when the tree is unreadable.
std::optional<std::uint64_t> next(const frame_context& frame, const rb_tree& tree,
                                  std::uint64_t node) {
  auto right = read_word(frame, node + tree.right_at);
  if (!right) return std::nullopt;
  if (*right) {
    node = *right;
    for (std::size_t i = 0; i < max_depth; ++i) {
      auto left = read_word(frame, node + tree.left_at);
      if (!left) return std::nullopt;
      if (!*left) return node;
      node = *left;
    }
    return std::nullopt;
  }
  for (std::size_t i = 0; i < max_depth; ++i) {
    auto parent = read_word(frame, node + tree.parent_at);
    if (!parent) return std::nullopt;
    auto parent_left = read_word(frame, *parent + tree.left_at);
    if (!parent_left) return std::nullopt;
    if (*parent_left == node) return *parent;
    node = *parent;
  }
  return std::nullopt;
}

}  // namespace

std::vector<value> rb_tree_page(const value& container, const rb_tree& tree, std::size_t start,
                                std::size_t count) {
  return node_page(container, tree.first, tree.end, tree.size, tree.element, tree.value_at, start,
                   count, [&](std::uint64_t node) { return next(*container.frame(), tree, node); });
}

}  // namespace int3::engine::formatters
