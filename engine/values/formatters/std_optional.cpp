// std::optional: _M_payload holds _M_engaged and the value in _M_value.

#include "engine/values/formatters/common.hpp"
#include "engine/values/formatters/registry.hpp"
#include "engine/values/value_internal.hpp"

namespace int3::engine::formatters {
namespace {

std::optional<value> contained(const value& v) {
  auto engaged = member_number(v, "_M_engaged");
  if (!engaged || !*engaged) return std::nullopt;
  auto inner = find_member(v, "_M_value", 8);
  if (inner) inner->set_name("value");
  return inner;
}

class optional_formatter_impl final : public value_formatter {
 public:
  std::string summary(const value& v, format_options options) const override {
    auto engaged = member_number(v, "_M_engaged");
    if (!engaged) return "<invalid optional>";
    if (!*engaged) return "nullopt";
    auto inner = contained(v);
    return inner ? inner->summary(options) : "<cannot read value>";
  }
  std::size_t child_count(const value& v) const override { return contained(v) ? 1 : 0; }
  bool indexed() const override { return false; }
  std::vector<value> children(const value& v, std::size_t start, std::size_t) const override {
    auto inner = contained(v);
    if (!inner || start > 0) return {};
    return {*inner};
  }
};

}  // namespace

const value_formatter* optional_formatter() {
  static const optional_formatter_impl f;
  return &f;
}

}  // namespace int3::engine::formatters
