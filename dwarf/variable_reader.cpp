#include "dwarf/variable_reader.hpp"

#include <libdwarf/dwarf.h>
#include <libdwarf/libdwarf.h>

#include <cstring>

#include "dwarf/die_values.hpp"
#include "dwarf/error.hpp"
#include "dwarf/expression_ops.hpp"
#include "dwarf/location_list.hpp"
#include "dwarf/type_reader.hpp"
#include "dwarf/unit_index.hpp"

namespace int3::dwarf {

namespace {

// Origin chains are short; the bound only stops malformed cycles.
constexpr int max_origin_depth = 16;

bool is_string_form(std::uint16_t form) {
  switch (form) {
    case DW_FORM_string:
    case DW_FORM_strp:
    case DW_FORM_line_strp:
    case DW_FORM_strx:
    case DW_FORM_strx1:
    case DW_FORM_strx2:
    case DW_FORM_strx3:
    case DW_FORM_strx4:
    case DW_FORM_GNU_str_index:
      return true;
    default:
      return false;
  }
}

std::vector<std::byte> with_addresses_resolved(const reader_context& ctx, Dwarf_Die die,
                                               std::vector<std::byte> expression) {
  if (!has_address_indexes(expression)) return expression;
  const auto& s = ctx.session();
  auto rewritten = rewrite_address_indexes(
      expression, [&](std::uint64_t index) { return address_at_index(s, die, index); });
  // Unresolvable: leave the original, whose evaluation reports why.
  return rewritten ? std::move(*rewritten) : expression;
}

std::vector<stored_location::entry> read_list(const reader_context& ctx, Dwarf_Die die,
                                              Dwarf_Attribute attr, std::uint16_t form) {
  const auto& s = ctx.session();
  const auto& unit = ctx.unit_of(die);
  std::vector<location_list_entry> raw;
  if (unit.version() >= 5) {
    auto section = ctx.section(".debug_loclists");
    std::uint64_t offset = 0;
    if (form == DW_FORM_loclistx) {
      auto index = index_value(s, attr);
      if (!index || !unit.loclists_base())
        error::send(s.path() + ": DW_FORM_loclistx without DW_AT_loclists_base");
      offset = loclistx_offset(section, *unit.loclists_base(), *index);
    } else {
      auto off = offset_value(s, attr);
      if (!off) return {};
      offset = *off;
    }
    raw = parse_debug_loclists(section, offset, unit.base_address(), [&](std::uint64_t index) {
      return address_at_index(s, die, index);
    });
  } else {
    auto off = offset_value(s, attr);
    if (!off) return {};
    raw = parse_debug_loc(ctx.section(".debug_loc"), *off, unit.base_address());
  }
  std::vector<stored_location::entry> out;
  out.reserve(raw.size());
  for (const auto& e : raw)
    out.push_back(
        {e.low, e.high, e.is_default,
         with_addresses_resolved(
             ctx, die, std::vector<std::byte>(e.expression.begin(), e.expression.end()))});
  return out;
}

// DW_AT_const_value as the bytes of an object of `type`.
std::optional<std::vector<std::byte>> constant_bytes(const reader_context& ctx, Dwarf_Die die,
                                                     const type_info* type) {
  const auto& s = ctx.session();
  auto attr = die_reader(s, die).attribute(DW_AT_const_value);
  if (!attr) return std::nullopt;
  const auto form = form_of(s, attr.get());
  if (auto block = block_value(s, attr.get())) return block;
  if (is_string_form(form)) {
    auto text = die_reader(s, die).string(DW_AT_const_value).value_or("");
    std::vector<std::byte> out(text.size() + 1);
    std::memcpy(out.data(), text.c_str(), text.size() + 1);
    return out;
  }
  const auto* t = strip_cv_typedefs(type);
  const bool is_signed = t && t->is_signed;
  auto value = constant_value(s, attr.get(), is_signed);
  if (!value) return std::nullopt;
  const std::size_t size = type && type->byte_size && *type->byte_size > 0
                               ? static_cast<std::size_t>(*type->byte_size)
                               : 8;
  std::vector<std::byte> out(size, std::byte{0});
  const bool negative = is_signed && static_cast<std::int64_t>(*value) < 0;
  for (std::size_t i = 0; i < size; ++i)
    out[i] = i < 8 ? static_cast<std::byte>(*value >> (8 * i))
                   : (negative ? std::byte{0xff} : std::byte{0});
  return out;
}

}  // namespace

variable_location stored_location::at(std::optional<std::uint64_t> pc) const {
  if (!is_list) return fixed;
  variable_location out;
  const entry* fallback = nullptr;
  for (const auto& e : list) {
    if (e.is_default) {
      fallback = &e;
      continue;
    }
    if (pc && e.low <= *pc && *pc < e.high) {
      fallback = &e;
      break;
    }
  }
  out.from_list = true;
  if (!fallback) return out;
  out.how = variable_location::kind::expression;
  out.bytes = fallback->expression;
  if (!fallback->is_default) {
    out.valid_from = {fallback->low};
    out.valid_to = {fallback->high};
  }
  return out;
}

stored_location read_location(const reader_context& ctx, Dwarf_Die die, std::uint16_t at) {
  const auto& s = ctx.session();
  stored_location out;
  auto attr = die_reader(s, die).attribute(at);
  if (!attr) return out;
  const auto form = form_of(s, attr.get());
  if (auto bytes = block_value(s, attr.get())) {
    out.fixed.how = variable_location::kind::expression;
    out.fixed.bytes = with_addresses_resolved(ctx, die, std::move(*bytes));
    return out;
  }
  out.is_list = true;
  out.list = read_list(ctx, die, attr.get(), form);
  return out;
}

std::optional<stored_variable> read_variable(const reader_context& ctx, Dwarf_Die die) {
  const auto& s = ctx.session();
  stored_variable v;
  auto& info = v.info;
  info.is_parameter = die_reader(s, die).tag() == DW_TAG_formal_parameter;
  v.die = die_reader(s, die).offset();
  v.origin = die_reader(s, die).reference(DW_AT_abstract_origin).value_or(0);
  std::optional<std::uint64_t> type_offset;
  bool declaration_only = false;

  // The concrete DIE first, then what it points to; the first DIE that has
  // an attribute supplies it.
  die_ptr owned;
  Dwarf_Die current = die;
  for (int depth = 0; current && depth < max_origin_depth; ++depth) {
    die_reader d(s, current);
    if (depth == 0) declaration_only = d.flag(DW_AT_declaration);
    if (info.name.empty()) {
      if (auto name = d.string(DW_AT_name)) {
        const auto& unit = ctx.unit_of(current);
        info.name = unit.scope_of(d.offset()) + *name;
      }
    }
    if (!type_offset) type_offset = d.reference(DW_AT_type);
    if (!info.declaration) {
      auto line = d.unsigned_value(DW_AT_decl_line);
      auto file = d.unsigned_value(DW_AT_decl_file);
      if (line && file) {
        if (auto path = ctx.file_path(ctx.unit_of(current), *file))
          info.declaration = source_location{*path, static_cast<std::uint32_t>(*line), 0};
      }
    }
    info.is_artificial = info.is_artificial || d.flag(DW_AT_artificial);
    info.is_external = info.is_external || d.flag(DW_AT_external);
    auto next = d.reference(DW_AT_abstract_origin);
    if (!next) next = d.reference(DW_AT_specification);
    if (!next) break;
    owned = die_at(s, *next);
    current = owned.get();
  }
  if (info.name.empty()) return std::nullopt;
  info.type = type_offset ? ctx.types().get(*type_offset) : ctx.types().void_type();

  v.where = read_location(ctx, die, DW_AT_location);
  if (!v.where.is_list && v.where.fixed.how == variable_location::kind::optimized_out) {
    if (auto bytes = constant_bytes(ctx, die, info.type)) {
      v.where.fixed.how = variable_location::kind::constant;
      v.where.fixed.bytes = std::move(*bytes);
    } else if (declaration_only) {
      return std::nullopt;  // `extern int x;` inside a function: not an object here
    }
  }
  return v;
}

}  // namespace int3::dwarf
