#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tests/support/dap_framing.hpp"
#include "tests/support/json_schema.hpp"
#include "tests/support/proc_oracle.hpp"

namespace int3::test {

using nlohmann::json;

// Generous on purpose: a loaded CI machine must not turn a slow ptrace
// start into a failure. These are hang detectors, not timing assertions.
inline constexpr std::chrono::milliseconds default_timeout{10'000};

struct dap_client_options {
  std::string adapter = INT3_DAP_PATH;
  std::vector<std::string> adapter_args;
  // Variables set in the adapter's environment on top of the test's own.
  std::map<std::string, std::string> adapter_env;
  // Adds "--log-file <temp dir>/adapter.log" (int3-dap's own log).
  bool log_file_flag = true;
  // Launch the adapter with "--port N" and talk to it over TCP on 127.0.0.1
  // instead of its stdin/stdout (0 = stdio mode).
  std::uint16_t port = 0;
  // Schema-validate every received message and check seq = 1, 2, 3, ...
  bool validate = true;
  bool check_seq = true;  // off only for foreign adapters that send seq 0
  std::string schema_path = INT3_SCHEMA_PATH;
  // Called with a description (and the offending JSON) for every protocol
  // violation, missing message or failed helper expectation. Catch2 tests
  // pass a FAIL; the default throws std::runtime_error. If it returns, the
  // call that detected the problem returns a null json.
  std::function<void(const std::string&)> on_failure;
  // Answers the adapter's reverse requests (runInTerminal) as they arrive:
  // returns the response body, or throws std::runtime_error for an error
  // response. Unset: reverse requests stay unanswered in the inbox.
  std::function<json(const json& request)> on_reverse_request;
};

// A DAP client for tests: spawns the adapter with pipes (or connects over
// TCP), frames messages, buffers what arrives until a test asks for it, and
// holds every received message to the DAP schema. One client, one adapter
// process; the destructor always ends and reaps it.
class dap_client {
 public:
  explicit dap_client(dap_client_options options = {});
  virtual ~dap_client();
  dap_client(const dap_client&) = delete;
  dap_client& operator=(const dap_client&) = delete;

  // --- messages -----------------------------------------------------------
  // Sends a request; returns its seq. A null `arguments` omits the key.
  int request(std::string_view command, const json& arguments = json());
  // The response to request `seq`; other messages stay buffered.
  json expect_response(int seq, std::chrono::milliseconds timeout = default_timeout);
  // The first buffered or arriving event named `event` (removed from the
  // buffer); other messages stay buffered.
  json expect_event(std::string_view event, std::chrono::milliseconds timeout = default_timeout);
  // The first buffered or arriving event whose name is one of `events`.
  json expect_one_of(const std::vector<std::string>& events,
                     std::chrono::milliseconds timeout = default_timeout);
  // An event if one arrives within timeout, else nullopt (no failure).
  std::optional<json> maybe_event(std::string_view event, std::chrono::milliseconds timeout);
  // request + expect_response + a failure unless success is true.
  json request_ok(std::string_view command, const json& arguments = json());
  // request + expect_response + a failure unless success is false.
  json request_error(std::string_view command, const json& arguments = json());

  // Raw bytes to the adapter (bad framing tests). False if it was gone.
  bool send_raw(std::string_view bytes);
  // Reads whatever arrives until timeout passes (or the adapter closes).
  void drain(std::chrono::milliseconds timeout);

  // Every message received so far, in order (consumed ones included).
  const std::vector<json>& transcript() const { return transcript_; }
  // Text of every output event received so far; "" = all categories.
  // A missing category counts as "console", as the spec says.
  std::string output(std::string_view category = "") const;
  // Waits until the output of `category` contains `text`.
  bool wait_for_output(std::string_view text, std::string_view category = "",
                       std::chrono::milliseconds timeout = default_timeout);

  // --- the usual user flow (each fails unless the adapter answers success) --
  json initialize(const json& extra_arguments = json::object());  // also awaits `initialized`
  json launch(const json& arguments);
  json set_breakpoints(const std::string& path, const std::vector<std::uint32_t>& lines);
  json configuration_done();
  json stack_trace(std::int64_t thread_id, int levels = 20);
  json continue_(std::int64_t thread_id);
  json threads();
  json wait_stopped(std::chrono::milliseconds timeout = default_timeout);
  json wait_exited(std::chrono::milliseconds timeout = default_timeout);
  json wait_terminated(std::chrono::milliseconds timeout = default_timeout);

  // --- the adapter process ------------------------------------------------
  pid_t adapter_pid() const { return pid_; }
  bool adapter_running();
  // Closes our end of the connection, reads until the adapter closes its end
  // (validating what comes), waits up to `timeout` for it to exit, then
  // SIGKILLs. Returns the wait status when it exited by itself (nullopt when
  // it had to be killed). Idempotent.
  std::optional<int> shutdown(std::chrono::milliseconds timeout = std::chrono::seconds(5));
  // shutdown() for destructors: failures are returned instead of raised.
  std::vector<std::string> shutdown_quietly(
      std::chrono::milliseconds timeout = std::chrono::seconds(5));
  // Sends a signal to the adapter; SIGKILL also reaps it.
  void kill_adapter(int signal);

  // TCP mode: the adapter's listening sockets on the port, read from /proc
  // just after connecting (the listener must exist until it accepts us).
  const std::vector<tcp_listener>& listeners_at_connect() const { return listeners_at_connect_; }

  const std::string& work_dir() const { return work_dir_; }
  std::string log_path() const { return work_dir_ + "/adapter.log"; }
  std::string stderr_path() const { return work_dir_ + "/stderr.log"; }
  // Last `max_lines` lines of the adapter log and of its stderr.
  std::string log_tail(std::size_t max_lines = 60) const;
  // Keep the work directory (logs) after destruction, e.g. for a failed test.
  void keep_work_dir() { keep_work_dir_ = true; }

 protected:
  void fail(const std::string& what);

 private:
  void spawn();
  void connect_tcp();
  bool write_all(std::string_view bytes);
  // Reads once (waiting up to `until`); false on timeout or closed input.
  bool pump(std::chrono::steady_clock::time_point until);
  void accept(const std::string& body);
  void check(const json& message);
  void answer_reverse_request(const json& request);
  std::string describe_request(int seq) const;
  std::optional<json> take(const std::function<bool(const json&)>& match);

  dap_client_options options_;
  std::unique_ptr<json_schema> schema_;
  std::string work_dir_;
  bool keep_work_dir_ = false;
  pid_t pid_ = -1;
  std::optional<int> exit_status_;
  bool killed_ = false;
  int write_fd_ = -1;
  int read_fd_ = -1;
  int stdin_fd_ = -1;    // TCP mode: the adapter's stdin, closed at shutdown
  bool closed_ = false;  // the adapter closed its output
  frame_reader reader_;
  std::deque<json> inbox_;
  std::vector<json> transcript_;
  std::int64_t expected_seq_ = 1;
  int next_seq_ = 1;
  std::map<int, std::string> sent_commands_;
  std::vector<tcp_listener> listeners_at_connect_;
};

// The adapter's main thread id equals the debuggee's pid; this finds it from
// a `process` event, a console line "pid N", or a `threads` request.
std::optional<pid_t> debuggee_pid(dap_client& client);

}  // namespace int3::test
