#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "dwarf/file_table.hpp"
#include "dwarf/function_index.hpp"
#include "dwarf/libdwarf_session.hpp"

namespace int3::dwarf {

// Collects DW_TAG_subprogram DIEs CU by CU. Names are resolved only in
// finish(), because DW_AT_specification / DW_AT_abstract_origin may point to
// a DIE in a later unit.
class function_reader {
 public:
  function_reader(const libdwarf_session& s, file_table& files) : s_(s), files_(files) {}

  // cu_files maps DW_AT_decl_file numbers to file ids (see read_cu_files).
  void read_cu(Dwarf_Die cu_die, unsigned version, std::vector<std::uint32_t> cu_files);

  // Moves the functions into `out`. `fallback_name` names a function that
  // has no DWARF name at all (from the ELF symbol table).
  void finish(function_index& out, const std::function<std::string(file_addr)>& fallback_name);

 private:
  struct subprogram {
    std::string qualified, plain, linkage;
    std::optional<std::uint64_t> origin;  // specification or abstract origin
    std::uint32_t decl_file = ~std::uint32_t{0};
    std::uint32_t decl_line = 0;
  };
  struct concrete {
    std::uint64_t die = 0;  // .debug_info offset
    std::vector<address_range> ranges;
  };

  void walk_children(Dwarf_Die parent, const std::string& prefix);
  void visit(Dwarf_Die die, const std::string& prefix);
  void read_subprogram(Dwarf_Die die, const std::string& prefix);
  std::vector<address_range> code_ranges(Dwarf_Die die) const;

  const libdwarf_session& s_;
  file_table& files_;
  std::unordered_map<std::uint64_t, subprogram> subprograms_;  // by DIE offset
  std::vector<concrete> concretes_;
  // The unit being read.
  unsigned version_ = 0;
  std::uint64_t cu_base_ = 0;
  std::vector<std::uint32_t> cu_files_;
};

}  // namespace int3::dwarf
