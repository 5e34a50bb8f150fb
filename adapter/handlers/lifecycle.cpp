// initialize, launch, configurationDone, disconnect, terminate.

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>

#include "adapter/errors.hpp"
#include "adapter/handlers/handlers.hpp"

extern char** environ;

namespace int3::dap {

namespace fs = std::filesystem;

// ---- initialize

protocol::capabilities initialize_handler::run(const protocol::initialize_arguments& args) {
  if (initialized_) throw dap_error(error_id::invalid_arguments, "initialize was already sent");
  initialized_ = true;
  session_.client().set(args.linesStartAt1, args.columnsStartAt1, args.pathFormat == "uri");
  return session_.handlers().capabilities();
}

void initialize_handler::post_run(const protocol::initialize_arguments&) {
  // After the response, as the spec asks: it invites the configuration requests.
  session_.send_event("initialized");
}

// ---- launch

namespace {

// The adapter's environment with `overrides` on top, as execve wants it.
std::vector<std::string> merged_environment(const std::map<std::string, std::string>& overrides) {
  std::map<std::string, std::string> merged;
  for (char** entry = environ; entry && *entry; ++entry) {
    std::string_view kv(*entry);
    auto eq = kv.find('=');
    if (eq == std::string_view::npos) continue;
    merged[std::string(kv.substr(0, eq))] = std::string(kv.substr(eq + 1));
  }
  for (const auto& [key, value] : overrides) merged[key] = value;
  std::vector<std::string> out;
  out.reserve(merged.size());
  for (const auto& [key, value] : merged) out.push_back(key + "=" + value);
  return out;
}

}  // namespace

protocol::empty_body launch_handler::run(const protocol::launch_arguments& args) {
  if (session_.launched()) {
    throw dap_error(error_id::already_launched, "a program is already being debugged", true);
  }
  if (args.program.empty()) {
    throw protocol_error("arguments.program", "must not be empty");
  }
  engine::launch_options options;
  fs::path cwd = fs::current_path();
  if (args.cwd) {
    cwd = fs::absolute(session_.client().path_from_client(*args.cwd)).lexically_normal();
    options.cwd = cwd;
  }
  fs::path program = session_.client().path_from_client(args.program);
  if (program.is_relative()) program = (cwd / program).lexically_normal();
  // The engine reports exec failures too; checking first guarantees the
  // user a message that names the file, whatever the engine says.
  if (::access(program.c_str(), X_OK) != 0) {
    throw dap_error(error_id::engine_failure,
                    "cannot launch " + program.string() + ": " + std::strerror(errno), true);
  }
  options.program = program;
  options.args = args.args;
  options.environment = merged_environment(args.env);
  session_.launch(std::move(options), args.stopOnEntry);
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
  session_.end_program(args.terminateDebuggee.value_or(true));
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
  if (session_.launched() && !session_.target().has_ended()) {
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
