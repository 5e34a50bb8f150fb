#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dwarf/debug_info.hpp"

namespace int3::dwarf {

// Every concrete function, with lookup by address (innermost range wins)
// and by name (plain, qualified or linkage).
class function_index {
 public:
  // `plain` is the unqualified DW_AT_name, also accepted as a lookup key.
  void add(function_info fn, std::string plain);
  // Brings the lookup tables up to date with the functions added since the
  // last call (lazy loading adds a unit at a time: only those are indexed).
  void finish();

  const function_info* at(file_addr addr) const;
  std::vector<const function_info*> named(std::string_view name) const;
  const std::deque<function_info>& all() const { return functions_; }

 private:
  struct range_ref {
    std::uint64_t low = 0, high = 0;
    std::uint32_t function = 0;
  };
  // A deque: callers keep function_info pointers while lazy loading adds more.
  std::deque<function_info> functions_;
  std::vector<std::string> plain_names_;
  std::vector<range_ref> ranges_;        // sorted by low
  std::vector<std::uint64_t> max_high_;  // running maximum of ranges_[..i].high
  std::unordered_multimap<std::string, std::uint32_t> by_name_;
  std::uint32_t indexed_ = 0;  // functions_[0, indexed_) are in the tables
};

}  // namespace int3::dwarf
