#include "adapter/breakpoint_registry.hpp"

#include <filesystem>

#include <spdlog/spdlog.h>

#include "adapter/breakpoint_conditions.hpp"
#include "dwarf/error.hpp"
#include "engine/error.hpp"
#include "engine/target.hpp"

namespace int3::dap {

std::string breakpoint_registry::key(const std::string& path) {
  return std::filesystem::path(path).lexically_normal().string();
}

breakpoint_registry::replace_result breakpoint_registry::replace(
    const std::string& path, const std::vector<std::uint32_t>& lines,
    const std::string& pending_message) {
  auto& old_ids = by_path_[key(path)];
  std::map<std::uint32_t, int> old_by_line;
  for (int id : old_ids) old_by_line.emplace(by_id_.at(id).requested_line, id);

  replace_result result;
  std::vector<int> new_ids;
  std::set<std::uint32_t> seen;
  for (auto line : lines) {
    if (!seen.insert(line).second) {
      result.ids.push_back(std::nullopt);
      continue;
    }
    if (auto kept = old_by_line.find(line); kept != old_by_line.end()) {
      new_ids.push_back(kept->second);
      result.ids.push_back(kept->second);
      old_by_line.erase(kept);
      continue;
    }
    dap_breakpoint entry;
    entry.id = next_id_++;
    entry.path = path;
    entry.requested_line = line;
    entry.line = line;
    entry.message = pending_message;
    by_id_.emplace(entry.id, entry);
    new_ids.push_back(entry.id);
    result.ids.push_back(entry.id);
  }
  for (const auto& [line, id] : old_by_line) {
    result.removed.push_back(by_id_.at(id));
    by_id_.erase(id);
  }
  if (new_ids.empty()) {
    by_path_.erase(key(path));
  } else {
    old_ids = std::move(new_ids);
  }
  return result;
}

const dap_breakpoint* breakpoint_registry::find(int id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &it->second;
}

dap_breakpoint* breakpoint_registry::find_mutable(int id) {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &it->second;
}

void breakpoint_registry::set_behaviour(int id,
                                        std::shared_ptr<const breakpoint_behaviour> behaviour) {
  auto* entry = find_mutable(id);
  if (!entry) return;
  bool same = entry->behaviour && behaviour ? entry->behaviour->same_spec(*behaviour)
                                            : entry->behaviour == behaviour;
  if (same) return;
  entry->behaviour = std::move(behaviour);
  entry->hits = 0;
}

std::optional<int> breakpoint_registry::id_for_engine(int engine_id) const {
  for (const auto& [id, entry] : by_id_) {
    if (entry.engine_id == engine_id) return id;
  }
  return std::nullopt;
}

std::vector<int> breakpoint_registry::ids() const {
  std::vector<int> out;
  for (const auto& [id, entry] : by_id_) out.push_back(id);
  return out;
}

std::vector<int> breakpoint_registry::ids_of(const std::string& path) const {
  auto it = by_path_.find(key(path));
  return it == by_path_.end() ? std::vector<int>{} : it->second;
}

std::vector<int> breakpoint_registry::bind_pending(engine::target& target) {
  std::vector<int> changed;
  for (auto& [id, entry] : by_id_) {
    if (entry.engine_id) continue;
    auto before = entry;
    try {
      auto status = target.create_line_breakpoint(to_engine_ ? to_engine_(entry.path) : entry.path,
                                                  entry.requested_line);
      entry.engine_id = status.id;
      entry.verified = status.verified;
      entry.line = status.verified && status.line != 0 ? status.line : entry.requested_line;
      entry.message = status.message;
    } catch (const engine::error& e) {
      entry.message = e.what();
    } catch (const dwarf::error& e) {
      entry.message = e.what();
    }
    if (!entry.verified && entry.message.empty()) entry.message = "no code at this line";
    spdlog::debug("breakpoint {} at {}:{} -> engine {} verified={} line={} {}", id, entry.path,
                  entry.requested_line, entry.engine_id.value_or(-1), entry.verified, entry.line,
                  entry.message);
    if (!entry.same_state(before)) changed.push_back(id);
  }
  return changed;
}

void breakpoint_registry::remove_deferred(engine::target& target) {
  auto pending = std::move(deferred_removals_);
  deferred_removals_.clear();
  for (int engine_id : pending) target.remove_breakpoint(engine_id);
}

void breakpoint_registry::unbind_all(const std::string& message) {
  deferred_removals_.clear();
  for (auto& [id, entry] : by_id_) {
    entry.engine_id.reset();
    entry.verified = false;
    entry.line = entry.requested_line;
    entry.message = message;
  }
}

void breakpoint_registry::set_pending_message(const std::string& message) {
  for (auto& [id, entry] : by_id_) {
    if (!entry.engine_id) entry.message = message;
  }
}

}  // namespace int3::dap
