#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "dwarf/debug_info.hpp"

namespace int3::dwarf {

// Possibly overlapping address ranges, each with a value, answering "which
// ranges hold this address" in O(log n + hits): sorted by start, with the
// running maximum of ends to know when scanning back can stop.
template <typename T>
class range_map {
 public:
  void add(address_range r, T value) {
    if (r.low < r.high) entries_.push_back({r.low.value, r.high.value, std::move(value)});
    sorted_ = false;
  }

  // Calls f(range, value) for every range holding addr.
  template <typename F>
  void for_each_containing(std::uint64_t addr, F&& f) const {
    sort();
    auto it = std::upper_bound(entries_.begin(), entries_.end(), addr,
                               [](std::uint64_t a, const entry& e) { return a < e.low; });
    for (auto i = static_cast<std::size_t>(it - entries_.begin()); i-- > 0;) {
      if (max_high_[i] <= addr) break;
      const auto& e = entries_[i];
      if (addr < e.high) f(address_range{{e.low}, {e.high}}, e.value);
    }
  }

  bool empty() const { return entries_.empty(); }

 private:
  struct entry {
    std::uint64_t low = 0, high = 0;
    T value;
  };
  void sort() const {
    if (sorted_) return;
    std::stable_sort(entries_.begin(), entries_.end(),
                     [](const entry& a, const entry& b) { return a.low < b.low; });
    max_high_.clear();
    std::uint64_t running = 0;
    for (const auto& e : entries_) {
      running = std::max(running, e.high);
      max_high_.push_back(running);
    }
    sorted_ = true;
  }

  // Sorted on first query, so building needs no separate finishing step.
  mutable std::vector<entry> entries_;
  mutable std::vector<std::uint64_t> max_high_;
  mutable bool sorted_ = true;
};

}  // namespace int3::dwarf
