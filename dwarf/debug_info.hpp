#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dwarf/address.hpp"
#include "dwarf/source_location.hpp"
#include "dwarf/types.hpp"
#include "dwarf/variables.hpp"

namespace int3::dwarf {

class function_name_query;

class elf_file;

struct address_range {
  file_addr low;   // inclusive
  file_addr high;  // exclusive
  bool contains(file_addr a) const { return low <= a && a < high; }
};

// A concrete (out-of-line) function: DW_TAG_subprogram with code.
struct function_info {
  std::string name;  // qualified, demangled-looking name ("ns::cls::method"), else the linkage name
  std::string linkage_name;
  std::vector<address_range> ranges;  // from low/high pc or DW_AT_ranges
  file_addr entry;                    // DW_AT_low_pc or the first range's low
  std::optional<source_location> declaration;
  std::uint64_t die_offset = 0;  // of its concrete DW_TAG_subprogram DIE; 0 when not from DWARF
};

struct line_resolution {
  enum class status {
    ok,              // addresses non-empty
    no_debug_info,   // the program has no line tables at all
    file_not_found,  // no compile unit's line table names this file
    no_code,         // the file is known but no line at or after `line` has code
  };
  status result = status::no_code;
  std::string path;                  // the program's absolute name of the matched file
  std::uint32_t actual_line = 0;     // the line that got code (>= requested line)
  std::vector<file_addr> addresses;  // one per code range of that line (is_stmt rows)
};

// One row range of the line table: [address, end) belongs to line `line`.
struct line_entry {
  file_addr address;
  file_addr end;
  source_location location;
  bool is_stmt = true;
};

// Everything the engine asks of a program's DWARF. Indexed once, on load;
// queries never rescan the debug info.
class debug_info {
 public:
  // Never throws for a binary without debug info: has_line_info() says so.
  // Throws dwarf::error for a corrupt file libdwarf refuses.
  static std::unique_ptr<debug_info> load(const elf_file& elf);
  // As load, but a lookup by a name no ELF symbol carries reads every unit
  // rather than the units whose bytes mention the name (name_mentions.hpp):
  // the answer the filtered lookups are tested against.
  static std::unique_ptr<debug_info> load_searching_every_unit(const elf_file& elf);

  virtual ~debug_info() = default;

  virtual bool has_line_info() const = 0;

  // Editor path (absolute, maybe through symlinks or with "..") + 1-based line.
  // Matches files tolerantly: canonical path, then by path suffix.
  virtual line_resolution resolve_line(std::string_view path, std::uint32_t line) const = 0;

  // The line-table row range holding addr (the last row at or before it).
  virtual std::optional<line_entry> line_entry_at(file_addr addr) const = 0;
  std::optional<source_location> location_at(file_addr addr) const {
    auto e = line_entry_at(addr);
    if (!e) return std::nullopt;
    return e->location;
  }

  virtual const function_info* function_at(file_addr addr) const = 0;
  // By plain ("main") or qualified ("ns::f") name; every concrete copy.
  virtual std::vector<const function_info*> functions_named(std::string_view name) const = 0;
  // Every out-of-line function a user's name means (function_name_query):
  // reads only the units holding matching ELF symbols, every unit when no
  // symbol matches (a function that exists only inlined).
  virtual std::vector<const function_info*> functions_matching(
      const function_name_query& query) const = 0;
  // Entries of the inlined copies of what `query` names. Only units whose
  // line tables name the file of an `out_of_line` copy's body can hold one;
  // with none, every unit is searched (once).
  virtual std::vector<file_addr> inlined_entries(
      const function_name_query& query,
      const std::vector<const function_info*>& out_of_line) const = 0;
  // First address after the prologue: the prologue_end row, else the second
  // is_stmt row of the function, else its entry.
  virtual file_addr prologue_end(const function_info& fn) const = 0;

  // Variables and types (dwarf/variables.hpp, dwarf/types.hpp). Unlike the
  // above, nothing of this is read at load: the first query that touches a
  // compile unit reads what it needs from that unit and keeps it. Returned
  // type_info pointers live as long as this debug_info. These throw
  // dwarf::error when the DIEs they read are corrupt.

  // Parameters, locals and inlined calls of the function holding pc, with
  // locations resolved for pc; nullopt when no function with DWARF holds it.
  virtual std::optional<frame_scopes> scopes_at(file_addr pc) const = 0;
  // The same frames (function names, inlined calls and their call sites)
  // without any variable: what a stack trace shows. Reading a frame's
  // variables reads their types, milliseconds for a function with many
  // standard containers; a backtrace needs none of it.
  virtual std::optional<frame_scopes> inline_frames_at(file_addr pc) const { return scopes_at(pc); }
  // File-scope and namespace-scope variables (globals and statics) of the
  // compile unit holding pc, with qualified names.
  virtual std::vector<variable_info> unit_globals(file_addr pc) const = 0;
  // Global variables of every unit named `name`, qualified ("geo::count") or
  // by their last component ("count"); exact matches first. Builds a name
  // index over all units on first use.
  virtual std::vector<variable_info> globals_named(std::string_view name) const = 0;
  // A complete struct/class/union/enum/typedef definition by qualified name;
  // C tags may be given with their keyword ("struct point"). nullptr if none.
  virtual const type_info* find_type(std::string_view name) const = 0;
  // `t`, or for a declaration (type_info::is_declaration; clang emits many)
  // the definition of the same name another unit holds, when there is one.
  virtual const type_info* complete_type(const type_info* t) const = 0;
};

}  // namespace int3::dwarf
