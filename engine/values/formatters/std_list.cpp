// std::list: a circular doubly linked list around _M_impl._M_node (the
// header, which also keeps _M_size); a node's value follows next and prev.

#include "engine/values/formatters/common.hpp"
#include "engine/values/formatters/node_children.hpp"
#include "engine/values/formatters/registry.hpp"
#include "engine/values/value_internal.hpp"

namespace int3::engine::formatters {
namespace {

constexpr std::uint64_t value_at = 16;

class list_formatter_impl final : public value_formatter {
 public:
  std::string summary(const value& v, format_options) const override {
    auto size = member_number(v, "_M_size");
    if (!size || *size > max_sane_size) return "<invalid list>";
    return size_summary(*size);
  }
  std::size_t child_count(const value& v) const override {
    auto size = member_number(v, "_M_size");
    return size && *size <= max_sane_size ? *size : 0;
  }
  std::vector<value> children(const value& v, std::size_t start, std::size_t count) const override {
    std::vector<value> out;
    auto header = find_member(v, "_M_node");
    const auto* element = template_type(v, 0);
    if (!header || !header->address() || !element) return out;
    std::uint64_t head = *header->address();
    std::size_t end = std::min(child_count(v), std::min(start + count, max_node_walk));
    auto node = read_word(*v.frame(), head);
    for (std::size_t i = 0; i < end && node && *node != head && *node; ++i) {
      if (i >= start) out.push_back(node_element(v, element, *node + value_at, i));
      node = read_word(*v.frame(), *node);
    }
    return out;
  }
};

}  // namespace

const value_formatter* list_formatter() {
  static const list_formatter_impl f;
  return &f;
}

}  // namespace int3::engine::formatters
