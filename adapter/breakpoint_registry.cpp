#include "adapter/breakpoint_registry.hpp"

#include <filesystem>

#include <spdlog/spdlog.h>

#include "engine/target.hpp"

namespace int3::dap {

std::string breakpoint_registry::key(const std::string& path) {
  return std::filesystem::path(path).lexically_normal().string();
}

breakpoint_registry::replace_result breakpoint_registry::replace(
    const std::string& path, const std::vector<std::uint32_t>& lines,
    const std::string& pending_message) {
  auto& ids = by_path_[key(path)];
  std::vector<int> old_ids = ids;
  auto result = replace_keys<std::uint32_t>(
      lines, old_ids, [this](int id) { return by_id_.at(id).requested_line; },
      [&](dap_breakpoint& entry, std::uint32_t line) {
        entry.path = path;
        entry.requested_line = line;
        entry.line = line;
        entry.message = pending_message;
      },
      ids);
  if (ids.empty()) by_path_.erase(key(path));
  return result;
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
    ask_engine(entry, [&, &entry = entry] {
      auto status = target.create_line_breakpoint(to_engine_ ? to_engine_(entry.path) : entry.path,
                                                  entry.requested_line);
      entry.engine_id = status.id;
      entry.verified = status.verified;
      entry.line = status.verified && status.line != 0 ? status.line : entry.requested_line;
      entry.message = status.message;
    });
    if (!entry.verified && entry.message.empty()) entry.message = "no code at this line";
    spdlog::debug("breakpoint {} at {}:{} -> engine {} verified={} line={} {}", id, entry.path,
                  entry.requested_line, entry.engine_id.value_or(-1), entry.verified, entry.line,
                  entry.message);
    if (!entry.same_state(before)) changed.push_back(id);
  }
  return changed;
}

void breakpoint_registry::unbind_all(const std::string& message) {
  forget_engine(message);
  for (auto& [id, entry] : by_id_) entry.line = entry.requested_line;
}

void breakpoint_registry::set_pending_message(const std::string& message) {
  for (auto& [id, entry] : by_id_) {
    if (!entry.engine_id) entry.message = message;
  }
}

}  // namespace int3::dap
