#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "dwarf/file_table.hpp"
#include "dwarf/function_index.hpp"
#include "dwarf/line_table.hpp"

namespace int3::dwarf {

class elf_file;
class libdwarf_session;

// What load records of each compile unit, so the lazy readers (variables,
// types) can return to it without iterating unit headers again.
struct unit_record {
  std::uint64_t die_offset = 0;  // of the DW_TAG_compile_unit DIE
  unsigned version = 0;
  std::vector<std::uint32_t> files;  // DW_AT_decl_file number -> file id (read_cu_files)
};

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
  std::vector<unit_record> units;
  // Kept open so later (lazy) indexing can use it; dwarf_finish on destruction.
  std::unique_ptr<libdwarf_session> session;
};

}  // namespace int3::dwarf
