#include "adapter/module_events.hpp"

#include <spdlog/fmt/fmt.h>
#include <spdlog/spdlog.h>

#include "adapter/function_breakpoint_events.hpp"
#include "adapter/session.hpp"

namespace int3::dap {

protocol::module describe_module(const engine::module_info& info) {
  protocol::module m;
  m.id = info.id;
  m.name = info.name;
  m.path = info.path;
  m.symbolStatus = info.has_debug_info ? "Symbols loaded" : "No symbols";
  if (info.high.value != 0)
    m.addressRange = fmt::format("{:#x}-{:#x}", info.low.value, info.high.value);
  return m;
}

void send_library_events(session& s) {
  if (!s.launched()) return;
  auto& target = s.target();
  for (const auto& change : target.take_module_changes()) {
    s.send_event("module", protocol::module_event_body{change.loaded ? "new" : "removed",
                                                       describe_module(change.module)});
  }
  for (const auto& status : target.take_breakpoint_changes()) {
    auto id = s.breakpoints().id_for_engine(status.id);
    if (!id) {
      apply_function_breakpoint_change(s, status);
      continue;
    }
    dap_breakpoint* entry = s.breakpoints().find_mutable(*id);
    auto before = *entry;
    entry->verified = status.verified;
    entry->line = status.verified && status.line != 0 ? status.line : entry->requested_line;
    entry->message = status.message;
    if (!entry->verified && entry->message.empty()) entry->message = "no code at this line";
    spdlog::debug("breakpoint {} is now {}", *id, entry->verified ? "verified" : "unverified");
    if (!entry->same_state(before)) s.send_breakpoint_changed(*id);
  }
}

}  // namespace int3::dap
