#pragma once

#include <filesystem>
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

// Every inlined copy of every function in a program, by name: what a
// function breakpoint needs besides the out-of-line copies debug_info
// knows. Reading it walks every DIE of every unit once, so it is built on
// the first function breakpoint, not at load.
class inline_instances {
 public:
  // Empty for a file without DWARF. Throws dwarf::error for DWARF libdwarf
  // calls corrupt.
  static std::unique_ptr<inline_instances> read(const std::filesystem::path& elf_path);

  std::vector<const inline_instance*> matching(const function_name_query& query) const;
  std::size_t size() const { return instances_.size(); }

  void add(inline_instance instance);

 private:
  std::vector<inline_instance> instances_;
  std::unordered_multimap<std::string, std::size_t> by_last_name_;
};

}  // namespace int3::dwarf
