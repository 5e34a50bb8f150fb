#pragma once

// Arguments (read with from_json) and response bodies (written with to_json)
// of the requests int3 answers. Only the direction that is used exists.

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapter/protocol/types.hpp"

namespace int3::dap::protocol {

using json = nlohmann::json;

// For requests whose arguments int3 does not read; anything is accepted.
struct empty_arguments {};
inline void from_json(const json&, empty_arguments&) {}

// For responses without a body.
struct empty_body {};

// InitializeRequestArguments.
struct initialize_arguments {
  std::optional<std::string> clientID;
  std::optional<std::string> adapterID;
  /// False: the client counts lines from 0.
  bool linesStartAt1 = true;
  bool columnsStartAt1 = true;
  /// "path" (default) or "uri".
  std::string pathFormat = "path";
  /// The client answers the runInTerminal reverse request.
  bool supportsRunInTerminalRequest = false;
  /// The client shows progressStart/Update/End events.
  bool supportsProgressReporting = false;
};
void from_json(const json& j, initialize_arguments& a);

// int3's launch arguments, with the names other adapters use for the same
// thing folded in (adapter/protocol/launch_arguments.cpp reads them). Keys
// it does not know (type, name, request, __sessionId, ...) are ignored;
// vscode-extension/package.json declares the same.
struct launch_arguments {
  /// The executable; a relative path is taken relative to cwd.
  std::string program;
  /// argv[1..], passed as they are (no shell). One string is split like a
  /// shell would, without expansion.
  std::vector<std::string> args;
  /// The program's working directory; the adapter's own when absent.
  std::optional<std::string> cwd;
  /// Merged over the adapter's environment (and envFile); nullopt unsets.
  /// `env` (object or "K=V" list) wins over `environment` ([{name, value}]).
  std::map<std::string, std::optional<std::string>> env;
  /// KEY=VALUE lines read at launch; env wins over it.
  std::optional<std::string> envFile;
  /// Stop at main instead of running to the first breakpoint (stopAtEntry).
  bool stopOnEntry = false;
  /// internalConsole, integratedTerminal or externalTerminal
  /// (externalConsole: true means externalTerminal).
  std::string console = "internalConsole";
  /// stdin, stdout, stderr: a file (relative to cwd) or nullopt for the default.
  std::array<std::optional<std::string>, 3> stdio;
  /// {program path prefix, editor path prefix} pairs (sourceMap,
  /// sourceFileMap, substitutePath).
  std::vector<std::pair<std::string, std::string>> sourceMap;
  /// disassemble's syntax: "intel" (the default) or "att".
  std::string disassemblyFlavor = "intel";
  /// An ELF core file to debug post mortem instead of running `program`
  /// (coreFile, or the aliases coreDumpPath and coreFilePath); relative to
  /// cwd. `program` may then be left out: the core names it.
  std::optional<std::string> coreFile;
};
void from_json(const json& j, launch_arguments& a);
/// The core-file keys (core_launch_arguments.cpp); not yet in the VS Code
/// extension's launch schema, so kept out of launch_argument_keys.
inline constexpr std::array<std::string_view, 3> core_launch_keys = {"coreFile", "coreDumpPath",
                                                                     "coreFilePath"};
/// coreFile or an alias; nullopt when none is set.
std::optional<std::string> read_core_file(const json& j);
/// `disassemblyFlavor` of launch and attach: "intel" when absent; anything
/// but "intel" or "att" is a protocol_error naming the key.
std::string read_disassembly_flavor(const json& j);
/// The keys launch_arguments reads; a test holds the VS Code extension's
/// launch schema to the same list.
inline constexpr std::array<std::string_view, 15> launch_argument_keys = {"program",
                                                                          "args",
                                                                          "cwd",
                                                                          "env",
                                                                          "environment",
                                                                          "envFile",
                                                                          "stopOnEntry",
                                                                          "stopAtEntry",
                                                                          "console",
                                                                          "externalConsole",
                                                                          "stdio",
                                                                          "sourceMap",
                                                                          "sourceFileMap",
                                                                          "substitutePath",
                                                                          "disassemblyFlavor"};

// SetBreakpointsArguments.
struct set_breakpoints_arguments {
  protocol::source source;
  std::optional<std::vector<source_breakpoint>> breakpoints;
  /// Deprecated form of `breakpoints`; used only when `breakpoints` is absent.
  std::optional<std::vector<int>> lines;
};
void from_json(const json& j, set_breakpoints_arguments& a);

struct set_breakpoints_response_body {
  /// One per requested breakpoint, in request order.
  std::vector<breakpoint> breakpoints;
};
void to_json(json& j, const set_breakpoints_response_body& b);

// ThreadsResponse body.
struct threads_response_body {
  std::vector<thread> threads;
};
void to_json(json& j, const threads_response_body& b);

// StackTraceArguments.
struct stack_trace_arguments {
  int threadId = 0;
  std::uint32_t startFrame = 0;
  /// 0: all frames.
  std::uint32_t levels = 0;
};
void from_json(const json& j, stack_trace_arguments& a);

struct stack_trace_response_body {
  std::vector<stack_frame> stackFrames;
  std::optional<int> totalFrames;
};
void to_json(json& j, const stack_trace_response_body& b);
void write_json(json_writer& w, const stack_trace_response_body& b);

// ScopesArguments.
struct scopes_arguments {
  int frameId = 0;
};
void from_json(const json& j, scopes_arguments& a);

struct scopes_response_body {
  std::vector<scope> scopes;
};
void to_json(json& j, const scopes_response_body& b);

// ContinueArguments.
struct continue_arguments {
  int threadId = 0;
  /// int3 is all-stop: every thread resumes whatever this says.
  bool singleThread = false;
};
void from_json(const json& j, continue_arguments& a);

struct continue_response_body {
  bool allThreadsContinued = true;
};
void to_json(json& j, const continue_response_body& b);

// SteppingGranularity.
enum class stepping_granularity { statement, line, instruction };

// NextArguments, StepInArguments and StepOutArguments (same keys).
struct step_arguments {
  int threadId = 0;
  bool singleThread = false;
  stepping_granularity granularity = stepping_granularity::statement;
};
void from_json(const json& j, step_arguments& a);

// PauseArguments.
struct pause_arguments {
  int threadId = 0;
};
void from_json(const json& j, pause_arguments& a);

// DisconnectArguments.
struct disconnect_arguments {
  bool restart = false;
  /// Absent: kill a launched program (the spec leaves it to the adapter).
  std::optional<bool> terminateDebuggee;
};
void from_json(const json& j, disconnect_arguments& a);

// TerminateArguments.
struct terminate_arguments {
  bool restart = false;
};
void from_json(const json& j, terminate_arguments& a);

// Body of int3's test-only `_int3_breakpointSites`: the addresses the engine
// has a trap written at, so tests can see what the engine really holds.
struct breakpoint_sites_body {
  std::vector<std::string> sites;
};
void to_json(json& j, const breakpoint_sites_body& b);

}  // namespace int3::dap::protocol
