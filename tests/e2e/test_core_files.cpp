// Post-mortem debugging: `launch` with coreFile opens the core of a program
// that crashed (made by the kernel, or by gdb where the kernel pipes cores
// elsewhere) and shows its threads, stack, variables and memory; nothing
// that runs or writes works.

#include <algorithm>
#include <cstdio>
#include <string>

#include "tests/e2e/e2e.hpp"
#include "tests/support/core_dump.hpp"

using namespace int3::test;

namespace {

const std::string source = source_path("core_crash.c");

// initialize → launch {coreFile, program} → configurationDone; returns the
// stopped event that reports the crash.
json open_core(e2e_client& client, const json& launch) {
  client.initialize();
  client.launch(launch);
  client.configuration_done();
  return client.wait_stopped();
}

json core_launch(const core_dump& core, const std::string& key = "coreFile") {
  return json{{"program", core.program().string()}, {key, core.path().string()}};
}

json top_frame(e2e_client& client, std::int64_t tid) {
  json frames = client.stack_trace(tid)["body"]["stackFrames"];
  REQUIRE_FALSE(frames.empty());
  return frames[0];
}

json locals_of(e2e_client& client, const json& frame) {
  json scopes = client.request_ok("scopes", {{"frameId", frame["id"]}})["body"]["scopes"];
  for (const auto& scope : scopes) {
    if (scope["name"] == "Locals") {
      return client.request_ok(
          "variables", {{"variablesReference", scope["variablesReference"]}})["body"]["variables"];
    }
  }
  FAIL("no Locals scope in " << scopes.dump());
  return json();
}

std::string value_of(const json& variables, const std::string& name) {
  for (const auto& v : variables)
    if (v["name"] == name) return v["value"];
  FAIL("no variable " << name << " in " << variables.dump());
  return {};
}

// The first bytes readMemory returns, as a little-endian number.
std::uint64_t read_u32(e2e_client& client, const std::string& reference) {
  json body =
      client.request_ok("readMemory", {{"memoryReference", reference}, {"count", 4}})["body"];
  static const std::string alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string data = body.value("data", "");
  std::vector<unsigned> bytes;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : data) {
    if (c == '=') break;
    buffer = (buffer << 6) | static_cast<unsigned>(alphabet.find(c));
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push_back((buffer >> bits) & 0xff);
    }
  }
  REQUIRE(bytes.size() == 4);
  return bytes[0] | bytes[1] << 8 | bytes[2] << 16 | std::uint64_t(bytes[3]) << 24;
}

}  // namespace

TEST_CASE("a core shows the crashed thread, its stack, locals and memory", "[e2e][core]") {
  auto fixture = GENERATE(as<std::string>{}, "core_crash_gcc_O0_pie", "core_crash_gcc_O2_nopie",
                          "core_crash_clang_O0_nopie", "core_crash_clang_O2_pie");
  INFO(fixture);
  core_dump core(fixture, {});
  e2e_client client;
  json stopped = open_core(client, core_launch(core));
  CHECK(stopped["body"]["reason"] == "exception");
  CHECK(contains(stopped["body"].value("description", ""), "SIGSEGV"));
  CHECK(contains(client.output("console"), core.path().string()));

  // main and three workers; the one that faulted is a worker.
  json threads = client.threads()["body"]["threads"];
  CHECK(threads.size() == 4);
  auto tid = stopped["body"]["threadId"].get<std::int64_t>();
  CHECK(std::any_of(threads.begin(), threads.end(), [&](const json& t) { return t["id"] == tid; }));

  json frame = top_frame(client, tid);
  CHECK(frame["name"] == "fault");
  CHECK(frame["line"] == line_of(source, "fault"));
  CHECK(contains(frame["source"].value("path", ""), "core_crash.c"));
  CHECK(value_of(locals_of(client, frame), "local_marker") == "4243");

  // The global main changed before the crash, read as a value and as memory.
  json global = client.request_ok(
      "evaluate",
      {{"expression", "core_global"}, {"frameId", frame["id"]}, {"context", "watch"}})["body"];
  CHECK(global["result"] == "305441741");
  std::string address = client.request_ok("evaluate", {{"expression", "&core_global"},
                                                       {"frameId", frame["id"]},
                                                       {"context", "watch"}})["body"]["result"];
  INFO("&core_global = " << address);
  REQUIRE(address.rfind("0x", 0) == 0);
  CHECK(read_u32(client, address.substr(0, address.find(' '))) == 0x1234abcd);

  // Code is not in the core; it is read from the executable.
  json rows =
      client.request_ok("disassemble", {{"memoryReference", frame["instructionPointerReference"]},
                                        {"instructionCount", 4}})["body"]["instructions"];
  REQUIRE(rows.size() == 4);
  CHECK_FALSE(rows[0].value("instruction", "").empty());
  CHECK(rows[0]["address"] == frame["instructionPointerReference"]);

  json exception = client.request_ok("exceptionInfo", {{"threadId", tid}})["body"];
  CHECK(contains(exception.dump(), "SIGSEGV"));
  client.request_ok("disconnect", json::object());
}

