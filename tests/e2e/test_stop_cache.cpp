// What a stop shows is cached until the program changes (engine/stop_cache):
// these would catch a cache that outlived a change. Each asks once so the
// cache fills, changes the program (continue, next, setVariable,
// writeMemory), and asks again.

#include "tests/e2e/e2e.hpp"

using namespace int3::test;

namespace {

struct stop {
  std::int64_t tid = 0;
  json frames;
};

stop stopped_at(e2e_client& client) {
  json stopped = client.wait_stopped();
  stop s;
  s.tid = stopped["body"]["threadId"].get<std::int64_t>();
  s.frames = client.stack_trace(s.tid)["body"]["stackFrames"];
  REQUIRE(!s.frames.empty());
  return s;
}

json scope_variables(e2e_client& client, const json& frame, const std::string& scope) {
  json scopes = client.request_ok("scopes", {{"frameId", frame["id"]}})["body"]["scopes"];
  for (const auto& sc : scopes) {
    if (sc["name"] != scope) continue;
    return client.request_ok(
        "variables", {{"variablesReference", sc["variablesReference"]}})["body"]["variables"];
  }
  FAIL("no scope " << scope << " in " << scopes.dump());
  return {};
}

json named(const json& list, const std::string& name) {
  for (const auto& v : list)
    if (v.value("name", "") == name) return v;
  FAIL("no variable " << name << " in " << list.dump());
  return {};
}

std::string value_of(e2e_client& client, const json& frame, const std::string& scope,
                     const std::string& name) {
  return named(scope_variables(client, frame, scope), name)["value"].get<std::string>();
}

stop launch_to(e2e_client& client, const std::string& marker) {
  const std::string src = source_path("loop.c");
  start_with_breakpoints(client, launch_config("loop_gcc_O0_pie_d5"), src, {line_of(src, marker)});
  return stopped_at(client);
}

}  // namespace

TEST_CASE("stop cache: the next hit shows its own frames and values", "[e2e][stop_cache]") {
  e2e_client client;
  auto first = launch_to(client, "square body");
  REQUIRE(first.frames.size() >= 3);
  CHECK(first.frames[0]["name"] == "square");
  CHECK(first.frames[1]["name"] == "sum_squares");
  CHECK(value_of(client, first.frames[0], "Arguments", "x") == "0");
  CHECK(value_of(client, first.frames[1], "Locals", "i") == "0");
  // Asked twice at one stop: the same answer, from the cache.
  json again = client.stack_trace(first.tid)["body"]["stackFrames"];
  REQUIRE(again.size() == first.frames.size());
  for (std::size_t i = 0; i < again.size(); ++i) {
    CHECK(again[i]["name"] == first.frames[i]["name"]);
    CHECK(again[i]["instructionPointerReference"] ==
          first.frames[i]["instructionPointerReference"]);
  }

  client.continue_(first.tid);
  auto second = stopped_at(client);
  CHECK(second.frames[0]["name"] == "square");
  CHECK(value_of(client, second.frames[0], "Arguments", "x") == "1");
  CHECK(value_of(client, second.frames[1], "Locals", "i") == "1");
  CHECK(value_of(client, second.frames[1], "Locals", "total") == "0");
  client.continue_(second.tid);
  auto third = stopped_at(client);
  CHECK(value_of(client, third.frames[1], "Locals", "total") == "1");
}

TEST_CASE("stop cache: a step moves the top frame's line and values", "[e2e][stop_cache]") {
  e2e_client client;
  auto s = launch_to(client, "square body");
  for (int hit = 0; hit < 2; ++hit) {
    client.continue_(s.tid);
    s = stopped_at(client);
  }
  // square(2), before its first line ran: `result` still holds whatever
  // the stack slot held (square(1)'s 1, at -O0).
  const auto body_line = line_of(source_path("loop.c"), "square body");
  CHECK(s.frames[0]["line"] == body_line);
  CHECK(value_of(client, s.frames[0], "Arguments", "x") == "2");
  const std::string before = value_of(client, s.frames[0], "Locals", "result");
  client.request_ok("next", {{"threadId", s.tid}});
  auto after = stopped_at(client);
  CHECK(after.frames[0]["line"] == body_line + 1);
  CHECK(after.frames[0]["instructionPointerReference"] !=
        s.frames[0]["instructionPointerReference"]);
  CHECK(value_of(client, after.frames[0], "Locals", "result") == "4");
  CHECK(before != "4");
}

