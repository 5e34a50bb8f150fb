#include "dwarf/inline_instances.hpp"

#include <libdwarf/dwarf.h>
#include <libdwarf/libdwarf.h>

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "dwarf/die_ranges.hpp"
#include "dwarf/die_values.hpp"
#include "dwarf/libdwarf_session.hpp"

namespace int3::dwarf {

namespace {

struct origin_names {
  std::string name;
  std::string linkage;
};

class inline_walker {
 public:
  inline_walker(const libdwarf_session& s, inline_instances& out) : s_(s), out_(out) {}

  void read_unit(std::uint64_t unit_die_offset, unsigned version) {
    auto unit = die_at(s_, unit_die_offset);
    if (!unit) return;
    version_ = version;
    die_reader d(s_, unit.get());
    auto tag = d.tag();
    if (tag != DW_TAG_compile_unit && tag != DW_TAG_partial_unit) return;
    unit_base_ = d.low_pc().value_or(0);
    walk_children(unit.get());
  }

 private:
  void walk_children(Dwarf_Die parent) {
    die_ptr child = die_reader(s_, parent).first_child();
    while (child) {
      visit(child.get());
      child = die_reader(s_, child.get()).next_sibling();
    }
  }

  void visit(Dwarf_Die die) {
    switch (die_reader(s_, die).tag()) {
      case DW_TAG_inlined_subroutine:
        record(die);
        walk_children(die);
        break;
      // Only these can hold code, and so inlined calls.
      case DW_TAG_subprogram:
      case DW_TAG_lexical_block:
      case DW_TAG_namespace:
      case DW_TAG_class_type:
      case DW_TAG_structure_type:
      case DW_TAG_union_type:
        walk_children(die);
        break;
      default:
        break;
    }
  }

  void record(Dwarf_Die die) {
    die_reader d(s_, die);
    auto origin = d.reference(DW_AT_abstract_origin);
    if (!origin) return;
    auto ranges = read_die_ranges(s_, die, version_, unit_base_);
    ranges.erase(std::remove_if(ranges.begin(), ranges.end(),
                                [](const address_range& r) { return r.low.value == 0; }),
                 ranges.end());
    if (ranges.empty()) return;  // optimised away entirely: nowhere to stop
    auto lowest = std::min_element(ranges.begin(), ranges.end(),
                                   [](const auto& a, const auto& b) { return a.low < b.low; });
    file_addr entry = entry_pc(die, lowest->low.value).value_or(lowest->low);
    const auto& names = names_of(*origin);
    if (names.name.empty()) return;
    out_.add(inline_instance{names.name, names.linkage, entry});
  }

  std::optional<file_addr> entry_pc(Dwarf_Die die, std::uint64_t low) {
    die_reader d(s_, die);
    auto attr = d.attribute(DW_AT_entry_pc);
    if (!attr) return std::nullopt;
    // DWARF 5 lets a constant be an offset from the instance's base.
    if (is_constant_form(form_of(s_, attr.get()))) {
      auto offset = constant_value(s_, attr.get(), false);
      if (!offset) return std::nullopt;
      return file_addr{low + *offset};
    }
    Dwarf_Addr address = 0;
    Dwarf_Error err = nullptr;
    if (!s_.ok(dwarf_formaddr(attr.get(), &address, &err), err, "dwarf_formaddr"))
      return std::nullopt;
    return file_addr{address};
  }

  // The inlined function's names, through DW_AT_abstract_origin and
  // DW_AT_specification to the declaration that carries them.
  const origin_names& names_of(std::uint64_t offset) {
    if (auto it = cache_.find(offset); it != cache_.end()) return it->second;
    origin_names names;
    std::string plain;
    auto at = offset;
    for (int hops = 0; hops < 8; ++hops) {
      auto die = die_at(s_, at);
      if (!die) break;
      die_reader d(s_, die.get());
      if (plain.empty()) plain = d.string(DW_AT_name).value_or("");
      if (names.linkage.empty()) {
        names.linkage = d.string(DW_AT_linkage_name).value_or("");
        if (names.linkage.empty()) names.linkage = d.string(DW_AT_MIPS_linkage_name).value_or("");
      }
      auto next = d.reference(DW_AT_specification);
      if (!next) next = d.reference(DW_AT_abstract_origin);
      if (!next || *next == at) break;
      at = *next;
    }
    auto demangled = demangle(names.linkage);
    names.name = demangled.empty() ? plain : strip_signature(demangled);
    return cache_.emplace(offset, std::move(names)).first->second;
  }

  const libdwarf_session& s_;
  inline_instances& out_;
  unsigned version_ = 0;
  std::uint64_t unit_base_ = 0;
  std::unordered_map<std::uint64_t, origin_names> cache_;
};

}  // namespace

void inline_instances::read_unit(const libdwarf_session& s, std::uint64_t unit_die_offset,
                                 unsigned version) {
  inline_walker(s, *this).read_unit(unit_die_offset, version);
}

void inline_instances::add(inline_instance instance) {
  auto parts = split_qualified(instance.name);
  function_name_query key(parts.empty() ? instance.name : parts.back());
  by_last_name_.emplace(key.last_name(), instances_.size());
  instances_.push_back(std::move(instance));
}

std::vector<const inline_instance*> inline_instances::matching(
    const function_name_query& query) const {
  std::vector<const inline_instance*> out;
  auto [first, last] = by_last_name_.equal_range(query.last_name());
  for (auto it = first; it != last; ++it) {
    const auto& instance = instances_[it->second];
    if (query.matches(instance.name, instance.linkage_name)) out.push_back(&instance);
  }
  return out;
}

}  // namespace int3::dwarf
