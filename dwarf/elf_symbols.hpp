#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dwarf/elf_file.hpp"

namespace int3::dwarf {

// Function symbols of one symbol table. A big C++ program has hundreds of
// thousands of them with long mangled names, and most sessions ask for a
// handful: the address order is built on the first symbol_at, the name index
// on the first symbols_named, never at load.
class symbol_table {
 public:
  symbol_table() = default;
  // `symbols` holds Elf64_Sym entries, `strings` their string table; both
  // are views into the file mapping, which outlives this table.
  symbol_table(std::span<const std::byte> symbols, std::span<const std::byte> strings);

  std::optional<elf_symbol> symbol_at(file_addr addr) const;
  std::vector<elf_symbol> symbols_named(std::string_view name) const;
  // Function symbols whose name contains `fragment`, in address order: a
  // scan, for what no name index keys (a name inside a mangled one).
  std::vector<elf_symbol> symbols_containing(std::string_view fragment) const;
  // Whether the table holds any function symbol at all.
  bool empty() const { return !has_functions_; }

 private:
  struct entry {
    std::string_view name;
    std::uint64_t address = 0;
    std::uint64_t size = 0;
    unsigned char rank = 0;  // binding: global before weak before local
  };
  // Built on first need; behind a pointer so the table stays movable.
  struct lazy {
    std::once_flag entries_once, address_once, name_once;
    std::vector<entry> entries;  // in address order once address_once ran
    // Running maximum of entry ends over entries, so a lookup knows when
    // walking further back cannot find an enclosing symbol.
    std::vector<std::uint64_t> max_end;
    std::unordered_multimap<std::string_view, std::uint32_t> by_name;
  };
  static elf_symbol to_symbol(const entry& e) { return {std::string(e.name), {e.address}, e.size}; }
  void read_entries() const;
  void sort_by_address() const;
  void index_names() const;

  std::span<const std::byte> symbols_, strings_;
  bool has_functions_ = false;
  std::unique_ptr<lazy> lazy_ = std::make_unique<lazy>();
};

}  // namespace int3::dwarf
