#include "adapter/session.hpp"

#include <signal.h>

#include <chrono>
#include <filesystem>

#include <spdlog/spdlog.h>

#include "adapter/breakpoint_hits.hpp"
#include "adapter/cxx_exception_stops.hpp"
#include "adapter/errors.hpp"
#include "adapter/function_breakpoint_events.hpp"
#include "adapter/module_events.hpp"
#include "adapter/protocol/events.hpp"
#include "adapter/stop_reporter.hpp"
#include "dwarf/error.hpp"
#include "engine/error.hpp"

namespace int3::dap {

session::session(transport& channel, target_factory make_target)
    : channel_(channel), make_target_(std::move(make_target)), handlers_(*this), progress_(*this) {
  dwarf::set_progress_observer(&progress_);
}

session::~session() {
  dwarf::set_progress_observer(nullptr);
  if (!target_ || target_->has_ended()) return;
  try {
    if (attached_) {
      target_->detach();
    } else {
      target_->kill();
    }
  } catch (const engine::error& e) {
    spdlog::warn("ending the program at the end of the session failed: {}", e.what());
  }
}

template <class F>
void session::guarded(const char* what, F&& f) {
  // Work that no request asked for has no response to carry its failure,
  // so the user hears of it as console output.
  try {
    f();
  } catch (const engine::error& e) {
    spdlog::error("{}: {}", what, e.what());
    send_output("console", std::string("int3: ") + e.what() + "\n");
  } catch (const dwarf::error& e) {
    spdlog::error("{}: {}", what, e.what());
    send_output("console", std::string("int3: ") + e.what() + "\n");
  } catch (const std::exception& e) {
    spdlog::error("internal error in {}: {}", what, e.what());
    send_output("console", std::string("int3: internal error: ") + e.what() + "\n");
  }
}

void session::run() {
  using namespace std::chrono_literals;
  loop_.watch_signal(SIGCHLD, [this] { guarded("handling SIGCHLD", [this] { poll_program(); }); });
  loop_.watch(channel_.input_fd(),
              [this] { guarded("reading a request", [this] { on_input(); }); });
  // A safety net while the program runs: a stop whose SIGCHLD merged with
  // an earlier one is still noticed.
  loop_.set_timeout(
      [this]() -> std::optional<std::chrono::milliseconds> {
        if (running()) return 200ms;
        return std::nullopt;
      },
      [this] { guarded("polling the program", [this] { poll_program(); }); });
  // A client that vanished fails our writes (EPIPE: SIGPIPE is ignored),
  // also those of events; that ends the session as a dropped one does.
  loop_.stop_when([this] { return channel_.closed(); });
  if (!finished_) loop_.run();
  if (target_) end_program(!attached_);
}

void session::on_input() {
  bool open = channel_.receive();
  while (!finished_) {
    auto message = next_message();
    if (!message) break;
    handle_message(*message);
    // A resume the engine settled without running the program (a step whose
    // instructions the tracer ran, a stop held back from before) raises no
    // SIGCHLD: its stop is reported now, not at the next timeout.
    if (running()) poll_program();
    if (channel_.closed()) finish();
  }
  if (!open && !finished_) {
    spdlog::info("the client closed its end of the DAP channel; ending the session");
    finish();
  }
  if (finished_) loop_.stop();
}

void session::handle_message(const incoming_message& message) {
  // value("type", "") would throw on {"type": 1}: compare only a string.
  if (const auto* j = std::get_if<nlohmann::json>(&message);
      j && j->is_object() && j->contains("type") && j->at("type") == "response") {
    route_reply(*j);
    return;
  }
  protocol::rejected_message rejected;
  if (auto* bad = std::get_if<bad_frame>(&message)) {
    rejected.problem = bad->problem;
    rejected.seq = bad->seq;
    rejected.command = bad->command;
  } else {
    auto parsed = protocol::parse_request(std::get<nlohmann::json>(message));
    if (auto* request = std::get_if<protocol::request>(&parsed)) {
      handlers_.dispatch(*request);
      progress_.finish();  // reads in post_run
      return;
    }
    rejected = std::get<protocol::rejected_message>(parsed);
  }
  spdlog::warn("rejected a message: {}", rejected.problem);
  if (rejected.seq) {
    send_response(protocol::make_error_response(
        *rejected.seq, rejected.command.value_or("unknown"), rejected.problem,
        protocol::error_message{static_cast<int>(error_id::invalid_message), rejected.problem,
                                false}));
  } else {
    // Without a seq there is no request a response could answer (the
    // schema wants request_seq >= 1), so the client hears it as output.
    send_output("console", "int3: ignored a message: " + rejected.problem + "\n");
  }
}

void session::poll_program() {
  stop_reporter reporter(*this);
  while (target_ && !target_->has_ended()) {
    auto stop = target_->poll_stop();
    send_thread_events();
    send_library_events(*this);
    if (!stop) break;
    reporter.report(*stop);
  }
  progress_.finish();
}

void session::send_response(protocol::response response) {
  // A body can be large (a thousand frames): moved into the message, not copied.
  progress_.finish();
  auto body = std::move(response.body);
  response.body.reset();
  auto body_text = std::move(response.body_text);
  response.body_text.reset();
  nlohmann::json message = response;
  if (body) message["body"] = std::move(*body);
  if (body_text)
    channel_.write(std::move(message), *body_text);
  else
    channel_.write(std::move(message));
}

void session::send_event(const std::string& name, std::optional<nlohmann::json> body) {
  channel_.write(nlohmann::json(protocol::event{name, std::move(body)}));
}

void session::send_output(const std::string& category, std::string text) {
  send_event("output", protocol::output_event_body{category, std::move(text)});
}

protocol::breakpoint session::describe_breakpoint(const dap_breakpoint& entry) const {
  protocol::breakpoint b;
  b.id = entry.id;
  b.verified = entry.verified;
  if (!entry.message.empty()) b.message = entry.message;
  b.line = client_.line_to_client(entry.line);
  b.source = protocol::source{std::filesystem::path(entry.path).filename().string(),
                              client_.path_to_client(entry.path), std::nullopt};
  return b;
}

void session::send_breakpoint_changed(int id) {
  if (const auto* entry = breakpoints_.find(id)) {
    send_event("breakpoint",
               protocol::breakpoint_event_body{"changed", describe_breakpoint(*entry)});
  }
}

bool session::running() const {
  return target_ && !target_->has_ended() && target_->is_running();
}

engine::target& session::target() {
  if (!target_) throw not_launched();
  return *target_;
}

void session::launch(engine::launch_options options, bool stop_on_entry) {
  if (target_) {
    throw dap_error(error_id::already_launched, "a program is already being debugged", true);
  }
  // Kept for restart; the fds are this launch's and are not reused.
  last_launch_ = options;
  attached_ = false;
  auto child_ends = output_.open();
  // Streams the launch configuration redirected to files keep their fds.
  if (options.stdout_fd < 0) options.stdout_fd = child_ends.stdout_write.get();
  if (options.stderr_fd < 0) options.stderr_fd = child_ends.stderr_write.get();
  try {
    target_ = make_target_(options);
  } catch (...) {
    output_.close();
    throw;
  }
  // child_ends closes our copies of the write ends on return, so the pipes
  // report their end when the program (and its children) are gone.
  for (int fd : output_.fds()) {
    loop_.watch(fd, [this, fd] {
      guarded("reading the program's output", [this, fd] {
        auto sink = [this](std::string_view category, std::string text) {
          send_output(std::string(category), std::move(text));
        };
        if (!output_.drain(fd, sink)) loop_.unwatch(fd);
      });
    });
  }
  program_name_ = options.program.string();
  stop_on_entry_ = stop_on_entry;
  started_ = false;
  terminated_sent_ = false;
  spdlog::info("launched {} as pid {}", program_name_, target_->pid());
}

void session::announce_launch() {
  if (!target_) return;
  if (target_->core()) {
    announce_core();
  } else {
    send_output("console", (attached_ ? "Attached to " : "Launched ") + program_name_ + " (pid " +
                               std::to_string(target_->pid()) + ")\n");
  }
  if (!target_->has_debug_info()) {
    send_output("console", program_name_ +
                               " has no debug information: breakpoints and source lines are "
                               "not available\n");
  }
  if (stop_signals_) target_->set_stop_signals(*stop_signals_);
  target_->set_hit_filter(
      [this](engine::stop_event& hit) { return filter_breakpoint_hit(*this, hit); });
  for (int id : breakpoints_.bind_pending(*target_)) send_breakpoint_changed(id);
  sync_function_breakpoints(*this);
  sync_cxx_exception_breakpoints(*this);
  send_library_events(*this);
  start_if_ready();
}

void session::configuration_done() {
  configuration_done_ = true;
}

void session::start_if_ready() {
  if (!target_ || !configuration_done_ || started_) return;
  if (target_->core()) {
    // A core stays where the program died: report that stop, once.
    started_ = true;
    poll_program();
    return;
  }
  if (attached_ && stop_on_entry_) {
    // Already stopped by the attach: the user just gets to see it.
    started_ = true;
    protocol::stopped_event_body stopped;
    stopped.reason = "entry";
    stopped.description = "Attached to process " + std::to_string(target_->pid());
    stopped.threadId = static_cast<int>(target_->pid());
    send_event("stopped", stopped);
    return;
  }
  if (stop_on_entry_) {
    resume([](engine::target& t) { t.run_to_entry(); });
  } else {
    resume([](engine::target& t) { t.resume(); });
  }
}

void session::resume(const std::function<void(engine::target&)>& how) {
  frames_.reset();
  variables_.reset();
  // A client that continues before configurationDone has started the
  // program itself; configurationDone must not resume it a second time.
  started_ = true;
  how(target());
}

void session::drain_program_output() {
  output_.drain_all([this](std::string_view category, std::string text) {
    send_output(std::string(category), std::move(text));
  });
}

void session::end_program(bool kill) {
  if (!target_) return;
  if (!target_->has_ended()) {
    if (kill) {
      target_->kill();
    } else {
      target_->detach();
    }
  }
  release_program(pending_before_launch);
}

void session::report_program_end(int exit_code, std::optional<int> signal) {
  drain_program_output();
  if (signal) {
    send_output("console", "Program terminated by signal " + describe_signal(*signal) + "\n");
  }
  send_event("exited", protocol::exited_event_body{exit_code});
  release_program(pending_before_launch);
  send_terminated();
}

void session::send_terminated() {
  if (terminated_sent_) return;
  terminated_sent_ = true;
  send_event("terminated");
}

void session::release_program(const std::string& breakpoint_message) {
  for (int fd : output_.fds()) loop_.unwatch(fd);
  output_.close();
  target_.reset();
  frames_.reset();
  variables_.reset();
  breakpoints_.unbind_all(breakpoint_message);
  function_breakpoints_.unbind_all(breakpoint_message);
  cxx_exceptions_.unbind_all(breakpoint_message);
  started_ = false;
}

}  // namespace int3::dap

