#pragma once

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <vector>

#include "dwarf/debug_info.hpp"
#include "dwarf/elf_file.hpp"
#include "engine/breakpoint.hpp"
#include "engine/breakpoint_site.hpp"
#include "engine/dynamic_loader.hpp"
#include "engine/frame_names.hpp"
#include "engine/function_breakpoint.hpp"
#include "engine/hit_pinning.hpp"
#include "engine/modules.hpp"
#include "engine/process.hpp"
#include "engine/registers.hpp"
#include "engine/signals.hpp"
#include "engine/stack.hpp"
#include "engine/stop_cache.hpp"
#include "engine/stop_reason.hpp"
#include "engine/target.hpp"
#include "engine/values/pc_scope.hpp"

namespace int3::engine {

struct found_frame;  // engine/values/frame_lookup.hpp

// What the engine knows about one thread between two waitpid reports.
struct thread_record {
  pid_t tid = 0;
  bool running = false;           // restarted by us and no stop seen since
  bool sigstop_expected = false;  // a SIGSTOP of ours (or a new thread's first) is on its way
  // Reported to the user where it stands: on resume it must execute the
  // instruction under a site there rather than hit the site again.
  bool needs_step_over = false;
  std::vector<int> pending_signals;  // for the program, on the next restart

  // A fault among pending_signals: it belongs to the instruction at the pc
  // and is delivered with it. Any other signal waits until the thread is
  // past a breakpoint site there: its handler would return onto the trap and
  // count a second hit.
  bool fault_pending() const;
};

// A source-level step in progress (stepping.cpp).
struct step_plan {
  enum class kind { into, over, out } how = kind::into;
  pid_t tid = 0;
  const module* owner = nullptr;                   // of the function being stepped
  const dwarf::function_info* function = nullptr;  // null: no debug info there
  std::optional<dwarf::line_entry> line;           // the line being left
  virt_addr frame_cfa;                             // of the frame being stepped
  std::size_t single_steps = 0;
  // The asynchronous phase: every thread runs until the stepping thread is
  // back at return_site in the frame whose CFA is return_cfa.
  std::optional<virt_addr> return_site;
  virt_addr return_cfa;
  bool report_on_return = false;  // step out: done there; else finish the line
};

class target_impl final : public target {
 public:
  target_impl(std::unique_ptr<process> proc, std::unique_ptr<dwarf::elf_file> program,
              std::uint64_t load_bias);
  // An attached process: `tids` are its threads, all stopped by the attach.
  target_impl(std::unique_ptr<process> proc, std::unique_ptr<dwarf::elf_file> program,
              std::uint64_t load_bias, const std::vector<pid_t>& tids);
  ~target_impl() override;

  pid_t pid() const override { return process_->pid(); }
  bool has_debug_info() const override;
  bool is_running() const override { return running_; }
  bool has_ended() const override { return ended_; }

  breakpoint_status create_line_breakpoint(const std::string& path, std::uint32_t line) override;
  void remove_breakpoint(int id) override;
  std::vector<virt_addr> breakpoint_sites() const override;

  void resume() override;
  void run_to_entry() override;
  void step_over(pid_t tid) override;
  void step_in(pid_t tid) override;
  void step_out(pid_t tid) override;
  void step_instruction(pid_t tid) override;
  void pause() override;

  std::optional<stop_event> poll_stop() override;
  stop_event wait_stop() override;

  void kill() override;
  void detach() override;

  std::vector<thread_info> threads() const override;
  std::vector<stack_frame> stack(pid_t tid, std::size_t max_frames) const override;
  std::vector<std::byte> read_memory(virt_addr address, std::size_t size) const override;
  frame_variables variables(pid_t tid, std::size_t frame_index) const override;  // values/
  // values/condition_scope.cpp
  std::unique_ptr<expr::scope> condition_scope(pid_t tid) const override;
  void set_hit_filter(hit_filter filter) override { hit_filter_ = std::move(filter); }
  // machine_access.cpp
  void write_memory(virt_addr address, std::span<const std::byte> data) override;
  code_address_info describe_code(virt_addr address) const override;
  std::vector<register_group> register_groups(pid_t tid) const override;
  void write_register(pid_t tid, const std::string& name,
                      std::span<const std::byte> value) override;
  // address_breakpoints.cpp
  breakpoint_status create_address_breakpoint(virt_addr address) override;
  void remove_address_breakpoint(int id);
  // watchpoints.cpp
  breakpoint_status create_watchpoint(const watch_request& request) override;
  void remove_watchpoint(int id) override;
  std::vector<watch_removal> take_watch_removals() override;
  std::optional<watch_hit> last_watch_hit(int id) const override;
  // function_breakpoints.cpp
  breakpoint_status create_function_breakpoint(const std::string& name) override;
  bool remove_function_breakpoint(int id);  // false: not a function breakpoint
  // runtime_hooks.cpp
  breakpoint_status create_symbol_breakpoint(const std::string& symbol) override;
  std::uint64_t argument_at_entry(pid_t tid, std::size_t index) const override;

