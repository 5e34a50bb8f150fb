// std::optional: libstdc++'s _M_payload holds _M_engaged and the value in
// _M_value; libc++'s __engaged_ and __val_ (in an anonymous union).

#include "engine/values/formatters/common.hpp"
#include "engine/values/formatters/registry.hpp"
#include "engine/values/value_internal.hpp"

namespace int3::engine::formatters {
namespace {

struct optional_names {
  std::string_view engaged;
  std::string_view value;
};

constexpr optional_names libstdcxx{"_M_engaged", "_M_value"};
constexpr optional_names libcxx{"__engaged_", "__val_"};

class optional_formatter_impl final : public value_formatter {
 public:
  explicit constexpr optional_formatter_impl(const optional_names& names) : names_(names) {}

  std::string summary(const value& v, format_options options) const override {
    auto engaged = member_number(v, names_.engaged);
    if (!engaged) return "<invalid optional>";
    if (!*engaged) return "nullopt";
    // A bool holds 0 or 1: anything else is an object not yet constructed.
    if (*engaged != 1) return "<invalid optional>";
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

 private:
  std::optional<value> contained(const value& v) const {
    auto engaged = member_number(v, names_.engaged);
    if (!engaged || *engaged != 1) return std::nullopt;
    auto inner = find_member(v, names_.value, 8);
    if (inner) inner->set_name("value");
    return inner;
  }

  const optional_names& names_;
};

}  // namespace

const value_formatter* optional_formatter() {
  static const optional_formatter_impl f(libstdcxx);
  return &f;
}

const value_formatter* libcxx_optional_formatter() {
  static const optional_formatter_impl f(libcxx);
  return &f;
}

}  // namespace int3::engine::formatters
