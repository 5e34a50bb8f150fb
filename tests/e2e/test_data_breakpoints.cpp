// Data breakpoints over DAP: hardware watches on a global written by another
// thread, on a local that ends with its frame, and the requests the four
// debug registers and their alignment rules cannot hold.

#include <algorithm>
#include <string>
#include <vector>

#include "tests/e2e/e2e.hpp"

using namespace int3::test;

namespace {

const std::string source = source_path("watch.c");

// Launches `watch`, stops at `marker` and returns the stopped event.
json stop_at(e2e_client& client, const std::string& marker) {
  start_with_breakpoints(client, launch_config("watch"), source, {line_of(source, marker)});
  json stopped = client.wait_stopped();
  REQUIRE(stopped["body"]["reason"] == "breakpoint");
  return stopped;
}

json info_for_expression(e2e_client& client, const std::string& expression,
                         json extra = json::object()) {
  extra["name"] = expression;
  return client.request_ok("dataBreakpointInfo", extra)["body"];
}

json set_watches(e2e_client& client, const json& breakpoints) {
  return client.request_ok("setDataBreakpoints",
                           {{"breakpoints", breakpoints}})["body"]["breakpoints"];
}

json top_frame(e2e_client& client, std::int64_t tid) {
  return client.stack_trace(tid)["body"]["stackFrames"][0];
}

// The dataId of `local` in with_local(), asked for through the Locals scope
// of thread `tid`'s top frame, as VS Code's variables pane asks.
json local_data_id(e2e_client& client, std::int64_t tid) {
  json frame = top_frame(client, tid);
  json scopes = client.request_ok("scopes", {{"frameId", frame["id"]}})["body"]["scopes"];
  std::int64_t locals = 0;
  for (const auto& s : scopes)
    if (s["name"] == "Locals") locals = s["variablesReference"];
  REQUIRE(locals != 0);
  json info = client.request_ok("dataBreakpointInfo",
                                {{"variablesReference", locals}, {"name", "local"}})["body"];
  REQUIRE(info["dataId"].is_string());
  return info["dataId"];
}

// The description of the next stop, which must be a data breakpoint's.
std::string next_watch_stop(e2e_client& client, std::int64_t tid) {
  client.continue_(tid);
  json hit = client.wait_stopped();
  INFO(hit.dump());
  CHECK(hit["body"]["reason"] == "data breakpoint");
  return hit["body"].value("description", "");
}

}  // namespace

TEST_CASE("initialize advertises data breakpoints", "[e2e][databp]") {
  e2e_client client;
  json caps = client.initialize()["body"];
  CHECK(caps.value("supportsDataBreakpoints", false));
  CHECK(caps.value("supportsDataBreakpointBytes", false));
}

TEST_CASE("a watch on a global stops in the thread that writes it, with old and new value",
          "[e2e][databp]") {
  e2e_client client;
  json stopped = stop_at(client, "before thread");
  const auto main_tid = stopped["body"]["threadId"].get<std::int64_t>();

  json info = info_for_expression(client, "counter");
  REQUIRE(info["dataId"].is_string());
  CHECK(contains(info["description"], "counter"));
  CHECK(info["accessTypes"] == json({"write", "readWrite"}));
  CHECK(info["canPersist"] == false);

  json set = set_watches(client, {{{"dataId", info["dataId"]}, {"accessType", "write"}}});
  REQUIRE(set.size() == 1);
  CHECK(set[0]["verified"] == true);

  client.continue_(main_tid);
  json hit = client.wait_stopped();
  INFO(hit.dump());
  CHECK(hit["body"]["reason"] == "data breakpoint");
  const auto tid = hit["body"]["threadId"].get<std::int64_t>();
  CHECK(tid != main_tid);  // the writer thread, not main
  CHECK(hit["body"]["hitBreakpointIds"] == json({set[0]["id"]}));
  const std::string description = hit["body"]["description"];
  CHECK(contains(description, "counter changed from 1 to 42"));
  // The trap comes after the store: the thread stands on the next line.
  json frame = top_frame(client, tid);
  CHECK(frame["name"] == "writer");
  CHECK(frame["line"] == line_of(source, "after thread write"));

  // Cleared, the program runs to its end.
  CHECK(set_watches(client, json::array()).empty());
  client.continue_(tid);
  CHECK(expect_run_to_exit(client) == 0);
}