  bool can_interrupt() const override { return true; }
  void set_stop_signals(const std::vector<int>& signals) override;
  void while_interrupted(const std::function<void()>& change) override;
  std::vector<thread_change> take_thread_changes() override;
  bool is_attached() const override { return attached_; }

  std::uint64_t load_bias() const { return modules_.main().load_bias(); }

  // shared_libraries.cpp
  std::vector<module_info> modules() const override;
  std::vector<module_change> take_module_changes() override;
  std::vector<breakpoint_status> take_breakpoint_changes() override;

 private:
  // target.cpp: state and lookups
  thread_record* find_thread(pid_t tid);
  thread_record& stopped_thread(pid_t tid);
  std::vector<pid_t> thread_ids() const;
  void add_thread(pid_t tid);
  void require_alive(const char* action) const;
  registers regs(pid_t tid) const { return registers::read(tid); }
  void set_pc(pid_t tid, virt_addr pc);
  read_word_fn word_reader() const;
  std::vector<unwound_frame> unwind(pid_t tid, std::size_t max_frames) const;
  // Logical frame `index` of a stopped thread from the stop's cached frames.
  found_frame locate_frame(const unwinder& u, pid_t tid, std::size_t index) const;
  // Up to out.size() bytes of raw memory; how many could be read.
  std::size_t read_readable(std::uint64_t address, std::span<std::byte> out) const;
  breakpoint_site* enabled_site_at(virt_addr address);
  breakpoint_site& acquire_site(virt_addr address);
  void release_site_if_unused(virt_addr address);
  void reload_after_exec();
  breakpoint_status place_breakpoint(line_breakpoint& bp);
  breakpoint_status place_function_breakpoint(function_breakpoint& bp);
  breakpoint_status add_function_breakpoint(const std::string& name,
                                            function_breakpoint::match how);
  // Places every breakpoint in the new image; their statuses go to
  // take_breakpoint_changes().
  void resolve_again_after_exec();
  // Resolves every function breakpoint again over the modules mapped now
  // (exec, library loads); changed statuses go to take_breakpoint_changes().
  void rebind_function_breakpoints();
  void reap_remaining_threads();
  // fork/vfork event: the child gets none of our traps and goes free.
  // True when it had to stop the program's other threads (a vfork child
  // stepped over a trap in the memory it shares): the caller restarts them.
  bool release_fork_child(pid_t parent_tid, int event);
  bool shepherd_vfork_child(pid_t child);  // fork_child.cpp

  // run_control.cpp: the all-stop machinery
  std::optional<stop_event> handle_stop(thread_record& t, int status);
  std::optional<stop_event> on_site_hit(thread_record& t, virt_addr address);
  // on_site_hit past the entry, loader and watch-return cases, for a site
  // that is still in sites_.
  std::optional<stop_event> on_kept_site_hit(thread_record& t, virt_addr address,
                                             breakpoint_site& site);
  std::optional<stop_event> thread_exited(pid_t tid, const stop_reason& reason);
  // poll_stop while stopped: the program's end when it was killed from outside.
  std::optional<stop_event> poll_killed_while_stopped();
  void absorb_while_stopping(thread_record& t, int status);
  void stop_all_threads();
  stop_event report(stop_event event);
  void resume_stopped_threads();
  bool others_running(pid_t tid) const;
  void on_exec();  // an exec event: forget the old image's traps, reload
  void continue_thread(thread_record& t);
  struct step_result {
    std::optional<stop_event> event;  // something the user must see instead
    bool thread_gone = false;         // or it exec'd: its record is stale, the step is over
  };
  step_result single_step(thread_record& t);
  // stepping.cpp: one instruction of a source step, run by the tracer where
  // it can, else single-stepped.
  step_result step_line_instruction(thread_record& t);
  std::optional<stop_event> step_over_and_continue(thread_record& t);
  // displaced_resume.cpp: runs the instruction under the site at t's pc in
  // the tracer and leaves t stopped past it; false: t must be stepped.
  bool execute_site_in_tracer(thread_record& t);
  // The instruction at the thread's pc, site or not, run by the tracer when
  // it can run it exactly (a source step's instructions); false: untouched.
  bool execute_in_tracer(thread_record& t);
  // out_of_line.cpp: runs a relocated copy of that instruction elsewhere,
  // t alone; nullopt: it cannot (t must be stepped in place). Otherwise t is
  // stopped past the instruction, or back on the site when a signal came
  // first, or what it ran into is the result's event.
  std::optional<step_result> execute_site_out_of_line(thread_record& t);
  stop_event signal_event(pid_t tid, const stop_reason& reason) const;
  stop_event breakpoint_event(pid_t tid, const breakpoint_site& site) const;
  std::optional<virt_addr> trap_site(pid_t tid, const stop_reason& reason);

