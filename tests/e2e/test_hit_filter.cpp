// Conditional breakpoints and logpoints judged while the program's other
// threads run on (the engine's hit filter): thread_hits.c's four threads
// call tick(id, i) in a loop, so a breakpoint there is hit from every thread
// at once. The program checks its own totals (a lost or doubled hit makes
// it exit 1) and prints each thread's kernel id, the oracle for which
// thread a stop names.

#include <regex>
#include <set>

#include "tests/e2e/e2e.hpp"
#include "tests/e2e/source_breakpoints.hpp"

using namespace int3::test;

namespace {

// Launched with `args`, one breakpoint on `marker` of `source` with
// `extra` keys; returns the breakpoint as the adapter answered.
json start_with(e2e_client& client, const std::string& fixture, const json& args,
                const std::string& source, const std::string& marker, const json& extra) {
  const std::string src = source_path(source);
  json bp = extra;
  bp["line"] = line_of(src, marker);
  json set = start_with_source_breakpoints(client, launch_config(fixture, {{"args", args}}), src,
                                           json::array({bp}));
  CHECK(set[0]["verified"] == true);
  return set[0];
}

std::string evaluate(e2e_client& client, const std::string& expression) {
  json r = client.request_ok("evaluate", {{"expression", expression}, {"context", "watch"}});
  return r["body"].value("result", "");
}

// The kernel id thread_hits.c printed for its thread `id`; -1 if none.
std::int64_t printed_tid(const std::string& output, int id) {
  std::smatch m;
  std::regex line("thread " + std::to_string(id) + " is ([0-9]+)\n");
  return std::regex_search(output, m, line) ? std::stoll(m[1]) : -1;
}

}  // namespace

TEST_CASE("hit filter: a condition true once among thousands of hits stops once, in its thread",
          "[e2e][conditions][hitfilter]") {
  e2e_client client;
  json bp = start_with(client, "thread_hits", {"2000"}, "thread_hits.c", "tick",
                       {{"condition", "id == 2 && i == 1777"}});
  json stopped = client.wait_stopped();
  CHECK(stopped["body"]["reason"] == "breakpoint");
  CHECK(stopped["body"]["hitBreakpointIds"] == json::array({bp["id"]}));
  auto tid = stopped["body"]["threadId"].get<std::int64_t>();
  CHECK(evaluate(client, "id") == "2");
  CHECK(evaluate(client, "i") == "1777");
  // Thread 2 added 0..1776 before this hit.
  CHECK(evaluate(client, "total[2]") == std::to_string(1776L * 1777 / 2));
  client.continue_(tid);
  CHECK(expect_run_to_exit(client) == 0);  // fails on any second stop
  std::string out = client.output("stdout");
  CHECK(contains(out, "INT3-FIXTURE-DONE"));
  CHECK(printed_tid(out, 2) == tid);
}

TEST_CASE("hit filter: a logpoint hit by four threads logs every hit once",
          "[e2e][conditions][hitfilter]") {
  e2e_client client;
  constexpr int iterations = 300;
  start_with(client, "thread_hits", {std::to_string(iterations)}, "thread_hits.c", "tick",
             {{"logMessage", "tick {id} {i}"}});
  CHECK(expect_run_to_exit(client) == 0);
  CHECK(contains(client.output("stdout"), "INT3-FIXTURE-DONE"));
  std::string console = client.output("console");
  std::multiset<std::string> lines;
  std::regex tick("tick [0-9]+ [0-9]+\n");
  for (auto it = std::sregex_iterator(console.begin(), console.end(), tick);
       it != std::sregex_iterator(); ++it)
    lines.insert(it->str());
  CHECK(lines.size() == 4 * iterations);
  for (int id = 0; id < 4; ++id) {
    for (int i = 0; i < iterations; ++i) {
      std::string want = "tick " + std::to_string(id) + " " + std::to_string(i) + "\n";
      if (lines.count(want) != 1) FAIL_CHECK("logged " << lines.count(want) << " times: " << want);
    }
  }
}

TEST_CASE("hit filter: a condition on a global stops where it first holds",
          "[e2e][conditions][hitfilter]") {
  e2e_client client;
  // total[3] is 0 + 1 + ... + (i-1) when thread 3 enters tick(3, i): 10 at i == 5.
  start_with(client, "thread_hits", {"50"}, "thread_hits.c", "tick",
             {{"condition", "total[3] >= 10 && id == 3"}});
  json stopped = client.wait_stopped();
  CHECK(evaluate(client, "i") == "5");
  CHECK(printed_tid(client.output("stdout"), 3) == stopped["body"]["threadId"]);
  client.request_ok("terminate");
}

TEST_CASE("hit filter: a condition on a register", "[e2e][conditions][hitfilter]") {
  e2e_client client;
  // At -O0 the line after tick's prologue still has the first argument in rdi.
  start_with(client, "thread_hits", {"50"}, "thread_hits.c", "tick",
             {{"condition", "$rdi == 1 && i == 3"}});
  json stopped = client.wait_stopped();
  CHECK(evaluate(client, "id") == "1");
  CHECK(evaluate(client, "i") == "3");
  CHECK(printed_tid(client.output("stdout"), 1) == stopped["body"]["threadId"]);
  client.request_ok("terminate");
}

TEST_CASE("hit filter: a condition on this->member", "[e2e][conditions][hitfilter]") {
  e2e_client client;
  // rect::area runs for a (2x3), b (4x5) and their total (26x1).
  start_with(client, "shapes_gcc_O0_pie_d5", json::array(), "shapes.cpp", "rect area",
             {{"condition", "this->w_ == 4"}});
  json stopped = client.wait_stopped();
  CHECK(evaluate(client, "this->h_") == "5");
  client.continue_(stopped["body"]["threadId"].get<std::int64_t>());
  CHECK(expect_run_to_exit(client) == 0);
  CHECK(contains(client.output("stdout"), "area=26"));
}

TEST_CASE("hit filter: next over a call whose callee holds a logpoint ends as a step",
          "[e2e][conditions][hitfilter][stepping]") {
  e2e_client client;
  const std::string src = source_path("loop.c");
  start_with_source_breakpoints(
      client, launch_config("loop_gcc_O0_pie_d5"), src,
      json::array({{{"line", line_of(src, "call square")}},
                   {{"line", line_of(src, "square body")}, {"logMessage", "square({x})"}}}));
  json stopped = client.wait_stopped();
  REQUIRE(stopped["body"]["reason"] == "breakpoint");
  auto tid = stopped["body"]["threadId"].get<std::int64_t>();
  // The logpoint's hit inside square() must not end the step: it is back
  // in sum_squares, i still 0, not at the breakpoint's next hit (i == 1).
  client.request_ok("next", {{"threadId", tid}});
  json stepped = client.wait_stopped();
  CHECK(stepped["body"]["reason"] == "step");
  CHECK(evaluate(client, "i") == "0");
  CHECK(client.wait_for_output("square(0)\n", "console"));
  CHECK_FALSE(contains(client.output("console"), "square(1)"));
  client.request_ok("disconnect", {{"terminateDebuggee", true}});
}
