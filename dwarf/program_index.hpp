#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dwarf/file_table.hpp"
#include "dwarf/function_index.hpp"
#include "dwarf/inline_instances.hpp"
#include "dwarf/line_table.hpp"
#include "dwarf/name_mentions.hpp"
#include "dwarf/range_map.hpp"

namespace int3::dwarf {

class elf_file;
class libdwarf_session;

// What load records of each compile unit, so the lazy readers (lines,
// functions, variables, types) can return to it without iterating unit
// headers again.
struct unit_record {
  std::uint64_t die_offset = 0;     // of the DW_TAG_compile_unit DIE
  std::uint64_t header_offset = 0;  // of the unit header, as .debug_aranges names it
  unsigned version = 0;
  std::vector<std::uint32_t> files;  // DW_AT_decl_file number -> file id (read_cu_files)
  std::string comp_dir;
  std::optional<std::uint64_t> str_offsets_base;  // DWARF 5 DW_AT_str_offsets_base
  bool has_ranges = false;    // .debug_aranges or the unit DIE say where its code is
  bool loaded = false;        // its line table and functions are in the index
  bool inlines_read = false;  // its inlined calls are in program_index::inlines
};

// The tables built from one program's DWARF. Load reads unit headers and the
// file names of their line tables only (a big program has hundreds of MB of
// DWARF and a session needs a few units): a unit's line rows and functions
// are read on the first query that needs them, found by address (the unit
// DIE's ranges) or by file (its line table's file names).
struct program_index {
  // An empty index when the file has no DWARF. Throws dwarf::error when
  // libdwarf reports the DWARF corrupt. `elf` must outlive the index (it
  // names functions DWARF leaves unnamed, and finds functions by symbol).
  static std::unique_ptr<program_index> open(const elf_file& elf);
  // open() then load_all(): every unit read at once (tests compare whole tables).
  static std::unique_ptr<program_index> build(const elf_file& elf);
  ~program_index();

  // Each returns true when it read a unit not read before.
  bool load_units_at(std::uint64_t addr);
  bool load_units_naming(const std::vector<std::uint32_t>& file_ids);
  bool load_all();
  // Reads the units holding the ELF symbols called `name`: functions_named's
  // cheap path, before any name index exists.
  bool load_units_of_symbol(std::string_view name);
  // Reads the units holding the symbols of the functions `query` names
  // (function_symbols.hpp).
  bool load_units_of_function(const function_name_query& query);
  // Adds to `inlines` the inlined calls of the units whose line tables name
  // a file with one of `paths` (an inlined copy's code has rows in the file
  // of its function's body), or of every unit when `paths` is empty. Each
  // unit is walked once.
  void read_inlines_of_units_naming(const std::vector<std::string>& paths);
  // Reads the units that may carry a name `names` describes (name_mentions),
  // every unit when that cannot be told: functions_named's answer for a name
  // no ELF symbol carries.
  bool load_units_mentioning(const name_groups& names);
  // As read_inlines_of_units_naming, for the units that may carry `names`.
  void read_inlines_of_units_mentioning(const name_groups& names);

  file_table files;
  line_table lines;
  function_index functions;
  inline_instances inlines;
  std::vector<unit_record> units;
  // Kept open for lazy reading; dwarf_finish on destruction.
  std::unique_ptr<libdwarf_session> session;
  // Which units may carry a name; null when every unit is to be searched
  // (debug_info::load_searching_every_unit, what tests compare against).
  std::unique_ptr<name_mentions> mentions;

 private:
  bool load_unit(std::size_t i);
  // Whether the units read so far already answer for addr.
  bool covers(std::uint64_t addr) const;
  // The address -> unit map, built on the first address no read unit
  // answers for (a session that stops in one unit never builds it).
  void map_unit_spans();
  // Units `names` may be carried by, in order; every unit without mentions.
  std::vector<std::uint32_t> units_mentioning(const name_groups& names) const;
  std::vector<std::uint32_t> every_unit() const;
  // Walks the inlined calls of units `ids` not walked yet.
  void read_inlines_of(std::vector<std::uint32_t> ids);

  const elf_file* elf_ = nullptr;
  range_map<std::uint32_t> unit_spans_;  // code -> unit
  bool spans_mapped_ = false;
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> users_;  // file id -> units
  bool all_loaded_ = false;
};

}  // namespace int3::dwarf