TEST_CASE("stop cache: setVariable shows in variables, evaluate and the next scopes",
          "[e2e][stop_cache]") {
  e2e_client client;
  auto s = launch_to(client, "square body");
  json scopes = client.request_ok("scopes", {{"frameId", s.frames[0]["id"]}})["body"]["scopes"];
  const auto args = scopes[0]["variablesReference"];
  CHECK(named(client.request_ok("variables", {{"variablesReference", args}})["body"]["variables"],
              "x")["value"] == "0");
  client.request_ok("setVariable", {{"variablesReference", args}, {"name", "x"}, {"value", "7"}});
  // A fresh stackTrace and scopes at the same stop read the new value.
  json frames = client.stack_trace(s.tid)["body"]["stackFrames"];
  CHECK(value_of(client, frames[0], "Arguments", "x") == "7");
  json evaluated = client.request_ok(
      "evaluate", {{"expression", "x"}, {"frameId", frames[0]["id"]}, {"context", "watch"}});
  CHECK(evaluated["body"]["result"] == "7");
  // The program computes with it: square(7) = 49.
  client.request_ok("next", {{"threadId", s.tid}});
  auto after = stopped_at(client);
  CHECK(value_of(client, after.frames[0], "Locals", "result") == "49");
}

TEST_CASE("stop cache: writeMemory shows in variables at the same stop", "[e2e][stop_cache]") {
  e2e_client client;
  auto s = launch_to(client, "square body");
  json x = named(scope_variables(client, s.frames[0], "Arguments"), "x");
  REQUIRE(x.contains("memoryReference"));
  CHECK(x["value"] == "0");
  // "BQAAAA==": the int 5, little-endian.
  client.request_ok("writeMemory",
                    {{"memoryReference", x["memoryReference"]}, {"data", "BQAAAA=="}});
  json frames = client.stack_trace(s.tid)["body"]["stackFrames"];
  CHECK(value_of(client, frames[0], "Arguments", "x") == "5");
}

TEST_CASE("stop cache: pages of a deep stack match one full stackTrace", "[e2e][stop_cache]") {
  e2e_client client;
  const std::string src = source_path("recurse.c");
  start_with_breakpoints(client, launch_config("recurse"), src, {line_of(src, "dive")});
  auto s = stopped_at(client);
  // Stop where dive is 60 deep: a stack long enough for several pages.
  client.request_ok("setBreakpoints",
                    {{"source", {{"path", src}}}, {"breakpoints", json::array()}});
  client.request_ok(
      "setBreakpoints",
      {{"source", {{"path", src}}},
       {"breakpoints", {{{"line", line_of(src, "dive")}, {"condition", "n == 60"}}}}});
  client.continue_(s.tid);
  s = stopped_at(client);
  auto page = [&](int start, int levels) {
    return client.request_ok(
        "stackTrace",
        {{"threadId", s.tid}, {"startFrame", start}, {"levels", levels}})["body"]["stackFrames"];
  };
  // Paged as a UI pages (20, then on from there), then all at once.
  json pages = page(0, 20);
  for (int start = 20; start < 80; start += 20)
    for (auto& f : page(start, 20)) pages.push_back(f);
  json all = client.request_ok("stackTrace", {{"threadId", s.tid}})["body"]["stackFrames"];
  REQUIRE(all.size() >= 62);  // 61 dive calls, main, maybe the C library's start
  REQUIRE(pages.size() == std::min<std::size_t>(all.size(), 80));
  for (std::size_t i = 0; i < pages.size(); ++i) {
    CHECK(pages[i]["name"] == all[i]["name"]);
    CHECK(pages[i]["line"] == all[i]["line"]);
    CHECK(pages[i]["instructionPointerReference"] == all[i]["instructionPointerReference"]);
  }
  // Frame i is dive(60 - i): each frame keeps its own variables.
  CHECK(value_of(client, all[0], "Arguments", "n") == "60");
  CHECK(value_of(client, all[45], "Arguments", "n") == "15");
  CHECK(value_of(client, pages[60], "Arguments", "n") == "0");
}
