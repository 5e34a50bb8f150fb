// Conditional breakpoints, hit counts and logpoints on loop.c, as a VS Code
// user sets them in the breakpoint's edit box.

#include "tests/e2e/e2e.hpp"
#include "tests/e2e/source_breakpoints.hpp"

using namespace int3::test;

namespace {

// initialize → launch → setBreakpoints(one breakpoint with `extra` keys) →
// configurationDone. Returns the breakpoint as the adapter answered.
json start_with(e2e_client& client, const std::string& fixture, const std::string& marker,
                const json& extra) {
  const std::string src = source_path("loop.c");
  json bp = extra;
  bp["line"] = line_of(src, marker);
  return start_with_source_breakpoints(client, launch_config(fixture), src, json::array({bp}))[0];
}

std::string evaluate(e2e_client& client, const std::string& expression) {
  json r = client.request_ok("evaluate", {{"expression", expression}, {"context", "watch"}});
  return r["body"].value("result", "");
}

}  // namespace

TEST_CASE("conditions: capabilities are advertised", "[e2e][conditions]") {
  e2e_client client;
  json caps = client.initialize()["body"];
  CHECK(caps.value("supportsConditionalBreakpoints", false));
  CHECK(caps.value("supportsHitConditionalBreakpoints", false));
  CHECK(caps.value("supportsLogPoints", false));
  CHECK(caps.value("supportsEvaluateForHovers", false));
}

TEST_CASE("conditions: i == 2 stops once, with i == 2", "[e2e][conditions]") {
  for (const std::string fixture : {"loop_gcc_O0_pie_d5", "loop_clang_O0_nopie_d4"}) {
    INFO("fixture " << fixture);
    e2e_client client;
    json bp = start_with(client, fixture, "call square", {{"condition", "i == 2"}});
    CHECK(bp["verified"] == true);
    json stopped = client.wait_stopped();
    CHECK(stopped["body"]["reason"] == "breakpoint");
    CHECK(stopped["body"]["hitBreakpointIds"] == json::array({bp["id"]}));
    CHECK(evaluate(client, "i") == "2");
    client.continue_(stopped["body"]["threadId"].get<std::int64_t>());
    CHECK(expect_run_to_exit(client) == 0);
  }
}

TEST_CASE("conditions: hitCondition 2 stops at the second hit", "[e2e][conditions]") {
  e2e_client client;
  start_with(client, "loop_gcc_O0_pie_d5", "call square", {{"hitCondition", "== 2"}});
  json stopped = client.wait_stopped();
  CHECK(evaluate(client, "i") == "1");
  client.continue_(stopped["body"]["threadId"].get<std::int64_t>());
  CHECK(expect_run_to_exit(client) == 0);
}

TEST_CASE("conditions: a bare hit count stops from that hit on", "[e2e][conditions]") {
  e2e_client client;
  start_with(client, "loop_gcc_O0_pie_d5", "call square", {{"hitCondition", "2"}});
  json stopped = client.wait_stopped();
  auto tid = stopped["body"]["threadId"].get<std::int64_t>();
  CHECK(evaluate(client, "i") == "1");
  client.continue_(tid);
  client.wait_stopped();
  CHECK(evaluate(client, "i") == "2");
  client.continue_(tid);
  CHECK(expect_run_to_exit(client) == 0);
}

TEST_CASE("conditions: a condition and a hit count combine", "[e2e][conditions]") {
  e2e_client client;
  // Hits are counted only when the condition holds: i >= 1 holds for 1
  // and 2, so the second such hit is i == 2.
  start_with(client, "loop_gcc_O0_pie_d5", "call square",
             {{"condition", "i >= 1"}, {"hitCondition", "== 2"}});
  client.wait_stopped();
  CHECK(evaluate(client, "i") == "2");
}

TEST_CASE("conditions: a logpoint prints and never stops", "[e2e][conditions]") {
  e2e_client client;
  start_with(client, "loop_gcc_O0_pie_d5", "call square",
             {{"logMessage", "i={i} total={total} sq={i * i} {{literal}}"}});
  CHECK(expect_run_to_exit(client) == 0);
  std::string console = client.output("console");
  CHECK(contains(console, "i=0 total=0 sq=0 {literal}\n"));
  CHECK(contains(console, "i=1 total=0 sq=1 {literal}\n"));
  CHECK(contains(console, "i=2 total=1 sq=4 {literal}\n"));
  CHECK_FALSE(contains(console, "i=3"));
}

TEST_CASE("conditions: a logpoint shows what it cannot evaluate", "[e2e][conditions]") {
  e2e_client client;
  start_with(client, "loop_gcc_O0_pie_d5", "call square", {{"logMessage", "x={nosuch}"}});
  CHECK(expect_run_to_exit(client) == 0);
  CHECK(contains(client.output("console"), "x=<error: unknown name 'nosuch'>\n"));
}

TEST_CASE("conditions: a condition that cannot be evaluated stops and says why",
          "[e2e][conditions]") {
  e2e_client client;
  json bp = start_with(client, "loop_gcc_O0_pie_d5", "call square", {{"condition", "nosuch == 1"}});
  json stopped = client.wait_stopped();
  CHECK(stopped["body"]["reason"] == "breakpoint");
  CHECK(stopped["body"]["hitBreakpointIds"] == json::array({bp["id"]}));
  CHECK(contains(stopped["body"].value("description", ""), "unknown name 'nosuch'"));
  CHECK(client.wait_for_output("unknown name 'nosuch'", "console"));
}

TEST_CASE("conditions: a condition with a syntax error stops and says why", "[e2e][conditions]") {
  e2e_client client;
  start_with(client, "loop_gcc_O0_pie_d5", "call square", {{"condition", "i == (2"}});
  json stopped = client.wait_stopped();
  CHECK(contains(stopped["body"].value("description", ""), "expected ')'"));
}

TEST_CASE("conditions: changing the condition of a kept line takes effect", "[e2e][conditions]") {
  e2e_client client;
  const std::string src = source_path("loop.c");
  const auto line = line_of(src, "call square");
  json bp = start_with(client, "loop_gcc_O0_pie_d5", "call square", {{"condition", "i == 0"}});
  json stopped = client.wait_stopped();
  CHECK(evaluate(client, "i") == "0");
  json set = client.request_ok(
      "setBreakpoints",
      {{"source", {{"path", src}}},
       {"breakpoints", json::array({{{"line", line}, {"condition", "i == 2"}}})}});
  CHECK(set["body"]["breakpoints"][0]["id"] == bp["id"]);
  client.continue_(stopped["body"]["threadId"].get<std::int64_t>());
  client.wait_stopped();
  CHECK(evaluate(client, "i") == "2");
}
