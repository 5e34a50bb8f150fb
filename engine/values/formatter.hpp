#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "engine/values/value.hpp"

namespace int3::engine {

// A built-in view of a library type (std::vector, std::string...) over its
// DWARF members: a summary and paged children. Each lives in one file under
// engine/values/formatters/ and must bound every loop over program data.
class value_formatter {
 public:
  virtual ~value_formatter() = default;
  virtual std::string summary(const value& v, format_options options) const = 0;
  virtual std::size_t child_count(const value& v) const = 0;
  // Children named [0], [1]... (containers) rather than by member name.
  virtual bool indexed() const { return true; }
  virtual std::vector<value> children(const value& v, std::size_t start,
                                      std::size_t count) const = 0;
};

// The formatter for a resolved (typedef-free) type, by its name; null if none.
const value_formatter* find_formatter(const dwarf::type_info& type);

}  // namespace int3::engine
