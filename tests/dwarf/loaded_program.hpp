#pragma once

#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "dwarf/debug_info.hpp"
#include "dwarf/elf_file.hpp"

namespace int3::test {

// A program's debug info as the adapter opens it (read lazily), or with
// every unit read before the first question: the answers tests compare.
struct loaded_program {
  std::unique_ptr<dwarf::elf_file> elf;
  std::unique_ptr<dwarf::debug_info> info;
};

inline loaded_program load_program(const std::string& path, bool everything) {
  loaded_program l;
  l.elf = dwarf::elf_file::open(path);
  l.info = everything ? dwarf::debug_info::load_searching_every_unit(*l.elf)
                      : dwarf::debug_info::load(*l.elf);
  // Searching every unit, a name no symbol carries reads them all.
  if (everything) CHECK(l.info->functions_named("no such function, anywhere").empty());
  return l;
}

}  // namespace int3::test