TEST_CASE("a watch on a local follows its writes and ends when its frame returns",
          "[e2e][databp]") {
  e2e_client client;
  json stopped = stop_at(client, "local declared");
  const auto tid = stopped["body"]["threadId"].get<std::int64_t>();
  json set = set_watches(client, {{{"dataId", local_data_id(client, tid)}}});
  REQUIRE(set[0]["verified"] == true);
  const auto id = set[0]["id"];
  // A line breakpoint after both calls: the watch must not fire in the
  // second call, whose local takes the first one's place.
  client.set_breakpoints(source, {line_of(source, "done")});

  client.continue_(tid);
  json hit = client.wait_stopped();
  CHECK(hit["body"]["reason"] == "data breakpoint");
  CHECK(contains(hit["body"]["description"], "to 5"));
  CHECK(top_frame(client, tid)["line"] == line_of(source, "local doubled"));

  client.continue_(tid);
  hit = client.wait_stopped();
  CHECK(hit["body"]["reason"] == "data breakpoint");
  CHECK(contains(hit["body"]["description"], "local changed from 5 to 10"));
  CHECK(top_frame(client, tid)["line"] == line_of(source, "local incremented"));

  client.continue_(tid);
  hit = client.wait_stopped();
  CHECK(contains(hit["body"]["description"], "local changed from 10 to 11"));

  client.continue_(tid);
  json removed = client.expect_event("breakpoint");
  CHECK(removed["body"]["reason"] == "removed");
  CHECK(removed["body"]["breakpoint"]["id"] == id);
  CHECK(removed["body"]["breakpoint"]["verified"] == false);
  hit = client.wait_stopped();
  CHECK(hit["body"]["reason"] == "breakpoint");
  CHECK(top_frame(client, tid)["line"] == line_of(source, "done"));
  CHECK(contains(client.output("console"), "data breakpoint on local removed"));
}

TEST_CASE("a fifth watch, a 3-byte watch and a misaligned watch are unverified with the reason",
          "[e2e][databp]") {
  e2e_client client;
  stop_at(client, "before thread");
  json wanted = json::array();
  for (int i = 0; i < 5; ++i) {
    json info = info_for_expression(client, "slots[" + std::to_string(i) + "]");
    REQUIRE(info["dataId"].is_string());
    wanted.push_back({{"dataId", info["dataId"]}, {"accessType", "readWrite"}});
  }
  json set = set_watches(client, wanted);
  REQUIRE(set.size() == 5);
  for (int i = 0; i < 4; ++i) CHECK(set[i]["verified"] == true);
  CHECK(set[4]["verified"] == false);
  CHECK(contains(set[4].value("message", ""), "DR0-DR3"));

  json three = info_for_expression(client, "slots[0]", {{"bytes", 3}});
  REQUIRE(three["dataId"].is_string());
  CHECK(contains(three["description"], "1, 2, 4 or 8 bytes"));
  json address = client.request_ok("evaluate", {{"expression", "&slots[0]"}})["body"];
  const auto base = std::stoull(address["memoryReference"].get<std::string>(), nullptr, 16);
  char misaligned[32];
  std::snprintf(misaligned, sizeof misaligned, "0x%llx", base + 2);
  json odd = info_for_expression(client, misaligned, {{"asAddress", true}, {"bytes", 4}});
  REQUIRE(odd["dataId"].is_string());
  json reads = info_for_expression(client, "counter");

  set = set_watches(client, {{{"dataId", three["dataId"]}},
                             {{"dataId", odd["dataId"]}},
                             {{"dataId", reads["dataId"]}, {"accessType", "read"}}});
  REQUIRE(set.size() == 3);
  CHECK(set[0]["verified"] == false);
  CHECK(contains(set[0].value("message", ""), "1, 2, 4 or 8 bytes, not 3"));
  CHECK(set[1]["verified"] == false);
  CHECK(contains(set[1].value("message", ""), "multiple of 4"));
  CHECK(set[2]["verified"] == false);
  CHECK(contains(set[2].value("message", ""), "readWrite"));
}

TEST_CASE("breakpoint ids are unique across source, function and data breakpoints",
          "[e2e][databp]") {
  e2e_client client;
  json stopped = stop_at(client, "before thread");
  const auto tid = stopped["body"]["threadId"].get<std::int64_t>();
  std::vector<int> ids;
  json source_bps = client.set_breakpoints(
      source, {line_of(source, "before thread"), line_of(source, "local doubled")});
  for (const auto& b : source_bps["body"]["breakpoints"]) ids.push_back(b["id"].get<int>());
  json function_bps =
      client.request_ok("setFunctionBreakpoints",
                        {{"breakpoints", {{{"name", "writer"}}, {{"name", "with_local"}}}}});
  for (const auto& b : function_bps["body"]["breakpoints"]) ids.push_back(b["id"].get<int>());
  json set = set_watches(
      client,
      {{{"dataId", info_for_expression(client, "counter")["dataId"]}, {"accessType", "write"}},
       {{"dataId", info_for_expression(client, "slots[0]")["dataId"]}, {"accessType", "write"}}});
  REQUIRE(set.size() == 2);
  for (const auto& b : set) {
    CHECK(b["verified"] == true);
    ids.push_back(b["id"].get<int>());
  }
  REQUIRE(ids.size() == 6);
  std::sort(ids.begin(), ids.end());
  INFO("ids " << json(ids).dump());
  CHECK(std::adjacent_find(ids.begin(), ids.end()) == ids.end());

  // A hit names the one that fired: the data breakpoint, not a source one
  // that happens to share its number.
  client.continue_(tid);
  json hit = client.wait_stopped();
  // The function breakpoint on writer() comes first.
  for (int stops = 0; stops < 4 && hit["body"]["reason"] != "data breakpoint"; ++stops) {
    client.continue_(hit["body"]["threadId"].get<std::int64_t>());
    hit = client.wait_stopped();
  }
  REQUIRE(hit["body"]["reason"] == "data breakpoint");
  CHECK(hit["body"]["hitBreakpointIds"] == json({set[0]["id"]}));
}

