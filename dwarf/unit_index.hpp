#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "dwarf/debug_info.hpp"
#include "dwarf/libdwarf_session.hpp"

namespace int3::dwarf {

// What one walk over a compile unit's scopes learns: the qualified scope of
// named DIEs, its global variables and its type definitions. Built on the
// first query that needs the unit (never at load); function bodies are not
// entered (scope_reader reads a function's; function_index knows which
// function holds a pc). The walk itself waits for the first question only
// it answers: a frame's blocks need the unit's version and base address,
// not every name of a unit full of standard-library templates.
class unit_index {
 public:
  // `files` maps DW_AT_decl_file numbers to file ids (empty for units load
  // did not record, such as type units).
  static std::unique_ptr<unit_index> build(const libdwarf_session& s, std::uint64_t die_offset,
                                           std::vector<std::uint32_t> files);

  std::uint64_t die_offset() const { return die_offset_; }
  unsigned version() const { return version_; }
  bool is_cxx() const { return is_cxx_; }
  std::uint64_t base_address() const { return base_; }  // DW_AT_low_pc, base of its lists
  std::optional<std::uint64_t> loclists_base() const { return loclists_base_; }
  // File id of a DW_AT_decl_file / DW_AT_call_file number; nullopt when unknown.
  std::optional<std::uint32_t> file(std::uint64_t number) const;

  // "geo::" for a DIE declared in namespace geo; "" at file scope and for
  // DIEs the walk does not record (function bodies).
  const std::string& scope_of(std::uint64_t die) const;

  // Variable DIEs with a location or constant at file or namespace scope.
  const std::vector<std::uint64_t>& globals() const {
    walk();
    return globals_;
  }
  // Named, complete struct/class/union/enum/typedef definitions: qualified
  // name (no "struct " keyword) and DIE.
  const std::vector<std::pair<std::string, std::uint64_t>>& type_definitions() const {
    walk();
    return types_;
  }

 private:
  class walker;
  // The walk, once; throws dwarf::error for corrupt DIEs (every time asked).
  void walk() const;

  const libdwarf_session* session_ = nullptr;
  mutable bool walked_ = false;

  std::uint64_t die_offset_ = 0;
  unsigned version_ = 0;
  bool is_cxx_ = false;
  std::uint64_t base_ = 0;
  std::optional<std::uint64_t> loclists_base_;
  std::vector<std::uint32_t> files_;
  mutable std::vector<std::string> prefixes_{""};
  mutable std::unordered_map<std::uint64_t, std::uint32_t> scope_;  // DIE -> prefixes_ index
  mutable std::vector<std::uint64_t> globals_;
  mutable std::vector<std::pair<std::string, std::uint64_t>> types_;
};

}  // namespace int3::dwarf
