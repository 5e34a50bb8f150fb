#include "adapter/breakpoint_hits.hpp"

#include <memory>

#include "adapter/breakpoint_conditions.hpp"
#include "adapter/session.hpp"
#include "dwarf/error.hpp"
#include "engine/error.hpp"

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
    // Watches number their engine ids apart from breakpoints.
    if (stop.kind == engine::stop_kind::data_breakpoint) {
      if (const auto* watch = s.data_breakpoints().by_engine_id(engine_id)) {
        ids.push_back(watch->id);
        engine_ids.push_back(engine_id);
      } else {
        others.push_back(engine_id);
      }
      continue;
    }
    if (auto id = registry.id_for_engine(engine_id)) {
      ids.push_back(*id);
      engine_ids.push_back(engine_id);
    } else if (auto fid = functions.id_for_engine(engine_id)) {
      ids.push_back(*fid);
      engine_ids.push_back(engine_id);
    } else if (!registry.removal_deferred(engine_id) && !functions.removal_deferred(engine_id) &&
               !s.cxx_exceptions().removal_deferred(engine_id)) {
      others.push_back(engine_id);
    }
  }
  // Built on first use: a plain breakpoint never reads the frame, and a
  // condition reads only the names it uses.
  std::unique_ptr<engine::expr::scope> frame;
  auto top_frame = [&]() -> const engine::expr::scope& {
    if (!frame) frame = s.target().condition_scope(stop.tid);
    return *frame;
  };
  // Source, function and data breakpoint ids never meet, so one lookup
  // serves them all.
  auto find = [&](int id) {
    auto* entry = registry.find_mutable(id);
    if (!entry) entry = functions.find_mutable(id);
    return entry ? entry : s.data_breakpoints().rule(id);
  };
  auto decision = decide_hit(find, ids, top_frame);
  if (!decision.log_lines.empty()) {
    // A thread's `started` event comes before anything it logs; the
    // program's own output too: it was written before the hit.
    s.send_thread_events();
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

engine::hit_verdict filter_breakpoint_hit(session& s, engine::stop_event& hit) {
  // Removals that wait for a stop are made by stop_reporter, which then
  // judges what is left: such a hit stops as it is.
  for (int engine_id : hit.breakpoint_ids) {
    if (hit.kind == engine::stop_kind::data_breakpoint) break;  // watches are removed at once
    if (s.breakpoints().removal_deferred(engine_id) ||
        s.function_breakpoints().removal_deferred(engine_id) ||
        s.cxx_exceptions().removal_deferred(engine_id))
      return engine::hit_verdict::stop;
  }
  // The frame could not be read (corrupt DWARF, memory): the user sees the
  // hit and why its condition was not decided.
  auto undecided = [&](const std::exception& e) {
    hit.description = std::string("Breakpoint condition error: ") + e.what();
    hit.judged = true;
    s.send_output("console", "int3: " + hit.description + "\n");
    return engine::hit_verdict::stop;
  };
  std::optional<engine::stop_event> judged;
  try {
    judged = judge_breakpoint_stop(s, hit);
  } catch (const engine::thread_gone_error&) {
    throw;  // the engine reports the thread's end
  } catch (const engine::error& e) {
    return undecided(e);
  } catch (const dwarf::error& e) {
    return undecided(e);
  }
  if (!judged) return engine::hit_verdict::go_on;
  hit = std::move(*judged);
  hit.judged = true;
  return engine::hit_verdict::stop;
}

}  // namespace int3::dap
