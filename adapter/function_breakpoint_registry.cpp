#include "adapter/function_breakpoint_registry.hpp"

#include <spdlog/spdlog.h>

#include "adapter/breakpoint_conditions.hpp"
#include "dwarf/error.hpp"
#include "engine/error.hpp"

namespace int3::dap {

function_breakpoint_registry::replace_result function_breakpoint_registry::replace(
    const std::vector<std::string>& names, const std::string& pending_message) {
  std::map<std::string, int> old_by_name;
  for (int id : order_) old_by_name.emplace(names_.at(id), id);
  replace_result result;
  std::vector<int> new_order;
  std::set<std::string> seen;
  for (const auto& name : names) {
    if (!seen.insert(name).second) {
      result.ids.push_back(std::nullopt);
      continue;
    }
    if (auto kept = old_by_name.find(name); kept != old_by_name.end()) {
      new_order.push_back(kept->second);
      result.ids.push_back(kept->second);
      old_by_name.erase(kept);
      continue;
    }
    dap_breakpoint entry;
    entry.id = next_id_++;
    entry.message = pending_message;
    by_id_.emplace(entry.id, entry);
    names_.emplace(entry.id, name);
    new_order.push_back(entry.id);
    result.ids.push_back(entry.id);
  }
  for (const auto& [name, id] : old_by_name) {
    result.removed.push_back(by_id_.at(id));
    by_id_.erase(id);
    names_.erase(id);
  }
  order_ = std::move(new_order);
  return result;
}

const dap_breakpoint* function_breakpoint_registry::find(int id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &it->second;
}

dap_breakpoint* function_breakpoint_registry::find_mutable(int id) {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &it->second;
}

void function_breakpoint_registry::set_behaviour(
    int id, std::shared_ptr<const breakpoint_behaviour> behaviour) {
  auto* entry = find_mutable(id);
  if (!entry) return;
  bool same = entry->behaviour && behaviour ? entry->behaviour->same_spec(*behaviour)
                                            : entry->behaviour == behaviour;
  if (same) return;
  entry->behaviour = std::move(behaviour);
  entry->hits = 0;
}

std::optional<int> function_breakpoint_registry::id_for_engine(int engine_id) const {
  for (const auto& [id, entry] : by_id_) {
    if (entry.engine_id == engine_id) return id;
  }
  return std::nullopt;
}

void function_breakpoint_registry::take_status(dap_breakpoint& entry,
                                               const engine::breakpoint_status& status) const {
  entry.verified = status.verified;
  entry.path = status.verified ? status.path : std::string();
  entry.line = status.verified ? status.line : 0;
  entry.message = status.message;
  if (!entry.verified && entry.message.empty()) {
    entry.message = "no function named '" + names_.at(entry.id) + "'";
  }
}

std::vector<int> function_breakpoint_registry::bind_pending(engine::target& target) {
  std::vector<int> changed;
  for (auto& [id, entry] : by_id_) {
    if (entry.engine_id) continue;
    auto before = entry;
    try {
      auto status = target.create_function_breakpoint(names_.at(id));
      entry.engine_id = status.id;
      take_status(entry, status);
    } catch (const engine::error& e) {
      entry.message = e.what();
    } catch (const dwarf::error& e) {
      entry.message = e.what();
    }
    spdlog::debug("function breakpoint {} '{}' -> engine {} verified={} {}:{} {}", id,
                  names_.at(id), entry.engine_id.value_or(-1), entry.verified, entry.path,
                  entry.line, entry.message);
    if (!entry.same_state(before) || entry.path != before.path) changed.push_back(id);
  }
  return changed;
}

std::optional<int> function_breakpoint_registry::apply(const engine::breakpoint_status& status) {
  auto id = id_for_engine(status.id);
  if (!id) return std::nullopt;
  auto& entry = by_id_.at(*id);
  auto before = entry;
  take_status(entry, status);
  if (entry.same_state(before) && entry.path == before.path) return std::nullopt;
  return id;
}

void function_breakpoint_registry::remove_deferred(engine::target& target) {
  auto pending = std::move(deferred_removals_);
  deferred_removals_.clear();
  for (int engine_id : pending) target.remove_breakpoint(engine_id);
}

void function_breakpoint_registry::unbind_all(const std::string& message) {
  deferred_removals_.clear();
  for (auto& [id, entry] : by_id_) {
    entry.engine_id.reset();
    entry.verified = false;
    entry.path.clear();
    entry.line = 0;
    entry.message = message;
  }
}

}  // namespace int3::dap
