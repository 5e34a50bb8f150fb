#include "dwarf/program_index.hpp"

#include <libdwarf/dwarf.h>
#include <libdwarf/libdwarf.h>

#include <optional>

#include "dwarf/elf_file.hpp"
#include "dwarf/function_reader.hpp"
#include "dwarf/libdwarf_session.hpp"
#include "dwarf/line_reader.hpp"

namespace int3::dwarf {

namespace {

struct unit {
  die_ptr die;
  unsigned version = 0;
};

std::optional<unit> next_unit(const libdwarf_session& s) {
  Dwarf_Unsigned header_length = 0, type_offset = 0, next_offset = 0;
  Dwarf_Half version = 0, address_size = 0, length_size = 0, extension_size = 0, unit_type = 0;
  Dwarf_Off abbrev_offset = 0;
  Dwarf_Sig8 signature{};
  Dwarf_Error err = nullptr;
  if (!s.ok(dwarf_next_cu_header_d(s.get(), true, &header_length, &version, &abbrev_offset,
                                   &address_size, &length_size, &extension_size, &signature,
                                   &type_offset, &next_offset, &unit_type, &err),
            err, "dwarf_next_cu_header_d"))
    return std::nullopt;
  Dwarf_Die die = nullptr;
  // A null die asks for the first DIE of the unit just entered.
  if (!s.ok(dwarf_siblingof_b(s.get(), nullptr, true, &die, &err), err, "dwarf_siblingof_b"))
    return std::nullopt;
  return unit{die_ptr(die), version};
}

void index_cu(const libdwarf_session& s, const unit& u, program_index& index,
              function_reader& functions) {
  die_reader d(s, u.die.get());
  const auto tag = d.tag();
  // Type units carry no code. A split-DWARF skeleton keeps its line table
  // here (its DIEs live in the .dwo, which we do not read yet).
  if (tag != DW_TAG_compile_unit && tag != DW_TAG_partial_unit && tag != DW_TAG_skeleton_unit)
    return;
  const std::string comp_dir = d.string(DW_AT_comp_dir).value_or("");
  read_cu_lines(s, u.die.get(), comp_dir, index.files, index.lines);
  auto files = read_cu_files(s, u.die.get(), u.version, comp_dir, index.files);
  index.units.push_back({d.offset(), u.version, files});
  functions.read_cu(u.die.get(), u.version, std::move(files));
}

}  // namespace

program_index::~program_index() = default;

std::unique_ptr<program_index> program_index::build(const elf_file& elf) {
  auto index = std::make_unique<program_index>();
  index->session = libdwarf_session::open(elf.path());
  if (index->session) {
    const auto& s = *index->session;
    function_reader functions(s, index->files);
    while (auto u = next_unit(s)) index_cu(s, *u, *index, functions);
    functions.finish(index->functions, [&elf](file_addr entry) {
      auto sym = elf.symbol_at(entry);
      return sym ? sym->name : std::string();
    });
  }
  index->lines.finish();
  return index;
}

}  // namespace int3::dwarf
