#include "adapter/breakpoint_change.hpp"

#include <algorithm>

#include "adapter/session.hpp"

namespace int3::dap {

breakpoint_change::breakpoint_change(session& s)
    : session_(s), engine_ready_(s.launched() && (!s.running() || s.target().can_interrupt())) {}

const std::string& breakpoint_change::pending_message() const {
  static const std::string none;
  if (!session_.launched()) return pending_before_launch;
  return engine_ready_ ? none : pending_while_running;
}

std::vector<int> breakpoint_change::apply(breakpoint_store& store,
                                          const breakpoint_store::replace_result& result) {
  if (!engine_ready_) {
    for (const auto& gone : result.removed)
      if (gone.engine_id) store.defer_removal(*gone.engine_id);
    return {};
  }
  std::vector<int> changed;
  session_.target().while_interrupted([&] {
    for (const auto& gone : result.removed)
      if (gone.engine_id) session_.target().remove_breakpoint(*gone.engine_id);
    changed = store.bind_pending(session_.target());
  });
  std::erase_if(changed, [&](int id) {
    return std::find(result.ids.begin(), result.ids.end(), id) != result.ids.end();
  });
  return changed;
}

}  // namespace int3::dap
