#include "dwarf/function_index.hpp"

#include <algorithm>

namespace int3::dwarf {

void function_index::add(function_info fn, std::string plain) {
  functions_.push_back(std::move(fn));
  plain_names_.push_back(std::move(plain));
}

void function_index::finish() {
  const auto old_ranges = static_cast<std::ptrdiff_t>(ranges_.size());
  for (std::uint32_t i = indexed_; i < functions_.size(); ++i) {
    const auto& fn = functions_[i];
    for (const auto& r : fn.ranges)
      if (r.low < r.high) ranges_.push_back({r.low.value, r.high.value, i});
    // A key is stored once per function even when names coincide.
    std::vector<std::string_view> keys{fn.name, plain_names_[i], fn.linkage_name};
    for (std::size_t k = 0; k < keys.size(); ++k) {
      if (keys[k].empty()) continue;
      if (std::find(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(k), keys[k]) !=
          keys.begin() + static_cast<std::ptrdiff_t>(k))
        continue;
      by_name_.emplace(std::string(keys[k]), i);
    }
  }
  indexed_ = static_cast<std::uint32_t>(functions_.size());
  auto by_low = [](const range_ref& a, const range_ref& b) { return a.low < b.low; };
  std::sort(ranges_.begin() + old_ranges, ranges_.end(), by_low);
  std::inplace_merge(ranges_.begin(), ranges_.begin() + old_ranges, ranges_.end(), by_low);
  max_high_.clear();
  std::uint64_t running = 0;
  for (const auto& r : ranges_) {
    running = std::max(running, r.high);
    max_high_.push_back(running);
  }
}

const function_info* function_index::at(file_addr addr) const {
  auto it = std::upper_bound(ranges_.begin(), ranges_.end(), addr.value,
                             [](std::uint64_t a, const range_ref& r) { return a < r.low; });
  const range_ref* best = nullptr;
  for (auto i = static_cast<std::size_t>(it - ranges_.begin()); i-- > 0;) {
    if (max_high_[i] <= addr.value) break;  // nothing further back reaches addr
    const auto& r = ranges_[i];
    if (addr.value >= r.high) continue;
    if (best == nullptr || r.high - r.low < best->high - best->low) best = &r;
  }
  return best == nullptr ? nullptr : &functions_[best->function];
}

std::vector<const function_info*> function_index::named(std::string_view name) const {
  std::vector<const function_info*> out;
  auto [first, last] = by_name_.equal_range(std::string(name));
  for (auto it = first; it != last; ++it) out.push_back(&functions_[it->second]);
  std::sort(out.begin(), out.end(),
            [](const function_info* a, const function_info* b) { return a->entry < b->entry; });
  return out;
}

}  // namespace int3::dwarf
