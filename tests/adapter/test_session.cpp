// Whole conversations against a fake engine: what a client sees, in which
// order, and what the engine was asked to do.

#include <signal.h>

#include <algorithm>

#include <catch2/catch.hpp>

#include "tests/adapter/session_harness.hpp"

using namespace int3::test;
using int3::engine::stop_event;
using int3::engine::stop_kind;

namespace {

const std::string source = "/src/loop.c";

json set_breakpoints(session_harness& h, std::vector<int> lines, const std::string& path = source) {
  json bps = json::array();
  for (int line : lines) bps.push_back({{"line", line}});
  auto r = response_of(
      h.request("setBreakpoints", json{{"source", {{"path", path}}}, {"breakpoints", bps}}));
  REQUIRE(r["success"] == true);
  REQUIRE(r["body"]["breakpoints"].size() == lines.size());
  return r["body"]["breakpoints"];
}

std::vector<std::string> kinds(const std::vector<json>& messages) {
  std::vector<std::string> out;
  for (const auto& m : messages) {
    out.push_back(m["type"] == "response" ? "response" : m["event"].get<std::string>());
  }
  return out;
}

stop_event stop(stop_kind kind, std::vector<int> ids = {}) {
  stop_event e;
  e.kind = kind;
  e.tid = fake_target::fake_pid;
  e.breakpoint_ids = std::move(ids);
  return e;
}

int engine_id_at(session_harness& h, std::uint32_t line) {
  for (const auto& [id, where] : h.target().live_breakpoints) {
    if (where.second == line) return id;
  }
  FAIL("no engine breakpoint at line " << line);
  return 0;
}

}  // namespace

TEST_CASE("breakpoints set before launch are pending, then resolved with events", "[session]") {
  session_harness h;
  h.request("initialize", json::object());
  auto bps = set_breakpoints(h, {6, 10, 99});
  for (const auto& b : bps) {
    CHECK(b["verified"] == false);
    CHECK(b["message"] == "pending: the program is not launched yet");
    CHECK(b["source"] == json{{"name", "loop.c"}, {"path", source}});
  }
  CHECK(bps[0]["line"] == 6);

  auto sent = h.request("launch", json{{"program", "/bin/sh"}});
  CHECK(kinds(sent) ==
        std::vector<std::string>{"response", "output", "breakpoint", "breakpoint", "breakpoint"});
  CHECK(sent[1]["body"]["category"] == "console");
  CHECK(sent[1]["body"]["output"] == "Launched /bin/sh (pid 4242)\n");
  auto events = events_named(sent, "breakpoint");
  CHECK(events[0]["body"]["reason"] == "changed");
  CHECK(events[0]["body"]["breakpoint"]["id"] == bps[0]["id"]);
  CHECK(events[0]["body"]["breakpoint"]["verified"] == true);
  CHECK(events[0]["body"]["breakpoint"]["line"] == 8);  // slid to code
  CHECK_FALSE(events[0]["body"]["breakpoint"].contains("message"));
  CHECK(events[1]["body"]["breakpoint"]["line"] == 10);
  CHECK(events[2]["body"]["breakpoint"]["id"] == bps[2]["id"]);
  CHECK(events[2]["body"]["breakpoint"]["verified"] == false);
  CHECK_THAT(events[2]["body"]["breakpoint"]["message"].get<std::string>(),
             Catch::Contains("no code"));

  // Not started until configuration is done.
  CHECK(std::count(h.calls().begin(), h.calls().end(), "resume") == 0);
  auto done = h.request("configurationDone");
  CHECK(kinds(done) == std::vector<std::string>{"response"});
  CHECK(h.calls().back() == "resume");
}

TEST_CASE("configurationDone before launch starts the program at launch", "[session]") {
  session_harness h;
  h.request("initialize", json::object());
  h.request("configurationDone");
  h.request("launch", json{{"program", "/bin/sh"}, {"stopOnEntry", true}});
  CHECK(h.calls().back() == "run_to_entry");
  h.target().pending_stops.push_back(stop(stop_kind::entry));
  auto sent = h.poll();
  REQUIRE(kinds(sent) == std::vector<std::string>{"stopped"});
  CHECK(sent[0]["body"]["reason"] == "entry");
  CHECK(sent[0]["body"]["threadId"] == fake_target::fake_pid);
  CHECK(sent[0]["body"]["allThreadsStopped"] == true);
}

