// Faults from outside the protocol: the program dies, runs away or swarms
// with threads. The stop or the end is reported, and the adapter keeps
// serving until the client disconnects.
// The thread swarms count their hits in the program with one atomic
// instruction (churn.c): a plain `hits++` there lost counts to its own race.

#include <signal.h>
#include <sys/wait.h>

#include <set>

#include "tests/e2e/e2e.hpp"

using namespace int3::test;
using namespace std::chrono_literals;

namespace {

json long_run() {
  return launch_config("loop_gcc_O0_pie_d5", {{"args", {"2000000000"}}});
}

pid_t only_child(dap_client& client) {
  auto children = children_of(client.adapter_pid());
  REQUIRE(children.size() == 1);
  return children[0];
}

// After the program is gone: requests are still answered, disconnect
// succeeds and the adapter exits 0 once the client hangs up.
void still_serving_after_the_end(e2e_client& client) {
  json threads = client.threads();
  CHECK(threads["body"]["threads"].empty());
  client.request_ok("disconnect", json::object());
  auto status = client.shutdown();
  REQUIRE(status.has_value());
  CHECK(WIFEXITED(*status));
  CHECK(WEXITSTATUS(*status) == 0);
}

}  // namespace

TEST_CASE("a program SIGKILLed from outside is reported and the adapter keeps serving",
          "[e2e][faults]") {
  e2e_client client;
  SECTION("while stopped at a breakpoint") {
    const std::string src = source_path("loop.c");
    start_with_breakpoints(client, long_run(), src, {line_of(src, "square body")});
    json stopped = client.wait_stopped();
    const auto pid = stopped["body"]["threadId"].get<pid_t>();
    process_guard guard(pid);
    REQUIRE(::kill(pid, SIGKILL) == 0);
    // Nothing resumes the program, so only the adapter's own watch can
    // notice: no request is sent until the events arrive.
    client.wait_exited();
    client.wait_terminated();
    CHECK(wait_until_gone(pid, 5s));
  }
  SECTION("while it runs") {
    client.initialize();
    client.launch(long_run());
    client.configuration_done();
    const pid_t pid = only_child(client);
    process_guard guard(pid);
    REQUIRE(::kill(pid, SIGKILL) == 0);
    client.wait_exited();
    client.wait_terminated();
    CHECK(wait_until_gone(pid, 5s));
  }
  still_serving_after_the_end(client);
}

TEST_CASE("a program that exits in the middle of a step ends the session cleanly",
          "[e2e][faults]") {
  e2e_client client;
  const std::string src = source_path("loop.c");
  start_with_breakpoints(client, launch_config("loop_gcc_O0_pie_d5"), src,
                         {line_of(src, "return")});
  json stopped = client.wait_stopped();
  const auto tid = stopped["body"]["threadId"].get<std::int64_t>();
  // Step over the end of main into the C library, which has no line info,
  // until the process is gone; each step must end in a stop or the exit.
  bool exited = false;
  for (int i = 0; i < 8 && !exited; ++i) {
    client.request_ok("next", {{"threadId", tid}});
    json e = client.expect_one_of({"stopped", "exited"}, 20s);
    exited = e["event"] == "exited";
  }
  REQUIRE(exited);
  client.wait_terminated();
  still_serving_after_the_end(client);
}

TEST_CASE("runaway recursion: the overflow is reported and the deep stack pages",
          "[e2e][faults]") {
  e2e_client client;
  client.initialize();
  client.launch(launch_config("recurse"));
  client.configuration_done();
  json stopped = client.wait_stopped(60s);
  CHECK(stopped["body"]["reason"] == "exception");
  const auto tid = stopped["body"]["threadId"].get<std::int64_t>();

  json first =
      client.request_ok("stackTrace", {{"threadId", tid}, {"startFrame", 0}, {"levels", 20}});
  const json& frames = first["body"]["stackFrames"];
  REQUIRE(frames.size() == 20);
  CHECK(frames[0]["name"] == "dive");
  CHECK(frames[19]["name"] == "dive");
  const auto total = first["body"].value("totalFrames", 0);
  CHECK(total >= 20);

  json next =
      client.request_ok("stackTrace", {{"threadId", tid}, {"startFrame", 20}, {"levels", 20}});
  CHECK(next["body"]["stackFrames"].size() == 20);
  CHECK(next["body"]["stackFrames"][0]["id"] != frames[0]["id"]);

  // Past the end: an empty page, not an error and not a hang.
  json beyond = client.request_ok("stackTrace",
                                  {{"threadId", tid}, {"startFrame", 1000000000}, {"levels", 20}});
  CHECK(beyond["body"]["stackFrames"].empty());

  client.request_ok("disconnect", {{"terminateDebuggee", true}});
}

