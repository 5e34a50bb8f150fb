#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "adapter/breakpoint_registry.hpp"
#include "adapter/client_options.hpp"
#include "adapter/cxx_exception_breakpoints.hpp"
#include "adapter/data_breakpoint_table.hpp"
#include "adapter/event_loop.hpp"
#include "adapter/function_breakpoint_registry.hpp"
#include "adapter/handler_registry.hpp"
#include "adapter/handles.hpp"
#include "adapter/program_output.hpp"
#include "adapter/progress_reporter.hpp"
#include "adapter/protocol/base.hpp"
#include "adapter/protocol/types.hpp"
#include "adapter/registers_scope.hpp"
#include "adapter/transport.hpp"
#include "adapter/variable_store.hpp"
#include "engine/disassembler.hpp"
#include "engine/target.hpp"

namespace int3::dap {

// How a session gets a target. main() passes engine::target::launch; tests
// pass a fake, so the adapter library itself never needs the engine's code.
using target_factory =
    std::function<std::unique_ptr<engine::target>(const engine::launch_options&)>;
// How a session attaches to a running process (main passes engine::target::attach).
using attach_factory = std::function<std::unique_ptr<engine::target>(pid_t)>;

// How a session takes over a program that `int3-dap --launch-helper` is
// about to exec in the client's terminal (main passes
// engine::target::adopt_before_exec).
using terminal_factory = std::function<std::unique_ptr<engine::target>(
    pid_t, const std::filesystem::path&, const std::function<void()>&)>;
// How a session opens a core file (main passes engine::target::open_core).
using core_factory = std::function<std::unique_ptr<engine::target>(
    const std::filesystem::path&, const std::optional<std::filesystem::path>&)>;
// What a reverse request's sender does with the client's response.
using reply_callback = std::function<void(const nlohmann::json& response)>;

// What a frame id stands for until the program resumes.
struct frame_ref {
  pid_t tid = 0;
  std::size_t index = 0;
};

// One debugging conversation with one client: the only state object of the
// adapter (no globals). It owns the program being debugged, if any, and
// everything handlers share; the handlers hold the behaviour.
class session {
 public:
  session(transport& channel, target_factory make_target);
  ~session();
  session(const session&) = delete;
  session& operator=(const session&) = delete;

  // Serves requests and program events until disconnect or the end of the
  // input, then kills a program that is still running.
  void run();

  // What the event loop calls; public so tests can drive a session directly.
  void handle_message(const incoming_message& message);
  // Asks the engine what happened to the running program and reports it.
  void poll_program();
  bool finished() const { return finished_; }
  // Ends the conversation once the current request is answered.
  void finish() { finished_ = true; }

  // --- For handlers.
  void send_response(protocol::response response);
  void send_event(const std::string& name, std::optional<nlohmann::json> body = std::nullopt);
  void send_output(const std::string& category, std::string text);
  // The breakpoint as the client sees it, in the client's line base.
  protocol::breakpoint describe_breakpoint(const dap_breakpoint& entry) const;
  void send_breakpoint_changed(int id);

  client_options& client() { return client_; }
  const client_options& client() const { return client_; }
  breakpoint_registry& breakpoints() { return breakpoints_; }
  function_breakpoint_registry& function_breakpoints() { return function_breakpoints_; }
  const function_breakpoint_registry& function_breakpoints() const { return function_breakpoints_; }
  cxx_exception_breakpoints& cxx_exceptions() { return cxx_exceptions_; }
  handle_table<frame_ref>& frames() { return frames_; }
  variable_store& variables() { return variables_; }
  data_breakpoint_table& data_breakpoints() { return data_breakpoints_; }
  registers_scope& registers() { return registers_; }
  // The thread the last stopped event named: evaluate's default frame.
  std::optional<pid_t> stopped_thread() const { return stopped_thread_; }
  void set_stopped_thread(pid_t tid) { stopped_thread_ = tid; }
  const handler_registry& handlers() const { return handlers_; }
  // disassemble's syntax, from the launch option disassemblyFlavor.
  engine::asm_syntax disassembly_syntax() const { return disassembly_syntax_; }
  void set_disassembly_syntax(engine::asm_syntax syntax) { disassembly_syntax_ = syntax; }

  bool launched() const { return target_ != nullptr; }
  // The program was attached to: disconnect detaches by default.
  bool attached() const { return target_ != nullptr && attached_; }
  void set_attach_factory(attach_factory attach) { attach_target_ = std::move(attach); }
  // Attaches to a running process (all threads stopped until start_if_ready).
  void attach(pid_t pid, bool stop_on_entry);
  // restart: the same program, arguments and breakpoints in a new process.
  void relaunch();
  bool running() const;
  // The program; throws not_launched when there is none.
  engine::target& target();