TEST_CASE("a breakpoint hit is reported with the DAP id", "[session]") {
  session_harness h;
  auto bps = set_breakpoints(h, {10});  // even before initialize
  h.start(true);
  h.target().pending_stops.push_back(stop(stop_kind::breakpoint, {engine_id_at(h, 10)}));
  auto sent = h.poll();
  REQUIRE(kinds(sent) == std::vector<std::string>{"stopped"});
  CHECK(sent[0]["body"]["reason"] == "breakpoint");
  CHECK(sent[0]["body"]["hitBreakpointIds"] == json::array({bps[0]["id"]}));
}

TEST_CASE("setBreakpoints while stopped reaches the engine at once, with stable ids", "[session]") {
  session_harness h;
  h.start(false);
  auto first = set_breakpoints(h, {8, 20});
  CHECK(first[0]["verified"] == true);
  CHECK(first[1]["verified"] == true);
  auto engine_8 = engine_id_at(h, 8);

  auto second = set_breakpoints(h, {20, 5});
  CHECK(second[0]["id"] == first[1]["id"]);
  CHECK(second[1]["id"] != first[0]["id"]);
  CHECK(h.target().live_breakpoints.count(engine_8) == 0);
  CHECK(std::count(h.calls().begin(), h.calls().end(), "create /src/loop.c:20") == 1);

  auto sites = response_of(h.request("_int3_breakpointSites"));
  CHECK(sites["body"]["sites"].size() == 2);
  CHECK_THAT(sites["body"]["sites"][0].get<std::string>(), Catch::StartsWith("0x"));

  auto cleared = set_breakpoints(h, {});
  CHECK(cleared.empty());
  CHECK(h.target().live_breakpoints.empty());
}

TEST_CASE("a repeated line in one request gets an unverified answer", "[session]") {
  session_harness h;
  h.start(false);
  auto bps = set_breakpoints(h, {8, 8});
  CHECK(bps[0]["verified"] == true);
  CHECK(bps[1]["verified"] == false);
  CHECK_FALSE(bps[1].contains("id"));
}

TEST_CASE("setBreakpoints while running waits for the next stop", "[session]") {
  session_harness h;
  auto kept = set_breakpoints(h, {10, 20});
  h.start(true);
  REQUIRE(h.target().is_running());
  int engine_10 = engine_id_at(h, 10);
  int engine_20 = engine_id_at(h, 20);

  auto changed = set_breakpoints(h, {20, 5});  // 10 goes, 5 comes
  CHECK(changed[0]["id"] == kept[1]["id"]);
  CHECK(changed[0]["verified"] == true);
  CHECK(changed[1]["verified"] == false);
  CHECK_THAT(changed[1]["message"].get<std::string>(),
             Catch::Contains("cannot change breakpoints while running yet"));
  CHECK(h.target().live_breakpoints.count(engine_10) == 1);  // untouched while running

  SECTION("a hit on the removed breakpoint is not reported") {
    h.target().pending_stops.push_back(stop(stop_kind::breakpoint, {engine_10}));
    auto sent = h.poll();
    CHECK(kinds(sent) == std::vector<std::string>{"breakpoint"});
    CHECK(h.calls().back() == "resume");
    CHECK(h.target().live_breakpoints.count(engine_10) == 0);
  }
  SECTION("the next stop applies the change before reporting") {
    h.target().pending_stops.push_back(stop(stop_kind::breakpoint, {engine_20}));
    auto sent = h.poll();
    REQUIRE(kinds(sent) == std::vector<std::string>{"breakpoint", "stopped"});
    CHECK(sent[0]["body"]["breakpoint"]["id"] == changed[1]["id"]);
    CHECK(sent[0]["body"]["breakpoint"]["verified"] == true);
    CHECK(sent[0]["body"]["breakpoint"]["line"] == 5);
    CHECK(sent[1]["body"]["hitBreakpointIds"] == json::array({kept[1]["id"]}));
    CHECK(h.target().live_breakpoints.count(engine_10) == 0);
  }
}

