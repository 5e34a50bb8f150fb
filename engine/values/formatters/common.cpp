#include "engine/values/formatters/common.hpp"

#include <algorithm>
#include <cstring>

#include "engine/values/formatters/declared_types.hpp"
#include "engine/values/value_internal.hpp"

namespace int3::engine::formatters {

std::optional<value> find_member(const value& v, std::string_view name, int depth,
                                 bool (*accept)(const value&)) {
  const auto* t = resolve_type(v.type(), v.frame().get());
  if (!t || !t->is_aggregate()) return std::nullopt;
  // Breadth first: a class's own member wins over a namesake deep inside.
  std::vector<value> nested;
  for (const auto& m : t->members) {
    if (m.is_static || !m.offset_known) continue;
    value child = child_at(v, m.name, m.type, m.byte_offset);
    if (m.name == name && (!accept || accept(child))) return child;
    const auto* mt = resolve_type(m.type, v.frame().get());
    if (mt && mt->is_aggregate()) nested.push_back(std::move(child));
  }
  if (depth <= 0) return std::nullopt;
  for (const auto& inner : nested)
    if (auto found = find_member(inner, name, depth - 1, accept)) return found;
  return std::nullopt;
}

std::optional<std::uint64_t> member_number(const value& v, std::string_view name) {
  auto m = find_member(v, name);
  return m ? m->as_unsigned() : std::nullopt;
}

const dwarf::type_info* template_type(const value& v, std::size_t index) {
  const auto* t = resolve_type(v.type(), v.frame().get());
  if (!t || index >= t->template_parameters.size()) return nullptr;
  return t->template_parameters[index].type;
}

std::optional<std::uint64_t> read_word(const frame_context& frame, std::uint64_t address) {
  std::uint64_t word = 0;
  std::byte bytes[8];
  if (frame.read_some(address, bytes) != 8) return std::nullopt;
  std::memcpy(&word, bytes, 8);
  return word;
}

std::string size_summary(std::uint64_t size) {
  return "size=" + std::to_string(size);
}

std::string index_name(std::size_t i) {
  return "[" + std::to_string(i) + "]";
}

std::string child_path(const value& v, const std::string& suffix) {
  return v.evaluate_name().empty() ? std::string() : v.evaluate_name() + suffix;
}

std::vector<value> contiguous_children(const value& v, const dwarf::type_info* element,
                                       std::uint64_t address, std::uint64_t size, std::size_t start,
                                       std::size_t count) {
  std::vector<value> out;
  const std::uint64_t element_size = object_size(element, v.frame().get());
  if (!element || element_size == 0) return out;
  const std::uint64_t end = std::min<std::uint64_t>(size, std::uint64_t(start) + count);
  for (std::uint64_t i = start; i < end; ++i) {
    std::string name = index_name(i);
    value e = value::at_address(name, element, address + i * element_size, v.frame());
    e.set_evaluate_name(child_path(v, name));
    out.push_back(std::move(e));
  }
  return out;
}

const dwarf::type_info* pointee_type(const value& v, std::string_view name) {
  auto m = find_member(v, name);
  if (!m) return nullptr;
  const auto* pointer = resolve_type(m->type(), v.frame().get());
  return pointer && pointer->kind == dwarf::type_kind::pointer ? pointer->target : nullptr;
}

namespace {

std::uint64_t align_of(const dwarf::type_info* type, const frame_context* frame, int depth) {
  const auto* t = resolve_type(type, frame);
  if (!t || depth > 8) return 1;
  if (t->kind == dwarf::type_kind::array) return align_of(t->target, frame, depth + 1);
  if (!t->is_aggregate()) return std::clamp<std::uint64_t>(type_size(t, frame), 1, 16);
  std::uint64_t most = 1;
  for (const auto& m : t->members)
    if (!m.is_static) most = std::max(most, align_of(m.type, frame, depth + 1));
  return most;
}

}  // namespace

std::uint64_t align_of(const dwarf::type_info* type, const frame_context* frame) {
  return align_of(type, frame, 0);
}

std::string preview(const std::vector<value>& values, std::size_t total, format_options options) {
  std::string out = "{";
  for (std::size_t i = 0; i < values.size() && i < max_preview_children; ++i)
    out += (i ? ", " : "") + values[i].summary(options);
  if (total > std::min(values.size(), max_preview_children)) out += total ? ", ..." : "...";
  return out + "}";
}

}  // namespace int3::engine::formatters
