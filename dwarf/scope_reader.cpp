#include "dwarf/scope_reader.hpp"

#include <libdwarf/dwarf.h>
#include <libdwarf/libdwarf.h>

#include <algorithm>
#include <unordered_set>

#include "dwarf/die_ranges.hpp"
#include "dwarf/die_values.hpp"
#include "dwarf/unit_index.hpp"

namespace int3::dwarf {

namespace {

// Deeper nesting than this only comes from malformed DWARF.
constexpr int max_scope_depth = 256;

void mark_shadowed(scope_frame& frame) {
  // Locals come innermost first and parameters last, so the first of a name
  // is the one in scope.
  std::unordered_set<std::string> seen;
  for (auto& v : frame.locals) v.is_shadowed = !seen.insert(v.name).second;
  for (auto& v : frame.parameters) v.is_shadowed = !seen.insert(v.name).second;
}

}  // namespace

bool function_scopes::node::holds(std::uint64_t pc) const {
  if (ranges.empty()) return true;
  return std::any_of(ranges.begin(), ranges.end(),
                     [pc](const address_range& r) { return r.contains({pc}); });
}

function_scopes function_scopes::read(const reader_context& ctx, std::uint64_t subprogram_die,
                                      std::string function_name, bool with_variables) {
  const auto& s = ctx.session();
  function_scopes out;
  auto die = die_at(s, subprogram_die);
  if (!die) return out;
  out.root_.what = node::kind::function;
  out.root_.function = std::move(function_name);
  out.frame_base_ = read_location(ctx, die.get(), DW_AT_frame_base);
  read_children(ctx, die.get(), out.root_, 0, with_variables);
  // An out-of-line copy of an inline function (O2) names its origin.
  if (!with_variables) return out;
  if (auto origin = die_reader(s, die.get()).reference(DW_AT_abstract_origin))
    order_parameters(ctx, *origin, out.root_);
  return out;
}

void function_scopes::read_children(const reader_context& ctx, Dwarf_Die die, node& into, int depth,
                                    bool with_variables) {
  if (depth > max_scope_depth) return;
  const auto& s = ctx.session();
  die_ptr child = die_reader(s, die).first_child();
  while (child) {
    die_reader c(s, child.get());
    switch (c.tag()) {
      case DW_TAG_formal_parameter:
        // Parameters belong to the function or inlined call, never a block.
        if (with_variables && into.what != node::kind::block) {
          if (auto v = read_variable(ctx, child.get())) into.parameters.push_back(std::move(*v));
        }
        break;
      case DW_TAG_variable:
        if (!with_variables) break;
        if (auto v = read_variable(ctx, child.get())) into.variables.push_back(std::move(*v));
        break;
      case DW_TAG_lexical_block:
      case DW_TAG_inlined_subroutine: {
        const auto& unit = ctx.unit_of(child.get());
        node n;
        n.ranges = read_die_ranges(s, child.get(), unit.version(), unit.base_address());
        if (c.tag() == DW_TAG_inlined_subroutine) {
          n.what = node::kind::inlined;
          if (auto origin = c.reference(DW_AT_abstract_origin))
            n.function = ctx.qualified_name(*origin);
          auto file = c.unsigned_value(DW_AT_call_file);
          auto line = c.unsigned_value(DW_AT_call_line);
          if (file && line) {
            if (auto path = ctx.file_path(unit, *file))
              n.call_site = source_location{
                  *path, static_cast<std::uint32_t>(*line),
                  static_cast<std::uint32_t>(c.unsigned_value(DW_AT_call_column).value_or(0))};
          }
          // An inlined call with no code left holds no pc.
          if (n.ranges.empty()) break;
        } else {
          n.what = node::kind::block;
        }
        read_children(ctx, child.get(), n, depth + 1, with_variables);
        if (with_variables && n.what == node::kind::inlined) {
          if (auto origin = c.reference(DW_AT_abstract_origin)) order_parameters(ctx, *origin, n);
        }
        into.children.push_back(std::move(n));
        break;
      }
      default:
        break;
    }
    child = c.next_sibling();
  }
}

void function_scopes::order_parameters(const reader_context& ctx, std::uint64_t origin, node& n) {
  // Concrete copies need not list parameters in declaration order (gcc
  // reverses inlined ones) and may drop those it optimised away: rebuild the
  // list in the abstract function's order, absent ones as optimized out.
  const auto& s = ctx.session();
  auto abstract = die_at(s, origin);
  if (!abstract) return;
  std::vector<stored_variable> ordered;
  die_ptr child = die_reader(s, abstract.get()).first_child();
  while (child) {
    die_reader c(s, child.get());
    if (c.tag() == DW_TAG_formal_parameter) {
      const auto offset = c.offset();
      auto it = std::find_if(n.parameters.begin(), n.parameters.end(),
                             [offset](const stored_variable& v) { return v.origin == offset; });
      if (it != n.parameters.end()) {
        ordered.push_back(std::move(*it));
        n.parameters.erase(it);
      } else if (auto v = read_variable(ctx, child.get())) {
        ordered.push_back(std::move(*v));
      }
    }
    child = c.next_sibling();
  }
  // Parameters without an origin (none expected) keep their place at the end.
  for (auto& v : n.parameters) ordered.push_back(std::move(v));
  n.parameters = std::move(ordered);
}

void function_scopes::collect(const node& n, std::uint64_t pc, std::vector<scope_frame>& frames,
                              std::vector<variable_info>& locals) const {
  // The innermost scope's variables go first: gather the nested block that
  // holds pc before this level's own.
  std::vector<variable_info> inner;
  for (const auto& child : n.children) {
    if (!child.holds(pc)) continue;
    if (child.what == node::kind::block) {
      collect(child, pc, frames, inner);
      continue;
    }
    scope_frame frame;
    frame.function = child.function;
    frame.is_inlined = true;
    frame.call_site = child.call_site;
    for (const auto& p : child.parameters) frame.parameters.push_back(p.at(pc));
    std::vector<variable_info> frame_locals;
    std::vector<scope_frame> deeper;
    collect(child, pc, deeper, frame_locals);
    frame.locals = std::move(frame_locals);
    mark_shadowed(frame);
    frames.insert(frames.end(), std::make_move_iterator(deeper.begin()),
                  std::make_move_iterator(deeper.end()));
    frames.push_back(std::move(frame));
  }
  locals.insert(locals.end(), std::make_move_iterator(inner.begin()),
                std::make_move_iterator(inner.end()));
  for (const auto& v : n.variables) locals.push_back(v.at(pc));
}

frame_scopes function_scopes::frame_at(std::uint64_t pc) const {
  frame_scopes out;
  auto base = frame_base_.at(pc);
  if (base.how == variable_location::kind::expression) out.frame_base = std::move(base.bytes);
  scope_frame concrete;
  concrete.function = root_.function;
  for (const auto& p : root_.parameters) concrete.parameters.push_back(p.at(pc));
  collect(root_, pc, out.frames, concrete.locals);
  mark_shadowed(concrete);
  out.frames.push_back(std::move(concrete));
  return out;
}

}  // namespace int3::dwarf
