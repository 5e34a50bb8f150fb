// std::unordered_map/set: libstdc++'s _Hashtable keeps every node on one
// singly linked list starting at _M_before_begin._M_nxt; a node's value
// follows its next pointer.

#include "engine/values/formatters/common.hpp"
#include "engine/values/formatters/node_children.hpp"
#include "engine/values/formatters/registry.hpp"
#include "engine/values/value_internal.hpp"

namespace int3::engine::formatters {
namespace {

constexpr std::uint64_t value_at = 8;

class hashtable_formatter_impl final : public value_formatter {
 public:
  std::string summary(const value& v, format_options) const override {
    auto size = member_number(v, "_M_element_count");
    if (!size || *size > max_sane_size) return "<invalid hash table>";
    return size_summary(*size);
  }
  std::size_t child_count(const value& v) const override {
    auto size = member_number(v, "_M_element_count");
    return size && *size <= max_sane_size ? *size : 0;
  }
  std::vector<value> children(const value& v, std::size_t start, std::size_t count) const override {
    std::vector<value> out;
    auto table = find_member(v, "_M_h");
    auto first = member_number(v, "_M_nxt");
    // _Hashtable<Key, Value, ...>: the stored element is its second argument.
    const auto* element = table ? template_type(*table, 1) : nullptr;
    if (!first || !element) return out;
    std::size_t end = std::min(child_count(v), std::min(start + count, max_node_walk));
    std::optional<std::uint64_t> node = *first;
    for (std::size_t i = 0; i < end && node && *node; ++i) {
      if (i >= start) out.push_back(node_element(v, element, *node + value_at, i));
      node = read_word(*v.frame(), *node);
    }
    return out;
  }
};

}  // namespace

const value_formatter* hashtable_formatter() {
  static const hashtable_formatter_impl f;
  return &f;
}

}  // namespace int3::engine::formatters
