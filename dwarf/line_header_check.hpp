#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace int3::dwarf {

// The sections a line-program header may point into.
struct line_header_sections {
  std::span<const std::byte> debug_line;
  std::span<const std::byte> debug_str;       // DW_FORM_strp targets
  std::span<const std::byte> debug_line_str;  // DW_FORM_line_strp targets
};

// Checks the line-program header at `offset` in .debug_line before libdwarf
// reads it: libdwarf 20210528 trusts directory indexes, entry counts and
// string offsets and reads wild on a corrupt header (found by fuzzing).
// Throws dwarf::error naming `who` and the first problem; returns normally
// only when every length, count, index and string offset stays inside the
// unit, its header and the string sections.
void check_line_header(const line_header_sections& sections, std::uint64_t offset,
                       const std::string& who);

}  // namespace int3::dwarf
