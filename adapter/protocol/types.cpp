#include "adapter/protocol/types.hpp"

#include "adapter/protocol/json_io.hpp"

namespace int3::dap::protocol {

void from_json(const json& j, source& s) {
  s.name = optional<std::string>(j, "name");
  s.path = optional<std::string>(j, "path");
  s.sourceReference = optional<int>(j, "sourceReference");
}

void to_json(json& j, const source& s) {
  j = json::object();
  put_optional(j, "name", s.name);
  put_optional(j, "path", s.path);
  put_optional(j, "sourceReference", s.sourceReference);
}

void write_json(json_writer& w, const source& s) {
  w.begin_object();
  w.optional_member("name", s.name);
  w.optional_member("path", s.path);
  w.optional_member("sourceReference", s.sourceReference);
  w.end_object();
}

void from_json(const json& j, source_breakpoint& b) {
  b.line = require<int>(j, "line");
  b.column = optional<int>(j, "column");
  b.condition = optional<std::string>(j, "condition");
  b.hitCondition = optional<std::string>(j, "hitCondition");
  b.logMessage = optional<std::string>(j, "logMessage");
}

void to_json(json& j, const breakpoint& b) {
  j = json{{"verified", b.verified}};
  put_optional(j, "id", b.id);
  put_optional(j, "message", b.message);
  put_optional(j, "source", b.source);
  put_optional(j, "line", b.line);
}

void to_json(json& j, const stack_frame& f) {
  j = json{{"id", f.id}, {"name", f.name}, {"line", f.line}, {"column", f.column}};
  put_optional(j, "source", f.source);
  put_optional(j, "instructionPointerReference", f.instructionPointerReference);
  put_optional(j, "presentationHint", f.presentationHint);
  put_optional(j, "moduleId", f.moduleId);
}

void write_json(json_writer& w, const stack_frame& f) {
  w.begin_object();
  w.member("id", f.id);
  w.member("name", f.name);
  w.member("line", f.line);
  w.member("column", f.column);
  if (f.source) {
    w.key("source");
    write_json(w, *f.source);
  }
  w.optional_member("instructionPointerReference", f.instructionPointerReference);
  w.optional_member("presentationHint", f.presentationHint);
  w.optional_member("moduleId", f.moduleId);
  w.end_object();
}

void to_json(json& j, const thread& t) {
  j = json{{"id", t.id}, {"name", t.name}};
}

void to_json(json& j, const scope& s) {
  j = json{
      {"name", s.name}, {"variablesReference", s.variablesReference}, {"expensive", s.expensive}};
}

namespace {
void merge_flag(std::optional<bool>& mine, const std::optional<bool>& theirs) {
  if (theirs) mine = mine.value_or(false) || *theirs;
}
}  // namespace

void capabilities::merge(const capabilities& other) {
  merge_flag(supportsConfigurationDoneRequest, other.supportsConfigurationDoneRequest);
  merge_flag(supportsTerminateRequest, other.supportsTerminateRequest);
  merge_flag(supportTerminateDebuggee, other.supportTerminateDebuggee);
  merge_flag(supportsSteppingGranularity, other.supportsSteppingGranularity);
  merge_flag(supportsDelayedStackTraceLoading, other.supportsDelayedStackTraceLoading);
  merge_flag(supportsDisassembleRequest, other.supportsDisassembleRequest);
  merge_flag(supportsReadMemoryRequest, other.supportsReadMemoryRequest);
  merge_flag(supportsWriteMemoryRequest, other.supportsWriteMemoryRequest);
  merge_flag(supportsInstructionBreakpoints, other.supportsInstructionBreakpoints);
  merge_flag(supportsDataBreakpoints, other.supportsDataBreakpoints);
  merge_flag(supportsDataBreakpointBytes, other.supportsDataBreakpointBytes);
  merge_flag(supportsRestartRequest, other.supportsRestartRequest);
  merge_flag(supportsFunctionBreakpoints, other.supportsFunctionBreakpoints);
  merge_flag(supportsExceptionInfoRequest, other.supportsExceptionInfoRequest);
  merge_flag(supportsModulesRequest, other.supportsModulesRequest);
  merge_flag(supportsConditionalBreakpoints, other.supportsConditionalBreakpoints);
  merge_flag(supportsHitConditionalBreakpoints, other.supportsHitConditionalBreakpoints);
  merge_flag(supportsLogPoints, other.supportsLogPoints);
  merge_flag(supportsEvaluateForHovers, other.supportsEvaluateForHovers);
  merge_flag(supportsSetVariable, other.supportsSetVariable);
  merge_flag(supportsValueFormattingOptions, other.supportsValueFormattingOptions);
  merge_flag(supportsCompletionsRequest, other.supportsCompletionsRequest);
  if (other.completionTriggerCharacters)
    completionTriggerCharacters = other.completionTriggerCharacters;
  if (other.exceptionBreakpointFilters) {
    if (!exceptionBreakpointFilters) exceptionBreakpointFilters.emplace();
    exceptionBreakpointFilters->insert(exceptionBreakpointFilters->end(),
                                       other.exceptionBreakpointFilters->begin(),
                                       other.exceptionBreakpointFilters->end());
  }
}

void to_json(json& j, const capabilities& c) {
  j = json::object();
  put_optional(j, "supportsConfigurationDoneRequest", c.supportsConfigurationDoneRequest);
  put_optional(j, "supportsTerminateRequest", c.supportsTerminateRequest);
  put_optional(j, "supportTerminateDebuggee", c.supportTerminateDebuggee);
  put_optional(j, "supportsSteppingGranularity", c.supportsSteppingGranularity);
  put_optional(j, "supportsDelayedStackTraceLoading", c.supportsDelayedStackTraceLoading);
  put_optional(j, "supportsDisassembleRequest", c.supportsDisassembleRequest);
  put_optional(j, "supportsReadMemoryRequest", c.supportsReadMemoryRequest);
  put_optional(j, "supportsWriteMemoryRequest", c.supportsWriteMemoryRequest);
  put_optional(j, "supportsInstructionBreakpoints", c.supportsInstructionBreakpoints);
  put_optional(j, "supportsDataBreakpoints", c.supportsDataBreakpoints);
  put_optional(j, "supportsDataBreakpointBytes", c.supportsDataBreakpointBytes);
  put_optional(j, "supportsRestartRequest", c.supportsRestartRequest);
  put_optional(j, "supportsFunctionBreakpoints", c.supportsFunctionBreakpoints);
  put_optional(j, "supportsExceptionInfoRequest", c.supportsExceptionInfoRequest);
  put_optional(j, "supportsModulesRequest", c.supportsModulesRequest);
  put_optional(j, "supportsConditionalBreakpoints", c.supportsConditionalBreakpoints);
  put_optional(j, "supportsHitConditionalBreakpoints", c.supportsHitConditionalBreakpoints);
  put_optional(j, "supportsLogPoints", c.supportsLogPoints);
  put_optional(j, "supportsEvaluateForHovers", c.supportsEvaluateForHovers);
  put_optional(j, "supportsSetVariable", c.supportsSetVariable);
  put_optional(j, "supportsValueFormattingOptions", c.supportsValueFormattingOptions);
  put_optional(j, "supportsCompletionsRequest", c.supportsCompletionsRequest);
  put_optional(j, "completionTriggerCharacters", c.completionTriggerCharacters);
  put_optional(j, "exceptionBreakpointFilters", c.exceptionBreakpointFilters);
}

}  // namespace int3::dap::protocol
