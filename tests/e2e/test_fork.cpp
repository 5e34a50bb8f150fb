// A program that forks while breakpoints are set: the children get none of
// our traps (they would die of SIGTRAP), the parent is still debugged.

#include "tests/e2e/e2e.hpp"

using namespace int3::test;

TEST_CASE("forked children run code with a breakpoint and exit normally", "[e2e][fork]") {
  e2e_client client;
  const std::string src = source_path("forker.c");
  const auto work = line_of(src, "child work");
  json set = start_with_breakpoints(client, launch_config("forker"), src, {work});
  REQUIRE(set["body"]["breakpoints"][0]["verified"] == true);

  // Only the parent's own call stops: the 20 children ran the same line
  // without our trap and without the user seeing them.
  json stopped = client.wait_stopped(std::chrono::seconds(20));
  INFO("stopped: " << stopped.dump());
  REQUIRE(stopped["body"]["reason"] == "breakpoint");
  auto tid = stopped["body"]["threadId"].get<std::int64_t>();
  json frames = client.stack_trace(tid)["body"]["stackFrames"];
  REQUIRE(frames.size() >= 2);
  CHECK(frames[0].value("name", "") == "child_work");
  CHECK(frames[1].value("name", "") == "main");
  CHECK(frames[1].value("line", 0u) == line_of(src, "parent work"));
  client.continue_(tid);
  CHECK(expect_run_to_exit(client) == 0);
  std::string out = client.output("stdout");
  INFO(out);
  CHECK(contains(out, "normal exits: 20"));
  CHECK_FALSE(contains(out, "killed by signal"));
  CHECK(contains(out, "INT3-FIXTURE-DONE"));
}

TEST_CASE("fifty forked children with breakpoints set: none dies of SIGTRAP",
          "[e2e][fork][faults]") {
  e2e_client client;
  const std::string src = source_path("forker.c");
  start_with_breakpoints(client, launch_config("forker", {{"args", {"50"}}}), src,
                         {line_of(src, "child work"), line_of(src, "parent work")});
  // The parent's own call of child_work: one stop at each of its two sites.
  json stopped = client.wait_stopped(std::chrono::seconds(30));
  REQUIRE(stopped["body"]["reason"] == "breakpoint");
  auto tid = stopped["body"]["threadId"].get<std::int64_t>();
  json frames = client.stack_trace(tid)["body"]["stackFrames"];
  REQUIRE_FALSE(frames.empty());
  CHECK(frames[0].value("line", 0u) == line_of(src, "parent work"));
  client.continue_(tid);
  stopped = client.wait_stopped(std::chrono::seconds(30));
  CHECK(client.stack_trace(tid)["body"]["stackFrames"][0].value("name", "") == "child_work");
  client.continue_(tid);
  CHECK(expect_run_to_exit(client) == 0);
  std::string out = client.output("stdout");
  INFO(out);
  CHECK(contains(out, "normal exits: 50"));
  CHECK_FALSE(contains(out, "killed by signal"));
}

TEST_CASE("vfork children run through our traps, exec, and the parent keeps its breakpoints",
          "[e2e][fork][faults]") {
  e2e_client client;
  const std::string src = source_path("vforker.c");
  // child_work runs in each vfork child before its exec, in memory shared
  // with the parent: the trap must stay (for the parent) and must not kill
  // the child.
  start_with_breakpoints(client, launch_config("vforker", {{"args", {"10"}}}), src,
                         {line_of(src, "vfork work")});
  json stopped = client.wait_stopped(std::chrono::seconds(30));
  INFO(stopped.dump());
  REQUIRE(stopped["body"]["reason"] == "breakpoint");
  auto tid = stopped["body"]["threadId"].get<std::int64_t>();
  json frames = client.stack_trace(tid)["body"]["stackFrames"];
  REQUIRE(frames.size() >= 2);
  CHECK(frames[0].value("name", "") == "child_work");
  CHECK(frames[1].value("line", 0u) == line_of(src, "parent work"));
  client.continue_(tid);
  CHECK(expect_run_to_exit(client) == 0);
  std::string out = client.output("stdout");
  INFO(out);
  CHECK(contains(out, "normal exits: 10"));
  CHECK_FALSE(contains(out, "killed by signal"));
  CHECK(contains(out, "INT3-FIXTURE-DONE"));
}
