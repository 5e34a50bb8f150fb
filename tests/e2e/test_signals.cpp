// Signals as exceptions: faults stop with reason exception and answer
// exceptionInfo; the filters choose which signals stop at all.

#include "tests/e2e/e2e.hpp"

using namespace int3::test;

TEST_CASE("signal filters are advertised with faults on by default", "[e2e][signals]") {
  e2e_client client;
  json caps = client.initialize()["body"];
  REQUIRE(caps.contains("exceptionBreakpointFilters"));
  CHECK(caps.value("supportsExceptionInfoRequest", false));
  bool faults_on = false;
  for (const auto& f : caps["exceptionBreakpointFilters"])
    if (f["filter"] == "faults") faults_on = f.value("default", false);
  CHECK(faults_on);
}

TEST_CASE("a fault answers exceptionInfo and continuing delivers it", "[e2e][signals]") {
  e2e_client client;
  client.initialize();
  client.launch(launch_config("crash"));
  client.request_ok("setExceptionBreakpoints", {{"filters", {"faults"}}});
  client.configuration_done();
  json stopped = client.wait_stopped();
  INFO(stopped.dump());
  REQUIRE(stopped["body"]["reason"] == "exception");
  auto tid = stopped["body"]["threadId"].get<std::int64_t>();
  json info = client.request_ok("exceptionInfo", {{"threadId", tid}})["body"];
  INFO(info.dump());
  CHECK(info["exceptionId"] == "SIGSEGV");
  CHECK(info["breakMode"] == "always");
  CHECK(contains(info.value("description", ""), "at 0x"));
  client.continue_(tid);
  CHECK(expect_run_to_exit(client) == 128 + 11);
  CHECK(contains(client.output(), "SIGSEGV"));
}

TEST_CASE("with the faults filter off a fault ends the program without a stop", "[e2e][signals]") {
  e2e_client client;
  client.initialize();
  client.launch(launch_config("crash"));
  client.request_ok("setExceptionBreakpoints", {{"filters", json::array()}});
  client.configuration_done();
  CHECK(expect_run_to_exit(client) == 128 + 11);
  CHECK(contains(client.output(), "terminated by signal SIGSEGV"));
}

TEST_CASE("an unknown signal filter is an error", "[e2e][signals]") {
  e2e_client client;
  client.initialize();
  json response = client.request_error("setExceptionBreakpoints", {{"filters", {"SIGNOPE"}}});
  CHECK(contains(response.dump(), "SIGNOPE"));
}
