// std::forward_list: a null-terminated singly linked list from
// _M_impl._M_head._M_next (libc++: __before_begin_'s __next_); a node's
// value follows its next pointer. It keeps no size, so counting walks the
// list, bounded and checked for cycles.

#include "engine/values/formatters/common.hpp"
#include "engine/values/formatters/node_children.hpp"
#include "engine/values/formatters/registry.hpp"
#include "engine/values/value_internal.hpp"

namespace int3::engine::formatters {
namespace {

// Where a node's value starts: after the next pointer, aligned for T.
std::uint64_t value_offset(const dwarf::type_info* element, const frame_context* frame) {
  return align_up(8, align_of(element, frame));
}

// The node count, or an error text (cycle, unreadable node, too long).
struct count_result {
  std::uint64_t size = 0;
  std::string error;
};

template <const std::string_view& next_name>
count_result count_nodes(const value& v) {
  auto first = member_number(v, next_name);
  if (!first) return {0, "<invalid forward_list>"};
  const frame_context& frame = *v.frame();
  // Floyd's tortoise and hare: a cycle is found within two laps.
  std::uint64_t slow = *first, fast = *first, size = 0;
  while (fast) {
    auto next = read_word(frame, fast);
    if (!next) return {size, "<invalid forward_list: cannot read node " + hex_text(fast) + ">"};
    fast = *next;
    if (++size > max_node_walk) return {size, "<invalid forward_list: longer than a million>"};
    if (size % 2 == 0) {
      slow = read_word(frame, slow).value_or(0);
      if (fast && fast == slow) return {size, "<invalid forward_list: cyclic>"};
    }
  }
  return {size, ""};
}

template <const std::string_view& next_name>
class forward_list_formatter_impl final : public value_formatter {
 public:
  std::string summary(const value& v, format_options) const override {
    auto c = count_nodes<next_name>(v);
    return c.error.empty() ? size_summary(c.size) : c.error;
  }
  std::size_t child_count(const value& v) const override {
    auto c = count_nodes<next_name>(v);
    return c.error.empty() ? c.size : 0;
  }
  std::vector<value> children(const value& v, std::size_t start, std::size_t count) const override {
    const auto* element = template_type(v, 0);
    auto first = member_number(v, next_name);
    if (!element || !first) return {};
    // Null-terminated: no size to stop at but the walk bound.
    return chain_page(
        v, {max_node_walk, *first, 0, 0, value_offset(element, v.frame().get()), element}, start,
        count);
  }
};

constexpr std::string_view libstdcxx_next = "_M_next", libcxx_next = "__next_";

}  // namespace

const value_formatter* forward_list_formatter() {
  static const forward_list_formatter_impl<libstdcxx_next> f;
  return &f;
}

const value_formatter* libcxx_forward_list_formatter() {
  static const forward_list_formatter_impl<libcxx_next> f;
  return &f;
}

}  // namespace int3::engine::formatters
