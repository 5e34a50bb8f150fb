#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dwarf/address.hpp"

namespace int3::dwarf {

struct elf_symbol {
  std::string name;  // as in the symbol table (mangled for C++)
  file_addr address;
  std::uint64_t size = 0;
};

// One ELF64 file, mapped read-only. Sections are views into the mapping, so
// nothing is copied until someone asks for it.
class elf_file {
 public:
  // Throws dwarf::error with a sentence a person understands: the file does
  // not exist, is not an ELF file, is 32-bit, is truncated.
  static std::unique_ptr<elf_file> open(const std::filesystem::path& path);

  ~elf_file();
  elf_file(const elf_file&) = delete;
  elf_file& operator=(const elf_file&) = delete;

  const std::filesystem::path& path() const { return path_; }
  bool is_pie() const;            // e_type == ET_DYN
  file_addr entry() const;        // e_entry
  std::uint16_t machine() const;  // e_machine (EM_X86_64 = 62)

  // Section contents by name (".debug_info", ".eh_frame"); nullopt when absent.
  std::optional<std::span<const std::byte>> section_data(std::string_view name) const;
  // Section headers in file order, for readers that walk them all
  // (libdwarf's object interface). Index 0 is the null section.
  struct section_header {
    std::string_view name;
    std::uint32_t type = 0;
    std::uint64_t address = 0, size = 0, link = 0, info = 0, entry_size = 0;
  };
  std::size_t section_count() const;
  section_header section_at(std::size_t index) const;

  // The link-time address of a section, for .eh_frame pc-relative encodings.
  std::optional<file_addr> section_address(std::string_view name) const;

  // From .symtab, else .dynsym: the function symbol whose [address, address+size)
  // holds addr (size-0 symbols count for their own address only).
  std::optional<elf_symbol> symbol_at(file_addr addr) const;
  std::vector<elf_symbol> symbols_named(std::string_view name) const;
  std::vector<elf_symbol> symbols_containing(std::string_view fragment) const;

 private:
  elf_file() = default;
  struct impl;
  std::filesystem::path path_;
  std::unique_ptr<impl> impl_;
};

}  // namespace int3::dwarf
