#include "engine/expr/lazy_frame_scope.hpp"

#include "dwarf/debug_info.hpp"

namespace int3::engine::expr {

std::optional<value> lazy_frame_scope::lookup(std::string_view name) const {
  if (auto it = values_.find(name); it != values_.end()) return it->second;
  std::optional<value> found;
  if (const auto* variable = names_->find(name)) found = value::of_variable(*variable, frame_);
  values_.emplace(std::string(name), found);
  return found;
}

std::optional<value> lazy_frame_scope::lookup_local(std::string_view name) const {
  if (const auto* variable = names_->find_local(name)) return value::of_variable(*variable, frame_);
  return std::nullopt;
}

const dwarf::type_info* lazy_frame_scope::find_type(std::string_view name) const {
  const auto* debug = names_->debug();
  return debug ? debug->find_type(name) : nullptr;
}

}  // namespace int3::engine::expr
