#include "engine/values/formatters/common.hpp"

#include <cstring>

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

}  // namespace int3::engine::formatters
