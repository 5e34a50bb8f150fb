// threads, stackTrace, scopes.

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>

#include "adapter/errors.hpp"
#include "adapter/handlers/handlers.hpp"
#include "adapter/handlers/variables.hpp"

namespace int3::dap {

namespace {
// Enough for any real program; bounds the work a corrupt stack can cause.
constexpr std::size_t max_frames = 1000;

std::string hex(std::uint64_t value) {
  char text[32];
  std::snprintf(text, sizeof text, "0x%" PRIx64, value);
  return text;
}
}  // namespace

// ---- threads

protocol::threads_response_body threads_handler::run(const protocol::empty_arguments&) {
  protocol::threads_response_body body;
  // Before launch and after the end there are no threads, which is an answer.
  if (!session_.launched() || session_.target().has_ended()) return body;
  for (const auto& t : session_.target().threads()) {
    std::string name = t.name.empty() ? "thread" : t.name;
    body.threads.push_back({static_cast<int>(t.tid), name + " (" + std::to_string(t.tid) + ")"});
  }
  return body;
}

// ---- stackTrace

protocol::capabilities stack_trace_handler::capabilities() const {
  protocol::capabilities c;
  c.supportsDelayedStackTraceLoading = true;
  return c;
}

protocol::stack_trace_response_body stack_trace_handler::run(
    const protocol::stack_trace_arguments& args) {
  // Unwind only as deep as the page asked for, plus one frame to learn
  // whether more exist: a runaway recursion then pages without unwinding
  // all of it at every request.
  std::size_t wanted = args.levels == 0 ? std::max<std::size_t>(max_frames, args.startFrame + 1)
                                        : std::size_t(args.startFrame) + args.levels + 1;
  auto frames = session_.target().stack(args.threadId, wanted);
  std::size_t total = frames.size();
  std::size_t first = std::min<std::size_t>(args.startFrame, total);
  std::size_t last = args.levels == 0 ? total : std::min<std::size_t>(first + args.levels, total);
  const auto& client = session_.client();

  protocol::stack_trace_response_body body;
  // A deep recursion is a thousand frames in one file: its source is made once.
  std::map<std::string, protocol::source> sources;
  auto source_of = [&](const std::string& path) -> const protocol::source& {
    auto it = sources.find(path);
    if (it != sources.end()) return it->second;
    protocol::source made{std::filesystem::path(path).filename().string(),
                          client.path_to_client(path), std::nullopt};
    return sources.emplace(path, std::move(made)).first->second;
  };
  for (std::size_t i = first; i < last; ++i) {
    const auto& frame = frames[i];
    protocol::stack_frame out;
    out.id = session_.frames().insert({args.threadId, frame.index});
    out.name = frame.function.empty() ? "??" : frame.function;
    if (frame.location && !frame.location->path.empty()) {
      out.source = source_of(frame.location->path);
      out.line = client.line_to_client(frame.location->line);
      out.column =
          client.column_to_client(frame.location->column == 0 ? 1 : frame.location->column);
    } else {
      out.presentationHint = "subtle";
    }
    out.instructionPointerReference = hex(frame.pc.value);
    if (!frame.module_path.empty()) out.moduleId = frame.module_path;
    body.stackFrames.push_back(std::move(out));
  }
  body.totalFrames = static_cast<int>(total);
  return body;
}

// ---- scopes

protocol::scopes_response_body scopes_handler::run(const protocol::scopes_arguments& args) {
  auto frame = session_.frames().find(args.frameId);
  if (!frame) {
    throw dap_error(error_id::invalid_reference,
                    "unknown frameId " + std::to_string(args.frameId) +
                        " (frame ids are valid until the program resumes)");
  }
  return describe_scopes(session_, args.frameId, *frame);
}

}  // namespace int3::dap
