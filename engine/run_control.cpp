// All-stop run control: every thread runs or every thread is stopped when the
// user looks. One thread's stop that the user must see stops the others;
// what they report meanwhile is kept, never lost: a breakpoint hit is rewound
// so it happens again, anything else is reported next.
#include <signal.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <time.h>

#include <algorithm>
#include <fstream>
#include <utility>

#include <spdlog/fmt/fmt.h>
#include <spdlog/spdlog.h>

#include "engine/error.hpp"
#include "engine/ptrace_calls.hpp"
#include "engine/signals.hpp"
#include "engine/target_impl.hpp"

namespace int3::engine {
namespace {

// A thread group leader that called pthread_exit stays a zombie until the
// last thread ends; it never stops again, so waiting for it would hang.
bool is_zombie(pid_t pid, pid_t tid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/task/" + std::to_string(tid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  auto close = text.rfind(')');
  return close == std::string::npos || close + 2 >= text.size() || text[close + 2] == 'Z' ||
         text[close + 2] == 'X';
}

// Runs a cleanup when the scope ends, however it ends.
template <typename F>
class scope_exit {
 public:
  explicit scope_exit(F f) : f_(std::move(f)) {}
  ~scope_exit() { f_(); }
  scope_exit(const scope_exit&) = delete;
  scope_exit& operator=(const scope_exit&) = delete;

