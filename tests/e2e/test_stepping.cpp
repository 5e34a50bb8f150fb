// Source-level stepping over DAP, as a user clicks it: next, stepIn and
// stepOut land on the lines a person expects, in gcc and clang builds.

#include <algorithm>
#include <string>
#include <vector>

#include "tests/e2e/e2e.hpp"

using namespace int3::test;
using namespace std::chrono_literals;

namespace {

const std::string src = source_path("stepper.c");

struct place {
  std::string function;
  std::uint32_t line = 0;
  std::size_t depth = 0;  // frames on the stack
};

place where(e2e_client& client, std::int64_t tid) {
  json trace = client.request_ok("stackTrace", {{"threadId", tid}, {"levels", 200}});
  const json& frames = trace["body"]["stackFrames"];
  REQUIRE_FALSE(frames.empty());
  return {frames[0].value("name", ""), frames[0].value("line", 0u), frames.size()};
}

// Sends a step request and returns the stopped event it leads to, after
// checking that the response came first.
json step(e2e_client& client, const std::string& command, std::int64_t tid,
          const json& extra = json::object()) {
  json arguments = {{"threadId", tid}};
  arguments.update(extra);
  int seq = client.request(command, arguments);
  json response = client.expect_response(seq);
  REQUIRE(response["success"] == true);
  json stopped = client.expect_event("stopped", 20s);
  const auto& transcript = client.transcript();
  std::size_t response_at = transcript.size(), stopped_at = transcript.size();
  for (std::size_t i = 0; i < transcript.size(); ++i) {
    const auto& m = transcript[i];
    if (m.value("type", "") == "response" && m.value("request_seq", 0) == seq) response_at = i;
    if (m.value("event", "") == "stopped" && i > response_at && stopped_at == transcript.size())
      stopped_at = i;
  }
  CHECK(response_at < stopped_at);
  return stopped;
}

// Launched and stopped at `marker` (the only breakpoint, then removed so
// it does not interfere); returns the thread.
std::int64_t stop_at(e2e_client& client, const std::string& fixture, const std::string& marker,
                     const json& extra = json::object()) {
  start_with_breakpoints(client, launch_config(fixture, extra), src, {line_of(src, marker)});
  json stopped = client.wait_stopped(20s);
  REQUIRE(stopped["body"]["reason"] == "breakpoint");
  client.set_breakpoints(src, {});
  return stopped["body"]["threadId"].get<std::int64_t>();
}

void finish(e2e_client& client) {
  client.request_ok("disconnect", {{"terminateDebuggee", true}});
}

}  // namespace

