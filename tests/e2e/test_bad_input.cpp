// Whatever a client sends, the adapter answers what it can and keeps
// serving: after each bad message a valid request must still succeed.

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "tests/e2e/e2e.hpp"
#include "tests/support/dap_framing.hpp"

using namespace int3::test;
namespace fs = std::filesystem;

namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return text;
}

// What an editor shows for an error response: the message and, when there
// is one, the structured error's format with its variables filled in.
std::string error_text(const json& response) {
  std::string text = response.value("message", "");
  if (response.contains("body") && response["body"].contains("error")) {
    const json& error = response["body"]["error"];
    std::string format = error.value("format", "");
    const json variables = error.contains("variables") ? error["variables"] : json::object();
    for (const auto& [key, value] : variables.items()) {
      const std::string placeholder = "{" + key + "}";
      for (auto at = format.find(placeholder); at != std::string::npos;
           at = format.find(placeholder))
        format.replace(at, placeholder.size(), value.get<std::string>());
    }
    text += "\n" + format;
  }
  return text;
}

void still_serving(dap_client& client) {
  client.initialize();
}

}  // namespace

TEST_CASE("a malformed header is skipped", "[e2e][bad-input]") {
  e2e_client client;
  SECTION("a length that is not a number") {
    client.send_raw("Content-Length: abc\r\n\r\n");
  }
  SECTION("no Content-Length at all") {
    client.send_raw("Content-Type: application/json\r\n\r\n");
  }
  still_serving(client);
}

TEST_CASE("a body that is not JSON is skipped", "[e2e][bad-input]") {
  e2e_client client;
  client.send_raw(frame_message("{\"seq\": 1, \"type\": \"request\", \"command\": "));
  still_serving(client);
}

TEST_CASE("a JSON array instead of an object is skipped", "[e2e][bad-input]") {
  e2e_client client;
  client.send_raw(frame_message("[1, 2, 3]"));
  still_serving(client);
}

TEST_CASE("an unknown command gets an error response", "[e2e][bad-input]") {
  e2e_client client;
  json response = client.request_error("int3NoSuchCommand", json::object());
  CHECK(contains(error_text(response), "int3NoSuchCommand"));
  still_serving(client);
}

TEST_CASE("missing arguments get an error response", "[e2e][bad-input]") {
  e2e_client client;
  client.initialize();
  SECTION("setBreakpoints without source") {
    json response = client.request_error("setBreakpoints", {{"breakpoints", {{{"line", 1}}}}});
    CHECK(contains(error_text(response), "source"));
  }
  SECTION("setBreakpoints without any arguments") {
    client.request_error("setBreakpoints");
  }
  SECTION("launch without program") {
    json response = client.request_error("launch", json::object());
    CHECK(contains(error_text(response), "program"));
  }
  client.set_breakpoints(source_path("loop.c"), {});
}

TEST_CASE("wrongly typed arguments get an error response and not a guess", "[e2e][bad-input]") {
  e2e_client client;
  const std::string src = source_path("loop.c");
  start_with_breakpoints(client, launch_config("loop_gcc_O0_pie_d5"), src,
                         {line_of(src, "square body")});
  json stopped = client.wait_stopped();
  auto tid = stopped["body"]["threadId"].get<std::int64_t>();
  // Stopped, so only the type can be wrong.
  json response = client.request_error("stackTrace", {{"threadId", std::to_string(tid)}});
  CHECK(contains(error_text(response), "threadId"));
  client.request_error("setBreakpoints", {{"source", {{"path", 42}}}});
  client.request_error("setBreakpoints",
                       {{"source", {{"path", src}}}, {"breakpoints", {{{"line", "8"}}}}});
  CHECK_FALSE(client.stack_trace(tid)["body"]["stackFrames"].empty());
  client.request_ok("disconnect", {{"terminateDebuggee", true}});
}

TEST_CASE("launch failures name the problem and a corrected launch works", "[e2e][bad-input]") {
  const fs::path work =
      fs::temp_directory_path() / ("int3-e2e-launch-" + std::to_string(::getpid()));
  fs::create_directories(work);
  struct remove_on_exit {
    fs::path p;
    ~remove_on_exit() {
      std::error_code ignored;
      fs::remove_all(p, ignored);
    }
  } cleanup{work};
  const fs::path not_executable = work / "loop_not_executable";
  fs::copy_file(fixture_binary("loop_gcc_O0_pie_d5"), not_executable);
  fs::permissions(not_executable, fs::perms::owner_read | fs::perms::owner_write);

  struct bad_launch {
    std::string what;
    std::string program;
    std::vector<std::string> any_of;  // lower-case words, one must appear
  };
  const bad_launch bad = GENERATE_COPY(values<bad_launch>({
      {"missing program",
       (work / "no-such-program").string(),
       {"no such file", "not found", "does not exist"}},
      {"directory", work.string(), {"directory"}},
      {"not executable", not_executable.string(), {"permission denied", "not executable"}},
  }));
  INFO(bad.what << ": " << bad.program);

  e2e_client client;
  client.initialize();
  json response = client.request_error("launch", {{"program", bad.program}});
  const std::string text = error_text(response);
  INFO("error shown: " << text);
  CHECK(contains(text, bad.program));
  CHECK(std::any_of(bad.any_of.begin(), bad.any_of.end(),
                    [&](auto& w) { return contains(lower(text), w); }));

  client.launch(launch_config("loop_gcc_O0_pie_d5"));
  client.configuration_done();
  CHECK(expect_run_to_exit(client) == 0);
}

TEST_CASE("a program without debug information runs and its breakpoints say why they cannot bind",
          "[e2e][bad-input]") {
  e2e_client client;
  const std::string src = source_path("loop.c");
  json set = start_with_breakpoints(client, launch_config("loop_nodebug"), src,
                                    {line_of(src, "square body")});
  REQUIRE(set["body"]["breakpoints"].size() == 1);
  json bp = set["body"]["breakpoints"][0];
  INFO("breakpoint: " << bp.dump());
  CHECK(bp["verified"] == false);
  CHECK(contains(lower(bp.value("message", "")), "debug"));
  CHECK(expect_run_to_exit(client) == 0);
  CHECK(contains(client.output("stdout"), "total=5\n"));
}

TEST_CASE("stackTrace while the program runs is an error and not a stale stack",
          "[e2e][bad-input]") {
  e2e_client client;
  client.initialize();
  // Two billion calls: far longer than this test.
  client.launch(launch_config("loop_gcc_O0_pie_d5", {{"args", {"2000000000"}}}));
  client.configuration_done();
  auto children = children_of(client.adapter_pid());
  REQUIRE(children.size() == 1);
  const pid_t pid = children[0];
  process_guard guard(pid);
  json response = client.request_error("stackTrace", {{"threadId", pid}});
  INFO("response: " << response.dump());
  CHECK(response.value("message", "") != "");
  client.request_ok("disconnect", {{"terminateDebuggee", true}});
  CHECK(wait_until_gone(pid, std::chrono::seconds(5)));
}
