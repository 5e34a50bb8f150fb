// attach and disconnect: a program that was running before the debugger
// came must run on, untouched, after it goes. Also: breakpoints set while
// the program runs take effect at once (a silent interrupt).

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "tests/e2e/e2e.hpp"

using namespace int3::test;
using namespace std::chrono_literals;

namespace {

// The sleeper fixture as a child of the test (not of the adapter), started
// the way a user starts a program they later attach to. Killed and reaped
// on destruction.
class sleeper {
 public:
  explicit sleeper(int seconds = 30) {
    int fds[2];
    REQUIRE(pipe2(fds, O_CLOEXEC) == 0);
    std::string binary = fixture_binary("sleeper");
    std::string secs = std::to_string(seconds);
    pid_ = fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      dup2(fds[1], 1);
      execl(binary.c_str(), binary.c_str(), secs.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    close(fds[1]);
    out_ = fds[0];
    REQUIRE(read_until("SLEEPER-READY"));
  }
  ~sleeper() {
    if (pid_ > 0 && !reaped_) {
      ::kill(pid_, SIGKILL);
      int status;
      waitpid(pid_, &status, 0);
    }
    if (out_ >= 0) close(out_);
  }
  sleeper(const sleeper&) = delete;
  sleeper& operator=(const sleeper&) = delete;

  pid_t pid() const { return pid_; }

  // Reads its stdout until `token` appears or 10 s pass.
  bool read_until(const std::string& token) {
    auto until = std::chrono::steady_clock::now() + 10s;
    while (text_.find(token) == std::string::npos) {
      if (std::chrono::steady_clock::now() > until) return false;
      pollfd p{out_, POLLIN, 0};
      if (poll(&p, 1, 100) <= 0) continue;
      char buf[256];
      ssize_t n = ::read(out_, buf, sizeof buf);
      if (n <= 0) return text_.find(token) != std::string::npos;
      text_.append(buf, static_cast<std::size_t>(n));
    }
    return true;
  }

  // Waits up to 10 s for it to end; the wait status, or nullopt.
  std::optional<int> wait_exit() {
    for (int i = 0; i < 1000; ++i) {
      int status = 0;
      pid_t got = waitpid(pid_, &status, WNOHANG);
      if (got == pid_) {
        reaped_ = true;
        return status;
      }
      std::this_thread::sleep_for(10ms);
    }
    return std::nullopt;
  }

  const std::string& text() const { return text_; }

 private:
  pid_t pid_ = -1;
  int out_ = -1;
  bool reaped_ = false;
  std::string text_;
};

bool untraced_within(pid_t pid, std::chrono::milliseconds timeout) {
  auto until = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < until) {
    if (tracer_of(pid).value_or(-1) == 0) return true;
    std::this_thread::sleep_for(10ms);
  }
  return false;
}

// After the debugger left: not traced, not stopped, and it ends normally
// when asked to.
void check_runs_on_and_exits(sleeper& program) {
  CHECK(untraced_within(program.pid(), 5s));
  auto state = process_state(program.pid());
  REQUIRE(state.has_value());
  CHECK(*state != 't');
  CHECK(*state != 'T');
  ::kill(program.pid(), SIGUSR1);
  auto status = program.wait_exit();
  REQUIRE(status.has_value());
  CHECK(WIFEXITED(*status));
  CHECK(WEXITSTATUS(*status) == 0);
  CHECK(program.read_until("INT3-FIXTURE-DONE"));
}

}  // namespace

TEST_CASE("attach by processId string stops at a breakpoint; disconnect detaches cleanly",
          "[e2e][attach]") {
  sleeper program;
  e2e_client client;
  const std::string src = source_path("sleeper.c");
  const auto tick = line_of(src, "tick");

  client.initialize();
  client.request_ok("attach", {{"processId", std::to_string(program.pid())}});
  CHECK(tracer_of(program.pid()).value_or(0) == client.adapter_pid());
  json set = client.set_breakpoints(src, {tick});
  REQUIRE(set["body"]["breakpoints"][0]["verified"] == true);
  client.configuration_done();

  for (int hit = 0; hit < 2; ++hit) {
    json stopped = client.wait_stopped();
    INFO("stopped: " << stopped.dump());
    REQUIRE(stopped["body"]["reason"] == "breakpoint");
    auto tid = stopped["body"]["threadId"].get<std::int64_t>();
    CHECK(tid == program.pid());
    json frames = client.stack_trace(tid)["body"]["stackFrames"];
    REQUIRE_FALSE(frames.empty());
    CHECK(frames[0].value("name", "") == "tick");
    CHECK(frames[0].value("line", 0u) == tick);
    // Both threads, the helper included, were found and stopped.
    json threads = client.threads()["body"]["threads"];
    CHECK(threads.size() == 2);
    if (hit == 0) client.continue_(tid);
  }
  // The breakpoint is still in: detaching must put the original byte back
  // or the program dies of SIGTRAP at its next tick.
  client.request_ok("disconnect", json::object());
  client.shutdown();
  check_runs_on_and_exits(program);
}