TEST_CASE("a data breakpoint condition is evaluated in the frame of the thread that hit it",
          "[e2e][databp][conditions]") {
  // `arg` is writer()'s parameter: main, where the watch is set, has none.
  e2e_client client;
  json stopped = stop_at(client, "before thread");
  const auto main_tid = stopped["body"]["threadId"].get<std::int64_t>();
  json set = set_watches(client, {{{"dataId", info_for_expression(client, "counter")["dataId"]},
                                   {"accessType", "write"},
                                   {"condition", "arg == 0"}}});
  REQUIRE(set.size() == 1);
  CHECK(set[0]["verified"] == true);
  CHECK_FALSE(set[0].contains("message"));

  client.continue_(main_tid);
  json hit = client.wait_stopped();
  INFO(hit.dump());
  CHECK(hit["body"]["reason"] == "data breakpoint");
  CHECK(hit["body"]["threadId"] != main_tid);
  CHECK(contains(hit["body"]["description"], "counter changed from 1 to 42"));
  CHECK_FALSE(contains(client.output("console"), "condition"));
  CHECK(top_frame(client, hit["body"]["threadId"])["name"] == "writer");
  CHECK(set_watches(client, json::array()).empty());
  client.continue_(hit["body"]["threadId"]);
  CHECK(expect_run_to_exit(client) == 0);
}

TEST_CASE("a data breakpoint whose condition is false lets the program run on silently",
          "[e2e][databp][conditions]") {
  e2e_client client;
  json stopped = stop_at(client, "before thread");
  const auto tid = stopped["body"]["threadId"].get<std::int64_t>();
  json set = set_watches(client, {{{"dataId", info_for_expression(client, "counter")["dataId"]},
                                   {"accessType", "write"},
                                   {"condition", "arg != 0"}}});
  REQUIRE(set[0]["verified"] == true);
  client.continue_(tid);
  CHECK(expect_run_to_exit(client) == 0);
  CHECK(contains(client.output("stdout"), "counter=42 first=11 second=15"));
}

TEST_CASE("data breakpoint conditions and hit counts on a local", "[e2e][databp][conditions]") {
  e2e_client client;
  json stopped = stop_at(client, "local declared");
  const auto tid = stopped["body"]["threadId"].get<std::int64_t>();
  const json data_id = local_data_id(client, tid);

  SECTION("a condition on the new value stops at the write that makes it true") {
    json set = set_watches(client, {{{"dataId", data_id}, {"condition", "local == 11"}}});
    REQUIRE(set[0]["verified"] == true);
    CHECK(contains(next_watch_stop(client, tid), "local changed from 10 to 11"));
    CHECK(top_frame(client, tid)["line"] == line_of(source, "local returned"));
  }
  SECTION("a hit condition counts the writes: from the second on") {
    json set = set_watches(client, {{{"dataId", data_id}, {"hitCondition", "2"}}});
    REQUIRE(set[0]["verified"] == true);
    CHECK(contains(next_watch_stop(client, tid), "local changed from 5 to 10"));
    CHECK(contains(next_watch_stop(client, tid), "local changed from 10 to 11"));
  }
  SECTION("both: the hits counted are those whose condition held") {
    json set = set_watches(
        client, {{{"dataId", data_id}, {"condition", "local > 5"}, {"hitCondition", "== 2"}}});
    REQUIRE(set[0]["verified"] == true);
    CHECK(contains(next_watch_stop(client, tid), "local changed from 10 to 11"));
  }
  SECTION("a condition that cannot be evaluated stops and says why") {
    json set = set_watches(client, {{{"dataId", data_id}, {"condition", "no_such_name > 1"}}});
    REQUIRE(set[0]["verified"] == true);
    CHECK(contains(next_watch_stop(client, tid), "to 5"));
    CHECK(contains(client.output("console"), "cannot evaluate the condition 'no_such_name > 1'"));
  }
  SECTION("a step over a write whose condition is false ends as a step") {
    set_watches(client, {{{"dataId", data_id}, {"condition", "local == 99"}}});
    client.request_ok("next", {{"threadId", tid}});
    json step = client.wait_stopped();
    CHECK(step["body"]["reason"] == "step");
    CHECK(top_frame(client, tid)["line"] == line_of(source, "local doubled"));
  }
  SECTION("a watch kept by setDataBreakpoints takes its new condition") {
    set_watches(client, {{{"dataId", data_id}, {"condition", "local == 99"}}});
    client.set_breakpoints(source, {line_of(source, "local incremented")});
    client.continue_(tid);
    json line_stop = client.wait_stopped();
    REQUIRE(line_stop["body"]["reason"] == "breakpoint");
    json set = set_watches(client, {{{"dataId", data_id}}});
    REQUIRE(set[0]["verified"] == true);
    CHECK(contains(next_watch_stop(client, tid), "local changed from 10 to 11"));
  }
}
