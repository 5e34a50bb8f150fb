// Source-level stepping. Within a line the stepping thread's instructions
// are run by the tracer or single-stepped (synchronously, the others stay as
// they are); a call that must not be stepped through becomes a temporary
// site at its return address and every thread runs until the stepping thread
// comes back to it in the same frame (poll_stop drives that phase).
#include <algorithm>

#include <spdlog/spdlog.h>

#include "engine/error.hpp"
#include "engine/target_impl.hpp"

namespace int3::engine {
namespace {

// Single steps one request may take before it gives up and reports where it
// is: a line that loops on itself forever must not hang the debugger.
constexpr std::size_t max_single_steps = 200'000;
constexpr std::size_t max_prologue_steps = 1'000;

bool same_line(const dwarf::line_entry& a, const std::optional<dwarf::line_entry>& b) {
  return b && a.location.line == b->location.line && a.location.path == b->location.path;
}

// Whether `at` begins a statement. Several rows can share one address (gcc
// -O2 emits "line 25, is_stmt" then "line 25, not is_stmt" there) and
// line_entry_at() returns the last; the line's own is_stmt addresses settle it.
bool is_statement_start(const dwarf::debug_info& debug, dwarf::file_addr at,
                        const std::optional<dwarf::line_entry>& line) {
  if (!line || line->address.value != at.value) return false;
  if (line->is_stmt) return true;
  auto found = debug.resolve_line(line->location.path, line->location.line);
  return found.result == dwarf::line_resolution::status::ok &&
         found.actual_line == line->location.line &&
         std::find(found.addresses.begin(), found.addresses.end(), at) != found.addresses.end();
}

bool contains(const dwarf::function_info& fn, dwarf::file_addr a) {
  for (const auto& range : fn.ranges)
    if (range.contains(a)) return true;
  return false;
}

}  // namespace

stop_event target_impl::step_done(pid_t tid) {
  return stop_event{stop_kind::step, tid, {}, 0, 0, std::nullopt, "step"};
}

void target_impl::step_instruction(pid_t tid) {
  thread_record& t = stopped_thread(tid);
  running_ = true;
  if (!deferred_.empty()) return;
  auto result = single_step(t);
  if (result.event) {
    deferred_.push_back(*result.event);
  } else if (result.thread_gone) {
    resume_stopped_threads();  // nothing left to report for that thread
  } else {
    deferred_.push_back(step_done(tid));
  }
}

void target_impl::step_in(pid_t tid) {
  begin_line_step(step_plan::kind::into, tid);
}
void target_impl::step_over(pid_t tid) {
  begin_line_step(step_plan::kind::over, tid);
}
void target_impl::step_out(pid_t tid) {
  begin_line_step(step_plan::kind::out, tid);
}

step_plan target_impl::make_plan(step_plan::kind how, pid_t tid) const {
  step_plan plan;
  plan.how = how;
  plan.tid = tid;
  virt_addr pc = regs(tid).pc();
  plan.owner = modules_.find(pc);
  if (plan.owner) {
    if (const auto* debug = plan.owner->debug()) {
      dwarf::file_addr at = plan.owner->to_file(pc);
      plan.function = debug->function_at(at);
      plan.line = debug->line_entry_at(at);
    }
  }
  plan.frame_cfa = unwind(tid, 1).front().cfa;
  return plan;
}

void target_impl::begin_line_step(step_plan::kind how, pid_t tid) {
  thread_record& t = stopped_thread(tid);
  if (!deferred_.empty()) {
    running_ = true;  // what is pending is reported first, as after resume()
    return;
  }
  step_plan plan = make_plan(how, tid);
  // Out of a function, or of code without line information (as gdb does:
  // "single stepping until exit from function"): run to the return address.
  if (how == step_plan::kind::out || !plan.function || !plan.line) {
    auto frames = unwind(tid, 2);
    if (frames.size() < 2) error::send("cannot step out of the outermost frame");
    plan.how = step_plan::kind::out;
    step_ = plan;
    running_ = true;
    start_return_phase(frames[1].pc, frames[1].cfa, true);
    return;
  }
  step_ = plan;
  running_ = true;
  if (auto event = drive_step(t)) deferred_.push_back(*event);
}

target_impl::step_result target_impl::step_line_instruction(thread_record& t) {
  // Most of a line's instructions (moves, arithmetic, calls, jumps) are run
  // by the tracer: a `next` then costs a few ptrace stops, not one per
  // instruction. The others are stepped by the CPU.
  if (execute_in_tracer(t)) return {};
  return single_step(t);
}

std::optional<stop_event> target_impl::drive_step(thread_record& t) {
  step_plan& plan = *step_;
  const arch_info& arch = current_arch();
  pid_t tid = t.tid;
  for (;;) {
    if (++plan.single_steps > max_single_steps) return step_done(tid);
    registers before = regs(tid);
    auto result = step_line_instruction(t);
    if (result.event) return result.event;
    if (result.thread_gone) {
      step_.reset();
      resume_stopped_threads();
      return std::nullopt;
    }
    registers now = regs(tid);
    virt_addr pc = now.pc();
    if (breakpoint_site* site = enabled_site_at(pc); site && site->has_user_owner())
      return breakpoint_event(tid, *site);

    const module* owner = modules_.find(pc);
    const dwarf::debug_info* debug = owner ? owner->debug() : nullptr;
    dwarf::file_addr at = owner ? owner->to_file(pc) : dwarf::file_addr{};
    const dwarf::function_info* fn = debug ? debug->function_at(at) : nullptr;
    std::optional<dwarf::line_entry> line = debug ? debug->line_entry_at(at) : std::nullopt;
    bool has_lines = fn && line;
    bool in_start = owner == plan.owner && fn && fn == plan.function;
    bool at_entry = fn && pc == owner->to_virt(fn->entry);

    // A call: the stack grew and we are at a function's first instruction
    // or outside the stepped function (a PLT stub, a library).
    if (now.sp() < before.sp() && (!in_start || at_entry)) {
      if (plan.how == step_plan::kind::into && has_lines)
        return run_past_prologue(t, *owner, *fn, stop_kind::step);
      if (plan.how == step_plan::kind::into) return step_through_stub(t);
      auto return_address = arch.return_address_at_entry(now, word_reader());
      if (!return_address) return step_done(tid);
      start_return_phase({*return_address}, plan.frame_cfa, false);
      return std::nullopt;
    }
    if (!in_start) {
      // Returned out of the stepped frame: stop in the caller, mid-line or not.
      if (now.sp() >= plan.frame_cfa.value) {
        if (has_lines) return step_done(tid);
        // Back in code without source (main returning into the C library):
        // on until source comes back, as gdb does; usually that is the end.
        auto frames = unwind(tid, 2);
        if (frames.size() >= 2) {
          start_return_phase(frames[1].pc, frames[1].cfa, true);
        } else {
          step_.reset();
          resume_stopped_threads();
        }
        return std::nullopt;
      }
      // Jumped into another function (a tail call).
      if (!has_lines) {
        auto frames = unwind(tid, 2);
        if (frames.size() < 2) return step_done(tid);
        start_return_phase(frames[1].pc, frames[1].cfa, true);
        return std::nullopt;
      }
      plan.owner = owner;
      plan.function = fn;
      plan.frame_cfa = unwind(tid, 1).front().cfa;
      if (is_statement_start(*debug, at, line)) return step_done(tid);
      continue;
    }
    if (line && !same_line(*line, plan.line) && is_statement_start(*debug, at, line))
      return step_done(tid);
  }
}

std::optional<stop_event> target_impl::run_past_prologue(thread_record& t, const module& owner,
                                                         const dwarf::function_info& fn,
                                                         stop_kind arrival) {
  pid_t tid = t.tid;
  const dwarf::debug_info* debug = owner.debug();
  virt_addr target = owner.to_virt(debug->prologue_end(fn));
  virt_addr entry = owner.to_virt(fn.entry);
  for (std::size_t n = 0; n < max_prologue_steps; ++n) {
    virt_addr pc = regs(tid).pc();
    dwarf::file_addr at = owner.to_file(pc);
    if (pc == target || !contains(fn, at)) break;
    // Optimised code may put the prologue's end on a branch not taken: the
    // first statement reached on the way is as good.
    if (pc != entry && is_statement_start(*debug, at, debug->line_entry_at(at))) break;
    if (n > 0) {
      if (breakpoint_site* site = enabled_site_at(pc); site && site->has_user_owner()) break;
    }
    auto result = step_line_instruction(t);
    if (result.event) return result.event;
    if (result.thread_gone) {
      step_.reset();
      resume_stopped_threads();
      return std::nullopt;
    }
  }
  breakpoint_site* site = enabled_site_at(regs(tid).pc());
  bool at_user_site = site && site->has_user_owner();
  if (arrival == stop_kind::step && at_user_site) return breakpoint_event(tid, *site);
  stop_event event =
      arrival == stop_kind::step ? step_done(tid) : stop_event{arrival, tid, {}, 0, 0, {}, "entry"};
  if (at_user_site) event.breakpoint_ids.assign(site->owners().begin(), site->owners().end());
  return event;
}

void target_impl::start_return_phase(virt_addr return_site, virt_addr cfa, bool report) {
  step_->return_site = return_site;
  step_->return_cfa = cfa;
  step_->report_on_return = report;
  acquire_site(return_site).add_internal();
  spdlog::debug("step: running to {:#x} (frame {:#x})", return_site.value, cfa.value);
  resume_stopped_threads();
}

bool target_impl::is_return_site_hit(const thread_record& t, virt_addr address) const {
  if (!step_ || step_->return_site != address || step_->tid != t.tid) return false;
  // Recursion: the same return address in a deeper frame is not ours.
  return unwind(t.tid, 1).front().cfa == step_->return_cfa;
}

std::optional<stop_event> target_impl::on_return_site(thread_record& t) {
  virt_addr site = *step_->return_site;
  step_->return_site.reset();
  if (auto it = sites_.find(site); it != sites_.end()) it->second.remove_internal();
  release_site_if_unused(site);
  if (step_->report_on_return) return step_done(t.tid);
  // The call may have been the last instruction of its line: the return
  // address then starts the next one.
  virt_addr pc = regs(t.tid).pc();
  if (const module* owner = modules_.find(pc)) {
    if (const auto* debug = owner->debug()) {
      dwarf::file_addr at = owner->to_file(pc);
      auto line = debug->line_entry_at(at);
      if (line && !same_line(*line, step_->line) && is_statement_start(*debug, at, line))
        return step_done(t.tid);
    }
  }
  return drive_step(t);
}

void target_impl::abandon_step() {
  if (!step_) return;
  if (step_->return_site) {
    virt_addr site = *step_->return_site;
    if (auto it = sites_.find(site); it != sites_.end()) it->second.remove_internal();
    release_site_if_unused(site);
  }
  step_.reset();
}

}  // namespace int3::engine
