// Shared libraries as a user meets them: breakpoints in a library's source
// that resolve when the library is loaded (at startup or by dlopen) and go
// away with dlclose, `module` events and the `modules` request, stepping
// into a library function through the PLT, and call stacks through libc.

#include <algorithm>
#include <filesystem>

#include "tests/e2e/e2e.hpp"

using namespace int3::test;

namespace {

std::string file_name(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

// The next `module` event for the file `name` with `reason`; others are
// skipped (the loader, libc and the program come and go as well).
json expect_module_event(dap_client& client, const std::string& name, const std::string& reason) {
  for (;;) {
    json event = client.expect_event("module");
    REQUIRE(event.contains("body"));
    const json& body = event["body"];
    if (body.value("reason", "") == reason && body["module"].value("name", "") == name)
      return event;
  }
}

// The next `breakpoint` event about `id`.
json expect_breakpoint_event(dap_client& client, std::int64_t id) {
  for (;;) {
    json event = client.expect_event("breakpoint");
    if (event["body"]["breakpoint"].value("id", std::int64_t{-1}) == id) return event;
  }
}

std::int64_t expect_breakpoint_stop(dap_client& client, std::int64_t id) {
  json stopped = client.wait_stopped();
  INFO("stopped: " << stopped.dump());
  REQUIRE(stopped["body"]["reason"] == "breakpoint");
  auto ids = stopped["body"].value("hitBreakpointIds", json::array());
  CHECK(std::find(ids.begin(), ids.end(), json(id)) != ids.end());
  return stopped["body"]["threadId"].get<std::int64_t>();
}

std::string describe(const json& frames) {
  std::string out;
  for (const auto& f : frames) {
    out += "  " + f.value("name", "?");
    if (f.contains("source"))
      out += " at " + f["source"].value("path", "?") + ":" + std::to_string(f.value("line", 0));
    out += " [" + f.value("moduleId", std::string("no module")) + "]\n";
  }
  return out;
}

void check_frame(const json& frame, const std::string& name, const std::string& path,
                 std::uint32_t line) {
  CHECK(frame.value("name", "") == name);
  REQUIRE(frame.contains("source"));
  CHECK(frame["source"].value("path", "") == path);
  CHECK(frame.value("line", 0u) == line);
}

}  // namespace

TEST_CASE("a breakpoint in a library linked at startup resolves when it loads and hits",
          "[e2e][shlib]") {
  e2e_client client;
  const std::string lib_src = source_path("shlib_lib.c");
  const std::string main_src = source_path("shlib_main.c");
  const auto add_body = line_of(lib_src, "lib add");

  json set = start_with_breakpoints(client, launch_config("shlib_main"), lib_src, {add_body});
  REQUIRE(set["body"]["breakpoints"].size() == 1);
  const json before = set["body"]["breakpoints"][0];
  // At launch only the program and the loader are mapped.
  CHECK(before["verified"] == false);
  CHECK_FALSE(before.value("message", "").empty());
  const auto id = before.value("id", std::int64_t{-1});

  json changed = expect_breakpoint_event(client, id);
  CHECK(changed["body"]["reason"] == "changed");
  CHECK(changed["body"]["breakpoint"]["verified"] == true);
  CHECK(changed["body"]["breakpoint"].value("line", 0u) == add_body);

  auto tid = expect_breakpoint_stop(client, id);
  json frames = client.stack_trace(tid)["body"]["stackFrames"];
  INFO("stack:\n" << describe(frames));
  REQUIRE(frames.size() >= 2);
  check_frame(frames[0], "shlib_add", lib_src, add_body);
  check_frame(frames[1], "main", main_src, line_of(main_src, "call add"));

  // modules lists the program, libc and the library, with the ids frames use.
  json modules = client.request_ok("modules", json::object())["body"]["modules"];
  auto find = [&](const std::string& name) -> const json* {
    for (const auto& m : modules)
      if (m.value("name", "") == name) return &m;
    return nullptr;
  };
  const json* program = find("shlib_main");
  const json* lib = find("libint3shlib.so");
  const json* libc = find("libc.so.6");
  INFO("modules: " << modules.dump());
  REQUIRE(program);
  REQUIRE(lib);
  REQUIRE(libc);
  CHECK((*lib)["symbolStatus"] == "Symbols loaded");
  CHECK((*lib)["path"] == fixture_binary("libint3shlib.so"));
  CHECK(frames[0].value("moduleId", "") == (*lib)["id"].get<std::string>());
  CHECK(frames[1].value("moduleId", "") == (*program)["id"].get<std::string>());

  client.continue_(tid);
  CHECK(expect_run_to_exit(client) == 0);
  CHECK(contains(client.output("stdout"), "total 5 first 1"));
}

TEST_CASE("a breakpoint in a dlopen'ed library is verified at dlopen and removed at dlclose",
          "[e2e][shlib]") {
  e2e_client client;
  const std::string plugin_src = source_path("shlib_plugin.c");
  const std::string main_src = source_path("shlib_dlopen.c");
  const auto twice_body = line_of(plugin_src, "plugin twice");

  client.initialize();
  client.launch(launch_config("shlib_dlopen"));
  json set = client.set_breakpoints(plugin_src, {twice_body});
  const json before = set["body"]["breakpoints"][0];
  CHECK(before["verified"] == false);
  CHECK_FALSE(before.value("message", "").empty());
  const auto id = before.value("id", std::int64_t{-1});
  json after_set = client.set_breakpoints(main_src, {line_of(main_src, "after dlclose")});
  REQUIRE(after_set["body"]["breakpoints"][0]["verified"] == true);
  const auto after_id = after_set["body"]["breakpoints"][0].value("id", std::int64_t{-1});
  client.configuration_done();

  json loaded = expect_module_event(client, "libint3plugin.so", "new");
  CHECK(loaded["body"]["module"]["symbolStatus"] == "Symbols loaded");
  json changed = expect_breakpoint_event(client, id);
  CHECK(changed["body"]["reason"] == "changed");
  CHECK(changed["body"]["breakpoint"]["verified"] == true);
  CHECK(changed["body"]["breakpoint"].value("line", 0u) == twice_body);

  auto tid = expect_breakpoint_stop(client, id);
  json frames = client.stack_trace(tid)["body"]["stackFrames"];
  INFO("stack:\n" << describe(frames));
  REQUIRE(frames.size() >= 2);
  check_frame(frames[0], "plugin_twice", plugin_src, twice_body);
  CHECK(frames[1].value("name", "") == "main");

  client.continue_(tid);
  json removed = expect_module_event(client, "libint3plugin.so", "removed");
  CHECK(removed["body"]["module"]["id"] == loaded["body"]["module"]["id"]);
  json unverified = expect_breakpoint_event(client, id);
  CHECK(unverified["body"]["breakpoint"]["verified"] == false);

  tid = expect_breakpoint_stop(client, after_id);
  json modules = client.request_ok("modules", json::object())["body"]["modules"];
  for (const auto& m : modules) CHECK(m.value("name", "") != "libint3plugin.so");
  client.continue_(tid);
  CHECK(expect_run_to_exit(client) == 0);
  CHECK(contains(client.output("stdout"), "result 42"));
}

TEST_CASE("stepIn on a call through the PLT lands in the library function after its prologue",
          "[e2e][shlib]") {
  e2e_client client;
  const std::string lib_src = source_path("shlib_lib.c");
  const std::string main_src = source_path("shlib_main.c");
  const auto call_add = line_of(main_src, "call add");

  // nvim-dap's order: breakpoints before launch.
  client.initialize();
  json set = client.set_breakpoints(main_src, {call_add});
  client.launch(launch_config("shlib_main"));
  client.configuration_done();
  auto tid = expect_breakpoint_stop(client, set["body"]["breakpoints"][0].value("id", -1));

  client.request_ok("stepIn", {{"threadId", tid}});
  json stopped = client.wait_stopped();
  CHECK(stopped["body"]["reason"] == "step");
  json frames = client.stack_trace(tid)["body"]["stackFrames"];
  INFO("stack:\n" << describe(frames));
  REQUIRE(frames.size() >= 2);
  check_frame(frames[0], "shlib_add", lib_src, line_of(lib_src, "lib add"));
  check_frame(frames[1], "main", main_src, call_add);

  client.continue_(tid);
  CHECK(expect_run_to_exit(client) == 0);
}

TEST_CASE("a callback called by libc's qsort shows qsort's frames by name and unwinds to main",
          "[e2e][shlib]") {
  e2e_client client;
  const std::string main_src = source_path("shlib_main.c");
  json set = start_with_breakpoints(client, launch_config("shlib_main"), main_src,
                                    {line_of(main_src, "compare")});
  auto tid = expect_breakpoint_stop(client, set["body"]["breakpoints"][0].value("id", -1));

  json frames = client.stack_trace(tid, 0)["body"]["stackFrames"];
  INFO("stack:\n" << describe(frames));
  REQUIRE(frames.size() >= 3);
  check_frame(frames[0], "compare", main_src, line_of(main_src, "compare"));
  auto main_frame = std::find_if(frames.begin(), frames.end(),
                                 [](const json& f) { return f.value("name", "") == "main"; });
  REQUIRE(main_frame != frames.end());
  check_frame(*main_frame, "main", main_src, line_of(main_src, "call qsort"));
  // Between them only libc, which has no debug information: names from its
  // symbol table, no source, the module named.
  bool saw_qsort = false;
  for (auto f = frames.begin() + 1; f != main_frame; ++f) {
    CHECK_FALSE(f->contains("source"));
    CHECK(f->value("name", "??") != "??");
    CHECK(file_name(f->value("moduleId", "")) == "libc.so.6");
    if (contains(f->value("name", ""), "qsort")) saw_qsort = true;
  }
  CHECK(saw_qsort);
  client.request_ok("disconnect", {{"terminateDebuggee", true}});
}

TEST_CASE("a function breakpoint in a dlopen'ed library is pending until the library loads",
          "[e2e][shlib][funcbp]") {
  e2e_client client;
  const std::string plugin_src = source_path("shlib_plugin.c");

  client.initialize();
  client.launch(launch_config("shlib_dlopen"));
  json set = client.request_ok(
      "setFunctionBreakpoints", {{"breakpoints", json::array({{{"name", "plugin_twice"}}})}});
  const json before = set["body"]["breakpoints"][0];
  INFO("before dlopen: " << before.dump());
  CHECK(before["verified"] == false);
  CHECK_FALSE(before.value("message", "").empty());
  const auto id = before.value("id", std::int64_t{-1});
  client.configuration_done();

  expect_module_event(client, "libint3plugin.so", "new");
  json changed = expect_breakpoint_event(client, id);
  CHECK(changed["body"]["breakpoint"]["verified"] == true);

  json stopped = client.wait_stopped();
  INFO("stopped: " << stopped.dump());
  CHECK(stopped["body"]["reason"] == "function breakpoint");
  const auto tid = stopped["body"]["threadId"].get<std::int64_t>();
  json frames = client.stack_trace(tid)["body"]["stackFrames"];
  INFO("stack:\n" << describe(frames));
  REQUIRE(frames.size() >= 2);
  CHECK(frames[0].value("name", "") == "plugin_twice");
  REQUIRE(frames[0].contains("source"));
  CHECK(frames[0]["source"].value("path", "") == plugin_src);
  CHECK(frames[1].value("name", "") == "main");

  client.continue_(tid);
  CHECK(expect_run_to_exit(client) == 0);
  CHECK(contains(client.output("stdout"), "result 42"));
}

TEST_CASE("stepOut of a callback called by libc leaves the callback and the program runs on",
          "[e2e][shlib][stepping]") {
  e2e_client client;
  const std::string main_src = source_path("shlib_main.c");
  json set = start_with_breakpoints(client, launch_config("shlib_main"), main_src,
                                    {line_of(main_src, "compare")});
  auto tid = expect_breakpoint_stop(client, set["body"]["breakpoints"][0].value("id", -1));
  // Without the breakpoint, the next compare() call cannot explain a stop.
  client.set_breakpoints(main_src, {});

  client.request_ok("stepOut", {{"threadId", tid}});
  json stopped = client.wait_stopped();
  INFO("stopped: " << stopped.dump());
  CHECK(stopped["body"]["reason"] == "step");
  json frames = client.stack_trace(tid, 0)["body"]["stackFrames"];
  INFO("stack:\n" << describe(frames));
  REQUIRE(!frames.empty());
  CHECK(frames[0].value("name", "") != "compare");
  // Out of the callback, in libc's sorting code (no source) or back in
  // main: either way main is on the stack at the qsort call.
  auto main_frame = std::find_if(frames.begin(), frames.end(),
                                 [](const json& f) { return f.value("name", "") == "main"; });
  REQUIRE(main_frame != frames.end());
  CHECK(main_frame->value("line", 0u) == line_of(main_src, "call qsort"));

  client.continue_(tid);
  CHECK(expect_run_to_exit(client) == 0);
}
