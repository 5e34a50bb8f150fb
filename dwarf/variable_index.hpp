#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dwarf/debug_info.hpp"
#include "dwarf/file_table.hpp"
#include "dwarf/program_index.hpp"
#include "dwarf/range_map.hpp"
#include "dwarf/scope_reader.hpp"
#include "dwarf/variable_reader.hpp"

namespace int3::dwarf {

class elf_file;
class function_index;
class name_mentions;
struct name_pattern;
using name_groups = std::vector<std::vector<name_pattern>>;
class type_graph;
class unit_index;

// Variables, scopes and types of one program, all read lazily: load only
// records the unit list (program_index::units); the first query touching a
// unit walks that unit's scopes (unit_index), the first query in a function
// reads its body (function_scopes), and each type DIE is read once
// (type_graph). Lookups by name index the units that mention the name
// (name_mentions), each unit once; every unit when that cannot be told.
// Caches make const queries unsafe from several threads at once; int3
// queries from one thread.
class variable_index final : private reader_context {
 public:
  // `session` may be null (no DWARF): every query then finds nothing.
  // `mentions` (may be null: every unit is indexed) must outlive this.
  variable_index(const libdwarf_session* session, const std::vector<unit_record>& units,
                 const file_table& files, const function_index& functions,
                 const name_mentions* mentions);
  ~variable_index();
  variable_index(const variable_index&) = delete;
  variable_index& operator=(const variable_index&) = delete;

  std::optional<frame_scopes> scopes_at(file_addr pc) const;
  // Frames only, no variables (debug_info::inline_frames_at).
  std::optional<frame_scopes> inline_frames_at(file_addr pc) const;
  std::vector<variable_info> unit_globals(file_addr pc) const;
  std::vector<variable_info> globals_named(std::string_view name) const;
  const type_info* find_type(std::string_view name) const;
  const type_info* complete_type(const type_info* t) const;

 private:
  // Over the units indexed so far.
  struct name_index {
    std::unordered_multimap<std::string, std::uint64_t> globals;  // name -> unit offset
    std::unordered_multimap<std::string, std::uint64_t> types;    // qualified name -> DIE
    std::vector<bool> indexed;                                    // by records_ position
  };

  // reader_context
  const libdwarf_session& session() const override { return *s_; }
  type_graph& types() const override;
  const unit_index& unit_of(Dwarf_Die die) const override;
  std::span<const std::byte> section(std::string_view name) const override;
  std::optional<std::string> file_path(const unit_index& unit,
                                       std::uint64_t file_number) const override;
  std::string qualified_name(std::uint64_t die) const override;
  std::string qualified_name(std::uint64_t die, const unit_index* walked) const;

  const unit_index& unit(std::uint64_t die_offset) const;
  std::vector<const unit_index*> units_at(std::uint64_t pc) const;
  const std::vector<stored_variable>& globals_of(const unit_index& u) const;
  // The index, with every unit that may carry a name `wanted` describes in it.
  const name_index& names(const name_groups& wanted) const;
  void index_names(std::size_t record, name_index& index) const;

  const libdwarf_session* s_;
  const std::vector<unit_record>& records_;
  const file_table& files_;
  const function_index& functions_;
  const name_mentions* mentions_;

  mutable std::unique_ptr<type_graph> types_;
  mutable std::unordered_map<std::uint64_t, std::unique_ptr<unit_index>> units_;
  mutable std::optional<range_map<std::uint64_t>> spans_;  // code -> unit DIE
  mutable std::unordered_map<std::uint64_t, function_scopes> functions_read_;
  mutable std::unordered_map<std::uint64_t, function_scopes> frames_read_;  // no variables
  mutable std::unordered_map<std::uint64_t, std::vector<stored_variable>> globals_;
  mutable std::unique_ptr<name_index> names_;
  mutable std::unique_ptr<elf_file> elf_;  // for raw location-list sections
};

}  // namespace int3::dwarf
