// std::pair (libstdc++ and libc++): first and second, without the empty
// __pair_base libstdc++ derives it from.

#include "engine/values/formatters/common.hpp"
#include "engine/values/formatters/registry.hpp"
#include "engine/values/value_internal.hpp"

namespace int3::engine::formatters {
namespace {

std::vector<value> halves(const value& v) {
  std::vector<value> out;
  for (const char* name : {"first", "second"})
    if (auto m = v.member(name)) out.push_back(*m);
  return out;
}

class pair_formatter_impl final : public value_formatter {
 public:
  std::string summary(const value& v, format_options options) const override {
    auto both = halves(v);
    if (both.size() != 2) return "<invalid pair>";
    return "{first=" + both[0].summary(options) + ", second=" + both[1].summary(options) + "}";
  }
  std::size_t child_count(const value& v) const override { return halves(v).size(); }
  bool indexed() const override { return false; }
  std::vector<value> children(const value& v, std::size_t start, std::size_t count) const override {
    auto both = halves(v);
    std::vector<value> out;
    for (std::size_t i = start; i < both.size() && i - start < count; ++i) out.push_back(both[i]);
    return out;
  }
};

}  // namespace

const value_formatter* pair_formatter() {
  static const pair_formatter_impl f;
  return &f;
}

}  // namespace int3::engine::formatters
