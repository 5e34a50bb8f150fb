#include "dwarf/libdwarf_object_access.hpp"

#include <elf.h>
#include <libdwarf/libdwarf.h>

#include <string>

#include "dwarf/elf_file.hpp"
#include "dwarf/error.hpp"

namespace int3::dwarf {

namespace {

const elf_file& elf_of(void* self) {
  return *static_cast<const elf_file*>(self);
}

// Compressed sections (gcc -gz) are offered inflated; elf_file keeps the
// inflated copy, so the pointer libdwarf gets stays valid.
std::optional<std::span<const std::byte>> contents(const elf_file& elf,
                                                   const elf_file::section_header& h) {
  if (h.type == SHT_NOBITS || h.name.empty()) return std::nullopt;
  return elf.section_data(h.name);
}


int section_info(void* self, Dwarf_Half index, Dwarf_Obj_Access_Section* out, int* error) {
  const auto& elf = elf_of(self);
  if (index >= elf.section_count()) return DW_DLV_NO_ENTRY;
  const auto h = elf.section_at(index);
  *out = {};
  out->addr = h.address;
  out->type = h.type;
  out->link = h.link;
  out->info = h.info;
  out->entrysize = h.entry_size;
  // libdwarf matches sections by name and keeps the pointer: the names live
  // in the mapping, NUL-terminated there.
  out->name = h.name.empty() ? "" : h.name.data();
  out->size = h.size;
  // Only DWARF sections are ever loaded; their size must be what
  // load_section hands over, which for a compressed one is the inflated size.
  if (h.name.starts_with(".debug")) {
    try {
      auto data = contents(elf, h);
      out->size = data ? data->size() : 0;
    } catch (const dwarf::error&) {
      *error = DW_DLE_SECTION_SIZE_ERROR;
      return DW_DLV_ERROR;
    }
  }
  return DW_DLV_OK;
}

Dwarf_Endianness byte_order(void*) {
  return DW_OBJECT_LSB;
}
Dwarf_Small length_size(void*) {
  return 4;
}
Dwarf_Small pointer_size(void*) {
  return 8;
}
Dwarf_Unsigned section_count(void* self) {
  return elf_of(self).section_count();
}

int load_section(void* self, Dwarf_Half index, Dwarf_Small** data, int* error) {
  const auto& elf = elf_of(self);
  if (index >= elf.section_count()) return DW_DLV_NO_ENTRY;
  try {
    auto bytes = contents(elf, elf.section_at(index));
    if (!bytes) return DW_DLV_NO_ENTRY;
    // libdwarf only reads through this pointer (nothing is relocated).
    *data = reinterpret_cast<Dwarf_Small*>(const_cast<std::byte*>(bytes->data()));
    return DW_DLV_OK;
  } catch (const dwarf::error&) {
    *error = DW_DLE_SECTION_SIZE_ERROR;
    return DW_DLV_ERROR;
  }
}

}  // namespace

struct libdwarf_object_access::impl {
  Dwarf_Obj_Access_Methods methods{};
  Dwarf_Obj_Access_Interface interface{};
};

libdwarf_object_access::libdwarf_object_access(const elf_file& elf)
    : impl_(std::make_unique<impl>()) {
  auto& m = impl_->methods;
  m.get_section_info = &section_info;
  m.get_byte_order = &byte_order;
  m.get_length_size = &length_size;
  m.get_pointer_size = &pointer_size;
  m.get_section_count = &section_count;
  m.load_section = &load_section;
  m.relocate_a_section = nullptr;
  impl_->interface.object = const_cast<elf_file*>(&elf);
  impl_->interface.methods = &impl_->methods;
}

libdwarf_object_access::~libdwarf_object_access() = default;

Dwarf_Obj_Access_Interface_s* libdwarf_object_access::get() {
  return &impl_->interface;
}

}  // namespace int3::dwarf
