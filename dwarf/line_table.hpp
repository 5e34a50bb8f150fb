#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace int3::dwarf {

// One row of a DWARF line program, 24 bytes; files are file_table ids.
struct line_row {
  static constexpr std::uint8_t stmt = 1, end_sequence = 2, prologue_end = 4;

  std::uint64_t address = 0;
  std::uint32_t file = 0;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::uint8_t flags = 0;

  bool is_stmt() const { return flags & stmt; }
  bool ends_sequence() const { return flags & end_sequence; }
  bool is_prologue_end() const { return flags & prologue_end; }
};

// Every line row of the program, kept as whole sequences (each closed by its
// end_sequence row) plus an index of sequences sorted by address.
class line_table {
 public:
  // `rows` is one sequence in address order whose last row ends it.
  void add_sequence(const std::vector<line_row>& rows);
  // Brings the address index up to date with the sequences added since the
  // last call: lazy loading adds a unit's sequences at a time, so only the
  // new ones are sorted and merged in.
  void finish();

  const std::vector<line_row>& rows() const { return rows_; }
  bool empty() const { return rows_.empty(); }

  // The row whose range holds address: the last row at or before it in the
  // sequence covering it. nullopt between sequences (after an end_sequence).
  std::optional<std::size_t> row_at(std::uint64_t address) const;
  // One past row i's range: the address of the next row with a higher address.
  std::uint64_t range_end(std::size_t i) const;
  // The first address after a function's prologue, for code [entry, end):
  // the first prologue_end row, else the first is_stmt row past entry (gdb's
  // "second line-table row"), else entry.
  std::uint64_t prologue_end(std::uint64_t entry, std::uint64_t end) const;
  // True when row i is the first of a sequence.
  bool starts_sequence(std::size_t i) const { return i == 0 || rows_[i - 1].ends_sequence(); }

 private:
  struct sequence {
    std::uint64_t low = 0, high = 0;
    std::uint32_t first = 0, end = 0;  // row indices, end exclusive
  };
  std::vector<line_row> rows_;
  std::vector<sequence> sequences_;
  std::size_t sorted_sequences_ = 0;
};

}  // namespace int3::dwarf
