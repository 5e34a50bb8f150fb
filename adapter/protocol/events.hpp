#pragma once

// Bodies of the events int3 sends.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapter/protocol/types.hpp"

namespace int3::dap::protocol {

using json = nlohmann::json;

// StoppedEvent body.
struct stopped_event_body {
  /// "entry", "breakpoint", "step", "pause" or "exception".
  std::string reason;
  /// Shown by the UI as is, e.g. "Paused on signal SIGSEGV".
  std::optional<std::string> description;
  std::optional<int> threadId;
  /// For exceptions: the name, e.g. "SIGSEGV".
  std::optional<std::string> text;
  /// int3 is all-stop: always true.
  bool allThreadsStopped = true;
  std::optional<std::vector<int>> hitBreakpointIds;
};
void to_json(json& j, const stopped_event_body& b);

// ExitedEvent body.
struct exited_event_body {
  int exitCode = 0;
};
void to_json(json& j, const exited_event_body& b);

// OutputEvent body.
struct output_event_body {
  /// "console" (int3's own messages), "stdout", "stderr" or "important".
  std::string category = "console";
  std::string output;
};
void to_json(json& j, const output_event_body& b);

// BreakpointEvent body.
struct breakpoint_event_body {
  /// "changed", "new" or "removed".
  std::string reason = "changed";
  protocol::breakpoint breakpoint;
};
void to_json(json& j, const breakpoint_event_body& b);

// ProgressStartEvent, ProgressUpdateEvent and ProgressEndEvent bodies.
struct progress_start_event_body {
  std::string progressId;
  std::string title;
  /// Not cancellable: reading DWARF is not interruptible (yet).
  bool cancellable = false;
  std::optional<std::string> message;
  std::optional<int> percentage;
};
void to_json(json& j, const progress_start_event_body& b);

struct progress_update_event_body {
  std::string progressId;
  std::optional<std::string> message;
  std::optional<int> percentage;
};
void to_json(json& j, const progress_update_event_body& b);

struct progress_end_event_body {
  std::string progressId;
  std::optional<std::string> message;
};
void to_json(json& j, const progress_end_event_body& b);

}  // namespace int3::dap::protocol
