// std::span<T, N>: _M_ptr, and the size in _M_extent._M_extent_value (dynamic
// extent) or in the template argument N (static extent).

#include "engine/values/formatters/common.hpp"
#include "engine/values/formatters/registry.hpp"
#include "engine/values/value_internal.hpp"

namespace int3::engine::formatters {
namespace {

struct view {
  std::uint64_t data = 0;
  std::uint64_t size = 0;
  const dwarf::type_info* element = nullptr;
};

std::optional<std::uint64_t> static_extent(const value& v) {
  const auto* t = resolve_type(v.type(), v.frame().get());
  if (!t) return std::nullopt;
  for (const auto& p : t->template_parameters)
    if (p.value) return static_cast<std::uint64_t>(*p.value);
  return std::nullopt;
}

std::optional<view> read_view(const value& v) {
  view out;
  out.element = pointee_type(v, "_M_ptr");
  auto data = member_number(v, "_M_ptr");
  auto size =
      find_member(v, "_M_extent_value") ? member_number(v, "_M_extent_value") : static_extent(v);
  if (!out.element || !data || !size || *size > max_sane_size) return std::nullopt;
  out.data = *data;
  out.size = *size;
  return out;
}

class span_formatter_impl final : public value_formatter {
 public:
  std::string summary(const value& v, format_options) const override {
    auto s = read_view(v);
    if (s) return size_summary(s->size);
    // Optimised code keeps a span's pointer as an implicit pointer or drops it.
    auto pointer = find_member(v, "_M_ptr");
    if (pointer && !pointer->as_unsigned()) return "<data pointer optimized out>";
    return "<invalid span>";
  }
  std::size_t child_count(const value& v) const override {
    auto s = read_view(v);
    return s ? s->size : 0;
  }
  std::vector<value> children(const value& v, std::size_t start, std::size_t count) const override {
    auto s = read_view(v);
    if (!s) return {};
    auto out = contiguous_children(v, s->element, s->data, s->size, start, count);
    // span has no [] the expression evaluator knows.
    for (auto& e : out) e.set_evaluate_name("");
    return out;
  }
};

}  // namespace

const value_formatter* span_formatter() {
  static const span_formatter_impl f;
  return &f;
}

}  // namespace int3::engine::formatters
