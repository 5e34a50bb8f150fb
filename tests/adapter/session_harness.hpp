#pragma once

// Drives an adapter session directly: requests go in through
// session::handle_message, and everything the session writes comes back out
// of a pipe, parsed, and checked against the DAP schema.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapter/session.hpp"
#include "adapter/transport.hpp"
#include "adapter/unique_fd.hpp"
#include "tests/adapter/fake_target.hpp"

namespace int3::test {

using json = nlohmann::json;

class session_harness {
 public:
  session_harness();
  ~session_harness();

  // Sends one request and returns every message the session wrote while
  // handling it, response and events in order.
  std::vector<json> request(const std::string& command, std::optional<json> arguments = {});
  // Sends any JSON value as a message.
  std::vector<json> send(const json& message);
  // Lets the session poll the fake program, as a SIGCHLD would.
  std::vector<json> poll();
  // What the session wrote since the last call.
  std::vector<json> take_sent();

  // The usual opening: initialize, launch (of a real path that the fake
  // factory does not run), and optionally configurationDone.
  void start(bool configuration_done = true, json launch_extra = json::object());

  fake_target& target();  // the fake of the program being debugged
  // Every engine call of the last launched fake, also after it is gone.
  const std::vector<std::string>& calls() const { return *calls_; }
  dap::session& session() { return *session_; }
  // Frames the fake reports at stack(), set before launch.
  std::vector<engine::stack_frame> frames;
  bool debug_info = true;
  // Set to make the next launch fail as the engine would.
  std::optional<std::string> launch_error;
  // The write ends of the program's output pipes, as the program would hold them.
  dap::unique_fd program_stdout;
  dap::unique_fd program_stderr;
  void program_writes(const dap::unique_fd& pipe, const std::string& text);

  int next_seq = 1;

 private:
  dap::unique_fd read_end_;
  dap::unique_fd write_end_;
  std::unique_ptr<dap::transport> channel_;
  std::unique_ptr<dap::transport> reader_;
  std::unique_ptr<dap::session> session_;
  fake_target* target_ = nullptr;
  std::shared_ptr<std::vector<std::string>> calls_ = std::make_shared<std::vector<std::string>>();
};

// The first message of `messages` that is the response to a request, and
// the events named `event`.
json response_of(const std::vector<json>& messages);
std::vector<json> events_named(const std::vector<json>& messages, const std::string& event);

// Schema violations of one message the adapter sent ("" for none).
std::vector<std::string> schema_violations(const json& message);

}  // namespace int3::test
