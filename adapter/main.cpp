// int3-dap: the debug adapter executable. Parses its options, guards the
// protocol channel, and serves sessions over stdio or TCP.

#include <signal.h>

#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include <spdlog/spdlog.h>

#include "adapter/cli_options.hpp"
#include "adapter/launch_helper.hpp"
#include "adapter/logging.hpp"
#include "adapter/session.hpp"
#include "adapter/stdio_guard.hpp"
#include "adapter/tcp_listener.hpp"
#include "adapter/termination_signals.hpp"
#include "adapter/transport.hpp"
#include "engine/signals.hpp"
#include "engine/target.hpp"

namespace {

std::unique_ptr<int3::engine::target> launch_target(const int3::engine::launch_options& options) {
  return int3::engine::target::launch(options);
}

void block_sigchld() {
  // Before anything can start a thread: the event loop reads SIGCHLD from a
  // signalfd, which only works while the signal is blocked everywhere.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGCHLD);
  sigprocmask(SIG_BLOCK, &set, nullptr);
}

// After a termination signal the session has ended as on a disconnect; the
// exit status says which signal (128 + its number, as a shell reports it).
int exit_status() {
  auto signo = int3::dap::pending_termination_signal();
  if (!signo) return 0;
  spdlog::info(
      "exiting on {} after ending the session (a launched program is killed, an "
      "attached one detached with its breakpoints removed)",
      int3::engine::signal_name(*signo));
  return 128 + *signo;
}

void serve_stdio() {
  auto fds = int3::dap::guard_stdio();
  int3::dap::transport channel(fds.in.get(), fds.out.get());
  int3::dap::session session(channel, launch_target);
  session.set_attach_factory(int3::engine::target::attach);
  session.set_terminal_factory(int3::engine::target::adopt_before_exec);
  session.set_core_factory(int3::engine::target::open_core);
  session.run();
  spdlog::info("session over");
}

// Serves one client after another until a termination signal arrives.
void serve_tcp(std::uint16_t port) {
  int3::dap::tcp_listener listener(port);
  // Nothing may reach the real stdout even in this mode; the copies the
  // guard returns are simply not used.
  auto unused = int3::dap::guard_stdio();
  spdlog::info("listening on 127.0.0.1:{}", port);
  while (!int3::dap::pending_termination_signal()) {
    auto client = listener.accept();
    if (!client) return;
    spdlog::info("client connected");
    int3::dap::transport channel(client->get(), client->get());
    int3::dap::session session(channel, launch_target);
    session.set_attach_factory(int3::engine::target::attach);
    session.set_terminal_factory(int3::engine::target::adopt_before_exec);
    session.set_core_factory(int3::engine::target::open_core);
    session.run();
    spdlog::info("client session over");
  }
}

}  // namespace

int main(int argc, char** argv) {
  int3::dap::cli_options options;
  try {
    options = int3::dap::parse_cli(std::vector<std::string>(argv + 1, argv + argc),
                                   [](const char* name) { return std::getenv(name); });
  } catch (const int3::dap::usage_error& e) {
    std::cerr << "int3-dap: " << e.what() << "\n(see int3-dap --help)\n";
    return 2;
  }
  if (options.launch_helper_socket) {
    // Runs in the editor's terminal: no DAP, no log, stdio left alone.
    return int3::dap::run_launch_helper(*options.launch_helper_socket,
                                        options.launch_helper_command);
  }
  // --help and --version answer a person at a shell and exit: no DAP session
  // ever starts, so stdout is theirs (the stdio guard comes after this).
  if (options.show_help) {
    std::cout << int3::dap::usage_text;
    return 0;
  }
  if (options.show_version) {
    std::cout << "int3-dap " << INT3_VERSION << "\n";
    return 0;
  }
  for (const auto& warning : options.warnings) std::cerr << "int3-dap: " << warning << "\n";
  try {
    int3::dap::setup_logging(options.log_file, options.log_level);
  } catch (const spdlog::spdlog_ex& e) {
    std::cerr << "int3-dap: cannot open the log: " << e.what() << "\n";
    return 2;
  }
  int3::dap::ignore_sigpipe();
  block_sigchld();
  int3::dap::block_termination_signals();
  try {
    if (options.port) {
      serve_tcp(*options.port);
    } else {
      serve_stdio();
    }
  } catch (const std::exception& e) {
    spdlog::critical("int3-dap failed: {}", e.what());
    std::cerr << "int3-dap: " << e.what() << "\n";
    return 1;
  }
  return exit_status();
}