TEST_CASE("stackTrace describes frames and pages through them", "[session]") {
  session_harness h;
  int3::engine::stack_frame top;
  top.index = 0;
  top.pc = {0x401136};
  top.function = "square";
  top.location = int3::dwarf::source_location{"/src/loop.c", 8, 0};
  int3::engine::stack_frame caller;
  caller.index = 1;
  caller.pc = {0x401170};
  caller.function = "main";
  caller.location = int3::dwarf::source_location{"/src/loop.c", 16, 5};
  int3::engine::stack_frame unknown;
  unknown.index = 2;
  unknown.pc = {0x7f0000001000};
  h.frames = {top, caller, unknown};
  h.start(false);

  auto r = response_of(h.request("stackTrace", json{{"threadId", fake_target::fake_pid}}));
  REQUIRE(r["success"] == true);
  const auto& frames = r["body"]["stackFrames"];
  REQUIRE(frames.size() == 3);
  CHECK(r["body"]["totalFrames"] == 3);
  CHECK(frames[0]["name"] == "square");
  CHECK(frames[0]["source"] == json{{"name", "loop.c"}, {"path", "/src/loop.c"}});
  CHECK(frames[0]["line"] == 8);
  CHECK(frames[0]["column"] == 1);  // unknown column
  CHECK(frames[0]["instructionPointerReference"] == "0x401136");
  CHECK(frames[1]["column"] == 5);
  CHECK(frames[2]["name"] == "??");
  CHECK_FALSE(frames[2].contains("source"));
  CHECK(frames[2]["line"] == 0);
  CHECK(frames[2]["column"] == 0);

  auto page = response_of(h.request(
      "stackTrace", json{{"threadId", fake_target::fake_pid}, {"startFrame", 1}, {"levels", 1}}));
  REQUIRE(page["body"]["stackFrames"].size() == 1);
  CHECK(page["body"]["stackFrames"][0]["name"] == "main");
  CHECK(page["body"]["totalFrames"] == 3);

  auto bad_thread = response_of(h.request("stackTrace", json{{"threadId", 1}}));
  CHECK(bad_thread["success"] == false);
  CHECK(bad_thread["body"]["error"]["showUser"] == true);
}

TEST_CASE("frame ids die when the program resumes", "[session]") {
  session_harness h;
  int3::engine::stack_frame top;
  top.function = "main";
  h.frames = {top};
  h.start(false);
  auto r = response_of(h.request("stackTrace", json{{"threadId", fake_target::fake_pid}}));
  int frame_id = r["body"]["stackFrames"][0]["id"];
  // The fake target has no variables, but the frame id itself is known.
  auto scopes = response_of(h.request("scopes", json{{"frameId", frame_id}}));
  CHECK_THAT(scopes.value("message", std::string()), !Catch::Contains("unknown frameId"));

  auto cont = h.request("continue", json{{"threadId", fake_target::fake_pid}});
  CHECK(response_of(cont)["body"]["allThreadsContinued"] == true);
  h.target().pending_stops.push_back(stop(stop_kind::pause));
  CHECK(events_named(h.poll(), "stopped")[0]["body"]["reason"] == "pause");

  auto stale = response_of(h.request("scopes", json{{"frameId", frame_id}}));
  CHECK(stale["success"] == false);
  CHECK_THAT(stale["message"].get<std::string>(), Catch::Contains("unknown frameId"));
  auto fresh = response_of(h.request("stackTrace", json{{"threadId", fake_target::fake_pid}}));
  CHECK(fresh["body"]["stackFrames"][0]["id"] != frame_id);
}

