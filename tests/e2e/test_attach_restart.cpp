// restart: the launched program is killed and started again with the same
// arguments and breakpoints.

#include "tests/e2e/e2e.hpp"

using namespace int3::test;

TEST_CASE("restart relaunches with the same arguments and breakpoints", "[e2e][restart]") {
  e2e_client client;
  const std::string src = source_path("loop.c");
  const auto body = line_of(src, "square body");
  json caps = client.initialize()["body"];
  CHECK(caps.value("supportsRestartRequest", false));
  client.launch(launch_config("loop_gcc_O0_pie_d5", {{"args", {"2"}}}));
  auto ids = breakpoint_ids(client.set_breakpoints(src, {body}));
  client.configuration_done();
  json first = client.wait_stopped();
  REQUIRE(first["body"]["reason"] == "breakpoint");
  auto old_pid = first["body"]["threadId"].get<std::int64_t>();

  client.request_ok("restart");
  json again = client.wait_stopped();
  INFO(again.dump());
  REQUIRE(again["body"]["reason"] == "breakpoint");
  CHECK(again["body"]["hitBreakpointIds"] == json(ids));
  auto tid = again["body"]["threadId"].get<std::int64_t>();
  CHECK(tid != old_pid);
  CHECK_FALSE(process_alive(static_cast<pid_t>(old_pid)));
  // Same arguments: n=2 gives two hits, then the end.
  client.continue_(tid);
  REQUIRE(client.wait_stopped()["body"]["reason"] == "breakpoint");
  client.set_breakpoints(src, {});
  client.continue_(tid);
  CHECK(expect_run_to_exit(client) == 0);
  CHECK(contains(client.output("stdout"), "total=1"));
}
