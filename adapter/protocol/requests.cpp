#include "adapter/protocol/requests.hpp"

#include "adapter/protocol/json_io.hpp"

namespace int3::dap::protocol {

void from_json(const json& j, initialize_arguments& a) {
  a.clientID = optional<std::string>(j, "clientID");
  a.adapterID = optional<std::string>(j, "adapterID");
  a.linesStartAt1 = optional_or(j, "linesStartAt1", true);
  a.columnsStartAt1 = optional_or(j, "columnsStartAt1", true);
  a.pathFormat = optional_or<std::string>(j, "pathFormat", "path");
  a.supportsRunInTerminalRequest = optional_or(j, "supportsRunInTerminalRequest", false);
  a.supportsProgressReporting = optional_or(j, "supportsProgressReporting", false);
}

void from_json(const json& j, set_breakpoints_arguments& a) {
  a.source = require<protocol::source>(j, "source");
  a.breakpoints = optional<std::vector<source_breakpoint>>(j, "breakpoints");
  a.lines = optional<std::vector<int>>(j, "lines");
}

void to_json(json& j, const set_breakpoints_response_body& b) {
  j = json{{"breakpoints", b.breakpoints}};
}

void to_json(json& j, const threads_response_body& b) {
  j = json{{"threads", b.threads}};
}

void from_json(const json& j, stack_trace_arguments& a) {
  a.threadId = require<int>(j, "threadId");
  a.startFrame = optional_or<std::uint32_t>(j, "startFrame", 0);
  a.levels = optional_or<std::uint32_t>(j, "levels", 0);
}

void to_json(json& j, const stack_trace_response_body& b) {
  j = json{{"stackFrames", b.stackFrames}};
  put_optional(j, "totalFrames", b.totalFrames);
}

void write_json(json_writer& w, const stack_trace_response_body& b) {
  w.reserve(64 + 256 * b.stackFrames.size());  // a frame with a source path takes ~200
  w.begin_object();
  w.key("stackFrames");
  w.begin_array();
  for (const stack_frame& f : b.stackFrames) write_json(w, f);
  w.end_array();
  w.optional_member("totalFrames", b.totalFrames);
  w.end_object();
}

void from_json(const json& j, scopes_arguments& a) {
  a.frameId = require<int>(j, "frameId");
}

void to_json(json& j, const scopes_response_body& b) {
  j = json{{"scopes", b.scopes}};
}

void from_json(const json& j, continue_arguments& a) {
  a.threadId = require<int>(j, "threadId");
  a.singleThread = optional_or(j, "singleThread", false);
}

void to_json(json& j, const continue_response_body& b) {
  j = json{{"allThreadsContinued", b.allThreadsContinued}};
}

namespace {
stepping_granularity read_granularity(const json& j) {
  auto name = optional<std::string>(j, "granularity");
  if (!name || *name == "statement") return stepping_granularity::statement;
  if (*name == "line") return stepping_granularity::line;
  if (*name == "instruction") return stepping_granularity::instruction;
  throw protocol_error("granularity",
                       "expected one of statement, line, instruction; got '" + *name + "'");
}
}  // namespace

void from_json(const json& j, step_arguments& a) {
  a.threadId = require<int>(j, "threadId");
  a.singleThread = optional_or(j, "singleThread", false);
  a.granularity = read_granularity(j);
}

void from_json(const json& j, pause_arguments& a) {
  a.threadId = require<int>(j, "threadId");
}

void from_json(const json& j, disconnect_arguments& a) {
  a.restart = optional_or(j, "restart", false);
  a.terminateDebuggee = optional<bool>(j, "terminateDebuggee");
}

void from_json(const json& j, terminate_arguments& a) {
  a.restart = optional_or(j, "restart", false);
}

void to_json(json& j, const breakpoint_sites_body& b) {
  j = json{{"sites", b.sites}};
}

}  // namespace int3::dap::protocol