namespace int3::dap {

void session::attach(pid_t pid, bool stop_on_entry) {
  if (target_) {
    throw dap_error(error_id::already_launched, "a program is already being debugged", true);
  }
  if (!attach_target_) throw dap_error(error_id::engine_failure, "attach is not supported", true);
  target_ = attach_target_(pid);
  attached_ = true;
  last_launch_.reset();
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/" + std::to_string(pid) + "/exe", ec);
  program_name_ = ec ? "process " + std::to_string(pid) : exe.string();
  stop_on_entry_ = stop_on_entry;
  started_ = false;
  terminated_sent_ = false;
  spdlog::info("attached to {} (pid {})", program_name_, pid);
}

void session::relaunch() {
  if (!last_launch_) {
    throw dap_error(error_id::engine_failure, "restart needs a program that was launched", true);
  }
  engine::launch_options options = *last_launch_;
  // Files the configuration redirected stdio to were opened for the first
  // launch only; the new process writes to the debug console instead.
  options.stdin_fd = options.stdout_fd = options.stderr_fd = -1;
  bool stop_on_entry = stop_on_entry_;
  end_program(true);
  launch(std::move(options), stop_on_entry);
}

void session::send_thread_events() {
  if (!target_) return;
  for (const auto& change : target_->take_thread_changes()) {
    send_event("thread", nlohmann::json{{"reason", change.started ? "started" : "exited"},
                                        {"threadId", static_cast<int>(change.tid)}});
  }
}

}  // namespace int3::dap

namespace int3::dap {

void session::set_stop_signals(std::vector<int> signals) {
  stop_signals_ = std::move(signals);
  if (target_ && !target_->has_ended()) target_->set_stop_signals(*stop_signals_);
}

}  // namespace int3::dap