 private:
  F f_;
};

void sleep_briefly() {
  timespec pause{0, 1'000'000};
  nanosleep(&pause, nullptr);
}

}  // namespace

// ---- events --------------------------------------------------------------------

stop_event target_impl::signal_event(pid_t tid, const stop_reason& reason) const {
  stop_event event;
  event.kind = stop_kind::signal;
  event.tid = tid;
  event.signal = reason.signal;
  event.description = signal_name(reason.signal) + " (" + signal_description(reason.signal) + ")";
  if (has_fault_address(reason.signal) && reason.info) {
    auto address = reinterpret_cast<std::uint64_t>(reason.info->si_addr);
    event.fault_address = virt_addr{address};
    event.description += fmt::format(" at {:#x}", address);
  }
  return event;
}

stop_event target_impl::breakpoint_event(pid_t tid, const breakpoint_site& site) const {
  stop_event event;
  event.kind = stop_kind::breakpoint;
  event.tid = tid;
  event.breakpoint_ids.assign(site.owners().begin(), site.owners().end());
  event.description = "breakpoint";
  return event;
}

std::optional<stop_event> target_impl::thread_exited(pid_t tid, const stop_reason& reason) {
  threads_.erase(tid);
  pinning_.forget(tid);
  if (tid != pid()) {
    thread_changes_.push_back({tid, false});
    return std::nullopt;
  }
  stop_event event;
  event.tid = tid;
  if (reason.state == process_state::exited) {
    event.kind = stop_kind::exited;
    event.exit_code = reason.exit_code;
    event.description = "exited with code " + std::to_string(reason.exit_code);
  } else {
    event.kind = stop_kind::killed;
    event.signal = reason.signal;
    event.description = "killed by signal " + signal_name(reason.signal) + " (" +
                        signal_description(reason.signal) + ")";
  }
  return event;
}

// The site a software trap came from, with the pc moved back onto it.
std::optional<virt_addr> target_impl::trap_site(pid_t tid, const stop_reason& reason) {
  if (reason.signal != SIGTRAP || reason.trap != trap_kind::software_break) return std::nullopt;
  const arch_info& arch = current_arch();
  virt_addr pc = regs(tid).pc();
  virt_addr at = arch.trap_moves_pc ? pc + -static_cast<std::int64_t>(arch.trap_bytes.size()) : pc;
  if (!enabled_site_at(at) && !retired_sites_.contains(at)) return std::nullopt;
  if (at != pc) set_pc(tid, at);
  return at;
}

// ---- while running --------------------------------------------------------------

void target_impl::on_exec() {
  // The traps went with the old image: abandoning a step must not try to
  // take its return site out of memory that no longer exists.
  for (auto& [at, site] : sites_) site.forget();
  pc_scopes_.clear();  // names of the old image's DWARF
  reload_after_exec();
}

std::optional<stop_event> target_impl::handle_stop(thread_record& t, int status) {
  t.running = false;
  pid_t tid = t.tid;
  auto reason = stop_reason::from_wait_status(tid, status);
  if (reason.is_exit()) return thread_exited(tid, reason);

  if (reason.ptrace_event == PTRACE_EVENT_CLONE) {
    auto child = static_cast<pid_t>(sys::event_message(tid));
    if (!find_thread(child)) add_thread(child);
    spdlog::debug("thread {} started thread {}", tid, child);
    continue_thread(t);
    return std::nullopt;
  }
  if (reason.ptrace_event == PTRACE_EVENT_EXEC) {
    on_exec();
    continue_thread(threads_.at(pid()));
    return std::nullopt;
  }
  if (reason.ptrace_event == PTRACE_EVENT_FORK || reason.ptrace_event == PTRACE_EVENT_VFORK) {
    if (!release_fork_child(tid, reason.ptrace_event)) {
      continue_thread(t);
      return std::nullopt;
    }
    // The others were stopped for a while: what they reported meanwhile
    // comes first, else everything goes on.
    if (!deferred_.empty()) {
      stop_event event = deferred_.front();
      deferred_.pop_front();
      return event;
    }
    resume_stopped_threads();
    return std::nullopt;
  }
  if (reason.ptrace_event != 0 || reason.syscall_stop || !reason.info) {
    continue_thread(t);  // nothing we asked for, or a group-stop
    return std::nullopt;
  }

  if (reason.signal == SIGSTOP) {
    if (tid == pid() && pause_requested_) {
      pause_requested_ = false;
      t.sigstop_expected = false;
      return stop_event{stop_kind::pause, tid, {}, 0, 0, std::nullopt, "paused"};
    }
    if (t.sigstop_expected) {
      t.sigstop_expected = false;
      continue_thread(t);
      return std::nullopt;
    }
    // Someone else stopped the program: show it as a pause.
    return stop_event{stop_kind::pause, tid, {}, SIGSTOP, 0, std::nullopt, "stopped by SIGSTOP"};
  }

  if (auto at = trap_site(tid, reason)) {
    if (enabled_site_at(*at)) return on_site_hit(t, *at);
    spdlog::debug("thread {} hit removed site {:#x}: rewound", tid, at->value);
    continue_thread(t);  // a site removed while the trap was on its way
    return std::nullopt;
  }
  if (reason.signal == SIGTRAP && reason.trap == trap_kind::hardware_break) return on_watch_trap(t);
  if (reason.signal == SIGTRAP && reason.trap == trap_kind::single_step) {
    continue_thread(t);
    return std::nullopt;
  }
  if (stops_for(reason.signal)) {
    t.pending_signals.assign(1, reason.signal);
    return signal_event(tid, reason);
  }
  t.pending_signals.push_back(reason.signal);
  continue_thread(t);
  return std::nullopt;
}

std::optional<stop_event> target_impl::on_site_hit(thread_record& t, virt_addr address) {
  breakpoint_site& site = sites_.at(address);
  if (entry_site_ == address) {
    entry_site_.reset();
    stop_event event{stop_kind::entry, t.tid, {}, 0, 0, std::nullopt, "entry"};
    event.breakpoint_ids.assign(site.owners().begin(), site.owners().end());
    site.remove_internal();
    release_site_if_unused(address);
    const dwarf::function_info* fn = std::exchange(entry_function_, nullptr);
    if (fn) return run_past_prologue(t, modules_.main(), *fn, stop_kind::entry);
    return event;
  }
  if (loader_ && loader_->r_brk == address) return on_loader_event(t);  // shared_libraries.cpp
  if (site.is_internal()) {
    drop_returned_watches(t.tid, address);
    // Dropping a watch releases its return site when nothing else holds it:
    // `site` may be gone, its original byte back, so the thread just goes on.
    auto it = sites_.find(address);
    if (it == sites_.end()) {
      continue_thread(t);
      return std::nullopt;
    }
    return on_kept_site_hit(t, address, it->second);
  }
  return on_kept_site_hit(t, address, site);
}

std::optional<stop_event> target_impl::on_kept_site_hit(thread_record& t, virt_addr address,
                                                        breakpoint_site& site) {
  if (site.has_user_owner()) {
    stop_event hit = breakpoint_event(t.tid, site);
    if (!hit_filter_ || hit_filter_(hit) == hit_verdict::stop) return hit;
    pinning_.note_passed_hit(t.tid);
    // Not for the user (a condition that does not hold): the site is to
    // this thread what an internal one is, a step in progress included.
  }
  if (is_return_site_hit(t, address)) return on_return_site(t);
  // An internal site that is not for this thread or this frame (recursion),
  // or a user's that the filter let go.
  return step_over_and_continue(t);
}

std::optional<stop_event> target_impl::step_over_and_continue(thread_record& t) {
  // Run by the tracer, the instruction needs neither the site out nor the
  // others stopped.
  if (execute_site_in_tracer(t)) {
    continue_thread(t);
    return std::nullopt;
  }
  if (auto moved = execute_site_out_of_line(t)) {
    if (moved->event) return moved->event;
    if (!moved->thread_gone) continue_thread(t);
    return std::nullopt;
  }
  // While the site is out for the step, no other thread may run past it (the
  // stepping thread could miss its return): all stop, as in resume().
  stop_all_threads();
  auto result = single_step(t);
  if (result.event) return result.event;
  if (!deferred_.empty()) {
    stop_event event = deferred_.front();
    deferred_.pop_front();
    return event;
  }
  resume_stopped_threads();
  return std::nullopt;
}

std::optional<stop_event> target_impl::poll_stop() {
  if (ended_ || detached_) return std::nullopt;
  if (!running_) return poll_killed_while_stopped();
  if (!deferred_.empty()) {
    stop_event event = deferred_.front();
    deferred_.pop_front();
    return report(std::move(event));
  }
  for (;;) {
    bool progressed = false;
    for (pid_t tid : thread_ids()) {
      thread_record* t = find_thread(tid);
      if (!t || !t->running) continue;
      auto waited = sys::wait_thread(tid, false);
      if (!waited) continue;
      progressed = true;
      std::optional<stop_event> event;
      try {
        event = handle_stop(*t, waited->status);
      } catch (const thread_gone_error& e) {
        // Killed while we looked at it: its exit report comes next.
        spdlog::debug("{}", e.what());
        if (thread_record* gone = find_thread(tid)) gone->running = true;
        continue;
      }
      if (event) return report(std::move(*event));
      if (!running_) return std::nullopt;
    }
    if (!progressed) {
      pinning_.release_idle();
      return std::nullopt;
    }
  }
}

stop_event target_impl::wait_stop() {
  require_alive("wait for the program");
  if (!running_) error::send("cannot wait for the program: it is not running");
  for (;;) {
    if (auto event = poll_stop()) return *event;
    if (!running_) error::send("the program stopped without an event");
    // Block until some child has news, without taking it: poll_stop reads it.
    siginfo_t info{};
    if (waitid(P_ALL, 0, &info, WEXITED | WSTOPPED | __WALL | WNOWAIT) != 0) {
      if (errno == EINTR) continue;
      error::send_errno("cannot wait for process " + std::to_string(pid()));
    }
    const thread_record* t = find_thread(info.si_pid);
    // Not a thread we wait for yet (a new thread before its parent's clone
    // event, someone else's child): give the others a moment.
    if (!t || !t->running) sleep_briefly();
  }
}

// Stopped, the program changes only when something kills it from outside
// (SIGKILL ends even a ptrace-stopped process). Only exits are taken, so a
// stop notification someone else expects stays queued.
std::optional<stop_event> target_impl::poll_killed_while_stopped() {
  // Two passes: the leader's exit becomes visible only after its threads'.
  for (int pass = 0; pass < 2; ++pass) {
    for (pid_t tid : thread_ids()) {
      siginfo_t info{};
      if (waitid(P_PID, static_cast<id_t>(tid), &info, WEXITED | WNOHANG | WNOWAIT | __WALL) != 0 ||
          info.si_pid != tid)
        continue;
      auto waited = sys::wait_thread(tid, false);
      if (!waited) continue;
      auto reason = stop_reason::from_wait_status(tid, waited->status);
      if (auto event = thread_exited(tid, reason)) return report(std::move(*event));
    }
  }
  return std::nullopt;
}

// ---- stopping everything ------------------------------------------------------------

void target_impl::stop_all_threads() {
  pid_t leader = pid();
  for (pid_t tid : thread_ids()) {
    thread_record& t = threads_.at(tid);
    if (!t.running) continue;
    if (tid == leader && is_zombie(leader, tid)) {
      t.running = false;
      continue;
    }
    if (!t.sigstop_expected && sys::tgkill(leader, tid, SIGSTOP)) t.sigstop_expected = true;
  }
  for (bool waiting = true; waiting;) {
    waiting = false;
    for (pid_t tid : thread_ids()) {
      thread_record* t = find_thread(tid);
      if (!t || !t->running) continue;
      waiting = true;
      // The leader last: a leader that is exiting is reported only once its
      // threads are reaped (exit_group), so waiting for it first could hang.
      if (tid == leader && others_running(leader)) continue;
      auto waited = sys::wait_thread(tid, true);
      if (!waited) {
        threads_.erase(tid);
        continue;
      }
      try {
        absorb_while_stopping(*t, waited->status);
      } catch (const thread_gone_error& e) {
        spdlog::debug("{}", e.what());
        if (thread_record* gone = find_thread(tid)) gone->running = true;
      }
    }
  }
}

void target_impl::absorb_while_stopping(thread_record& t, int status) {
  t.running = false;
  pid_t tid = t.tid;
  auto reason = stop_reason::from_wait_status(tid, status);
  if (reason.is_exit()) {
    if (auto event = thread_exited(tid, reason)) deferred_.push_back(*event);
    return;
  }
  if (reason.ptrace_event == PTRACE_EVENT_CLONE) {
    auto child = static_cast<pid_t>(sys::event_message(tid));
    if (!find_thread(child)) add_thread(child);
    return;  // our SIGSTOP for t is still to come
  }
  if (reason.ptrace_event == PTRACE_EVENT_EXEC) {
    on_exec();
    return;
  }
  if (reason.ptrace_event == PTRACE_EVENT_FORK || reason.ptrace_event == PTRACE_EVENT_VFORK) {
    release_fork_child(tid, reason.ptrace_event);
    return;  // our SIGSTOP for t is still to come
  }
  if (reason.ptrace_event != 0 || reason.syscall_stop || !reason.info) return;
  if (reason.signal == SIGSTOP) {
    t.sigstop_expected = false;
    return;
  }
  // Rewound: when it runs again it executes the trap again and is reported
  // then. Its SIGSTOP is still pending and comes first.
  if (auto at = trap_site(tid, reason)) {
    spdlog::debug("thread {} hit {:#x} while stopping: rewound", tid, at->value);
    return;
  }
  // A watch hit cannot be rewound (the access happened): reported next.
  if (reason.signal == SIGTRAP && reason.trap == trap_kind::hardware_break) {
    if (auto hit = watch_hit_event(tid)) deferred_.push_back(*hit);
    return;
  }
  if (reason.signal == SIGTRAP && reason.trap == trap_kind::single_step) return;
  if (stops_for(reason.signal)) {
    t.pending_signals.assign(1, reason.signal);
    deferred_.push_back(signal_event(tid, reason));
    return;
  }
  t.pending_signals.push_back(reason.signal);
}

stop_event target_impl::report(stop_event event) {
  running_ = false;
  pinning_.release_all();
  if (event.kind == stop_kind::exited || event.kind == stop_kind::killed) {
    // No memory left to restore bytes in.
    ended_ = true;
    for (auto& [at, site] : sites_) site.forget();
    abandon_step();
    entry_site_.reset();
    reap_remaining_threads();
    deferred_.clear();
    process_->forget_memory();
    spdlog::debug("pid {} {}", pid(), event.description);
    return event;
  }
  abandon_step();
  if (pause_requested_) {
    // The user sees this stop instead; the SIGSTOP still arrives later.
    pause_requested_ = false;
    if (thread_record* leader = find_thread(pid())) leader->sigstop_expected = true;
  }
  stop_all_threads();
  if (thread_record* t = find_thread(event.tid)) t->needs_step_over = true;
  retired_sites_.clear();
  spdlog::debug("pid {} thread {} stopped: {}", pid(), event.tid, event.description);
  return event;
}

bool thread_record::fault_pending() const {
  return std::any_of(pending_signals.begin(), pending_signals.end(), is_fault_signal);
}

// ---- restarting ----------------------------------------------------------------

void target_impl::continue_thread(thread_record& t) {
  int signal = 0;
  if (!t.pending_signals.empty()) {
    signal = t.pending_signals.front();
    // One signal per restart; the others are raised again and pass by later.
    for (std::size_t i = 1; i < t.pending_signals.size(); ++i)
      sys::tgkill(pid(), t.tid, t.pending_signals[i]);
    t.pending_signals.clear();
  }
  // ESRCH: it died while stopped; waitpid reports its exit.
  sync_watch_registers(t.tid);
  sys::cont(t.tid, signal);
  t.running = true;
}

bool target_impl::others_running(pid_t tid) const {
  for (const auto& [other, t] : threads_)
    if (other != tid && t.running) return true;
  return false;
}

void target_impl::resume_stopped_threads() {
  // Step threads off their sites while all others are still stopped, so none
  // of them can run past a site that is briefly out.
  for (pid_t tid : thread_ids()) {
    thread_record* t = find_thread(tid);
    if (!t || t->running || !t->needs_step_over) continue;
    t->needs_step_over = false;
    // Most instructions under a site are run by the tracer: no step, no stop.
    if (!enabled_site_at(regs(tid).pc()) || execute_site_in_tracer(*t)) continue;
    if (auto moved = execute_site_out_of_line(*t)) {
      if (moved->event) {
        deferred_.push_back(*moved->event);
        return;
      }
      continue;
    }
    auto result = single_step(*t);
    if (result.event) {
      deferred_.push_back(*result.event);
      return;
    }
  }
  for (pid_t tid : thread_ids()) {
    thread_record* t = find_thread(tid);
    if (t && !t->running) continue_thread(*t);
  }
}

void target_impl::resume() {
  require_alive("continue");
  if (running_) return;
  running_ = true;
  if (!deferred_.empty()) return;  // poll_stop reports it without running anything
  resume_stopped_threads();
}

target_impl::step_result target_impl::single_step(thread_record& t) {
  pid_t tid = t.tid;
  t.needs_step_over = false;
  virt_addr pc = regs(tid).pc();
  // While the trap is out, a thread that runs past it would miss its hit.
  if (enabled_site_at(pc) && others_running(tid)) stop_all_threads();
  breakpoint_site* site = enabled_site_at(pc);
  if (site) site->disable(*process_);
  // The site goes back in however the step ends, exceptions included, unless
  // the address space it was in is gone (exit, exec).
  bool put_back = site != nullptr;
  scope_exit restore([&] {
    if (!put_back || ended_) return;
    auto it = sites_.find(pc);
    if (it == sites_.end() || it->second.enabled() || it->second.unused()) return;
    try {
      it->second.enable(*process_);
    } catch (const error& e) {
      spdlog::warn("cannot put the breakpoint at {:#x} back: {}", pc.value, e.what());
    }
  });

  int signal = 0;
  auto fault = std::find_if(t.pending_signals.begin(), t.pending_signals.end(), is_fault_signal);
  if (fault != t.pending_signals.end()) {
    signal = *fault;
    t.pending_signals.erase(fault);
  }
  for (;;) {
    sync_watch_registers(tid);
    sys::single_step(tid, signal);
    signal = 0;
    auto waited = sys::wait_thread(tid, true);
    if (!waited) {
      threads_.erase(tid);
      return {std::nullopt, true};
    }
    auto reason = stop_reason::from_wait_status(tid, waited->status);
    if (reason.is_exit()) {
      auto event = thread_exited(tid, reason);
      if (event) put_back = false;  // the process is gone
      return {event, true};
    }
    if (reason.ptrace_event == PTRACE_EVENT_CLONE) {
      auto child = static_cast<pid_t>(sys::event_message(tid));
      if (!find_thread(child)) add_thread(child);
      continue;
    }
    if (reason.ptrace_event == PTRACE_EVENT_EXEC) {
      // A new program: the step (and `t`, now a stale record) ends here.
      put_back = false;
      on_exec();
      return {std::nullopt, true};
    }
    if (reason.ptrace_event == PTRACE_EVENT_FORK || reason.ptrace_event == PTRACE_EVENT_VFORK) {
      release_fork_child(tid, reason.ptrace_event);
      continue;
    }
    if (reason.ptrace_event != 0 || reason.syscall_stop || !reason.info) continue;
    // A step that also wrote a watched location shows as a step (DR6 tells).
    if (reason.signal == SIGTRAP &&
        (reason.trap == trap_kind::single_step || reason.trap == trap_kind::hardware_break))
      return {filtered_watch_hit(tid), false};
    if (reason.signal == SIGSTOP) {
      t.sigstop_expected = false;
      if (tid == pid() && pause_requested_) {
        pause_requested_ = false;
        return {stop_event{stop_kind::pause, tid, {}, 0, 0, std::nullopt, "paused"}, false};
      }
      continue;
    }
    if (stops_for(reason.signal)) {
      t.pending_signals.assign(1, reason.signal);
      return {signal_event(tid, reason), false};
    }
    t.pending_signals.push_back(reason.signal);
  }
}

// ---- entry and pause ----------------------------------------------------------------

void target_impl::run_to_entry() {
  require_alive("run to the entry point");
  if (running_) error::send("cannot run to the entry point: the program is running");
  const module& program = modules_.main();
  virt_addr at = program.to_virt(program.elf()->entry());
  entry_function_ = nullptr;
  // main's first instruction surely runs, wherever DWARF says its prologue
  // ends; the hit then steps on to the body (run_past_prologue).
  if (const auto* debug = program.debug()) {
    auto mains = debug->functions_named("main");
    if (!mains.empty()) {
      entry_function_ = mains.front();
      at = program.to_virt(entry_function_->entry);
    }
  }
  acquire_site(at).add_internal();
  entry_site_ = at;
  resume();
}

void target_impl::pause() {
  if (ended_ || detached_ || !running_ || pause_requested_) return;
  pause_requested_ = true;
  sys::tgkill(pid(), pid(), SIGSTOP);
}

}  // namespace int3::engine