  // stepping.cpp
  void begin_line_step(step_plan::kind how, pid_t tid);
  step_plan make_plan(step_plan::kind how, pid_t tid) const;
  std::optional<stop_event> drive_step(thread_record& t);
  // From a function's first instruction to where its body starts; the
  // event to report there (arrival: step or entry).
  std::optional<stop_event> run_past_prologue(thread_record& t, const module& owner,
                                              const dwarf::function_info& fn, stop_kind arrival);
  void start_return_phase(virt_addr return_site, virt_addr cfa, bool report);
  bool is_return_site_hit(const thread_record& t, virt_addr address) const;
  std::optional<stop_event> on_return_site(thread_record& t);
  void abandon_step();
  static stop_event step_done(pid_t tid);
  // stub_stepping.cpp: stepIn into code without lines (a PLT stub, the lazy
  // resolver): on to the callee when it has lines, else over the call.
  std::optional<stop_event> step_through_stub(thread_record& t);

  // shared_libraries.cpp
  // Puts an internal site on the dynamic loader's r_brk and notes the
  // modules mapped now (at launch, attach and exec).
  void watch_dynamic_loader();
  std::optional<stop_event> on_loader_event(thread_record& t);
  // After the loader changed its list: module changes, sites of unloaded
  // modules forgotten, line breakpoints resolved again.
  void sync_modules();
  std::vector<module_change> note_module_changes();
  void rebind_line_breakpoints();

  // watchpoints.cpp: the run-control hooks
  // Before a thread runs: its debug registers as the watches say.
  void sync_watch_registers(pid_t tid);
  // A hardware trap (or a single step that may have hit a watch too): the
  // event for the watch that fired, nullopt when none did.
  std::optional<stop_event> watch_hit_event(pid_t tid);
  // watch_hit_event put to the hit filter: nullopt also when the filter lets
  // the hit go (a data breakpoint condition that does not hold).
  std::optional<stop_event> filtered_watch_hit(pid_t tid);
  // handle_stop's answer to a hardware trap: the hit, or go on.
  std::optional<stop_event> on_watch_trap(thread_record& t);
  // At an internal site: drops watches on locals of frames that returned there.
  void drop_returned_watches(pid_t tid, virt_addr address);
  void clear_watchpoints();  // detach: no watch may outlive us
  void watch_on_stack(watch_state::watch& w);

  std::unique_ptr<process> process_;
  module_list modules_;
  std::map<pid_t, thread_record> threads_;
  std::map<virt_addr, breakpoint_site> sites_;
  // Removed while threads ran: a trap from one of these may still be on its
  // way and must not look like the program's own SIGTRAP.
  std::set<virt_addr> retired_sites_;
  std::map<int, line_breakpoint> breakpoints_;
  std::map<int, virt_addr> address_breakpoints_;  // address_breakpoints.cpp
  watch_state watch_;                             // watchpoints.cpp
  // function_breakpoints.cpp
  std::map<int, function_breakpoint> function_breakpoints_;
  // Inspection of a stopped program (stack, variables): what the stop
  // showed already, and frame names by code address across stops.
  mutable stop_cache stop_{[](pid_t tid) { return registers::read(tid); },
                           [this](std::uint64_t address, std::span<std::byte> out) {
                             return read_readable(address, out);
                           }};
  mutable frame_names names_;
  // Breakpoint conditions: asked before a hit stops anything, and the names
  // they use at each breakpoint's pc (values/condition_scope.cpp).
  hit_filter hit_filter_;
  hit_pinning pinning_;
  mutable pc_scope_cache pc_scopes_;
  int next_breakpoint_id_ = 1;
  std::deque<stop_event> deferred_;  // seen while stopping the others; reported next
  std::optional<step_plan> step_;
  std::optional<virt_addr> entry_site_;
  const dwarf::function_info* entry_function_ = nullptr;  // main, when it has DWARF
  bool running_ = false;
  bool ended_ = false;
  bool detached_ = false;
  bool pause_requested_ = false;
  bool attached_ = false;
  std::optional<std::set<int>> stop_signals_;  // nullopt: is_fault_signal
  bool stops_for(int signal) const {
    return stop_signals_ ? stop_signals_->contains(signal) : is_fault_signal(signal);
  }
  std::vector<thread_change> thread_changes_;
  // shared_libraries.cpp
  std::optional<loader_hook> loader_;
  std::vector<module_info> reported_modules_;
  std::vector<module_change> module_changes_;
  std::map<int, breakpoint_status> line_status_;  // as last placed, by breakpoint id
  std::vector<breakpoint_status> breakpoint_changes_;
};

}  // namespace int3::engine
