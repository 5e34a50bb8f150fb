// The dispatch funnel: one response per request, errors as ErrorResponses
// with body.error, and the run-state gate answered before the handler runs.

#include <catch2/catch.hpp>

#include "adapter/errors.hpp"
#include "tests/adapter/session_harness.hpp"

using namespace int3::test;

TEST_CASE("an unknown command gets an error response", "[handler_registry]") {
  session_harness h;
  auto r = response_of(h.request("frobnicate", json::object()));
  CHECK(r["success"] == false);
  CHECK(r["message"] == "unknown command 'frobnicate'");
  CHECK(r["body"]["error"]["id"] == static_cast<int>(int3::dap::error_id::unknown_command));
}

TEST_CASE("initialize answers the union of capabilities, then sends initialized",
          "[handler_registry]") {
  session_harness h;
  auto sent = h.request("initialize", json{{"adapterID", "int3"}, {"linesStartAt1", true}});
  REQUIRE(sent.size() == 2);
  CHECK(sent[0]["type"] == "response");
  CHECK(sent[1]["event"] == "initialized");
  CHECK(sent[0]["seq"].get<int>() < sent[1]["seq"].get<int>());
  const auto& caps = sent[0]["body"];
  CHECK(caps["supportsConfigurationDoneRequest"] == true);
  CHECK(caps["supportsTerminateRequest"] == true);
  CHECK(caps["supportTerminateDebuggee"] == true);
  CHECK(caps["supportsSteppingGranularity"] == true);
  CHECK(caps["supportsDelayedStackTraceLoading"] == true);
  // Nothing that does not work is advertised.
  CHECK(caps["supportsConditionalBreakpoints"] == true);
  CHECK(caps["supportsHitConditionalBreakpoints"] == true);
  CHECK(caps["supportsLogPoints"] == true);
  CHECK(caps["supportsEvaluateForHovers"] == true);
  CHECK(caps["supportsFunctionBreakpoints"] == true);
  CHECK(caps["exceptionBreakpointFilters"].is_array());
}

TEST_CASE("missing arguments are an error naming the key", "[handler_registry]") {
  session_harness h;
  h.start();
  auto r = response_of(h.request("stackTrace"));
  CHECK(r["success"] == false);
  CHECK_THAT(r["message"].get<std::string>(),
             Catch::Contains("arguments.threadId: missing, expected integer"));
  CHECK(r["body"]["error"]["id"] == static_cast<int>(int3::dap::error_id::invalid_arguments));

  auto launch = response_of(h.request("setBreakpoints", json{{"breakpoints", json::array()}}));
  CHECK_THAT(launch["message"].get<std::string>(), Catch::Contains("arguments.source"));
}

TEST_CASE("mistyped arguments are an error naming the path", "[handler_registry]") {
  session_harness h;
  h.start();
  auto r = response_of(h.request("stackTrace", json{{"threadId", "4242"}}));
  CHECK(r["success"] == false);
  CHECK_THAT(r["message"].get<std::string>(),
             Catch::Contains("arguments.threadId: expected integer"));
  auto args =
      response_of(h.request("launch", json{{"program", "/bin/sh"}, {"args", json{{"a", 1}}}}));
  CHECK_THAT(args["message"].get<std::string>(),
             Catch::Contains("launch: arguments.args: expected array of strings"));
}

TEST_CASE("requests that need a program say so before launch", "[handler_registry]") {
  session_harness h;
  h.request("initialize", json::object());
  for (const char* command : {"stackTrace", "continue", "next", "pause", "_int3_breakpointSites"}) {
    INFO(command);
    auto r = response_of(h.request(command, json{{"threadId", 1}}));
    CHECK(r["success"] == false);
    CHECK(r["message"] == "no program is being debugged (launch first)");
    CHECK(r["body"]["error"]["id"] == static_cast<int>(int3::dap::error_id::not_launched));
  }
  // threads is fine: there are none.
  auto threads = response_of(h.request("threads"));
  CHECK(threads["success"] == true);
  CHECK(threads["body"]["threads"] == json::array());
}

TEST_CASE("requests that need a stopped program are refused while it runs", "[handler_registry]") {
  session_harness h;
  h.start();  // configurationDone resumes it
  REQUIRE(h.target().is_running());
  auto calls = h.calls().size();
  for (const char* command : {"stackTrace", "continue", "next", "stepIn", "stepOut", "scopes"}) {
    INFO(command);
    auto r = response_of(h.request(command, json{{"threadId", 4242}, {"frameId", 1000}}));
    CHECK(r["success"] == false);
    CHECK(r["message"] == "notStopped");
    CHECK(r["body"]["error"]["format"] == "the program is running; pause it first");
    CHECK(r["body"]["error"]["id"] == static_cast<int>(int3::dap::error_id::not_stopped));
  }
  CHECK(h.calls().size() == calls);  // no handler reached the engine
  // Allowed while running.
  CHECK(response_of(h.request("threads"))["success"] == true);
  CHECK(response_of(h.request("pause", json{{"threadId", 4242}}))["success"] == true);
  CHECK(h.calls().back() == "pause");
}

TEST_CASE("messages that are not requests are answered when they can be", "[handler_registry]") {
  session_harness h;
  SECTION("with a seq: an error response to it") {
    auto sent = h.send(json{{"seq", 5}, {"type", "request"}});
    auto r = response_of(sent);
    CHECK(r["request_seq"] == 5);
    CHECK(r["command"] == "unknown");
    CHECK(r["success"] == false);
    CHECK_THAT(r["message"].get<std::string>(), Catch::Contains("'command' must be a string"));
  }
  SECTION("without a seq: console output, since a response needs request_seq >= 1") {
    auto sent = h.send(json::array({1, 2}));
    REQUIRE(sent.size() == 1);
    CHECK(sent[0]["event"] == "output");
    CHECK_THAT(sent[0]["body"]["output"].get<std::string>(),
               Catch::Contains("expected a JSON object"));
  }
  SECTION("a bad frame: console output") {
    h.session().handle_message(int3::dap::bad_frame{"invalid JSON: oops"});
    auto sent = h.take_sent();
    REQUIRE(sent.size() == 1);
    CHECK_THAT(sent[0]["body"]["output"].get<std::string>(), Catch::Contains("invalid JSON: oops"));
  }
  // Still serving.
  CHECK(response_of(h.request("threads"))["success"] == true);
}

TEST_CASE("seq numbers every message the adapter sends", "[handler_registry]") {
  session_harness h;
  std::vector<json> all;
  for (auto& m : h.request("initialize", json::object())) all.push_back(m);
  for (auto& m : h.request("threads")) all.push_back(m);
  for (auto& m : h.request("nope")) all.push_back(m);
  for (std::size_t i = 0; i < all.size(); ++i) CHECK(all[i]["seq"] == i + 1);
}

TEST_CASE("the schema check used on every message catches violations", "[handler_registry]") {
  // request_seq must be >= 1, which is why rejected messages without a seq
  // become output events rather than responses.
  json response{{"seq", 1},
                {"type", "response"},
                {"request_seq", 0},
                {"success", false},
                {"command", "unknown"},
                {"message", "x"},
                {"body", json::object()}};
  CHECK_FALSE(schema_violations(response).empty());
  json no_body{{"seq", 1},         {"type", "response"},   {"request_seq", 1},
               {"success", false}, {"command", "threads"}, {"message", "x"}};
  CHECK_FALSE(schema_violations(no_body).empty());
  json event{{"seq", 1}, {"type", "event"}, {"event", "exited"}, {"body", json::object()}};
  CHECK_FALSE(schema_violations(event).empty());
}
