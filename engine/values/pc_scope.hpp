#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dwarf/call_frame.hpp"
#include "dwarf/variables.hpp"

namespace int3::dwarf {
class debug_info;
}

namespace int3::engine {

class module;

// What DWARF says about the innermost frame at one code address, asked once
// and kept: a conditional breakpoint hit a hundred thousand times at one pc
// looks each name its condition uses up once. Names resolve on first use,
// in frame_variables::lookup's order (locals, arguments, the unit's
// globals, any unit's globals).
class pc_scope {
 public:
  pc_scope(const module& owner, std::uint64_t file_pc);

  const module& owner() const { return *owner_; }
  const dwarf::debug_info* debug() const { return debug_; }
  // DW_AT_frame_base of the function holding the pc; empty when none.
  std::span<const std::byte> frame_base() const;
  // The call-frame rules at the pc; nullopt when no CFI covers it.
  const std::optional<dwarf::unwind_row>& cfi_row() const { return row_; }
  // The variable `name` names at the pc; null when none does.
  const dwarf::variable_info* find(std::string_view name) const;
  // Among the innermost frame's locals and parameters only.
  const dwarf::variable_info* find_local(std::string_view name) const;

 private:
  const dwarf::variable_info* resolve(std::string_view name) const;

  const module* owner_;
  const dwarf::debug_info* debug_;
  std::uint64_t file_pc_;
  std::optional<dwarf::frame_scopes> scopes_;
  std::optional<dwarf::unwind_row> row_;
  mutable std::optional<std::vector<dwarf::variable_info>> unit_globals_;
  mutable std::deque<dwarf::variable_info> other_globals_;  // deque: found ones never move
  mutable std::map<std::string, const dwarf::variable_info*, std::less<>> names_;
};

// pc_scopes by module and address, across stops. An exec makes every
// entry stale (its types belong to the old image's DWARF): clear() then.
class pc_scope_cache {
 public:
  std::shared_ptr<const pc_scope> at(const module& owner, std::uint64_t file_pc);
  void clear() { entries_.clear(); }

 private:
  struct entry {
    // A module unloaded and another mapped where it was must not answer
    // with the first one's names.
    std::filesystem::path module_path;
    std::uint64_t load_bias = 0;
    std::shared_ptr<const pc_scope> scope;
  };
  std::map<std::pair<const module*, std::uint64_t>, entry> entries_;
};

}  // namespace int3::engine
