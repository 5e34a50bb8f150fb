#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "dwarf/debug_info.hpp"
#include "dwarf/file_table.hpp"
#include "dwarf/function_index.hpp"
#include "dwarf/line_table.hpp"

namespace int3::dwarf {

// Source line -> addresses (Delve's LineToPCs). Holds the is_stmt rows of
// every file sorted by (file, line, row) so a query touches one file only.
//
// Rules:
// - Files: the editor path matches a program file exactly (lexically
//   normalised), else after weakly_canonical on both sides (symlinks), else
//   by the longest common trailing run of path components (all files tied
//   at that length are used).
// - Line: the requested line if it has is_stmt rows, else the next line
//   below it that has. A slid-to address is dropped when its function is
//   declared after the requested line in the same file (lldb's rule): the
//   slide crossed into a function that starts below the request, so a line
//   between two functions, or in a function's tail with no code, does not
//   become a breakpoint in the next function.
// - Addresses: the first is_stmt address of each maximal run of consecutive
//   rows of that line (a for-loop header has two runs at -O0; an inlined
//   copy is another run). Runs are then measured against the function's
//   prologue_end: a run that starts inside the prologue gives its first
//   is_stmt address past it instead (gcc repeats a function's opening line
//   after the prologue, and stopping there shows a complete frame); a run
//   wholly inside the prologue is dropped when the function has another
//   address for the line, kept otherwise (one-line functions).
class source_index {
 public:
  source_index(const file_table& files, const line_table& lines, const function_index& functions);

  // Indexes the rows appended to the line table since the last call (units
  // are read lazily; rows are only ever appended).
  void update();

  // The file ids `path` names, by the rules above.
  std::vector<std::uint32_t> matching_files(std::string_view path) const;

  // Assumes the line tables of every unit naming a matching file are read.
  line_resolution resolve(std::string_view path, std::uint32_t line) const;

 private:
  struct stmt_ref {
    std::uint32_t file = 0;
    std::uint32_t line = 0;
    std::uint32_t row = 0;
    auto operator<=>(const stmt_ref&) const = default;
  };

  std::vector<file_addr> addresses_of(const std::vector<std::uint32_t>& files, std::uint32_t line,
                                      std::uint32_t requested) const;
  bool slid_into_later_function(const function_info& fn, const std::vector<std::uint32_t>& files,
                                std::uint32_t requested) const;

  const file_table& files_;
  const line_table& lines_;
  const function_index& functions_;
  std::vector<stmt_ref> stmts_;
  std::size_t indexed_rows_ = 0;
};

}  // namespace int3::dwarf
