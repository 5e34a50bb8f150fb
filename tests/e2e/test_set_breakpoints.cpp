// setBreakpoints as an editor uses it: before launch, replaced wholesale on
// every edit, with lines that have no code and files the program lacks.

#include <unistd.h>

#include <filesystem>

#include "tests/e2e/e2e.hpp"

using namespace int3::test;
namespace fs = std::filesystem;

namespace {

const std::string loop_fixture = "loop_gcc_O0_pie_d5";

json breakpoint_at(const json& response, std::size_t i) {
  REQUIRE(response["body"]["breakpoints"].size() > i);
  return response["body"]["breakpoints"][i];
}

// Launched, configured, stopped at the first hit of `line`; returns threadId.
std::int64_t run_to_line(dap_client& client, const json& launch, const std::string& path,
                         std::uint32_t line) {
  json set = start_with_breakpoints(client, launch, path, {line});
  json bp = breakpoint_at(set, 0);
  INFO("breakpoint: " << bp.dump());
  CHECK(bp["verified"] == true);
  json stopped = client.wait_stopped();
  REQUIRE(stopped["body"]["reason"] == "breakpoint");
  auto tid = stopped["body"]["threadId"].get<std::int64_t>();
  json frames = client.stack_trace(tid)["body"]["stackFrames"];
  REQUIRE_FALSE(frames.empty());
  CHECK(frames[0].value("line", 0u) == line);
  return tid;
}

}  // namespace

TEST_CASE("setBreakpoints before launch still ends in a hit", "[e2e][breakpoints]") {
  e2e_client client;
  const std::string src = source_path("loop.c");
  const auto body = line_of(src, "square body");
  client.initialize();
  // Before launch the adapter cannot know the program: the breakpoint may be
  // pending, but it must get an id and keep it.
  json set = client.set_breakpoints(src, {body});
  const auto id = breakpoint_at(set, 0).value("id", std::int64_t{-1});
  CHECK(id >= 0);
  client.launch(launch_config(loop_fixture));
  client.configuration_done();
  json stopped = client.wait_stopped();
  INFO("stopped: " << stopped.dump());
  CHECK(stopped["body"]["reason"] == "breakpoint");
  auto ids = stopped["body"].value("hitBreakpointIds", json::array());
  CHECK(std::find(ids.begin(), ids.end(), json(id)) != ids.end());
  // If the adapter told the editor about the resolution, it used the same id.
  while (auto changed = client.maybe_event("breakpoint", std::chrono::milliseconds(0))) {
    CHECK(changed->at("body").at("breakpoint").value("id", std::int64_t{-1}) == id);
  }
  auto tid = stopped["body"]["threadId"].get<std::int64_t>();
  CHECK(client.stack_trace(tid)["body"]["stackFrames"][0].value("line", 0u) == body);
  client.request_ok("disconnect", {{"terminateDebuggee", true}});
}

TEST_CASE("breakpoint ids are stable and responses keep the request order", "[e2e][breakpoints]") {
  e2e_client client;
  const std::string src = source_path("loop.c");
  const auto a = line_of(src, "square body");
  const auto b = line_of(src, "call square");
  const auto c = line_of(src, "return");
  client.initialize();
  client.launch(launch_config(loop_fixture));

  json first = client.set_breakpoints(src, {a, b});
  const auto id_a = breakpoint_at(first, 0).value("id", std::int64_t{-1});
  const auto id_b = breakpoint_at(first, 1).value("id", std::int64_t{-2});
  CHECK(id_a != id_b);
  CHECK(breakpoint_at(first, 0).value("line", 0u) == a);
  CHECK(breakpoint_at(first, 1).value("line", 0u) == b);

  json second = client.set_breakpoints(src, {a, c});
  CHECK(breakpoint_at(second, 0).value("id", std::int64_t{-1}) == id_a);
  CHECK(breakpoint_at(second, 0).value("line", 0u) == a);
  CHECK(breakpoint_at(second, 1).value("line", 0u) == c);
  const auto id_c = breakpoint_at(second, 1).value("id", std::int64_t{-1});
  CHECK(id_c != id_a);

  // The response order is the request order, not the line order.
  json reversed = client.set_breakpoints(src, {c, a});
  CHECK(breakpoint_at(reversed, 0).value("line", 0u) == c);
  CHECK(breakpoint_at(reversed, 0).value("id", std::int64_t{-1}) == id_c);
  CHECK(breakpoint_at(reversed, 1).value("line", 0u) == a);
  CHECK(breakpoint_at(reversed, 1).value("id", std::int64_t{-1}) == id_a);

  // B is gone: the program stops at A, never at B.
  client.configuration_done();
  json stopped = client.wait_stopped();
  auto ids = stopped["body"].value("hitBreakpointIds", json::array());
  CHECK(ids == json::array({id_a}));
  auto tid = stopped["body"]["threadId"].get<std::int64_t>();
  CHECK(client.stack_trace(tid)["body"]["stackFrames"][0].value("line", 0u) == a);
  client.request_ok("disconnect", {{"terminateDebuggee", true}});
}

