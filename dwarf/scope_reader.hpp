#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dwarf/debug_info.hpp"
#include "dwarf/variable_reader.hpp"

namespace int3::dwarf {

// The scopes of one concrete function as its DIE tree states them, read once
// and kept: lexical blocks and inlined calls with their pc ranges, and their
// variables with unresolved locations. frame_at picks what holds at a pc.
class function_scopes {
 public:
  // `with_variables` false: the blocks and inlined calls only (no
  // variable, so no type, is read).
  static function_scopes read(const reader_context& ctx, std::uint64_t subprogram_die,
                              std::string function_name, bool with_variables = true);

  frame_scopes frame_at(std::uint64_t pc) const;

 private:
  struct node {
    enum class kind { function, block, inlined } what = kind::function;
    std::vector<address_range> ranges;  // empty: wherever the parent is
    std::string function;               // function and inlined nodes
    std::optional<source_location> call_site;
    std::vector<stored_variable> parameters, variables;
    std::vector<node> children;

    bool holds(std::uint64_t pc) const;
  };
  static void read_children(const reader_context& ctx, Dwarf_Die die, node& into, int depth,
                            bool with_variables);
  static void order_parameters(const reader_context& ctx, std::uint64_t origin, node& n);
  void collect(const node& n, std::uint64_t pc, std::vector<scope_frame>& frames,
               std::vector<variable_info>& locals) const;

  node root_;
  stored_location frame_base_;
};

}  // namespace int3::dwarf
