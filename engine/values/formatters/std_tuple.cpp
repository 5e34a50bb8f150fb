// std::tuple<A, B, ...>: a chain of _Tuple_impl<i, ...> bases, each holding
// its element in a _Head_base<i, T> base (_M_head_impl, or T itself as a
// base when T is empty). Shown as "{a, b, ...}" with children [0], [1]...

#include "engine/values/formatters/common.hpp"
#include "engine/values/formatters/registry.hpp"
#include "engine/values/value_internal.hpp"

namespace int3::engine::formatters {
namespace {

// No tuple is longer: the DWARF is not what we expect.
constexpr std::size_t max_elements = 1024;

std::optional<value> base_named(const value& v, std::string_view prefix) {
  const auto* t = resolve_type(v.type(), v.frame().get());
  if (!t) return std::nullopt;
  for (const auto& m : t->members) {
    if (!m.is_base || !m.offset_known) continue;
    const auto* bt = resolve_type(m.type, v.frame().get());
    if (bt && bt->name.rfind(prefix, 0) == 0) return child_at(v, bt->name, m.type, m.byte_offset);
  }
  return std::nullopt;
}

std::vector<value> elements(const value& v) {
  std::vector<value> out;
  auto impl = base_named(v, "std::_Tuple_impl<");
  while (impl && out.size() < max_elements) {
    auto head = base_named(*impl, "std::_Head_base<");
    if (!head) break;
    // _Head_base<Idx, Head, is_empty>: Head is its second template argument.
    const auto* type = template_type(*head, 1);
    if (!type) break;
    value e = child_at(*head, index_name(out.size()), type, 0);
    e.set_evaluate_name("");
    out.push_back(std::move(e));
    impl = base_named(*impl, "std::_Tuple_impl<");
  }
  return out;
}

class tuple_formatter_impl final : public value_formatter {
 public:
  std::string summary(const value& v, format_options options) const override {
    auto all = elements(v);
    return preview(all, all.size(), options);
  }
  std::size_t child_count(const value& v) const override { return elements(v).size(); }
  std::vector<value> children(const value& v, std::size_t start, std::size_t count) const override {
    auto all = elements(v);
    std::vector<value> out;
    for (std::size_t i = start; i < all.size() && i - start < count; ++i) out.push_back(all[i]);
    return out;
  }
};

}  // namespace

const value_formatter* tuple_formatter() {
  static const tuple_formatter_impl f;
  return &f;
}

}  // namespace int3::engine::formatters