TEST_CASE("clearing breakpoints removes every trap from the program", "[e2e][breakpoints]") {
  e2e_client client;
  const std::string src = source_path("loop.c");
  auto tid = run_to_line(client, launch_config(loop_fixture), src, line_of(src, "square body"));
  json sites = client.request_ok("_int3_breakpointSites");
  CHECK_FALSE(sites["body"]["sites"].empty());
  CHECK(client.set_breakpoints(src, {})["body"]["breakpoints"].empty());
  sites = client.request_ok("_int3_breakpointSites");
  CHECK(sites["body"]["sites"].empty());
  // Two more calls of square() would have stopped; none does.
  client.continue_(tid);
  CHECK(expect_run_to_exit(client) == 0);
  CHECK(contains(client.output("stdout"), "total=5\n"));
}

TEST_CASE("a line without code binds to the next line that has code", "[e2e][breakpoints]") {
  e2e_client client;
  const std::string src = source_path("loop.c");
  const auto blank = line_of(src, "blank before sum");
  const auto call_sum = line_of(src, "call sum");
  json set = start_with_breakpoints(client, launch_config(loop_fixture), src, {blank});
  json bp = breakpoint_at(set, 0);
  INFO("breakpoint: " << bp.dump());
  CHECK(bp["verified"] == true);
  CHECK(bp.value("line", 0u) == call_sum);
  json stopped = client.wait_stopped();
  CHECK(stopped["body"]["reason"] == "breakpoint");
  auto tid = stopped["body"]["threadId"].get<std::int64_t>();
  json frame = client.stack_trace(tid)["body"]["stackFrames"][0];
  CHECK(frame.value("line", 0u) == call_sum);
  CHECK(frame.value("name", "") == "main");
}

TEST_CASE("a line past the end of the file is unverified with a reason", "[e2e][breakpoints]") {
  e2e_client client;
  const std::string src = source_path("loop.c");
  json set = start_with_breakpoints(client, launch_config(loop_fixture), src, {10000});
  json bp = breakpoint_at(set, 0);
  INFO("breakpoint: " << bp.dump());
  CHECK(bp["verified"] == false);
  CHECK(bp.value("message", "") != "");
  CHECK(expect_run_to_exit(client) == 0);
}

TEST_CASE("a file that is not in the program is unverified and the message names it",
          "[e2e][breakpoints]") {
  e2e_client client;
  const std::string other = source_path("output.c");
  json set = start_with_breakpoints(client, launch_config(loop_fixture), other,
                                    {line_of(other, "stderr")});
  json bp = breakpoint_at(set, 0);
  INFO("breakpoint: " << bp.dump());
  CHECK(bp["verified"] == false);
  CHECK(contains(bp.value("message", ""), "output.c"));
  CHECK(expect_run_to_exit(client) == 0);
}

TEST_CASE("one bad line does not spoil the others in the same request", "[e2e][breakpoints]") {
  e2e_client client;
  const std::string src = source_path("loop.c");
  const auto body = line_of(src, "square body");
  json set = start_with_breakpoints(client, launch_config(loop_fixture), src, {10000, body});
  CHECK(breakpoint_at(set, 0)["verified"] == false);
  CHECK(breakpoint_at(set, 1)["verified"] == true);
  CHECK(breakpoint_at(set, 1).value("line", 0u) == body);
  json stopped = client.wait_stopped();
  CHECK(stopped["body"]["reason"] == "breakpoint");
}

TEST_CASE("a program compiled with a relative path matches the editor's path",
          "[e2e][breakpoints]") {
  // loop_relative was built as `gcc -g loop.c` inside tests/fixtures, so its
  // DWARF names the file "loop.c" relative to the compilation directory.
  const fs::path dir = fs::path(source_path("loop.c")).parent_path();
  const fs::path link_dir =
      fs::temp_directory_path() / ("int3-e2e-link-" + std::to_string(::getpid()));
  fs::remove(link_dir);
  fs::create_directory_symlink(dir, link_dir);
  struct unlink_on_exit {
    fs::path p;
    ~unlink_on_exit() {
      std::error_code ignored;
      fs::remove(p, ignored);
    }
  } cleanup{link_dir};

  const std::string spelling =
      GENERATE(as<std::string>{}, "absolute", "symlinked directory", "with /../");
  std::string path = dir / "loop.c";
  if (spelling == "symlinked directory") path = (link_dir / "loop.c").string();
  if (spelling == "with /../") path = (dir / ".." / dir.filename() / "loop.c").string();
  INFO("editor path (" << spelling << "): " << path);

  e2e_client client;
  run_to_line(client, launch_config("loop_relative"), path,
              line_of(source_path("loop.c"), "square body"));
  client.request_ok("disconnect", {{"terminateDebuggee", true}});
}
