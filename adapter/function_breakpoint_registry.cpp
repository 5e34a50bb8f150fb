#include "adapter/function_breakpoint_registry.hpp"

#include <spdlog/spdlog.h>

namespace int3::dap {

function_breakpoint_registry::replace_result function_breakpoint_registry::replace(
    const std::vector<std::string>& names, const std::string& pending_message) {
  std::vector<int> old_ids = order_;
  auto result = replace_keys<std::string>(
      names, old_ids, [this](int id) { return names_.at(id); },
      [&](dap_breakpoint& entry, const std::string& name) {
        entry.message = pending_message;
        names_.emplace(entry.id, name);
      },
      order_);
  for (const auto& gone : result.removed) names_.erase(gone.id);
  return result;
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
    ask_engine(entry, [&, &entry = entry] {
      auto status = target.create_function_breakpoint(names_.at(entry.id));
      entry.engine_id = status.id;
      take_status(entry, status);
    });
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

void function_breakpoint_registry::unbind_all(const std::string& message) {
  forget_engine(message);
  for (auto& [id, entry] : by_id_) {
    entry.path.clear();
    entry.line = 0;
  }
}

}  // namespace int3::dap
