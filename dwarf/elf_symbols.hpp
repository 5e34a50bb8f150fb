#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "dwarf/elf_file.hpp"

namespace int3::dwarf {

// Function symbols of one symbol table, sorted once by address and by name.
// Names are views into the file mapping, which outlives this table.
class symbol_table {
 public:
  symbol_table() = default;
  // `symbols` holds Elf64_Sym entries, `strings` their string table.
  symbol_table(std::span<const std::byte> symbols, std::span<const std::byte> strings);

  std::optional<elf_symbol> symbol_at(file_addr addr) const;
  std::vector<elf_symbol> symbols_named(std::string_view name) const;
  bool empty() const { return by_address_.empty(); }

 private:
  struct entry {
    std::string_view name;
    std::uint64_t address = 0;
    std::uint64_t size = 0;
    unsigned char binding = 0;
  };
  static elf_symbol to_symbol(const entry& e) { return {std::string(e.name), {e.address}, e.size}; }

  std::vector<entry> by_address_;
  // Running maximum of entry ends over by_address_, so a lookup knows when
  // walking further back cannot find an enclosing symbol.
  std::vector<std::uint64_t> max_end_;
  std::vector<std::uint32_t> by_name_;  // indices into by_address_
};

}  // namespace int3::dwarf
