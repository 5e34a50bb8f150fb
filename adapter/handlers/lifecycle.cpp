// initialize, launch, configurationDone, disconnect, terminate.

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>

#include "adapter/core_requests.hpp"
#include "adapter/disassembly.hpp"
#include "adapter/errors.hpp"
#include "adapter/handlers/handlers.hpp"
#include "adapter/launch_config.hpp"
#include "adapter/run_in_terminal.hpp"

extern char** environ;

namespace int3::dap {

namespace fs = std::filesystem;

// ---- initialize

protocol::capabilities initialize_handler::run(const protocol::initialize_arguments& args) {
  if (initialized_) throw dap_error(error_id::invalid_arguments, "initialize was already sent");
  initialized_ = true;
  session_.client().set(args.linesStartAt1, args.columnsStartAt1, args.pathFormat == "uri");
  session_.client().set_runs_in_terminal(args.supportsRunInTerminalRequest);
  session_.client().set_reports_progress(args.supportsProgressReporting);
  return session_.handlers().capabilities();
}

void initialize_handler::post_run(const protocol::initialize_arguments&) {
  // After the response, as the spec asks: it invites the configuration requests.
  session_.send_event("initialized");
}

// ---- launch

protocol::empty_body launch_handler::run(const protocol::launch_arguments& args) {
  if (session_.launched()) {
    throw dap_error(error_id::already_launched, "a program is already being debugged", true);
  }
  session_.set_disassembly_syntax(syntax_for_flavor(args.disassemblyFlavor));
  if (args.coreFile) {
    launch_core_file(session_, args);
    return {};
  }
  auto config = resolve_launch(args, session_.client(), environ);
  session_.client().set_source_map(config.sources);
  session_.breakpoints().set_engine_path(
      [map = config.sources](const std::string& path) { return map.to_program(path); });
  if (config.console != console_kind::internal && !session_.client().runs_in_terminal()) {
    session_.send_output("console", "int3: console \"" + args.console +
                                        "\" needs a client that supports runInTerminal; "
                                        "the program's output appears here instead\n");
    config.console = console_kind::internal;
  }
  if (config.console != console_kind::internal) {
    launch_in_terminal(session_, config, args.stopOnEntry);
    return {};
  }
  session_.launch(std::move(config.options), args.stopOnEntry);
  return {};
}

void launch_handler::post_run(const protocol::launch_arguments&) {
  session_.announce_launch();
}

// ---- configurationDone

protocol::capabilities configuration_done_handler::capabilities() const {
  protocol::capabilities c;
  c.supportsConfigurationDoneRequest = true;
  return c;
}

protocol::empty_body configuration_done_handler::run(const protocol::empty_arguments&) {
  session_.configuration_done();
  return {};
}

void configuration_done_handler::post_run(const protocol::empty_arguments&) {
  session_.start_if_ready();
}

// ---- disconnect

protocol::capabilities disconnect_handler::capabilities() const {
  protocol::capabilities c;
  c.supportTerminateDebuggee = true;
  return c;
}

protocol::empty_body disconnect_handler::run(const protocol::disconnect_arguments& args) {
  // A program we launched dies with the session unless the client asks
  // otherwise (the spec leaves the default to the adapter).
  // An attached program was running before us and is left running.
  session_.end_program(args.terminateDebuggee.value_or(!session_.attached()));
  return {};
}

void disconnect_handler::post_run(const protocol::disconnect_arguments&) {
  session_.finish();
}

// ---- terminate

protocol::capabilities terminate_handler::capabilities() const {
  protocol::capabilities c;
  c.supportsTerminateRequest = true;
  return c;
}

protocol::empty_body terminate_handler::run(const protocol::terminate_arguments&) {
  killed_ = false;
  // A core has no process to kill: the session just ends.
  if (session_.launched() && !session_.target().has_ended() && !session_.target().core()) {
    session_.target().kill();
    killed_ = true;
  }
  return {};
}

void terminate_handler::post_run(const protocol::terminate_arguments&) {
  if (killed_) {
    session_.report_program_end(128 + SIGKILL, SIGKILL);
  } else {
    session_.send_terminated();
  }
}

}  // namespace int3::dap