TEST_CASE("next, stepIn and stepOut land on the lines a user expects", "[e2e][stepping]") {
  const std::string fixture = GENERATE("stepper_gcc_O0", "stepper_clang_O0");
  INFO(fixture);
  e2e_client client;

  SECTION("next over a line lands on the next line") {
    auto tid = stop_at(client, fixture, "straight 1");
    json stopped = step(client, "next", tid);
    CHECK(stopped["body"]["reason"] == "step");
    place p = where(client, tid);
    CHECK(p.function == "straight");
    CHECK(p.line == line_of(src, "straight 2"));
    // Over a call: the callee runs, the step ends on the line after.
    step(client, "next", tid);
    p = where(client, tid);
    CHECK(p.function == "straight");
    CHECK(p.line == line_of(src, "straight 3"));
  }
  SECTION("granularity statement is accepted and steps by line") {
    auto tid = stop_at(client, fixture, "straight 1");
    json stopped = step(client, "next", tid, {{"granularity", "statement"}});
    CHECK(stopped["body"]["reason"] == "step");
    CHECK(where(client, tid).line == line_of(src, "straight 2"));
  }
  SECTION("next over a recursive call stays in the same frame") {
    auto tid = stop_at(client, fixture, "fact recurse");
    place before = where(client, tid);
    REQUIRE(before.function == "fact");
    step(client, "next", tid);
    place after = where(client, tid);
    CHECK(after.function == "fact");
    CHECK(after.line == line_of(src, "fact after"));
    // The recursion's inner returns went by: same frame, same depth.
    CHECK(after.depth == before.depth);
  }
  SECTION("next over a call with a breakpoint inside reports the breakpoint") {
    start_with_breakpoints(client, launch_config(fixture), src,
                           {line_of(src, "call straight"), line_of(src, "leaf second")});
    json first = client.wait_stopped(20s);
    REQUIRE(first["body"]["reason"] == "breakpoint");
    auto tid = first["body"]["threadId"].get<std::int64_t>();
    json stopped = step(client, "next", tid);
    CHECK(stopped["body"]["reason"] == "breakpoint");
    place p = where(client, tid);
    CHECK(p.function == "leaf");
    CHECK(p.line == line_of(src, "leaf second"));
  }
  SECTION("stepIn enters the callee on its first line, after the prologue") {
    auto tid = stop_at(client, fixture, "straight 2");
    json stopped = step(client, "stepIn", tid);
    CHECK(stopped["body"]["reason"] == "step");
    place p = where(client, tid);
    CHECK(p.function == "leaf");
    CHECK(p.line == line_of(src, "leaf first"));
    // The prologue is behind us: the argument reads as passed.
    json scopes = client.request_ok(
        "scopes", {{"frameId", client.stack_trace(tid)["body"]["stackFrames"][0]["id"]}});
    REQUIRE_FALSE(scopes["body"]["scopes"].empty());
    json args = client.request_ok(
        "variables", {{"variablesReference", scopes["body"]["scopes"][0]["variablesReference"]}});
    bool found = false;
    for (const auto& v : args["body"]["variables"]) {
      if (v["name"] != "x") continue;
      found = true;
      CHECK(v["value"] == "1");  // straight(argc) with no arguments
    }
    CHECK(found);
  }
  SECTION("stepIn on a line without a call behaves like next") {
    auto tid = stop_at(client, fixture, "straight 1");
    step(client, "stepIn", tid);
    place p = where(client, tid);
    CHECK(p.function == "straight");
    CHECK(p.line == line_of(src, "straight 2"));
  }
  SECTION("stepOut returns to the caller's line of the call") {
    auto tid = stop_at(client, fixture, "leaf first");
    place inside = where(client, tid);
    json stopped = step(client, "stepOut", tid);
    CHECK(stopped["body"]["reason"] == "step");
    place p = where(client, tid);
    CHECK(p.function == "straight");
    CHECK(p.line == line_of(src, "straight 2"));
    CHECK(p.depth + 1 == inside.depth);
    // The rest of the line runs on the next step.
    step(client, "next", tid);
    CHECK(where(client, tid).line == line_of(src, "straight 3"));
  }
  finish(client);
}

TEST_CASE("a step at the program's last line reports the exit", "[e2e][stepping]") {
  const std::string fixture = GENERATE("stepper_gcc_O0", "stepper_clang_O0");
  INFO(fixture);
  e2e_client client;
  auto tid = stop_at(client, fixture, "main return");
  // Off the end of main there is no source: the step goes on until the
  // program is gone, it never stops in the C library.
  bool exited = false;
  for (int i = 0; i < 3 && !exited; ++i) {
    client.request_ok("next", {{"threadId", tid}});
    json e = client.expect_one_of({"stopped", "exited"}, 20s);
    if (e["event"] == "stopped") {
      CHECK(e["body"]["reason"] == "step");
      CHECK(where(client, tid).function == "main");
    }
    exited = e["event"] == "exited";
    if (exited) CHECK(e["body"]["exitCode"] == 0);
  }
  REQUIRE(exited);
  client.wait_terminated();
  CHECK(contains(client.output("stdout"), "stepper 120"));
  client.request_ok("disconnect", json::object());
}

TEST_CASE("repeated next in optimised code never goes back to an earlier line", "[e2e][stepping]") {
  const std::string fixture = GENERATE("stepper_gcc_O2", "stepper_clang_O2");
  INFO(fixture);
  e2e_client client;
  auto tid = stop_at(client, fixture, "straight 1");
  std::vector<std::uint32_t> lines{where(client, tid).line};
  for (int i = 0; i < 12; ++i) {
    json stopped = step(client, "next", tid);
    REQUIRE(stopped["body"]["reason"] == "step");
    place p = where(client, tid);
    if (p.function != "straight") break;
    lines.push_back(p.line);
  }
  std::string seen;
  for (auto l : lines) seen += std::to_string(l) + " ";
  INFO("lines: " << seen);
  CHECK(std::is_sorted(lines.begin(), lines.end()));
  CHECK(lines.size() >= 3);
  CHECK(lines.back() >= line_of(src, "straight 4"));
  finish(client);
}