TEST_CASE("a breakpoint hit by 16 threads at once is reported 16 times", "[e2e][faults]") {
  e2e_client client;
  const std::string src = source_path("churn.c");
  start_with_breakpoints(client, launch_config("churn", {{"args", {"burst"}}}), src,
                         {line_of(src, "churn touch")});
  std::set<std::int64_t> reported;
  int hits = 0;
  for (;;) {
    json e = client.expect_one_of({"stopped", "exited"}, 30s);
    if (e["event"] == "exited") {
      CHECK(e["body"]["exitCode"] == 0);
      break;
    }
    REQUIRE(e["body"]["reason"] == "breakpoint");
    ++hits;
    REQUIRE(hits <= 16);
    // Each thread passes the line once: a second report would be a stale hit.
    CHECK(reported.insert(e["body"]["threadId"].get<std::int64_t>()).second);
    client.continue_(e["body"]["threadId"].get<std::int64_t>());
  }
  CHECK(hits == 16);
  CHECK(client.wait_for_output("burst 16\n", "stdout"));
  client.wait_terminated();
}

TEST_CASE("200 threads created and destroyed while their breakpoint is hit", "[e2e][faults]") {
  e2e_client client;
  const std::string src = source_path("churn.c");
  start_with_breakpoints(client, launch_config("churn", {{"args", {"rounds", "10"}}}), src,
                         {line_of(src, "churn touch")});
  std::set<std::int64_t> reported;
  int hits = 0;
  for (;;) {
    json e = client.expect_one_of({"stopped", "exited"}, 30s);
    if (e["event"] == "exited") {
      CHECK(e["body"]["exitCode"] == 0);
      break;
    }
    REQUIRE(e["body"]["reason"] == "breakpoint");
    ++hits;
    REQUIRE(hits <= 200);
    // Each thread passes the line once: a second report would be a stale hit.
    CHECK(reported.insert(e["body"]["threadId"].get<std::int64_t>()).second);
    // A thread list mid-churn must still be consistent.
    if (hits % 50 == 0) CHECK_FALSE(client.threads()["body"]["threads"].empty());
    client.continue_(e["body"]["threadId"].get<std::int64_t>());
  }
  CHECK(hits == 200);
  CHECK(client.wait_for_output("threads 200\n", "stdout"));
  client.wait_terminated();
}

TEST_CASE("a next over a line that calls exit() reports the exit", "[e2e][faults][stepping]") {
  e2e_client client;
  const std::string src = source_path("stepper.c");
  start_with_breakpoints(client, launch_config("stepper_gcc_O0", {{"args", {"exit"}}}), src,
                         {line_of(src, "call exit")});
  json stopped = client.wait_stopped(20s);
  REQUIRE(stopped["body"]["reason"] == "breakpoint");
  const auto tid = stopped["body"]["threadId"].get<std::int64_t>();
  client.request_ok("next", {{"threadId", tid}});
  json e = client.expect_one_of({"stopped", "exited"}, 20s);
  INFO(e.dump());
  REQUIRE(e["event"] == "exited");
  CHECK(e["body"]["exitCode"] == 3);
  client.wait_terminated();
  still_serving_after_the_end(client);
}

TEST_CASE("a next over a line that calls execv() goes on in the new program",
          "[e2e][faults][stepping]") {
  e2e_client client;
  const std::string src = source_path("stepper.c");
  // "after fact" runs only in the new image (the exec'd program's path).
  start_with_breakpoints(client, launch_config("stepper_gcc_O0", {{"args", {"exec"}}}), src,
                         {line_of(src, "call execv"), line_of(src, "after fact")});
  json stopped = client.wait_stopped(20s);
  REQUIRE(stopped["body"]["reason"] == "breakpoint");
  const auto tid = stopped["body"]["threadId"].get<std::int64_t>();
  client.request_ok("next", {{"threadId", tid}});
  json e = client.expect_one_of({"stopped", "exited"}, 20s);
  INFO(e.dump());
  REQUIRE(e["event"] == "stopped");
  CHECK(e["body"]["reason"] == "breakpoint");
  // The session is usable in the new image: its stack, its variables.
  const auto now = e["body"]["threadId"].get<std::int64_t>();
  json frames = client.stack_trace(now)["body"]["stackFrames"];
  REQUIRE_FALSE(frames.empty());
  CHECK(frames[0].value("name", "") == "main");
  CHECK(frames[0].value("line", 0u) == line_of(src, "after fact"));
  client.continue_(now);
  CHECK(expect_run_to_exit(client) == 0);
  CHECK(contains(client.output("stdout"), "stepper 120 after-exec"));
}
