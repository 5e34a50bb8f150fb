// Requests with absurd sizes get an error or a bounded answer, and the
// adapter's memory stays small: its peak RSS (VmHWM) is read from /proc.

#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "tests/e2e/e2e.hpp"

using namespace int3::test;
using namespace std::chrono_literals;

namespace {

// Peak resident set size of `pid` in MiB, from /proc/<pid>/status.
std::optional<long> peak_rss_mib(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) {
      std::istringstream fields(line.substr(6));
      long kib = 0;
      fields >> kib;
      return kib / 1024;
    }
  }
  return std::nullopt;
}

// Generous for a sanitizer build, far below what trusting a size would take.
constexpr long rss_budget_mib = 400;

void check_rss(dap_client& client) {
  auto peak = peak_rss_mib(client.adapter_pid());
  REQUIRE(peak.has_value());
  INFO("int3-dap peak RSS: " << *peak << " MiB");
  CHECK(*peak < rss_budget_mib);
}

pid_t stop_in_square(dap_client& client) {
  const std::string src = source_path("loop.c");
  start_with_breakpoints(client, launch_config("loop_gcc_O0_pie_d5"), src,
                         {line_of(src, "square body")});
  json stopped = client.wait_stopped();
  return stopped["body"]["threadId"].get<pid_t>();
}

}  // namespace

TEST_CASE("a 2 GiB Content-Length is refused without allocating it", "[e2e][limits]") {
  e2e_client client;
  client.send_raw("Content-Length: 2147483648\r\n\r\n{\"seq\":1,\"type\":\"request\"}");
  client.send_raw("Content-Length: 99999999999999999999999\r\n\r\n");
  client.initialize();  // still serving
  check_rss(client);
}

TEST_CASE("a setBreakpoints with a million lines is answered within bounds", "[e2e][limits]") {
  e2e_client client;
  const pid_t pid = stop_in_square(client);
  process_guard guard(pid);
  const std::string src = source_path("loop.c");
  std::string body = R"({"source":{"path":)" + json(src).dump() + R"(},"breakpoints":[)";
  for (int i = 0; i < 1000000; ++i) {
    if (i) body += ',';
    body += R"({"line":)" + std::to_string(1 + i % 40) + "}";
  }
  body += "]}";
  const int seq = client.request("setBreakpoints", json::parse(body));
  json response = client.expect_response(seq, 120s);
  INFO("response: " << response.dump().substr(0, 300));
  if (response["success"] == true)
    CHECK(response["body"]["breakpoints"].size() == 1000000);
  else
    CHECK(response.value("message", "") != "");
  check_rss(client);
  // The session is intact: the old breakpoint set can be replaced.
  client.set_breakpoints(src, {line_of(src, "square body")});
  client.request_ok("disconnect", {{"terminateDebuggee", true}});
}

TEST_CASE("stackTrace with a billion levels answers the frames there are", "[e2e][limits]") {
  e2e_client client;
  const pid_t pid = stop_in_square(client);
  process_guard guard(pid);
  json trace = client.request_ok("stackTrace", {{"threadId", pid}, {"levels", 1000000000}});
  const auto& frames = trace["body"]["stackFrames"];
  CHECK(frames.size() >= 3);  // square, sum_squares, main
  CHECK(frames.size() < 100);
  json past = client.request_ok(
      "stackTrace", {{"threadId", pid}, {"startFrame", 4000000000u}, {"levels", 1000000000}});
  CHECK(past["body"]["stackFrames"].empty());
  check_rss(client);
  client.request_ok("disconnect", {{"terminateDebuggee", true}});
}

TEST_CASE("variables with a count of a billion answers a bounded page", "[e2e][limits]") {
  e2e_client client;
  const pid_t pid = stop_in_square(client);
  process_guard guard(pid);
  json trace = client.stack_trace(pid, 1);
  const auto frame_id = trace["body"]["stackFrames"][0]["id"].get<std::int64_t>();
  json scopes = client.request_ok("scopes", {{"frameId", frame_id}});
  REQUIRE_FALSE(scopes["body"]["scopes"].empty());
  const auto ref = scopes["body"]["scopes"][0]["variablesReference"].get<std::int64_t>();
  for (std::int64_t start : {std::int64_t{0}, std::int64_t{1000000000}}) {
    const int seq = client.request(
        "variables", {{"variablesReference", ref}, {"start", start}, {"count", 1000000000}});
    json response = client.expect_response(seq, 30s);
    INFO("response: " << response.dump().substr(0, 300));
    if (response["success"] == true) CHECK(response["body"]["variables"].size() < 100);
  }
  check_rss(client);
  client.request_ok("disconnect", {{"terminateDebuggee", true}});
}
