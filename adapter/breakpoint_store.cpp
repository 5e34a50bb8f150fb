#include "adapter/breakpoint_store.hpp"

#include "adapter/breakpoint_conditions.hpp"
#include "dwarf/error.hpp"
#include "engine/error.hpp"
#include "engine/target.hpp"

namespace int3::dap {

const dap_breakpoint* breakpoint_store::find(int id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &it->second;
}

dap_breakpoint* breakpoint_store::find_mutable(int id) {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &it->second;
}

void breakpoint_store::set_behaviour(int id,
                                     std::shared_ptr<const breakpoint_behaviour> behaviour) {
  auto* entry = find_mutable(id);
  if (!entry) return;
  bool same = entry->behaviour && behaviour ? entry->behaviour->same_spec(*behaviour)
                                            : entry->behaviour == behaviour;
  if (same) return;
  entry->behaviour = std::move(behaviour);
  entry->hits = 0;
}

std::optional<int> breakpoint_store::id_for_engine(int engine_id) const {
  for (const auto& [id, entry] : by_id_) {
    if (entry.engine_id == engine_id) return id;
  }
  return std::nullopt;
}

void breakpoint_store::remove_deferred(engine::target& target) {
  auto pending = std::move(deferred_removals_);
  deferred_removals_.clear();
  for (int engine_id : pending) target.remove_breakpoint(engine_id);
}

void breakpoint_store::ask_engine(dap_breakpoint& entry, const std::function<void()>& ask) {
  try {
    ask();
  } catch (const engine::error& e) {
    entry.message = e.what();
  } catch (const dwarf::error& e) {
    entry.message = e.what();
  }
}

void breakpoint_store::forget_engine(const std::string& message) {
  deferred_removals_.clear();
  for (auto& [id, entry] : by_id_) {
    entry.engine_id.reset();
    entry.verified = false;
    entry.message = message;
  }
}

}  // namespace int3::dap
