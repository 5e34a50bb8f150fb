#include "adapter/breakpoint_hits.hpp"

#include <memory>

#include "adapter/breakpoint_conditions.hpp"
#include "adapter/session.hpp"

namespace int3::dap {

std::optional<engine::stop_event> judge_breakpoint_stop(session& s,
                                                        const engine::stop_event& stop) {
  auto& registry = s.breakpoints();
  auto& functions = s.function_breakpoints();
  std::vector<int> ids;
  std::vector<int> engine_ids;
  // Breakpoints this registry does not hold (other kinds, removed ones
  // handled by the caller) carry no condition: they stop as they are.
  std::vector<int> others;
  for (int engine_id : stop.breakpoint_ids) {
    if (auto id = registry.id_for_engine(engine_id)) {
      ids.push_back(*id);
      engine_ids.push_back(engine_id);
    } else if (auto fid = functions.id_for_engine(engine_id)) {
      ids.push_back(*fid);
      engine_ids.push_back(engine_id);
    } else if (!registry.removal_deferred(engine_id) && !functions.removal_deferred(engine_id)) {
      others.push_back(engine_id);
    }
  }
  // Built on first use: a plain breakpoint never reads the frame.
  std::unique_ptr<engine::expr::frame_scope> frame;
  auto top_frame = [&]() -> const engine::expr::scope& {
    if (!frame) {
      frame = std::make_unique<engine::expr::frame_scope>(s.target().variables(stop.tid, 0));
    }
    return *frame;
  };
  // Source and function breakpoint ids never meet, so one lookup serves both.
  auto find = [&](int id) {
    auto* entry = registry.find_mutable(id);
    return entry ? entry : functions.find_mutable(id);
  };
  auto decision = decide_hit(find, ids, top_frame);
  if (!decision.log_lines.empty()) {
    // The program's own output comes first: it was written before the hit.
    s.drain_program_output();
    for (auto& line : decision.log_lines) s.send_output("console", line + "\n");
  }
  if (!decision.stop && !others.empty()) decision.stop = true;
  if (!decision.stop && ids.empty()) decision.stop = true;
  if (!decision.stop) return std::nullopt;

  engine::stop_event shown = stop;
  shown.breakpoint_ids = others;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    for (int stopping : decision.stopping_ids) {
      if (stopping == ids[i]) shown.breakpoint_ids.push_back(engine_ids[i]);
    }
  }
  if (!decision.error.empty()) {
    shown.description = "Breakpoint condition error: " + decision.error;
    s.send_output("console", "int3: " + shown.description + "\n");
  }
  return shown;
}

}  // namespace int3::dap
