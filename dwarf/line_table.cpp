#include "dwarf/line_table.hpp"

#include <algorithm>

namespace int3::dwarf {

void line_table::add_sequence(const std::vector<line_row>& rows) {
  if (rows.size() < 2) return;  // a sequence needs a start and an end
  sequence s;
  s.first = static_cast<std::uint32_t>(rows_.size());
  rows_.insert(rows_.end(), rows.begin(), rows.end());
  s.end = static_cast<std::uint32_t>(rows_.size());
  s.low = rows.front().address;
  s.high = rows.back().address;
  sequences_.push_back(s);
}

void line_table::finish() {
  auto by_low = [](const sequence& a, const sequence& b) { return a.low < b.low; };
  auto added = sequences_.begin() + static_cast<std::ptrdiff_t>(sorted_sequences_);
  std::sort(added, sequences_.end(), by_low);
  std::inplace_merge(sequences_.begin(), added, sequences_.end(), by_low);
  sorted_sequences_ = sequences_.size();
}

std::optional<std::size_t> line_table::row_at(std::uint64_t address) const {
  auto it = std::upper_bound(sequences_.begin(), sequences_.end(), address,
                             [](std::uint64_t a, const sequence& s) { return a < s.low; });
  if (it == sequences_.begin()) return std::nullopt;
  const sequence& s = *(it - 1);
  if (address >= s.high) return std::nullopt;
  auto first = rows_.begin() + s.first;
  auto last = rows_.begin() + s.end - 1;  // the end_sequence row is no range's start
  auto row = std::upper_bound(first, last, address,
                              [](std::uint64_t a, const line_row& r) { return a < r.address; });
  auto i = static_cast<std::size_t>(row - rows_.begin()) - 1;
  // Several rows can share an address (gcc -O2: "line 8 is_stmt" then "line 7
  // not is_stmt"); the statement row is what a user expects to see, as gdb does.
  for (auto j = i; rows_[j].address == rows_[i].address; --j) {
    if (rows_[j].is_stmt()) return j;
    if (j == s.first) break;
  }
  return i;
}

std::uint64_t line_table::range_end(std::size_t i) const {
  const auto address = rows_[i].address;
  for (std::size_t j = i + 1; j < rows_.size(); ++j) {
    if (rows_[j].address > address || rows_[j].ends_sequence()) return rows_[j].address;
  }
  return address;
}

std::uint64_t line_table::prologue_end(std::uint64_t entry, std::uint64_t end) const {
  auto at = row_at(entry);
  if (!at) return entry;
  std::size_t first = *at;
  while (!starts_sequence(first) && rows_[first - 1].address == entry) --first;
  auto in_function = [&](std::size_t j) {
    return j < rows_.size() && !rows_[j].ends_sequence() && rows_[j].address < end;
  };
  for (std::size_t j = first; in_function(j); ++j)
    if (rows_[j].is_prologue_end() && rows_[j].address >= entry) return rows_[j].address;
  for (std::size_t j = first; in_function(j); ++j)
    if (rows_[j].is_stmt() && rows_[j].address > entry) return rows_[j].address;
  return entry;
}

}  // namespace int3::dwarf
