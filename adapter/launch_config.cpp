#include "adapter/launch_config.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "adapter/env_file.hpp"
#include "adapter/errors.hpp"

namespace int3::dap {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const std::string& what) {
  throw dap_error(error_id::engine_failure, what, true);
}

std::map<std::string, std::string> read_env_file(const fs::path& path) {
  std::ifstream in(path);
  if (!in) fail("cannot read envFile " + path.string() + ": " + std::strerror(errno));
  std::stringstream text;
  text << in.rdbuf();
  try {
    return parse_env_file(text.str());
  } catch (const std::invalid_argument& e) {
    fail("envFile " + path.string() + ": " + e.what());
  }
}

unique_fd open_stream(const fs::path& path, std::size_t stream) {
  static const char* const names[] = {"stdin", "stdout", "stderr"};
  int flags = stream == 0 ? O_RDONLY : O_WRONLY | O_CREAT | O_TRUNC;
  unique_fd fd(::open(path.c_str(), flags | O_CLOEXEC, 0644));
  if (!fd.valid()) {
    fail(std::string("cannot open ") + names[stream] + " file " + path.string() + " (stdio[" +
         std::to_string(stream) + "]): " + std::strerror(errno));
  }
  return fd;
}

console_kind console_from(const std::string& name) {
  if (name == "integratedTerminal") return console_kind::integrated_terminal;
  if (name == "externalTerminal") return console_kind::external_terminal;
  return console_kind::internal;
}

}  // namespace

std::vector<std::string> merge_environment(
    char** base, const std::map<std::string, std::optional<std::string>>& overrides) {
  std::map<std::string, std::string> merged;
  for (char** entry = base; entry && *entry; ++entry) {
    std::string_view kv(*entry);
    auto eq = kv.find('=');
    if (eq == std::string_view::npos) continue;
    merged[std::string(kv.substr(0, eq))] = std::string(kv.substr(eq + 1));
  }
  for (const auto& [key, value] : overrides) {
    if (value) {
      merged[key] = *value;
    } else {
      merged.erase(key);
    }
  }
  std::vector<std::string> out;
  out.reserve(merged.size());
  for (const auto& [key, value] : merged) out.push_back(key + "=" + value);
  return out;
}

launch_config resolve_launch(const protocol::launch_arguments& args, const client_options& client,
                             char** environment) {
  if (args.program.empty()) throw protocol_error("arguments.program", "must not be empty");
  launch_config config;
  auto& options = config.options;
  fs::path cwd = fs::current_path();
  if (args.cwd) {
    cwd = fs::absolute(client.path_from_client(*args.cwd)).lexically_normal();
    options.cwd = cwd;
  }
  auto in_cwd = [&cwd](const fs::path& p) {
    return p.is_relative() ? (cwd / p).lexically_normal() : p;
  };

  fs::path program = in_cwd(client.path_from_client(args.program));
  // The engine reports exec failures too; checking first guarantees the
  // user a message that names the file, whatever the engine says.
  if (::access(program.c_str(), X_OK) != 0) {
    fail("cannot launch " + program.string() + ": " + std::strerror(errno));
  }
  options.program = program;
  options.args = args.args;

  std::map<std::string, std::optional<std::string>> overrides;
  if (args.envFile) {
    for (auto& [key, value] : read_env_file(in_cwd(client.path_from_client(*args.envFile))))
      overrides[key] = std::move(value);
  }
  for (const auto& [key, value] : args.env) overrides[key] = value;
  options.environment = merge_environment(environment, overrides);
  config.env_overrides = std::move(overrides);

  int* fds[] = {&options.stdin_fd, &options.stdout_fd, &options.stderr_fd};
  for (std::size_t i = 0; i < 3; ++i) {
    if (!args.stdio[i]) continue;
    config.stdio_files[i] = open_stream(in_cwd(client.path_from_client(*args.stdio[i])), i);
    *fds[i] = config.stdio_files[i].get();
  }

  config.console = console_from(args.console);
  std::vector<source_map::rule> rules;
  for (const auto& [from, to] : args.sourceMap) rules.push_back({from, to});
  config.sources = source_map(std::move(rules));
  return config;
}

}  // namespace int3::dap
