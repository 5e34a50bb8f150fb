#pragma once

#include <sys/types.h>

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "adapter/breakpoint_registry.hpp"
#include "adapter/client_options.hpp"
#include "adapter/event_loop.hpp"
#include "adapter/handler_registry.hpp"
#include "adapter/handles.hpp"
#include "adapter/program_output.hpp"
#include "adapter/protocol/base.hpp"
#include "adapter/protocol/types.hpp"
#include "adapter/transport.hpp"
#include "engine/target.hpp"

namespace int3::dap {

// How a session gets a target. main() passes engine::target::launch; tests
// pass a fake, so the adapter library itself never needs the engine's code.
using target_factory =
    std::function<std::unique_ptr<engine::target>(const engine::launch_options&)>;

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
  void send_response(const protocol::response& response);
  void send_event(const std::string& name, std::optional<nlohmann::json> body = std::nullopt);
  void send_output(const std::string& category, std::string text);
  // The breakpoint as the client sees it, in the client's line base.
  protocol::breakpoint describe_breakpoint(const dap_breakpoint& entry) const;
  void send_breakpoint_changed(int id);

  client_options& client() { return client_; }
  const client_options& client() const { return client_; }
  breakpoint_registry& breakpoints() { return breakpoints_; }
  handle_table<frame_ref>& frames() { return frames_; }
  const handler_registry& handlers() const { return handlers_; }

  bool launched() const { return target_ != nullptr; }
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

 private:
  void on_stop(const engine::stop_event& stop);
  void release_program(const std::string& breakpoint_message);
  void on_input();
  template <class F>
  void guarded(const char* what, F&& f);

  transport& channel_;
  target_factory make_target_;
  event_loop loop_;
  handler_registry handlers_;
  client_options client_;
  breakpoint_registry breakpoints_;
  handle_table<frame_ref> frames_;
  program_output output_;
  std::unique_ptr<engine::target> target_;
  std::string program_name_;
  bool stop_on_entry_ = false;
  bool configuration_done_ = false;
  bool started_ = false;
  bool terminated_sent_ = false;
  bool finished_ = false;
};

}  // namespace int3::dap
