#pragma once

#include <memory>

#include "dwarf/file_table.hpp"
#include "dwarf/function_index.hpp"
#include "dwarf/line_table.hpp"

namespace int3::dwarf {

class elf_file;
class libdwarf_session;

// The tables built from one program's DWARF: files, line rows, functions.
// Built eagerly, one compile unit at a time (index_cu); a lazy variant would
// keep the CU list and index a unit on the first query that needs it.
struct program_index {
  // An empty index when the file has no DWARF. Throws dwarf::error when
  // libdwarf reports the DWARF corrupt.
  static std::unique_ptr<program_index> build(const elf_file& elf);
  ~program_index();

  file_table files;
  line_table lines;
  function_index functions;
  // Kept open so later (lazy) indexing can use it; dwarf_finish on destruction.
  std::unique_ptr<libdwarf_session> session;
};

}  // namespace int3::dwarf
