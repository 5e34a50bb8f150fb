#include "adapter/core_requests.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include "adapter/errors.hpp"
#include "adapter/session.hpp"
#include "adapter/source_map.hpp"

namespace int3::dap {
namespace {

// Everything that resumes, rewinds or writes. setBreakpoints and its kin
// are answered normally: each breakpoint comes back unverified with the reason.
constexpr std::array<std::string_view, 13> refused = {
    "continue",    "next",          "stepIn",          "stepOut", "stepBack",
    "pause",       "restart",       "reverseContinue", "goto",    "restartFrame",
    "setVariable", "setExpression", "writeMemory"};

}  // namespace

bool refuse_in_core_file(session& s, const protocol::request& request) {
  if (!s.launched() || !s.target().core()) return false;
  if (std::find(refused.begin(), refused.end(), request.command) == refused.end()) return false;
  std::string text = request.command + " is not available in a core file";
  s.send_response(protocol::make_error_response(
      request.seq, request.command, text,
      protocol::error_message{static_cast<int>(error_id::not_in_core_file), text, true}));
  return true;
}

void launch_core_file(session& s, const protocol::launch_arguments& args) {
  namespace fs = std::filesystem;
  auto& client = s.client();
  fs::path cwd = args.cwd ? fs::absolute(client.path_from_client(*args.cwd)).lexically_normal()
                          : fs::current_path();
  auto in_cwd = [&cwd](const fs::path& p) {
    return p.is_relative() ? (cwd / p).lexically_normal() : p;
  };
  std::vector<source_map::rule> rules;
  for (const auto& [from, to] : args.sourceMap) rules.push_back({from, to});
  source_map sources(std::move(rules));
  client.set_source_map(sources);
  s.breakpoints().set_engine_path(
      [sources](const std::string& path) { return sources.to_program(path); });
  std::optional<fs::path> program;
  if (!args.program.empty()) program = in_cwd(client.path_from_client(args.program));
  s.open_core(in_cwd(client.path_from_client(*args.coreFile)), program);
}

}  // namespace int3::dap
