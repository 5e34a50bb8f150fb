#pragma once

#include <array>
#include <string>

#include "adapter/client_options.hpp"
#include "adapter/protocol/requests.hpp"
#include "adapter/source_map.hpp"
#include "adapter/unique_fd.hpp"
#include "engine/target.hpp"

namespace int3::dap {

enum class console_kind { internal, integrated_terminal, external_terminal };

// A launch request turned into what the engine needs: absolute paths, the
// complete environment, the redirected streams opened.
struct launch_config {
  engine::launch_options options;  // stdin/stdout/stderr_fd set for redirected streams
  // Owners of the redirected streams' descriptors, which must stay open
  // until the program has its copies.
  std::array<unique_fd, 3> stdio_files;
  // envFile and env together: what a terminal applies over its own
  // environment (nullopt unsets).
  std::map<std::string, std::optional<std::string>> env_overrides;
  console_kind console = console_kind::internal;
  source_map sources;
};

// Resolves cwd and program (relative to cwd), reads envFile (relative to
// cwd), merges adapter environment < envFile < env, and opens the stdio
// files (relative to cwd). Throws dap_error naming the file or key at fault.
// `environment` is the adapter's own ("K=V" entries, null-terminated).
launch_config resolve_launch(const protocol::launch_arguments& args, const client_options& client,
                             char** environment);

// The adapter's environment (`base`) with the overrides applied, as execve
// wants it; an override without a value removes the variable.
std::vector<std::string> merge_environment(
    char** base, const std::map<std::string, std::optional<std::string>>& overrides);

}  // namespace int3::dap