  // Starts the program under the engine with its output piped to us. It is
  // left stopped at its first instruction. Throws what the engine throws.
  void launch(engine::launch_options options, bool stop_on_entry);
  // After the launch response: tell the user, resolve pending breakpoints,
  // and start the program if configuration is already done.
  void announce_launch();
  // configurationDone: the client has sent its breakpoints.
  void configuration_done();
  // The first resume, once both launch and configurationDone have happened.
  void start_if_ready();
  // Every resume goes through here: frame ids die with the stop.
  void resume(const std::function<void(engine::target&)>& how);

  // Stops debugging: kills the program (or detaches when `kill` is false)
  // without reporting anything.
  void end_program(bool kill);
  // Reports a program that has gone: its last output, `exited` and, once
  // per session, `terminated`. `signal` is set when a signal ended it.
  void report_program_end(int exit_code, std::optional<int> signal);
  // A `terminated` event if none was sent yet.
  void send_terminated();

  // Reads the program's pipes and sends what they hold as output events.
  void drain_program_output();
  // The signals that stop the program (setExceptionBreakpoints); applied
  // now and to every later program. nullopt: the engine's default.
  void set_stop_signals(std::vector<int> signals);
  // The last stop reported, for exceptionInfo.
  void remember_stop(const engine::stop_event& stop) { last_stop_ = stop; }
  const std::optional<engine::stop_event>& last_stop() const { return last_stop_; }
  // `thread` events for threads the engine saw start or exit.
  void send_thread_events();

  // --- Reverse requests (runInTerminal), run_in_terminal.cpp.
  // Sends a request to the client; `on_reply` gets its response, which
  // arrives among the client's requests. Returns the request's seq.
  int send_request(const std::string& command, nlohmann::json arguments, reply_callback on_reply);
  // Reads from the client, handing responses to their callbacks and keeping
  // requests for later, until `done` is true, `fd` (if >= 0) is readable
  // (returns true) or `deadline` passes. Throws dap_error if the client goes.
  bool wait_for_client(const std::function<bool()>& done, int fd,
                       std::chrono::steady_clock::time_point deadline);
  void set_terminal_factory(terminal_factory adopt) { adopt_target_ = std::move(adopt); }
  // Takes over the program the launch helper `pid` execs once `release`
  // lets it; like launch(), it is left stopped at its first instruction.
  void adopt_from_terminal(pid_t pid, const std::filesystem::path& program,
                           const std::function<void()>& release, bool stop_on_entry);

  // --- Core files (core_session.cpp).
  void set_core_factory(core_factory open) { open_core_ = std::move(open); }
  // Opens `core` (of `program`, or of the program the core names); the
  // session then only reads, and configurationDone reports the crash.
  void open_core(const std::filesystem::path& core,
                 const std::optional<std::filesystem::path>& program);

 private:
  // announce_launch for a core: what was opened and what died.
  void announce_core();
  void on_stop(const engine::stop_event& stop);
  void release_program(const std::string& breakpoint_message);
  void on_input();
  std::optional<incoming_message> next_message();
  void route_reply(const nlohmann::json& response);
  template <class F>
  void guarded(const char* what, F&& f);

  transport& channel_;
  target_factory make_target_;
  event_loop loop_;
  handler_registry handlers_;
  client_options client_;
  progress_reporter progress_;
  breakpoint_registry breakpoints_;
  function_breakpoint_registry function_breakpoints_;
  cxx_exception_breakpoints cxx_exceptions_;
  handle_table<frame_ref> frames_;
  variable_store variables_;
  data_breakpoint_table data_breakpoints_;
  registers_scope registers_;
  std::optional<pid_t> stopped_thread_;
  program_output output_;
  std::unique_ptr<engine::target> target_;
  attach_factory attach_target_;
  std::optional<std::vector<int>> stop_signals_;
  std::optional<engine::stop_event> last_stop_;
  std::optional<engine::launch_options> last_launch_;
  bool attached_ = false;
  engine::asm_syntax disassembly_syntax_ = engine::asm_syntax::intel;
  terminal_factory adopt_target_;
  core_factory open_core_;
  std::map<int, reply_callback> pending_replies_;   // by the reverse request's seq
  std::deque<incoming_message> deferred_messages_;  // read while a request waited
  std::string program_name_;
  bool stop_on_entry_ = false;
  bool configuration_done_ = false;
  bool started_ = false;
  bool terminated_sent_ = false;
  bool finished_ = false;
};

}  // namespace int3::dap
