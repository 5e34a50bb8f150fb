#include "adapter/protocol/events.hpp"

#include "adapter/protocol/json_io.hpp"

namespace int3::dap::protocol {

void to_json(json& j, const stopped_event_body& b) {
  j = json{{"reason", b.reason}, {"allThreadsStopped", b.allThreadsStopped}};
  put_optional(j, "description", b.description);
  put_optional(j, "threadId", b.threadId);
  put_optional(j, "text", b.text);
  put_optional(j, "hitBreakpointIds", b.hitBreakpointIds);
}

void to_json(json& j, const progress_start_event_body& b) {
  j = json{{"progressId", b.progressId}, {"title", b.title}, {"cancellable", b.cancellable}};
  put_optional(j, "message", b.message);
  put_optional(j, "percentage", b.percentage);
}

void to_json(json& j, const progress_update_event_body& b) {
  j = json{{"progressId", b.progressId}};
  put_optional(j, "message", b.message);
  put_optional(j, "percentage", b.percentage);
}

void to_json(json& j, const progress_end_event_body& b) {
  j = json{{"progressId", b.progressId}};
  put_optional(j, "message", b.message);
}

void to_json(json& j, const exited_event_body& b) {
  j = json{{"exitCode", b.exitCode}};
}

void to_json(json& j, const output_event_body& b) {
  j = json{{"category", b.category}, {"output", b.output}};
}

void to_json(json& j, const breakpoint_event_body& b) {
  j = json{{"reason", b.reason}, {"breakpoint", b.breakpoint}};
}

}  // namespace int3::dap::protocol
