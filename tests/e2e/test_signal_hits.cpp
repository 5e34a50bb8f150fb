// A breakpoint whose thread receives signals while the debugger moves it
// past the breakpoint: the signal's handler runs and returns to the
// breakpoint's address, which must not count as a second hit. A user sees it
// as a hit count that stops too early or a logpoint that prints twice.

#include "tests/e2e/e2e.hpp"
#include "tests/e2e/source_breakpoints.hpp"

using namespace int3::test;

TEST_CASE("a hit count is exact while signals arrive at the breakpoint", "[e2e][signals]") {
  const std::string fixture = GENERATE("signal_hits", "signal_hits_clang_O2");
  // "plain hit" starts with a load the tracer emulates; "sse hit" with an
  // SSE instruction that runs out of line.
  const std::string marker = GENERATE("plain hit", "sse hit");
  INFO(fixture << " at " << marker);
  const std::string src = source_path("signal_hits.c");
  e2e_client client;
  json bp = start_with_source_breakpoints(
      client, launch_config(fixture), src,
      json::array({{{"line", line_of(src, marker)}, {"hitCondition", "== 1500"}}}))[0];
  REQUIRE(bp["verified"] == true);
  json stopped = client.wait_stopped();
  REQUIRE(stopped["body"]["reason"] == "breakpoint");
  json r = client.request_ok("evaluate", {{"expression", "i"}, {"context", "watch"}});
  CHECK(r["body"]["result"] == "1499");
  client.continue_(stopped["body"]["threadId"].get<std::int64_t>());
  CHECK(expect_run_to_exit(client) == 0);
}
