#include "engine/values/pc_scope.hpp"

#include "dwarf/debug_info.hpp"
#include "engine/modules.hpp"

namespace int3::engine {
namespace {

// Conditions sit on a few lines; a bound keeps a program that execs
// forever, or a logpoint in every function, from growing this without end.
constexpr std::size_t max_entries = 1024;

}  // namespace

pc_scope::pc_scope(const module& owner, std::uint64_t file_pc)
    : owner_(&owner), debug_(owner.debug()), file_pc_(file_pc) {
  if (debug_) scopes_ = debug_->scopes_at({file_pc});
  if (const auto* cfi = owner.frames()) row_ = cfi->row_at({file_pc});
}

std::span<const std::byte> pc_scope::frame_base() const {
  if (!scopes_) return {};
  return scopes_->frame_base;
}

const dwarf::variable_info* pc_scope::find(std::string_view name) const {
  if (auto it = names_.find(name); it != names_.end()) return it->second;
  const auto* found = resolve(name);
  names_.emplace(std::string(name), found);
  return found;
}

const dwarf::variable_info* pc_scope::find_local(std::string_view name) const {
  if (!debug_ || !scopes_) return nullptr;
  // The innermost frame: the deepest inlined call holding the pc.
  const auto& frame = scopes_->frames.front();
  for (const auto& v : frame.locals)
    if (!v.is_shadowed && v.name == name) return &v;
  for (const auto& v : frame.parameters)
    if (v.name == name) return &v;
  return nullptr;
}

const dwarf::variable_info* pc_scope::resolve(std::string_view name) const {
  if (!debug_) return nullptr;
  if (const auto* local = find_local(name)) return local;
  if (!unit_globals_) unit_globals_ = debug_->unit_globals({file_pc_});
  for (const auto& v : *unit_globals_)
    if (v.name == name) return &v;
  auto any = debug_->globals_named(name);
  if (any.empty()) return nullptr;
  return &other_globals_.emplace_back(std::move(any.front()));
}

std::shared_ptr<const pc_scope> pc_scope_cache::at(const module& owner, std::uint64_t file_pc) {
  auto key = std::make_pair(&owner, file_pc);
  auto it = entries_.find(key);
  if (it != entries_.end() && it->second.module_path == owner.path() &&
      it->second.load_bias == owner.load_bias())
    return it->second.scope;
  if (entries_.size() >= max_entries) entries_.clear();
  auto scope = std::make_shared<const pc_scope>(owner, file_pc);
  entries_[key] = entry{owner.path(), owner.load_bias(), scope};
  return scope;
}

}  // namespace int3::engine
