#include "dwarf/function_reader.hpp"

#include <libdwarf/dwarf.h>
#include <libdwarf/libdwarf.h>

#include "dwarf/die_ranges.hpp"
#include "dwarf/line_reader.hpp"

namespace int3::dwarf {

namespace {

std::string scope_name(std::uint16_t tag, const std::optional<std::string>& name) {
  if (name) return *name;
  return tag == DW_TAG_namespace ? "(anonymous namespace)" : "";
}

}  // namespace

void function_reader::read_cu(Dwarf_Die cu_die, unsigned version,
                              std::vector<std::uint32_t> cu_files) {
  version_ = version;
  cu_files_ = std::move(cu_files);
  // The base that DWARF 4 range lists (and DWARF 5 offset pairs) start from.
  cu_base_ = die_reader(s_, cu_die).low_pc().value_or(0);
  walk_children(cu_die, "");
}

void function_reader::walk_children(Dwarf_Die parent, const std::string& prefix) {
  die_ptr child = die_reader(s_, parent).first_child();
  while (child) {
    visit(child.get(), prefix);
    child = die_reader(s_, child.get()).next_sibling();
  }
}

void function_reader::visit(Dwarf_Die die, const std::string& prefix) {
  die_reader d(s_, die);
  const auto tag = d.tag();
  switch (tag) {
    case DW_TAG_subprogram:
      read_subprogram(die, prefix);
      break;
    case DW_TAG_namespace:
    case DW_TAG_class_type:
    case DW_TAG_structure_type:
    case DW_TAG_union_type:
    case DW_TAG_interface_type: {
      // Members defined out of line point back here through DW_AT_specification,
      // so these scopes give them their qualified names.
      auto name = scope_name(tag, d.string(DW_AT_name));
      walk_children(die, name.empty() ? prefix : prefix + name + "::");
      break;
    }
    case DW_TAG_lexical_block:
      walk_children(die, prefix);
      break;
    default:
      break;
  }
}

void function_reader::read_subprogram(Dwarf_Die die, const std::string& prefix) {
  die_reader d(s_, die);
  subprogram sp;
  if (auto name = d.string(DW_AT_name)) {
    sp.plain = *name;
    sp.qualified = prefix + *name;
  }
  sp.linkage = d.string(DW_AT_linkage_name).value_or("");
  if (sp.linkage.empty()) sp.linkage = d.string(DW_AT_MIPS_linkage_name).value_or("");
  sp.origin = d.reference(DW_AT_specification);
  if (!sp.origin) sp.origin = d.reference(DW_AT_abstract_origin);
  if (auto file = d.unsigned_value(DW_AT_decl_file); file && *file < cu_files_.size())
    sp.decl_file = cu_files_[*file];
  sp.decl_line = static_cast<std::uint32_t>(d.unsigned_value(DW_AT_decl_line).value_or(0));
  const auto offset = d.offset();

  if (!d.flag(DW_AT_declaration)) {
    auto ranges = code_ranges(die);
    // Discarded copies (COMDAT, --gc-sections) are relocated to address 0.
    if (!ranges.empty() && ranges.front().low.value != 0)
      concretes_.push_back({offset, std::move(ranges)});
  }
  const std::string child_prefix = sp.qualified.empty() ? prefix : sp.qualified + "::";
  subprograms_.emplace(offset, std::move(sp));
  // Nested scopes: local classes, lambdas, GNU C nested functions.
  walk_children(die, child_prefix);
}

std::vector<address_range> function_reader::code_ranges(Dwarf_Die die) const {
  return read_die_ranges(s_, die, version_, cu_base_);
}

void function_reader::finish(function_index& out,
                             const std::function<std::string(file_addr)>& fallback_name) {
  for (auto& c : concretes_) {
    function_info fn;
    std::string plain;
    std::uint32_t decl_file = no_file, decl_line = 0;
    // Follow specification / abstract-origin links; the first DIE that has
    // each piece supplies it. The depth bound guards against reference cycles.
    auto it = subprograms_.find(c.die);
    for (int depth = 0; depth < 16 && it != subprograms_.end(); ++depth) {
      const subprogram& sp = it->second;
      if (fn.name.empty() && !sp.qualified.empty()) {
        fn.name = sp.qualified;
        plain = sp.plain;
      }
      if (fn.linkage_name.empty()) fn.linkage_name = sp.linkage;
      if (decl_line == 0 && sp.decl_file != no_file && sp.decl_line != 0) {
        decl_file = sp.decl_file;
        decl_line = sp.decl_line;
      }
      if (!sp.origin) break;
      it = subprograms_.find(*sp.origin);
    }
    fn.die_offset = c.die;
    fn.ranges = std::move(c.ranges);
    fn.entry = fn.ranges.front().low;
    if (fn.name.empty()) fn.name = fn.linkage_name;
    if (fn.name.empty()) fn.name = fallback_name(fn.entry);
    if (decl_line != 0) fn.declaration = source_location{files_.path(decl_file), decl_line, 0};
    out.add(std::move(fn), std::move(plain));
  }
  concretes_.clear();
  subprograms_.clear();
  out.finish();
}

}  // namespace int3::dwarf
