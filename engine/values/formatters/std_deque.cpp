// std::deque<T>: a map of fixed-size buffers; _M_start and _M_finish are
// iterators (_M_cur, _M_first, _M_last, _M_node). libstdc++ sizes a buffer
// as 512 bytes' worth of elements, or one element when T is bigger.

#include "engine/values/formatters/common.hpp"
#include "engine/values/formatters/registry.hpp"
#include "engine/values/value_internal.hpp"

namespace int3::engine::formatters {
namespace {

constexpr std::uint64_t buffer_bytes = 512;

struct iterator {
  std::uint64_t cur = 0, first = 0, last = 0, node = 0;
};

struct layout {
  iterator start;
  std::uint64_t size = 0;
  std::uint64_t per_buffer = 0;
  const dwarf::type_info* element = nullptr;
  std::uint64_t element_size = 0;
};

std::optional<iterator> read_iterator(const value& v, std::string_view name) {
  auto it = find_member(v, name);
  if (!it) return std::nullopt;
  auto cur = member_number(*it, "_M_cur"), first = member_number(*it, "_M_first");
  auto last = member_number(*it, "_M_last"), node = member_number(*it, "_M_node");
  if (!cur || !first || !last || !node) return std::nullopt;
  return iterator{*cur, *first, *last, *node};
}

std::optional<layout> read_layout(const value& v) {
  auto start = read_iterator(v, "_M_start"), finish = read_iterator(v, "_M_finish");
  auto start_member = find_member(v, "_M_start");
  if (!start || !finish || !start_member) return std::nullopt;
  layout out;
  out.start = *start;
  out.element = pointee_type(*start_member, "_M_cur");
  out.element_size = type_size(out.element, v.frame().get());
  if (!out.element || out.element_size == 0) return std::nullopt;
  out.per_buffer = out.element_size < buffer_bytes ? buffer_bytes / out.element_size : 1;
  const std::uint64_t es = out.element_size;
  // Garbage iterators: out of order or not on element boundaries.
  if (finish->node < start->node || (finish->node - start->node) % 8 || start->cur < start->first ||
      start->last < start->cur || finish->cur < finish->first || (start->cur - start->first) % es ||
      (start->last - start->cur) % es || (finish->cur - finish->first) % es)
    return std::nullopt;
  const std::uint64_t nodes = (finish->node - start->node) / 8;
  if (nodes > max_sane_size) return std::nullopt;
  const std::uint64_t in_last = (finish->cur - finish->first) / es;
  const std::uint64_t in_first = (start->last - start->cur) / es;
  out.size = nodes == 0 ? (finish->cur - start->cur) / es
                        : (nodes - 1) * out.per_buffer + in_last + in_first;
  if (finish->cur < start->cur && nodes == 0) return std::nullopt;
  if (out.size > max_sane_size) return std::nullopt;
  return out;
}

class deque_formatter_impl final : public value_formatter {
 public:
  std::string summary(const value& v, format_options) const override {
    auto l = read_layout(v);
    return l ? size_summary(l->size) : "<invalid deque>";
  }
  std::size_t child_count(const value& v) const override {
    auto l = read_layout(v);
    return l ? l->size : 0;
  }
  std::vector<value> children(const value& v, std::size_t start, std::size_t count) const override {
    std::vector<value> out;
    auto l = read_layout(v);
    if (!l) return out;
    const std::uint64_t skip = (l->start.cur - l->start.first) / l->element_size;
    const std::uint64_t end = std::min<std::uint64_t>(l->size, std::uint64_t(start) + count);
    for (std::uint64_t i = start; i < end; ++i) {
      const std::uint64_t at = skip + i;
      auto buffer = read_word(*v.frame(), l->start.node + at / l->per_buffer * 8);
      std::string name = index_name(i);
      if (!buffer) {
        out.emplace_back(name, l->element, value_location::failed("<cannot read deque map>"),
                         v.frame());
        continue;
      }
      out.push_back(value::at_address(name, l->element,
                                      *buffer + at % l->per_buffer * l->element_size, v.frame()));
    }
    return out;
  }
};

}  // namespace

const value_formatter* deque_formatter() {
  static const deque_formatter_impl f;
  return &f;
}

}  // namespace int3::engine::formatters
