#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dwarf/libdwarf_session.hpp"
#include "dwarf/variables.hpp"

namespace int3::dwarf {

class type_graph;
class unit_index;

// What the variable and scope readers need from the program around them;
// implemented by variable_index, which owns the caches.
class reader_context {
 public:
  virtual const libdwarf_session& session() const = 0;
  virtual type_graph& types() const = 0;
  virtual const unit_index& unit_of(Dwarf_Die die) const = 0;
  // .debug_loc / .debug_loclists bytes; throws dwarf::error when absent.
  virtual std::span<const std::byte> section(std::string_view name) const = 0;
  virtual std::optional<std::string> file_path(const unit_index& unit,
                                               std::uint64_t file_number) const = 0;
  // The qualified name of a DIE, following specification/abstract origin.
  virtual std::string qualified_name(std::uint64_t die) const = 0;

 protected:
  ~reader_context() = default;
};

// A location as read from the DIE, before a pc picks a list entry.
struct stored_location {
  struct entry {
    std::uint64_t low = 0, high = 0;
    bool is_default = false;
    std::vector<std::byte> expression;
  };
  variable_location fixed;  // expression, constant or optimized_out
  bool is_list = false;
  std::vector<entry> list;

  variable_location at(std::optional<std::uint64_t> pc) const;
};

struct stored_variable {
  variable_info info;  // location unset; see `where`
  stored_location where;
  std::uint64_t die = 0;     // the DIE read
  std::uint64_t origin = 0;  // its DW_AT_abstract_origin, 0 when none

  variable_info at(std::optional<std::uint64_t> pc) const {
    variable_info v = info;
    v.location = where.at(pc);
    return v;
  }
};

// Reads one DW_TAG_variable / DW_TAG_formal_parameter (or DW_TAG_member
// declaration target) with what its abstract origin or specification adds.
// nullopt for unnamed entries and for declarations without a location.
std::optional<stored_variable> read_variable(const reader_context& ctx, Dwarf_Die die);

// DW_AT_location / DW_AT_frame_base style attribute `at` of `die`.
stored_location read_location(const reader_context& ctx, Dwarf_Die die, std::uint16_t at);

}  // namespace int3::dwarf
