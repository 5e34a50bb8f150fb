// Resuming a thread from a breakpoint site whose instruction the tracer does
// not emulate (shifts, multiplies, SSE, string instructions...): a copy of
// it, followed by a trap, runs in a scratch area, the program's own entry
// code (`_start` runs once, before anything can hit a breakpoint; gdb puts
// its displaced-stepping buffer there for the same reason). The site keeps
// its trap and the other threads keep running, where stepping the original
// in place needs the trap out and every thread stopped. It also runs a
// `rep` string instruction whole: a single step does one iteration of it.
#include <signal.h>
#include <sys/ptrace.h>

#include <spdlog/spdlog.h>

#include "engine/disassembler.hpp"
#include "engine/instruction_relocation.hpp"
#include "engine/ptrace_calls.hpp"
#include "engine/signals.hpp"
#include "engine/target_impl.hpp"

namespace int3::engine {

std::optional<target_impl::step_result> target_impl::execute_site_out_of_line(thread_record& t) {
  // A fault to deliver comes first, as with the step; other signals wait
  // until the thread is past the site. (Watches need no care: the copy's
  // accesses are the CPU's own, so the debug registers see them as they
  // would the original's.)
  if (t.fault_pending()) return std::nullopt;
  const arch_info& arch = current_arch();
  pid_t tid = t.tid;
  virt_addr pc = regs(tid).pc();
  if (!enabled_site_at(pc)) return std::nullopt;
  const module& program = modules_.main();
  if (!program.elf()) return std::nullopt;
  virt_addr scratch = program.to_virt(program.elf()->entry());
  std::size_t room = disassembler::max_instruction_size() + arch.trap_bytes.size();
  if (pc.value + disassembler::max_instruction_size() > scratch.value &&
      pc.value < scratch.value + room)
    return std::nullopt;  // the site is in the scratch area itself

  auto code = read_memory(pc, disassembler::max_instruction_size());
  auto copy = relocate_instruction(code, pc.value, scratch.value);
  if (!copy) return std::nullopt;
  std::vector<std::byte> placed = copy->bytes;
  placed.insert(placed.end(), arch.trap_bytes.begin(), arch.trap_bytes.end());
  // Raw bytes, our traps included: they go back exactly as they were.
  auto original = process_->read_memory(scratch, placed.size());
  if (original.size() != placed.size()) return std::nullopt;
  process_->write_memory(scratch, placed);
  bool scratch_gone = false;
  struct restore_scratch {
    target_impl& self;
    virt_addr at;
    const std::vector<std::byte>& bytes;
    const bool& skip;
    ~restore_scratch() {
      if (skip || self.ended_) return;
      try {
        self.process_->write_memory(at, bytes);
      } catch (const error& e) {
        spdlog::warn("cannot restore the scratch area at {:#x}: {}", at.value, e.what());
      }
    }
  } restore{*this, scratch, original, scratch_gone};

  auto r = regs(tid);
  r.set_pc(scratch);
  r.write_before_resume(tid);
  virt_addr done_at = scratch + static_cast<std::int64_t>(placed.size());
  if (!arch.trap_moves_pc) done_at = done_at + -static_cast<std::int64_t>(arch.trap_bytes.size());
  const virt_addr copy_end = scratch + static_cast<std::int64_t>(copy->length);
  const virt_addr after = pc + static_cast<std::int64_t>(copy->length);
  // Where the thread goes when the copy did (not) run to its end.
  auto put_back = [&](virt_addr now) {
    auto moved = regs(tid);
    moved.set_pc(now == copy_end || now == done_at ? after : pc);
    moved.write_before_resume(tid);
  };

  sync_watch_registers(tid);
  sys::cont(tid, 0);
  for (;;) {
    auto waited = sys::wait_thread(tid, true);
    if (!waited) {
      threads_.erase(tid);
      return step_result{std::nullopt, true};
    }
    auto reason = stop_reason::from_wait_status(tid, waited->status);
    if (reason.is_exit()) {
      auto event = thread_exited(tid, reason);
      scratch_gone = event.has_value();
      return step_result{event, true};
    }
    if (reason.ptrace_event == PTRACE_EVENT_EXEC) {
      // Another thread exec'd and this one (the leader) carries the new
      // program: the copy, the scratch area and `t` went with the old one.
      scratch_gone = true;
      on_exec();
      continue_thread(threads_.at(pid()));  // as handle_stop does after an exec
      return step_result{std::nullopt, true};
    }
    if (reason.ptrace_event != 0 || reason.syscall_stop || !reason.info) {
      sys::cont(tid, 0);  // nothing a copied instruction causes; a group-stop
      continue;
    }
    virt_addr now = regs(tid).pc();
    if (reason.signal == SIGTRAP && reason.trap == trap_kind::software_break && now == done_at) {
      put_back(copy_end);
      t.needs_step_over = false;
      return step_result{};
    }
    if (reason.signal == SIGTRAP && reason.trap == trap_kind::hardware_break) {
      // A watched location written by the copy: the hit is the program's.
      if (auto hit = watch_hit_event(tid)) {
        put_back(now);
        t.needs_step_over = false;
        return step_result{hit, false};
      }
      if (now == copy_end) {  // a trap of no current watch, after the copy
        put_back(copy_end);
        t.needs_step_over = false;
        return step_result{};
      }
      sys::cont(tid, 0);  // ...or within a string instruction: it goes on
      continue;
    }
    // A signal before the copy ran, which the program neither faults on nor
    // shows the user: kept for after the site, and the copy runs. Sent back
    // to the site, the thread would meet its trap again on the handler's
    // return and count a second hit.
    bool quiet = reason.signal == SIGSTOP
                     ? !(tid == pid() && pause_requested_)
                     : !stops_for(reason.signal) && !is_fault_signal(reason.signal);
    if (now == scratch && quiet) {
      if (reason.signal == SIGSTOP)
        t.sigstop_expected = false;
      else
        t.pending_signals.push_back(reason.signal);
      sys::cont(tid, 0);
      continue;
    }
    // Interrupted before the copy finished (or right after it): the thread
    // goes back to the site, where the instruction runs again once the
    // signal is dealt with (string instructions resume where they were).
    put_back(now);
    t.needs_step_over = false;
    if (reason.signal == SIGSTOP) {
      t.sigstop_expected = false;
      if (tid == pid() && pause_requested_) {
        pause_requested_ = false;
        return step_result{stop_event{stop_kind::pause, tid, {}, 0, 0, std::nullopt, "paused"},
                           false};
      }
      return step_result{};
    }
    if (stops_for(reason.signal)) {
      t.pending_signals.assign(1, reason.signal);
      return step_result{signal_event(tid, reason), false};
    }
    t.pending_signals.push_back(reason.signal);
    return step_result{};
  }
}

}  // namespace int3::engine
