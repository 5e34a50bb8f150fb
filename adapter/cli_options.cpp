#include "adapter/cli_options.hpp"

#include <charconv>
#include <cstddef>

namespace int3::dap {

const char* const usage_text =
    "usage: int3-dap [options]\n"
    "A debugger for native Linux x86-64 programs, speaking the Debug Adapter Protocol\n"
    "on stdin/stdout (or on a TCP port with --port).\n"
    "\n"
    "options:\n"
    "  --log-file PATH    write a log to PATH (env INT3_LOG)\n"
    "  --log-level LEVEL  trace, debug, info, warn, error or off (env INT3_LOG_LEVEL);\n"
    "                     debug logs every DAP message\n"
    "  --port N           serve clients one after another on 127.0.0.1:N\n"
    "  --version          print the version and exit\n"
    "  --help             print this help and exit\n"
    "  --launch-helper SOCKET -- PROGRAM [ARGS...]\n"
    "                     internal: what int3-dap asks the editor to run in a terminal\n"
    "                     (console integratedTerminal/externalTerminal); it waits for\n"
    "                     int3-dap on SOCKET to attach, then becomes PROGRAM\n"
    "\n"
    "exit status:\n"
    "  0    the session (or every TCP session) ended normally, or --help/--version\n"
    "  1    int3-dap failed (see its log or stderr); --launch-helper: it could not\n"
    "       reach int3-dap\n"
    "  2    the command line or the log file could not be used\n"
    "  127  --launch-helper: PROGRAM could not be executed\n";

std::optional<spdlog::level::level_enum> parse_log_level(const std::string& name) {
  using spdlog::level::level_enum;
  static const std::pair<const char*, level_enum> levels[] = {
      {"trace", level_enum::trace}, {"debug", level_enum::debug}, {"info", level_enum::info},
      {"warn", level_enum::warn},   {"error", level_enum::err},   {"off", level_enum::off}};
  for (const auto& [text, level] : levels) {
    if (name == text) return level;
  }
  return std::nullopt;
}

namespace {
std::uint16_t parse_port(const std::string& text) {
  unsigned value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value == 0 || value > 65535) {
    throw usage_error("--port: expected a port number from 1 to 65535, got '" + text + "'");
  }
  return static_cast<std::uint16_t>(value);
}
}  // namespace

cli_options parse_cli(const std::vector<std::string>& args,
                      const std::function<const char*(const char*)>& getenv) {
  cli_options options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string flag = args[i];
    std::optional<std::string> value;
    if (auto eq = flag.find('='); flag.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = flag.substr(eq + 1);
      flag = flag.substr(0, eq);
    }
    auto take_value = [&]() -> std::string {
      if (value) return *value;
      if (i + 1 >= args.size()) throw usage_error(flag + " needs a value");
      return args[++i];
    };
    if (flag == "--help" || flag == "-h") {
      options.show_help = true;
    } else if (flag == "--version") {
      options.show_version = true;
    } else if (flag == "--log-file") {
      options.log_file = take_value();
    } else if (flag == "--log-level") {
      auto name = take_value();
      options.log_level = parse_log_level(name);
      if (!options.log_level) {
        throw usage_error("--log-level: expected trace, debug, info, warn, error or off, got '" +
                          name + "'");
      }
    } else if (flag == "--port") {
      options.port = parse_port(take_value());
    } else if (flag == "--launch-helper") {
      options.launch_helper_socket = take_value();
      if (i + 1 >= args.size() || args[i + 1] != "--" || i + 2 >= args.size()) {
        throw usage_error("--launch-helper SOCKET must be followed by -- PROGRAM [ARGS...]");
      }
      options.launch_helper_command.assign(args.begin() + static_cast<std::ptrdiff_t>(i) + 2,
                                           args.end());
      break;
    } else {
      throw usage_error("unknown option '" + args[i] + "'");
    }
  }
  if (!options.log_file) {
    if (const char* path = getenv("INT3_LOG"); path && *path) options.log_file = path;
  }
  if (!options.log_level) {
    if (const char* name = getenv("INT3_LOG_LEVEL"); name && *name) {
      options.log_level = parse_log_level(name);
      if (!options.log_level) {
        options.warnings.push_back(std::string("ignoring INT3_LOG_LEVEL='") + name +
                                   "': expected trace, debug, info, warn, error or off");
      }
    }
  }
  return options;
}

}  // namespace int3::dap
