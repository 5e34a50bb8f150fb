#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <spdlog/common.h>

namespace int3::dap {

// What int3-dap was asked to do on its command line and environment.
struct cli_options {
  std::optional<std::string> log_file;
  std::optional<spdlog::level::level_enum> log_level;
  std::optional<std::uint16_t> port;  // serve DAP over TCP on 127.0.0.1 instead of stdio
  bool show_version = false;
  bool show_help = false;
  // --launch-helper SOCKET -- PROGRAM ARGS...: runInTerminal's helper mode.
  std::optional<std::string> launch_helper_socket;
  std::vector<std::string> launch_helper_command;
  std::vector<std::string> warnings;  // environment values that were ignored
};

// A command line that cannot be obeyed; main prints it and exits with 2.
class usage_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads `args` (without argv[0]) and the INT3_LOG / INT3_LOG_LEVEL
// variables through `getenv`; flags win over the environment.
cli_options parse_cli(const std::vector<std::string>& args,
                      const std::function<const char*(const char*)>& getenv);

std::optional<spdlog::level::level_enum> parse_log_level(const std::string& name);

extern const char* const usage_text;

}  // namespace int3::dap
