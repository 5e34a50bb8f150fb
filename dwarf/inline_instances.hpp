#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "dwarf/address.hpp"
#include "dwarf/debug_info.hpp"
#include "dwarf/function_names.hpp"

namespace int3::dwarf {

// One place where the compiler inlined a function (DW_TAG_inlined_subroutine).
struct inline_instance {
  std::string name;          // qualified: from the demangled linkage name, else DW_AT_name
  std::string linkage_name;  // of the inlined function ("" for C)
  file_addr entry;           // DW_AT_entry_pc, else the lowest address of its code
};

class libdwarf_session;

// Inlined copies of functions, by name: what a function breakpoint needs
// besides the out-of-line copies debug_info knows. Finding them walks a
// unit's DIEs, so units are added as a search needs them (program_index),
// never at load.
class inline_instances {
 public:
  // Adds the inlined calls in the unit whose DW_TAG_compile_unit DIE is at
  // `unit_die_offset`. Throws dwarf::error for DWARF libdwarf calls corrupt.
  void read_unit(const libdwarf_session& s, std::uint64_t unit_die_offset, unsigned version);

  std::vector<const inline_instance*> matching(const function_name_query& query) const;
  std::size_t size() const { return instances_.size(); }

  void add(inline_instance instance);

 private:
  std::vector<inline_instance> instances_;
  std::unordered_multimap<std::string, std::size_t> by_last_name_;
};

}  // namespace int3::dwarf
