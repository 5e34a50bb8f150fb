#include "dwarf/program_index.hpp"

#include <libdwarf/dwarf.h>
#include <libdwarf/libdwarf.h>

#include <algorithm>
#include <optional>

#include "dwarf/address_ranges_section.hpp"
#include "dwarf/die_ranges.hpp"
#include "dwarf/die_values.hpp"
#include "dwarf/elf_file.hpp"
#include "dwarf/function_reader.hpp"
#include "dwarf/function_symbols.hpp"
#include "dwarf/libdwarf_session.hpp"
#include "dwarf/line_reader.hpp"
#include "dwarf/progress.hpp"

namespace int3::dwarf {

program_index::~program_index() = default;

std::unique_ptr<program_index> program_index::build(const elf_file& elf) {
  auto index = open(elf);
  index->load_all();
  return index;
}

std::unique_ptr<program_index> program_index::open(const elf_file& elf) {
  auto index = std::make_unique<program_index>();
  index->elf_ = &elf;
  index->session = libdwarf_session::open(elf);
  if (!index->session) return index;
  const auto& s = *index->session;
  std::uint64_t header_offset = 0;
  for (auto u = next_unit(s); u; header_offset = u->next_offset, u = next_unit(s)) {
    die_reader d(s, u->die.get());
    const auto tag = d.tag();
    // Type units carry no code. A split-DWARF skeleton keeps its line table
    // here (its DIEs live in the .dwo, which we do not read yet).
    if (tag != DW_TAG_compile_unit && tag != DW_TAG_partial_unit && tag != DW_TAG_skeleton_unit)
      continue;
    unit_record r;
    r.die_offset = d.offset();
    r.header_offset = header_offset;
    r.version = u->version;
    r.comp_dir = d.string(DW_AT_comp_dir).value_or("");
    if (auto base = d.attribute(DW_AT_str_offsets_base))
      r.str_offsets_base = offset_value(s, base.get());
    // dwarf_srcfiles reads the line table header only, not its program.
    r.files = read_cu_files(s, u->die.get(), u->version, r.comp_dir, index->files);
    const auto id = static_cast<std::uint32_t>(index->units.size());
    for (auto f : r.files)
      if (f != no_file) {
        auto& users = index->users_[f];
        if (users.empty() || users.back() != id) users.push_back(id);
      }
    index->units.push_back(std::move(r));
  }
  std::vector<mentioning_unit> mentioning;
  for (const auto& r : index->units) mentioning.push_back({r.header_offset, r.str_offsets_base});
  index->mentions = std::make_unique<name_mentions>(elf, std::move(mentioning));
  return index;
}

bool program_index::load_unit(std::size_t i) {
  auto& r = units[i];
  if (r.loaded || !session) return false;
  r.loaded = true;
  const auto& s = *session;
  auto die = die_at(s, r.die_offset);
  if (!die) return false;
  read_cu_lines(s, die.get(), r.comp_dir, files, lines);
  lines.finish();
  // A specification or abstract origin in another unit (DW_FORM_ref_addr)
  // is not followed: such a function takes its linkage or symbol name.
  function_reader reader(s, files);
  reader.read_cu(die.get(), r.version, r.files);
  reader.finish(functions, [this](file_addr entry) {
    auto sym = elf_->symbol_at(entry);
    return sym ? sym->name : std::string();
  });
  return true;
}

bool program_index::covers(std::uint64_t addr) const {
  return lines.row_at(addr).has_value() || functions.at(file_addr{addr}) != nullptr;
}

void program_index::map_unit_spans() {
  if (spans_mapped_ || !session) return;
  spans_mapped_ = true;
  std::unordered_map<std::uint64_t, std::uint32_t> by_header;
  for (std::uint32_t id = 0; id < units.size(); ++id)
    by_header.emplace(units[id].header_offset, id);
  if (auto aranges = elf_->section_data(".debug_aranges")) {
    for (const auto& r : read_address_ranges_section(*aranges)) {
      auto it = by_header.find(r.unit_offset);
      if (it == by_header.end()) continue;
      unit_spans_.add(address_range{{r.low}, {r.high}}, it->second);
      units[it->second].has_ranges = true;
    }
  }
  // clang and gcc -gno-aranges leave units out of .debug_aranges: ask
  // their DIEs.
  const auto& s = *session;
  for (std::uint32_t id = 0; id < units.size(); ++id) {
    auto& r = units[id];
    if (r.has_ranges) continue;
    auto die = die_at(s, r.die_offset);
    if (!die) continue;
    const auto base = die_reader(s, die.get()).low_pc().value_or(0);
    for (const auto& range : read_die_ranges(s, die.get(), r.version, base)) {
      if (range.low.value == 0) continue;  // code the linker discarded
      unit_spans_.add(range, id);
      r.has_ranges = true;
    }
  }
}

bool program_index::load_units_at(std::uint64_t addr) {
  if (all_loaded_ || covers(addr)) return false;
  map_unit_spans();
  bool read = false;
  std::vector<std::uint32_t> hits;
  unit_spans_.for_each_containing(
      addr, [&](const address_range&, std::uint32_t id) { hits.push_back(id); });
  for (auto id : hits) read |= load_unit(id);
  // A unit that does not say where its code is may hold any address.
  for (std::size_t i = 0; i < units.size(); ++i)
    if (!units[i].has_ranges) read |= load_unit(i);
  return read;
}

bool program_index::load_units_naming(const std::vector<std::uint32_t>& file_ids) {
  if (all_loaded_) return false;
  bool read = false;
  for (auto f : file_ids) {
    auto it = users_.find(f);
    if (it == users_.end()) continue;
    for (auto id : it->second) read |= load_unit(id);
  }
  return read;
}

bool program_index::load_units_of_symbol(std::string_view name) {
  if (all_loaded_ || elf_ == nullptr) return false;
  bool read = false;
  for (const auto& sym : elf_->symbols_named(name)) read |= load_units_at(sym.address.value);
  return read;
}

bool program_index::load_units_of_function(const function_name_query& query) {
  if (all_loaded_ || elf_ == nullptr) return false;
  bool read = false;
  for (const auto& sym : symbols_of_function(*elf_, query))
    read |= load_units_at(sym.address.value);
  return read;
}

void program_index::read_inlines_of_units_naming(const std::vector<std::string>& paths) {
  if (!session) return;
  auto walk = [&](std::uint32_t id) {
    auto& r = units[id];
    if (r.inlines_read) return;
    r.inlines_read = true;
    inlines.read_unit(*session, r.die_offset, r.version);
  };
  if (paths.empty()) {
    read_inlines_of(every_unit());
    return;
  }
  for (std::uint32_t f = 0; f < files.size(); ++f) {
    if (std::find(paths.begin(), paths.end(), files.path(f)) == paths.end()) continue;
    if (auto it = users_.find(f); it != users_.end())
      for (auto id : it->second) walk(id);
  }
}

std::vector<std::uint32_t> program_index::units_mentioning(const name_groups& names) const {
  if (mentions)
    if (auto found = mentions->units_mentioning(names)) return std::move(*found);
  return every_unit();
}

std::vector<std::uint32_t> program_index::every_unit() const {
  std::vector<std::uint32_t> every(units.size());
  for (std::uint32_t id = 0; id < every.size(); ++id) every[id] = id;
  return every;
}

bool program_index::load_units_mentioning(const name_groups& names) {
  if (all_loaded_) return false;
  auto ids = units_mentioning(names);
  if (ids.size() == units.size()) return load_all();
  std::erase_if(ids, [&](std::uint32_t id) { return units[id].loaded; });
  if (ids.empty()) return false;
  progress_scope progress("Reading the functions of the units naming it", ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    load_unit(ids[i]);
    progress.advance(i + 1);
  }
  return true;
}

void program_index::read_inlines_of_units_mentioning(const name_groups& names) {
  read_inlines_of(units_mentioning(names));
}

void program_index::read_inlines_of(std::vector<std::uint32_t> ids) {
  if (!session) return;
  std::erase_if(ids, [&](std::uint32_t id) { return units[id].inlines_read; });
  if (ids.empty()) return;
  progress_scope progress("Searching inlined functions", ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    auto& r = units[ids[i]];
    r.inlines_read = true;
    inlines.read_unit(*session, r.die_offset, r.version);
    progress.advance(i + 1);
  }
}

bool program_index::load_all() {
  if (all_loaded_) return false;
  bool read = false;
  progress_scope progress("Reading the functions of every compile unit", units.size());
  for (std::size_t i = 0; i < units.size(); ++i) {
    read |= load_unit(i);
    progress.advance(i + 1);
  }
  all_loaded_ = true;
  return read;
}

}  // namespace int3::dwarf
