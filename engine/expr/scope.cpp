#include "engine/expr/scope.hpp"

#include "engine/arch/arch.hpp"

namespace int3::engine::expr {

std::optional<value> frame_scope::lookup(std::string_view name) const {
  if (auto it = names_.find(name); it != names_.end()) return it->second;
  auto found = variables_.lookup(name);
  names_.emplace(std::string(name), found);
  return found;
}

const dwarf::type_info* frame_scope::find_type(std::string_view name) const {
  return variables_.find_type(name);
}

std::optional<std::uint64_t> register_by_name(const frame_context* frame, std::string_view name) {
  if (!frame) return std::nullopt;
  for (const auto& info : current_arch().registers) {
    if (info.name != name) continue;
    if (info.dwarf_id < 0) return std::nullopt;
    return frame->read_register(static_cast<std::uint16_t>(info.dwarf_id));
  }
  return std::nullopt;
}

std::optional<std::uint64_t> frame_scope::read_register(std::string_view name) const {
  return register_by_name(variables_.frame.get(), name);
}

}  // namespace int3::engine::expr
