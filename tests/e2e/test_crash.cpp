// A program that dies of a signal: the user must learn which and where.

#include "tests/e2e/e2e.hpp"

using namespace int3::test;

namespace {

// Everything the user can read about a stop or an end: descriptions and
// texts of stopped events, and the debug console.
std::string user_visible_text(dap_client& client) {
  std::string text = client.output();
  for (const auto& m : client.transcript()) {
    if (m.value("event", "") != "stopped") continue;
    text += m["body"].value("description", "") + "\n" + m["body"].value("text", "") + "\n";
  }
  return text;
}

// Runs a crashing program; accepts stops for the fault (continuing each,
// which must deliver the signal) or a direct exit. Returns the exited event.
json run_to_death(dap_client& client, const json& launch, std::optional<std::uint32_t> fault_line) {
  client.initialize();
  client.launch(launch);
  client.configuration_done();
  for (int stops = 0;; ++stops) {
    json event = client.expect_one_of({"stopped", "exited"});
    REQUIRE(event.is_object());
    if (event["event"] == "exited") {
      client.wait_terminated();
      return event;
    }
    INFO("stopped: " << event.dump());
    // A continue that swallows the signal re-runs the faulting instruction.
    REQUIRE(stops < 2);
    CHECK(event["body"]["reason"] == "exception");
    auto tid = event["body"]["threadId"].get<std::int64_t>();
    if (fault_line) {
      json frames = client.stack_trace(tid)["body"]["stackFrames"];
      REQUIRE_FALSE(frames.empty());
      CHECK(frames[0].value("line", 0u) == *fault_line);
      CHECK(frames[0].value("name", "") == "main");
    }
    client.continue_(tid);
  }
}

}  // namespace

TEST_CASE("a segmentation fault is reported with its signal and line", "[e2e][crash]") {
  e2e_client client;
  const std::string src = source_path("crash.c");
  json exited = run_to_death(client, launch_config("crash"), line_of(src, "fault"));
  const std::string text = user_visible_text(client);
  INFO("what the user saw:\n" << text);
  CHECK(contains(text, "SIGSEGV"));
  CHECK(exited["body"]["exitCode"] != 0);
}

TEST_CASE("an abort is reported as SIGABRT", "[e2e][crash]") {
  e2e_client client;
  json exited = run_to_death(client, launch_config("crash", {{"args", {"abort"}}}), std::nullopt);
  const std::string text = user_visible_text(client);
  INFO("what the user saw:\n" << text);
  CHECK(contains(text, "SIGABRT"));
  CHECK(exited["body"]["exitCode"] != 0);
}