TEST_CASE("stepping requests call the engine after their response", "[session]") {
  session_harness h;
  h.start(false);
  const std::string tid = std::to_string(fake_target::fake_pid);
  struct step_case {
    std::string command;
    std::string granularity;
    std::string call;
  };
  auto c = GENERATE_COPY(values<step_case>({
      {"next", "", "step_over " + tid},
      {"stepIn", "line", "step_in " + tid},
      {"stepOut", "statement", "step_out " + tid},
      {"next", "instruction", "step_instruction " + tid},
      {"stepIn", "instruction", "step_instruction " + tid},
      {"stepOut", "instruction", "step_out " + tid},
  }));
  INFO(c.command << " " << c.granularity);
  json args{{"threadId", fake_target::fake_pid}};
  if (!c.granularity.empty()) args["granularity"] = c.granularity;
  CHECK(kinds(h.request(c.command, args)) == std::vector<std::string>{"response"});
  CHECK(h.calls().back() == c.call);
  h.target().pending_stops.push_back(stop(stop_kind::step));
  CHECK(h.poll()[0]["body"]["reason"] == "step");
}

TEST_CASE("stepping an unknown thread is an error", "[session]") {
  session_harness h;
  h.start(false);
  auto r = response_of(h.request("next", json{{"threadId", 1}}));
  CHECK(r["success"] == false);
  CHECK_THAT(r["message"].get<std::string>(), Catch::Contains("unknown threadId 1"));
}

TEST_CASE("program output comes before the stop and the exit", "[session]") {
  session_harness h;
  h.start(true);
  h.program_writes(h.program_stdout, "hello\n");
  h.program_writes(h.program_stderr, "oops\n");
  h.target().pending_stops.push_back(stop(stop_kind::exited));
  h.target().pending_stops.back().exit_code = 3;
  auto sent = h.poll();
  REQUIRE(kinds(sent) == std::vector<std::string>{"output", "output", "exited", "terminated"});
  CHECK(sent[0]["body"] == json{{"category", "stdout"}, {"output", "hello\n"}});
  CHECK(sent[1]["body"] == json{{"category", "stderr"}, {"output", "oops\n"}});
  CHECK(sent[2]["body"]["exitCode"] == 3);
  // The program is gone: no threads, and requests that need it say so.
  CHECK(response_of(h.request("threads"))["body"]["threads"] == json::array());
  CHECK(response_of(h.request("stackTrace", json{{"threadId", 1}}))["message"] ==
        "no program is being debugged (launch first)");
}

TEST_CASE("death by a signal is reported with its name and 128+signo", "[session]") {
  session_harness h;
  h.start(true);
  auto s = stop(stop_kind::signal);
  s.signal = SIGSEGV;
  s.description = "SIGSEGV (invalid memory reference) at 0x0";
  h.target().pending_stops.push_back(s);
  auto paused = h.poll();
  REQUIRE(kinds(paused) == std::vector<std::string>{"stopped"});
  CHECK(paused[0]["body"]["reason"] == "exception");
  CHECK(paused[0]["body"]["text"] == "SIGSEGV");
  CHECK_THAT(paused[0]["body"]["description"].get<std::string>(),
             Catch::Contains("invalid memory"));

  h.request("continue", json{{"threadId", fake_target::fake_pid}});
  auto killed = stop(stop_kind::killed);
  killed.signal = SIGSEGV;
  h.target().pending_stops.push_back(killed);
  auto sent = h.poll();
  REQUIRE(kinds(sent) == std::vector<std::string>{"output", "exited", "terminated"});
  CHECK(sent[0]["body"]["output"] == "Program terminated by signal SIGSEGV (Segmentation fault)\n");
  CHECK(sent[1]["body"]["exitCode"] == 128 + SIGSEGV);
}

