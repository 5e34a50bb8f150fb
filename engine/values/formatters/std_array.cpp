// std::array<T, N>: the C array _M_elems (an empty struct when N is 0).

#include "engine/values/formatters/common.hpp"
#include "engine/values/formatters/registry.hpp"
#include "engine/values/value_internal.hpp"

namespace int3::engine::formatters {
namespace {

std::optional<value> elements(const value& v) {
  auto elems = find_member(v, "_M_elems", 0);
  if (!elems) return std::nullopt;
  const auto* t = resolve_type(elems->type(), v.frame().get());
  if (!t || t->kind != dwarf::type_kind::array) return std::nullopt;
  return elems;
}

class array_formatter_impl final : public value_formatter {
 public:
  std::string summary(const value& v, format_options) const override {
    auto elems = elements(v);
    // Optimised code may keep some elements only: then none is shown.
    if (elems && !elems->address() && !elems->read_bytes()) return "<partly optimized out>";
    if (elems) return size_summary(elems->indexed_count());
    return find_member(v, "_M_elems", 0) ? size_summary(0) : "<invalid array>";
  }
  std::size_t child_count(const value& v) const override {
    auto elems = elements(v);
    return elems ? elems->indexed_count() : 0;
  }
  std::vector<value> children(const value& v, std::size_t start, std::size_t count) const override {
    auto elems = elements(v);
    if (!elems) return {};
    auto out = elems->children(start, count);
    for (auto& e : out) e.set_evaluate_name(child_path(v, e.name()));
    return out;
  }
};

}  // namespace

const value_formatter* array_formatter() {
  static const array_formatter_impl f;
  return &f;
}

}  // namespace int3::engine::formatters
