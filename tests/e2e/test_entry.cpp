// stopOnEntry, and a line whose code is spread over several addresses.

#include "tests/e2e/e2e.hpp"
#include "tests/support/source_lines.hpp"

using namespace int3::test;

TEST_CASE("stopOnEntry stops in main before its body runs", "[e2e][entry]") {
  e2e_client client;
  const std::string src = source_path("loop.c");
  const auto first_statement = line_containing(src, "int n = argc");
  client.initialize();
  client.launch(launch_config("loop_gcc_O0_pie_d5", {{"stopOnEntry", true}}));
  client.configuration_done();
  json stopped = client.wait_stopped();
  INFO("stopped: " << stopped.dump());
  CHECK(stopped["body"]["reason"] == "entry");
  auto tid = stopped["body"]["threadId"].get<std::int64_t>();
  json frames = client.stack_trace(tid)["body"]["stackFrames"];
  INFO("stackTrace: " << frames.dump(1));
  REQUIRE_FALSE(frames.empty());
  CHECK(frames[0].value("name", "") == "main");
  // At main's opening line or its first statement, not later.
  CHECK(frames[0].value("line", 0u) <= first_statement);
  CHECK(frames[0].value("line", 0u) >= first_statement - 1);
  CHECK(frames[0]["source"].value("path", "") == src);
  CHECK_FALSE(contains(client.output("stdout"), "total="));

  client.continue_(tid);
  CHECK(expect_run_to_exit(client) == 0);
  CHECK(contains(client.output("stdout"), "total=5\n"));
}

TEST_CASE("stopOnEntry works without debug information too", "[e2e][entry]") {
  e2e_client client;
  client.initialize();
  client.launch(launch_config("loop_nodebug", {{"stopOnEntry", true}}));
  client.configuration_done();
  json stopped = client.wait_stopped();
  CHECK(stopped["body"]["reason"] == "entry");
  client.continue_(stopped["body"]["threadId"].get<std::int64_t>());
  CHECK(expect_run_to_exit(client) == 0);
}

TEST_CASE("a for header with code at several addresses gets a hit", "[e2e][entry]") {
  e2e_client client;
  const std::string src = source_path("loop.c");
  const auto header = line_of(src, "for header");
  json set = start_with_breakpoints(client, launch_config("loop_gcc_O0_pie_d5"), src, {header});
  json bp = set["body"]["breakpoints"][0];
  CHECK(bp["verified"] == true);
  CHECK(bp.value("line", 0u) == header);
  json stopped = client.wait_stopped();
  CHECK(stopped["body"]["reason"] == "breakpoint");
  auto tid = stopped["body"]["threadId"].get<std::int64_t>();
  json frame = client.stack_trace(tid)["body"]["stackFrames"][0];
  CHECK(frame.value("line", 0u) == header);
  CHECK(frame.value("name", "") == "sum_squares");
  // Nothing of the loop ran yet: the first stop is at the initialisation.
  CHECK_FALSE(contains(client.output("stdout"), "total="));
  client.set_breakpoints(src, {});
  client.continue_(tid);
  CHECK(expect_run_to_exit(client) == 0);
}
