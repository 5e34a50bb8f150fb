#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>

#include "dwarf/libdwarf_fwd.hpp"
#include "dwarf/line_header_check.hpp"

namespace int3::dwarf {

class elf_file;
class libdwarf_object_access;

// One libdwarf session over a file (dwarf_init_path .. dwarf_finish). Every
// libdwarf call goes through ok(), which turns DW_DLV_ERROR into dwarf::error
// with the file and the call named, and frees the Dwarf_Error.
class libdwarf_session {
 public:
  // nullptr when the file has no DWARF sections at all (DW_DLV_NO_ENTRY).
  static std::unique_ptr<libdwarf_session> open(const std::filesystem::path& path);
  // Reads `elf`'s sections in place (libdwarf_object_access); `elf` must
  // outlive the session.
  static std::unique_ptr<libdwarf_session> open(const elf_file& elf);
  ~libdwarf_session();
  libdwarf_session(const libdwarf_session&) = delete;
  libdwarf_session& operator=(const libdwarf_session&) = delete;

  Dwarf_Debug get() const { return dbg_; }
  const std::string& path() const { return path_; }

  // true for DW_DLV_OK, false for DW_DLV_NO_ENTRY; throws for DW_DLV_ERROR.
  // `err` is taken by reference so it is read after the call in the same
  // full expression has filled it (argument evaluation order is unspecified).
  bool ok(int rc, Dwarf_Error& err, const char* call) const;

  // The raw bytes of the sections a line-program header points into, for
  // check_line_header before libdwarf reads them: the same bytes libdwarf
  // reads through libdwarf_object_access (compressed sections inflated).
  const line_header_sections& line_sections() const;

 private:
  libdwarf_session(Dwarf_Debug dbg, std::string path);
  Dwarf_Debug dbg_;
  std::unique_ptr<libdwarf_object_access> access_;  // what dbg_ reads through
  const elf_file* borrowed_elf_ = nullptr;          // the open(elf_file) caller's
  std::string path_;
  std::unique_ptr<elf_file> elf_;  // when open(path) mapped the file itself
  mutable bool line_sections_read_ = false;
  mutable line_header_sections line_sections_;
};

struct die_deleter {
  void operator()(Dwarf_Die die) const;
};
using die_ptr = std::unique_ptr<std::remove_pointer_t<Dwarf_Die>, die_deleter>;

struct attribute_deleter {
  void operator()(Dwarf_Attribute a) const;
};
using attribute_ptr = std::unique_ptr<std::remove_pointer_t<Dwarf_Attribute>, attribute_deleter>;

// Small typed readers over one DIE; nullopt when the attribute is absent.
class die_reader {
 public:
  die_reader(const libdwarf_session& s, Dwarf_Die die) : s_(s), die_(die) {}

  std::uint16_t tag() const;
  std::uint64_t offset() const;  // global .debug_info offset
  attribute_ptr attribute(std::uint16_t at) const;
  std::optional<std::string> string(std::uint16_t at) const;
  std::optional<std::uint64_t> unsigned_value(std::uint16_t at) const;
  std::optional<std::uint64_t> reference(std::uint16_t at) const;  // global offset
  bool flag(std::uint16_t at) const;
  std::optional<std::uint64_t> low_pc() const;
  // DW_AT_high_pc as an address (an offset form is added to low).
  std::optional<std::uint64_t> high_pc(std::uint64_t low) const;

  // Children and siblings, owned.
  die_ptr first_child() const;
  die_ptr next_sibling() const;

 private:
  const libdwarf_session& s_;
  Dwarf_Die die_;
};

}  // namespace int3::dwarf