TEST_CASE("a core made by gdb opens the same way", "[e2e][core]") {
  if (!core_dump::gdb_available()) {
    WARN("gdb is not installed (scripts/install-deps.sh installs it)");
    return;
  }
  core_dump core("core_crash_gcc_O0_pie", {}, core_maker::gdb);
  e2e_client client;
  json stopped = open_core(client, core_launch(core, "coreDumpPath"));
  CHECK(contains(stopped["body"].value("description", ""), "SIGSEGV"));
  CHECK(client.threads()["body"]["threads"].size() == 4);
  CHECK(top_frame(client, stopped["body"]["threadId"])["name"] == "fault");
}

TEST_CASE("running, stepping and writing answer that a core cannot", "[e2e][core]") {
  core_dump core("core_crash_gcc_O0_pie", {});
  e2e_client client;
  client.initialize();
  client.launch(core_launch(core, "coreFilePath"));
  json bps = client.set_breakpoints(source, {line_of(source, "join")});
  client.configuration_done();
  json stopped = client.wait_stopped();
  auto tid = stopped["body"]["threadId"].get<std::int64_t>();

  json bp = bps["body"]["breakpoints"][0];
  CHECK_FALSE(bp["verified"].get<bool>());
  CHECK(contains(bp.value("message", ""), "not available in a core file"));

  for (const char* command : {"continue", "next", "stepIn", "stepOut", "pause"}) {
    INFO(command);
    json error = client.request_error(command, {{"threadId", tid}});
    CHECK(contains(error.value("message", ""), "not available in a core file"));
  }
  json frame = top_frame(client, tid);
  json scopes = client.request_ok("scopes", {{"frameId", frame["id"]}})["body"]["scopes"];
  json error =
      client.request_error("setVariable", {{"variablesReference", scopes[0]["variablesReference"]},
                                           {"name", "local_marker"},
                                           {"value", "1"}});
  CHECK(contains(error.value("message", ""), "not available in a core file"));
  error = client.request_error(
      "writeMemory", {{"memoryReference", frame["instructionPointerReference"]}, {"data", "AA=="}});
  CHECK(contains(error.value("message", ""), "not available in a core file"));
  // Still stopped where it died: the values did not change.
  CHECK(value_of(locals_of(client, frame), "local_marker") == "4243");

  client.request_ok("disconnect", json::object());
  CHECK(client.shutdown() == 0);
}

TEST_CASE("without program the core names it, and says so", "[e2e][core]") {
  core_dump core("core_crash_gcc_O0_pie", {});
  e2e_client client;
  json stopped = open_core(client, {{"coreFile", core.path().string()}});
  CHECK(top_frame(client, stopped["body"]["threadId"])["name"] == "fault");
  CHECK(contains(client.output("console"), "no \"program\" given"));
  CHECK(contains(client.output("console"), "core_crash_gcc_O0_pie"));
}

TEST_CASE("a file that is not a core is a launch error naming it", "[e2e][core]") {
  e2e_client client;
  client.initialize();
  json error = client.request_error(
      "launch", {{"program", fixture_binary("crash")}, {"coreFile", fixture_binary("crash")}});
  CHECK(contains(error.dump(), "not a core file"));
}