TEST_CASE("attach by numeric pid, then disconnect while the program runs", "[e2e][attach]") {
  sleeper program;
  e2e_client client;
  const std::string src = source_path("sleeper.c");
  client.initialize();
  client.request_ok("attach", {{"pid", program.pid()}, {"program", fixture_binary("sleeper")}});
  client.set_breakpoints(src, {line_of(src, "tick")});
  client.configuration_done();
  json stopped = client.wait_stopped();
  REQUIRE(stopped["body"]["reason"] == "breakpoint");
  client.set_breakpoints(src, {});
  client.continue_(stopped["body"]["threadId"].get<std::int64_t>());
  std::this_thread::sleep_for(100ms);
  CHECK_FALSE(client.maybe_event("stopped", 0ms).has_value());
  client.request_ok("disconnect", {{"terminateDebuggee", false}});
  client.shutdown();
  check_runs_on_and_exits(program);
}

TEST_CASE("attach with stopOnEntry reports a stop; the end of the session detaches",
          "[e2e][attach]") {
  sleeper program;
  {
    e2e_client client;
    client.initialize();
    client.request_ok("attach", {{"processId", program.pid()}, {"stopOnEntry", true}});
    client.configuration_done();
    json stopped = client.wait_stopped();
    CHECK(stopped["body"]["reason"] == "entry");
    CHECK(stopped["body"]["threadId"] == program.pid());
    CHECK(client.stack_trace(program.pid())["body"]["stackFrames"].size() > 0);
    // No disconnect: closing the channel must not kill what we attached to.
    client.shutdown();
  }
  check_runs_on_and_exits(program);
}

TEST_CASE("attach failures say why", "[e2e][attach]") {
  SECTION("no such process") {
    e2e_client client;
    client.initialize();
    // A pid that surely is not in use: above the kernel's pid_max default.
    json response = client.request_error("attach", {{"processId", 4194000}});
    INFO(response.dump());
    CHECK(contains(response.dump(), "no such process"));
  }
  SECTION("a bad processId") {
    e2e_client client;
    client.initialize();
    json response = client.request_error("attach", {{"processId", "12abc"}});
    CHECK(contains(response.dump(), "processId"));
  }
  SECTION("another debugger is attached") {
    sleeper program;
    e2e_client first;
    first.initialize();
    first.request_ok("attach", {{"processId", program.pid()}});
    first.configuration_done();
    e2e_client second;
    second.initialize();
    json response = second.request_error("attach", {{"processId", program.pid()}});
    INFO(response.dump());
    CHECK(contains(response.dump(),
                   "already traced by process " + std::to_string(first.adapter_pid())));
    first.request_ok("disconnect", json::object());
    first.shutdown();
    check_runs_on_and_exits(program);
  }
}

TEST_CASE("breakpoints set while the program runs take effect at once", "[e2e][attach]") {
  e2e_client client;
  const std::string src = source_path("sleeper.c");
  const auto tick = line_of(src, "tick");
  client.initialize();
  client.launch(launch_config("sleeper", {{"args", {"20"}}}));
  client.configuration_done();
  REQUIRE(client.wait_for_output("SLEEPER-READY", "stdout"));

  json set = client.set_breakpoints(src, {tick});
  const json bp = set["body"]["breakpoints"][0];
  INFO(bp.dump());
  CHECK(bp["verified"] == true);
  CHECK(bp.value("line", 0u) == tick);
  json stopped = client.wait_stopped();
  CHECK(stopped["body"]["reason"] == "breakpoint");
  CHECK(stopped["body"]["hitBreakpointIds"] == json::array({bp["id"]}));
  auto tid = stopped["body"]["threadId"].get<std::int64_t>();
  client.continue_(tid);
  stopped = client.wait_stopped();
  CHECK(stopped["body"]["reason"] == "breakpoint");
  client.continue_(tid);

  // Removed while running: no stop after the response, and no trap left.
  auto ids = breakpoint_ids(client.set_breakpoints(src, {}));
  CHECK(ids.empty());
  CHECK(client.request_ok("_int3_breakpointSites")["body"]["sites"].empty());
  // A tick may have hit before the request arrived: that stop is genuine.
  if (auto early = client.maybe_event("stopped", 100ms)) client.continue_(tid);
  CHECK_FALSE(client.maybe_event("stopped", 300ms).has_value());
  client.request_ok("terminate");
  client.wait_terminated();
}
