#pragma once

// The spec's shared types (the "Types" part of debugAdapterProtocol.json),
// only as far as int3 uses them. Member names are the spec's keys, so a
// struct can be checked against the spec by eye.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapter/protocol/json_writer.hpp"

namespace int3::dap::protocol {

using json = nlohmann::json;

// Source: a file as client and adapter name it.
struct source {
  /// Short name shown in the UI (the file name).
  std::optional<std::string> name;
  /// The path; with pathFormat "uri", a file URI.
  std::optional<std::string> path;
  /// > 0 when the content comes from the `source` request; int3 has none.
  std::optional<int> sourceReference;
};
void from_json(const json& j, source& s);
void to_json(json& j, const source& s);
void write_json(json_writer& w, const source& s);

// SourceBreakpoint: one entry of setBreakpoints' `breakpoints`.
struct source_breakpoint {
  /// The line, in the client's line base.
  int line = 0;
  std::optional<int> column;
  /// Not supported yet (no capability is advertised); read so we can say so.
  std::optional<std::string> condition;
  std::optional<std::string> hitCondition;
  std::optional<std::string> logMessage;
};
void from_json(const json& j, source_breakpoint& b);

// Breakpoint: what the adapter made of a requested breakpoint.
struct breakpoint {
  /// Stable for as long as the breakpoint exists, across setBreakpoints calls.
  std::optional<int> id;
  /// True when the engine holds it at a real code address.
  bool verified = false;
  /// Why it is not verified, shown to the user.
  std::optional<std::string> message;
  std::optional<protocol::source> source;
  /// The line that got code, which may be after the requested one.
  std::optional<int> line;
};
void to_json(json& j, const breakpoint& b);

// StackFrame.
struct stack_frame {
  /// A handle valid until the program resumes.
  int id = 0;
  /// The function name, "??" when unknown.
  std::string name;
  /// Only present when the frame's pc has a source line.
  std::optional<protocol::source> source;
  /// 0 (and column 0) when there is no source.
  int line = 0;
  int column = 0;
  /// The pc in hex, "0x401136".
  std::optional<std::string> instructionPointerReference;
  /// "subtle" for frames without source (library code), which UIs dim.
  std::optional<std::string> presentationHint;
  /// The id of the module holding the pc (its path), as in `module` events.
  std::optional<std::string> moduleId;
};
void to_json(json& j, const stack_frame& f);
void write_json(json_writer& w, const stack_frame& f);

// Thread.
struct thread {
  int id = 0;
  std::string name;
};
void to_json(json& j, const thread& t);

// Scope.
struct scope {
  std::string name;
  /// 0: no variables behind it.
  int variablesReference = 0;
  bool expensive = false;
};
void to_json(json& j, const scope& s);

// Capabilities: the features the initialize response advertises. Each
// handler declares the ones it provides, and initialize sends their union.
struct capabilities {
  std::optional<bool> supportsConfigurationDoneRequest;
  std::optional<bool> supportsTerminateRequest;
  std::optional<bool> supportTerminateDebuggee;
  std::optional<bool> supportsSteppingGranularity;
  std::optional<bool> supportsDelayedStackTraceLoading;
  std::optional<bool> supportsDisassembleRequest;
  std::optional<bool> supportsReadMemoryRequest;
  std::optional<bool> supportsWriteMemoryRequest;
  std::optional<bool> supportsInstructionBreakpoints;
  std::optional<bool> supportsDataBreakpoints;
  std::optional<bool> supportsDataBreakpointBytes;
  std::optional<bool> supportsRestartRequest;
  std::optional<bool> supportsFunctionBreakpoints;
  std::optional<bool> supportsExceptionInfoRequest;
  std::optional<bool> supportsModulesRequest;
  std::optional<bool> supportsConditionalBreakpoints;
  std::optional<bool> supportsHitConditionalBreakpoints;
  std::optional<bool> supportsLogPoints;
  std::optional<bool> supportsEvaluateForHovers;
  std::optional<bool> supportsSetVariable;
  std::optional<bool> supportsValueFormattingOptions;
  std::optional<bool> supportsCompletionsRequest;
  /// Characters after which the console asks for completions unprompted.
  std::optional<std::vector<std::string>> completionTriggerCharacters;
  /// ExceptionBreakpointsFilter objects; merged by concatenation.
  std::optional<std::vector<json>> exceptionBreakpointFilters;

  /// Adds every capability `other` sets; true wins over false.
  void merge(const capabilities& other);
};
void to_json(json& j, const capabilities& c);

}  // namespace int3::dap::protocol
