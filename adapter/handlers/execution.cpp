// continue, next, stepIn, stepOut, pause. Each resumes the program in
// post_run, after its response, so the stop it leads to is reported after it.

#include <algorithm>

#include "adapter/errors.hpp"
#include "adapter/handlers/handlers.hpp"

namespace int3::dap {

namespace {
void require_thread(engine::target& target, int tid) {
  auto threads = target.threads();
  bool known = std::any_of(threads.begin(), threads.end(),
                           [tid](const engine::thread_info& t) { return t.tid == tid; });
  if (!known) {
    throw dap_error(error_id::invalid_reference,
                    "unknown threadId " + std::to_string(tid) + " (see the threads request)");
  }
}
}  // namespace

// ---- continue

protocol::continue_response_body continue_handler::run(const protocol::continue_arguments&) {
  // All-stop: every thread continues, whichever one was named.
  return {true};
}

void continue_handler::post_run(const protocol::continue_arguments&) {
  session_.resume([](engine::target& t) { t.resume(); });
}

// ---- next, stepIn, stepOut

protocol::capabilities step_handler::capabilities() const {
  protocol::capabilities c;
  c.supportsSteppingGranularity = true;
  return c;
}

protocol::empty_body step_handler::run(const protocol::step_arguments& args) {
  require_thread(session_.target(), args.threadId);
  return {};
}

void step_handler::post_run(const protocol::step_arguments& args) {
  pid_t tid = args.threadId;
  // One instruction is the finest step; for stepOut it means nothing more
  // than stepping out, which is what it does.
  bool by_instruction = args.granularity == protocol::stepping_granularity::instruction &&
                        command() != step_out_handler::name;
  session_.resume([&](engine::target& t) {
    if (by_instruction) {
      t.step_instruction(tid);
    } else {
      step(t, tid);
    }
  });
}

// ---- pause

protocol::empty_body pause_handler::run(const protocol::pause_arguments&) {
  return {};
}

void pause_handler::post_run(const protocol::pause_arguments&) {
  // Pausing a stopped program is already done; the client has its stop.
  if (session_.running()) session_.target().pause();
}

}  // namespace int3::dap
