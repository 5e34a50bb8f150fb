#pragma once

#include <memory>

// libdwarf's object-interface struct, declared as libdwarf.h names it, so
// this header need not include libdwarf (tests/layering_test.sh).
struct Dwarf_Obj_Access_Interface_s;

namespace int3::dwarf {

class elf_file;

// Hands libdwarf the sections of an already mapped elf_file in place
// (dwarf_object_init_b) instead of letting it read the file again:
// dwarf_init_path copies every DWARF section it touches into the heap, which
// for a big C++ program is hundreds of MB read before the first breakpoint.
// Mapped, only the pages libdwarf actually reads are ever loaded.
// No relocations are applied: executables and shared objects need none.
class libdwarf_object_access {
 public:
  explicit libdwarf_object_access(const elf_file& elf);
  ~libdwarf_object_access();
  libdwarf_object_access(const libdwarf_object_access&) = delete;
  libdwarf_object_access& operator=(const libdwarf_object_access&) = delete;

  // Stays valid as long as this object: libdwarf keeps the pointer.
  Dwarf_Obj_Access_Interface_s* get();

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace int3::dwarf