TEST_CASE("launch resolves the program, merges the environment and pipes output", "[session]") {
  session_harness h;
  h.request("initialize", json::object());
  auto sent = h.request("launch", json{{"program", "sh"},
                                       {"cwd", "/bin"},
                                       {"args", {"-c", "true"}},
                                       {"env", {{"INT3_ADAPTER_TEST", "yes"}}}});
  REQUIRE(response_of(sent)["success"] == true);
  const auto& options = h.target().launched_with;
  CHECK(options.program == "/bin/sh");
  CHECK(options.cwd == std::filesystem::path("/bin"));
  CHECK(options.args == std::vector<std::string>{"-c", "true"});
  auto has = [&](const std::string& entry) {
    return std::find(options.environment.begin(), options.environment.end(), entry) !=
           options.environment.end();
  };
  CHECK(has("INT3_ADAPTER_TEST=yes"));
  CHECK(std::any_of(options.environment.begin(), options.environment.end(),
                    [](const std::string& e) { return e.rfind("PATH=", 0) == 0; }));
  CHECK(options.stdin_fd == -1);
  CHECK(options.stdout_fd >= 0);
  CHECK(options.stderr_fd >= 0);
  CHECK(options.stdout_fd != options.stderr_fd);

  auto again = response_of(h.request("launch", json{{"program", "/bin/sh"}}));
  CHECK(again["success"] == false);
  CHECK_THAT(again["message"].get<std::string>(), Catch::Contains("already being debugged"));
}

TEST_CASE("launch failures reach the user", "[session]") {
  session_harness h;
  h.request("initialize", json::object());
  SECTION("a program that does not exist") {
    auto r = response_of(h.request("launch", json{{"program", "/nonexistent/int3/prog"}}));
    CHECK(r["success"] == false);
    CHECK(r["message"] == "cannot launch /nonexistent/int3/prog: No such file or directory");
    CHECK(r["body"]["error"]["showUser"] == true);
  }
  SECTION("the engine's own failure") {
    h.launch_error = "cannot launch /bin/sh: Operation not permitted";
    auto r = response_of(h.request("launch", json{{"program", "/bin/sh"}}));
    CHECK(r["success"] == false);
    CHECK(r["message"] == "cannot launch /bin/sh: Operation not permitted");
    CHECK(r["body"]["error"]["showUser"] == true);
  }
  CHECK_FALSE(h.session().launched());
}

TEST_CASE("a program without debug info is announced", "[session]") {
  session_harness h;
  h.debug_info = false;
  h.request("initialize", json::object());
  auto sent = h.request("launch", json{{"program", "/bin/sh"}});
  auto outputs = events_named(sent, "output");
  REQUIRE(outputs.size() == 2);
  CHECK(outputs[1]["body"]["output"] ==
        "/bin/sh has no debug information: breakpoints and source lines are not available\n");
}

TEST_CASE("lines are converted for a client that counts from 0", "[session]") {
  session_harness h;
  h.request("initialize", json{{"linesStartAt1", false}});
  h.request("launch", json{{"program", "/bin/sh"}});
  auto bps = set_breakpoints(h, {7});  // line 8 to the engine
  CHECK(h.target().live_breakpoints.begin()->second.second == 8);
  CHECK(bps[0]["line"] == 7);
}

TEST_CASE("disconnect kills or detaches and ends the session", "[session]") {
  session_harness h;
  h.start(true);
  SECTION("default: kill") {
    h.request("disconnect", json::object());
    CHECK(h.calls().back() == "kill");
  }
  SECTION("terminateDebuggee false: detach") {
    h.request("disconnect", json{{"terminateDebuggee", false}});
    CHECK(h.calls().back() == "detach");
  }
  CHECK(h.session().finished());
  CHECK_FALSE(h.session().launched());
}

TEST_CASE("terminate kills the program and reports its end", "[session]") {
  session_harness h;
  SECTION("launched") {
    h.start(true);
    auto sent = h.request("terminate");
    CHECK(kinds(sent) == std::vector<std::string>{"response", "output", "exited", "terminated"});
    CHECK(events_named(sent, "exited")[0]["body"]["exitCode"] == 128 + SIGKILL);
    CHECK(h.calls().back() == "kill");
  }
  SECTION("before launch") {
    h.request("initialize", json::object());
    CHECK(kinds(h.request("terminate")) == std::vector<std::string>{"response", "terminated"});
  }
}
