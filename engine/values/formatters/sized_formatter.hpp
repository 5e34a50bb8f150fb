#pragma once

// The formatter of a container whose layout says its size: "size=N" and
// paged [i] children, or one error text when the layout is corrupt. Each
// container supplies how to read its layout and how to page it.

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "engine/values/formatter.hpp"
#include "engine/values/formatters/common.hpp"
#include "engine/values/value_internal.hpp"

namespace int3::engine::formatters {

// Layout has a `size` member; `read` returns nullopt for a corrupt or
// unreadable container, `page` elements [start, start+count) of a valid one.
template <typename Layout>
class sized_formatter final : public value_formatter {
 public:
  using reader = std::optional<Layout> (*)(const value&);
  using pager = std::vector<value> (*)(const value&, const Layout&, std::size_t start,
                                       std::size_t count);

  sized_formatter(reader read, pager page, std::string invalid)
      : read_(read), page_(page), invalid_(std::move(invalid)) {}

  std::string summary(const value& v, format_options) const override {
    auto l = read_(v);
    return l ? size_summary(l->size) : invalid_;
  }
  std::size_t child_count(const value& v) const override {
    auto l = read_(v);
    return l ? std::min<std::uint64_t>(l->size, max_children) : 0;
  }
  std::vector<value> children(const value& v, std::size_t start, std::size_t count) const override {
    auto l = read_(v);
    return l ? page_(v, *l, start, count) : std::vector<value>{};
  }

 private:
  reader read_;
  pager page_;
  std::string invalid_;
};

}  // namespace int3::engine::formatters
