#include "dwarf/unit_index.hpp"

#include <libdwarf/dwarf.h>
#include <libdwarf/libdwarf.h>

#include "dwarf/die_values.hpp"
#include "dwarf/error.hpp"
#include "dwarf/line_reader.hpp"

namespace int3::dwarf {

namespace {

bool is_cxx_language(std::uint64_t lang) {
  switch (lang) {
    case DW_LANG_C_plus_plus:
    case DW_LANG_C_plus_plus_03:
    case DW_LANG_C_plus_plus_11:
    case DW_LANG_C_plus_plus_14:
    case DW_LANG_ObjC_plus_plus:
    case 0x2a:  // DW_LANG_C_plus_plus_17 (DWARF 6 draft, emitted by newer compilers)
    case 0x2b:  // DW_LANG_C_plus_plus_20
      return true;
    default:
      return false;
  }
}

}  // namespace

class unit_index::walker {
 public:
  walker(const libdwarf_session& s, unit_index& u) : s_(s), u_(u) {}

  void walk(Dwarf_Die parent, std::uint32_t prefix) {
    die_ptr child = die_reader(s_, parent).first_child();
    while (child) {
      visit(child.get(), prefix);
      child = die_reader(s_, child.get()).next_sibling();
    }
  }

 private:
  std::uint32_t intern(const std::string& prefix) {
    auto [it, added] = ids_.emplace(prefix, static_cast<std::uint32_t>(u_.prefixes_.size()));
    if (added) u_.prefixes_.push_back(prefix);
    return it->second;
  }
  void note(std::uint64_t die, std::uint32_t prefix) {
    if (prefix != 0) u_.scope_.emplace(die, prefix);
  }
  void add_type(const die_reader& d, std::uint32_t prefix, const std::optional<std::string>& name) {
    if (name && !d.flag(DW_AT_declaration))
      u_.types_.emplace_back(u_.prefixes_[prefix] + *name, d.offset());
  }

  // Function bodies are not entered: what is declared there has no
  // qualified name a user types, and which function holds a pc is the
  // function index's answer (function_reader read the unit already).
  void visit(Dwarf_Die die, std::uint32_t prefix) {
    die_reader d(s_, die);
    const auto tag = d.tag();
    switch (tag) {
      case DW_TAG_namespace: {
        auto name = d.string(DW_AT_name).value_or("(anonymous namespace)");
        walk(die, intern(u_.prefixes_[prefix] + name + "::"));
        break;
      }
      case DW_TAG_structure_type:
      case DW_TAG_class_type:
      case DW_TAG_union_type:
      case DW_TAG_interface_type: {
        auto name = d.string(DW_AT_name);
        note(d.offset(), prefix);
        add_type(d, prefix, name);
        // Anonymous aggregates do not open a scope of their own.
        walk(die, name ? intern(u_.prefixes_[prefix] + *name + "::") : prefix);
        break;
      }
      case DW_TAG_enumeration_type:
      case DW_TAG_typedef:
      case DW_TAG_base_type:
      case DW_TAG_unspecified_type:
        note(d.offset(), prefix);
        add_type(d, prefix, d.string(DW_AT_name));
        break;
      case DW_TAG_member:
      case DW_TAG_subprogram:
        note(d.offset(), prefix);
        break;
      case DW_TAG_variable: {
        const auto offset = d.offset();
        note(offset, prefix);
        if (d.attribute(DW_AT_location) || d.attribute(DW_AT_const_value))
          u_.globals_.push_back(offset);
        break;
      }
      default:
        break;
    }
  }

  const libdwarf_session& s_;
  unit_index& u_;
  std::unordered_map<std::string, std::uint32_t> ids_{{"", 0}};
};

std::unique_ptr<unit_index> unit_index::build(const libdwarf_session& s, std::uint64_t die_offset,
                                              std::vector<std::uint32_t> files) {
  auto die = die_at(s, die_offset);
  if (!die) error::send(s.path() + ": no compile unit at DIE offset " + std::to_string(die_offset));
  auto u = std::unique_ptr<unit_index>(new unit_index());
  die_reader d(s, die.get());
  u->die_offset_ = die_offset;
  Dwarf_Half version = 0, offset_size = 0;
  Dwarf_Error err = nullptr;
  s.ok(dwarf_get_version_of_die(die.get(), &version, &offset_size), err,
       "dwarf_get_version_of_die");
  u->version_ = version;
  u->is_cxx_ = is_cxx_language(d.unsigned_value(DW_AT_language).value_or(0));
  u->base_ = d.low_pc().value_or(0);
  if (auto a = d.attribute(DW_AT_loclists_base)) u->loclists_base_ = offset_value(s, a.get());
  u->files_ = std::move(files);
  u->session_ = &s;
  return u;
}

void unit_index::walk() const {
  if (walked_) return;
  auto die = die_at(*session_, die_offset_);
  if (!die)
    error::send(session_->path() + ": no compile unit at DIE offset " +
                std::to_string(die_offset_));
  try {
    walker(*session_, const_cast<unit_index&>(*this)).walk(die.get(), 0);
  } catch (...) {
    // No half-walked unit: the next question walks again (and fails again).
    prefixes_.assign(1, "");
    scope_.clear();
    globals_.clear();
    types_.clear();
    throw;
  }
  walked_ = true;
}

std::optional<std::uint32_t> unit_index::file(std::uint64_t number) const {
  if (number >= files_.size() || files_[number] == no_file) return std::nullopt;
  return files_[number];
}

const std::string& unit_index::scope_of(std::uint64_t die) const {
  walk();
  auto it = scope_.find(die);
  return it == scope_.end() ? prefixes_.front() : prefixes_[it->second];
}

}  // namespace int3::dwarf
