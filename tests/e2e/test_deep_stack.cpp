// A runaway recursion (tests/fixtures/recurse.c) overflows its stack: more
// than 100,000 frames. The stop is reported, the stack pages from anywhere
// in it, and a frame deep down has its own variables.

#include "tests/e2e/e2e.hpp"

using namespace int3::test;
using namespace std::chrono_literals;

namespace {

json page(e2e_client& client, std::int64_t tid, int start, int levels) {
  return client.request_ok("stackTrace",
                           {{"threadId", tid}, {"startFrame", start}, {"levels", levels}})["body"];
}

// dive's argument n in the frame with this id.
std::uint64_t depth_in(e2e_client& client, const json& frame) {
  json scopes = client.request_ok("scopes", {{"frameId", frame["id"]}})["body"]["scopes"];
  REQUIRE(!scopes.empty());
  REQUIRE(scopes[0]["name"] == "Arguments");
  json args = client.request_ok(
      "variables", {{"variablesReference", scopes[0]["variablesReference"]}})["body"]["variables"];
  REQUIRE(args.size() == 1);
  CHECK(args[0]["name"] == "n");
  return std::stoull(args[0]["value"].get<std::string>());
}

}  // namespace

TEST_CASE("a 100,000-frame stack pages to its bottom and its frames keep their variables",
          "[e2e][stack]") {
  e2e_client client;
  client.initialize();
  // "deep": the recursion runs on a thread with a 12 MiB stack, so it
  // overflows past 100,000 frames (issue 4's runaway recursion).
  client.launch(launch_config("recurse", {{"args", json::array({"deep"})}}));
  client.configuration_done();
  json stopped = client.wait_stopped(120s);
  REQUIRE(stopped["body"]["reason"] == "exception");
  CHECK(contains(stopped["body"].value("description", "") + stopped["body"].value("text", ""),
                 "SIGSEGV"));
  const auto tid = stopped["body"]["threadId"].get<std::int64_t>();

  json top = page(client, tid, 0, 20);
  REQUIRE(top["stackFrames"].size() == 20);
  // More frames than the page: totalFrames says so, so the client asks on.
  CHECK(top["totalFrames"].get<int>() > 20);
  // Frame 0 faulted storing its own n: frame 1 is the first whose n is
  // readable. Frame i is the call dive(top_depth - i).
  const std::uint64_t top_depth = depth_in(client, top["stackFrames"][1]) + 1;
  REQUIRE(top_depth > 100'020);  // the stack really is that deep

  json middle = page(client, tid, 100'000, 20);
  const json& frames = middle["stackFrames"];
  REQUIRE(frames.size() == 20);
  CHECK(middle["totalFrames"].get<int>() > 100'020);
  const auto call_line = line_of(source_path("recurse.c"), "recurse");
  for (const auto& f : frames) {
    CHECK(f["name"] == "dive");
    CHECK(f["line"] == call_line);
  }
  // Frame 100000 is 100000 calls above the top: its n says so.
  CHECK(depth_in(client, frames[0]) == top_depth - 100'000);
  CHECK(depth_in(client, frames[19]) == top_depth - 100'019);

  // The last page: dive(2), dive(1), dive(0), then the thread's start
  // function and the C library's thread start, and nothing after them.
  const auto bottom_start = static_cast<int>(top_depth) - 2;
  json bottom = page(client, tid, bottom_start, 50);
  const json& last = bottom["stackFrames"];
  REQUIRE(last.size() >= 4);
  REQUIRE(last.size() < 50);  // the stack ended inside the page
  CHECK(bottom["totalFrames"].get<std::size_t>() == bottom_start + last.size());
  CHECK(depth_in(client, last[0]) == 2);
  CHECK(depth_in(client, last[2]) == 0);
  CHECK(last[3]["name"] == "deep_dive");
  CHECK(last[3]["line"] == line_of(source_path("recurse.c"), "deep_dive"));
  // start_thread and clone3 are in libc: frames without source.
  for (std::size_t i = 4; i < last.size(); ++i) CHECK_FALSE(last[i].contains("source"));
  // A page past the end is empty and says the same total.
  json past = page(client, tid, static_cast<int>(bottom_start + last.size()), 20);
  CHECK(past["stackFrames"].empty());
  CHECK(past["totalFrames"] == bottom["totalFrames"]);

  // The top page still answers, with the same frames.
  json again = page(client, tid, 0, 2);
  CHECK(again["stackFrames"][0]["name"] == "dive");
  CHECK(depth_in(client, again["stackFrames"][1]) == top_depth - 1);

  client.request_ok("disconnect", {{"terminateDebuggee", true}});
}
