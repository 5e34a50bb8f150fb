#include "adapter/function_breakpoint_events.hpp"

#include <filesystem>

#include "adapter/session.hpp"

namespace int3::dap {

protocol::breakpoint describe_function_breakpoint(const session& s, const dap_breakpoint& entry) {
  protocol::breakpoint b;
  b.id = entry.id;
  b.verified = entry.verified;
  if (!entry.message.empty()) b.message = entry.message;
  if (entry.verified && !entry.path.empty()) {
    b.line = s.client().line_to_client(entry.line);
    b.source = protocol::source{std::filesystem::path(entry.path).filename().string(),
                                s.client().path_to_client(entry.path), std::nullopt};
  }
  return b;
}

void send_function_breakpoint_changed(session& s, int id) {
  if (const auto* entry = s.function_breakpoints().find(id)) {
    s.send_event("breakpoint", protocol::breakpoint_event_body{
                                   "changed", describe_function_breakpoint(s, *entry)});
  }
}

bool apply_function_breakpoint_change(session& s, const engine::breakpoint_status& status) {
  auto& registry = s.function_breakpoints();
  if (!registry.id_for_engine(status.id)) return false;
  if (auto id = registry.apply(status)) send_function_breakpoint_changed(s, *id);
  return true;
}

void sync_function_breakpoints(session& s) {
  auto& registry = s.function_breakpoints();
  registry.remove_deferred(s.target());
  for (int id : registry.bind_pending(s.target())) send_function_breakpoint_changed(s, id);
}

void describe_function_breakpoint_hit(protocol::stopped_event_body& body,
                                      const engine::stop_event& stop,
                                      const function_breakpoint_registry& registry) {
  if (stop.kind != engine::stop_kind::breakpoint) return;
  std::vector<int> ids;
  for (int engine_id : stop.breakpoint_ids) {
    if (auto id = registry.id_for_engine(engine_id)) ids.push_back(*id);
  }
  if (ids.empty()) return;
  auto& hit = body.hitBreakpointIds;
  // A source breakpoint at the same place wins the reason: the user set
  // that line on purpose.
  if (!hit || hit->empty()) body.reason = "function breakpoint";
  if (!hit) hit.emplace();
  hit->insert(hit->end(), ids.begin(), ids.end());
}

}  // namespace int3::dap
