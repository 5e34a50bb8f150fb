// setFunctionBreakpoints as a user types names into the breakpoints view:
// C names, qualified C++ names and their suffixes, overloads, inlined
// copies, names that match nothing, conditions, clearing; and breakpoints
// resolved again when the program execs another one.

#include <map>
#include <set>

#include "tests/e2e/e2e.hpp"

using namespace int3::test;

namespace {

json function_breakpoints(dap_client& client, const json& specs) {
  json set = client.request_ok("setFunctionBreakpoints", {{"breakpoints", specs}});
  REQUIRE(set["body"]["breakpoints"].size() == specs.size());
  return set["body"]["breakpoints"];
}

json names(std::initializer_list<const char*> list) {
  json specs = json::array();
  for (const char* n : list) specs.push_back({{"name", n}});
  return specs;
}

struct stop_seen {
  std::string function;
  std::string source;  // the frame's source path
  std::uint32_t line = 0;
};

// The stop the adapter reports next, which must be a function breakpoint
// hit on one of `ids`: the function and line of the innermost frame in
// `source` (at -O2 the first line of a function may be code inlined into
// it from a header, std::string's constructor for instance).
stop_seen expect_function_stop(dap_client& client, const std::set<std::int64_t>& ids,
                               const std::string& source = "") {
  json stopped = client.wait_stopped();
  INFO("stopped: " << stopped.dump());
  CHECK(stopped["body"]["reason"] == "function breakpoint");
  auto hit = stopped["body"].value("hitBreakpointIds", json::array());
  REQUIRE(hit.size() >= 1);
  CHECK(ids.count(hit[0].get<std::int64_t>()) == 1);
  auto tid = stopped["body"]["threadId"].get<std::int64_t>();
  json frames = client.stack_trace(tid)["body"]["stackFrames"];
  REQUIRE_FALSE(frames.empty());
  for (const auto& f : frames) {
    if (!source.empty() && f.value("source", json::object()).value("path", "") != source) continue;
    return {f.value("name", ""), f.value("source", json::object()).value("path", ""),
            f.value("line", 0u)};
  }
  FAIL("no frame in " << source);
  return {};
}

std::int64_t stopped_thread(dap_client& client) {
  json threads = client.threads()["body"]["threads"];
  REQUIRE_FALSE(threads.empty());
  return threads[0]["id"].get<std::int64_t>();
}

}  // namespace

TEST_CASE("function breakpoints: the capability is advertised", "[e2e][funcbp]") {
  e2e_client client;
  json caps = client.initialize()["body"];
  CHECK(caps.value("supportsFunctionBreakpoints", false));
}

TEST_CASE("function breakpoints: a C function stops after its prologue", "[e2e][funcbp]") {
  const std::string src = source_path("loop.c");
  for (const std::string fixture : {"loop_gcc_O0_pie_d5", "loop_clang_O2_nopie_d4"}) {
    INFO("fixture " << fixture);
    e2e_client client;
    client.initialize();
    client.launch(launch_config(fixture));
    json set = function_breakpoints(client, names({"square", "main"}));
    CHECK(set[0]["verified"] == true);
    CHECK(set[0].value("line", 0u) == line_of(src, "square body"));
    CHECK(set[1]["verified"] == true);
    client.configuration_done();
    auto main_stop = expect_function_stop(client, {set[1]["id"].get<std::int64_t>()});
    CHECK(main_stop.function == "main");
    auto square_id = set[0]["id"].get<std::int64_t>();
    client.continue_(stopped_thread(client));
    auto square_stop = expect_function_stop(client, {square_id});
    CHECK(square_stop.function == "square");
    CHECK(square_stop.line == line_of(src, "square body"));
    client.request_ok("disconnect", {{"terminateDebuggee", true}});
  }
}

TEST_CASE("function breakpoints: C++ names, overloads and inlined copies", "[e2e][funcbp]") {
  const std::string src = source_path("funcs.cpp");
  for (const std::string fixture :
       {"funcs_gcc_O0", "funcs_gcc_O2", "funcs_clang_O0", "funcs_clang_O2"}) {
    INFO("fixture " << fixture);
    e2e_client client;
    client.initialize();
    client.launch(launch_config(fixture));
    json set = function_breakpoints(client, names({"shapes::circle::area", "no_such_function",
                                                   "square::area", "scale", "label", "bump"}));
    // The response keeps the request's order, the bad name in its place.
    CHECK(set[0]["verified"] == true);
    CHECK(set[0].value("line", 0u) == line_of(src, "circle area"));
    CHECK(set[1]["verified"] == false);
    CHECK(contains(set[1].value("message", ""), "no_such_function"));
    CHECK(set[2]["verified"] == true);
    CHECK(set[2].value("line", 0u) == line_of(src, "square area"));
    for (std::size_t i : {3u, 4u, 5u}) CHECK(set[i]["verified"] == true);
    std::set<std::int64_t> ids;
    for (const auto& b : set)
      if (b["verified"] == true) ids.insert(b["id"].get<std::int64_t>());
    client.configuration_done();

    // Every stop is in a copy of a function asked for, at its first line.
    // (gcc -O2 starts label with allocator code inlined from a header whose
    // line the frame shows, so lines are checked where the frame is in
    // funcs.cpp.)
    const auto bump = line_of(src, "bump");
    const std::map<std::string, std::set<std::uint32_t>> first_lines{
        {"shapes::circle::area", {line_of(src, "circle area")}},
        {"shapes::square::area", {line_of(src, "square area")}},
        {"scale", {line_of(src, "scale int"), line_of(src, "scale double")}},
        {"label", {line_of(src, "label")}},
        {"bump", {bump, bump + 1}}};  // an inlined copy may begin at either line
    std::map<std::string, int> hits;
    std::set<std::uint32_t> scale_lines;
    for (int stop = 0; stop < 8; ++stop) {
      auto seen = expect_function_stop(client, ids);
      INFO("stop " << stop << " in " << seen.function << " at " << seen.source << ":" << seen.line);
      // At an inlined copy's first instruction the stack may not show the
      // inlined frame yet: the caller's frame stands at bump's line.
      if (seen.source == src && first_lines.count(seen.function) == 0 &&
          first_lines.at("bump").count(seen.line) == 1)
        seen.function = "bump";
      REQUIRE(first_lines.count(seen.function) == 1);
      ++hits[seen.function];
      if (seen.source == src) CHECK(first_lines.at(seen.function).count(seen.line) == 1);
      if (seen.function == "scale") scale_lines.insert(seen.line);
      client.continue_(stopped_thread(client));
    }
    CHECK(hits == std::map<std::string, int>{{"shapes::circle::area", 1},
                                             {"shapes::square::area", 1},
                                             {"scale", 2},
                                             {"label", 1},
                                             {"bump", 3}});
    CHECK(scale_lines.size() == 2);  // both overloads
    CHECK(expect_run_to_exit(client) == 0);
  }
}

TEST_CASE("function breakpoints: ABI tags and signatures may be typed", "[e2e][funcbp]") {
  const std::string src = source_path("funcs.cpp");
  e2e_client client;
  client.initialize();
  client.launch(launch_config("funcs_gcc_O0"));
  json set = function_breakpoints(client, names({"label[abi:cxx11]", "scale(double)", "area"}));
  CHECK(set[0]["verified"] == true);
  CHECK(set[0].value("line", 0u) == line_of(src, "label"));
  CHECK(set[1]["verified"] == true);
  CHECK(set[1].value("line", 0u) == line_of(src, "scale double"));
  CHECK(set[2]["verified"] == true);  // both area methods
  client.configuration_done();
  std::set<std::uint32_t> lines;
  std::set<std::int64_t> ids;
  for (const auto& b : set) ids.insert(b["id"].get<std::int64_t>());
  for (int stop = 0; stop < 4; ++stop) {
    lines.insert(expect_function_stop(client, ids, src).line);
    client.continue_(stopped_thread(client));
  }
  CHECK(lines == std::set<std::uint32_t>{line_of(src, "circle area"), line_of(src, "square area"),
                                         line_of(src, "scale double"), line_of(src, "label")});
  CHECK(expect_run_to_exit(client) == 0);
}

TEST_CASE("function breakpoints: a condition picks the call", "[e2e][funcbp]") {
  e2e_client client;
  client.initialize();
  client.launch(launch_config("loop_gcc_O0_pie_d5"));
  json set =
      function_breakpoints(client, json::array({{{"name", "square"}, {"condition", "x == 2"}}}));
  CHECK(set[0]["verified"] == true);
  client.configuration_done();
  expect_function_stop(client, {set[0]["id"].get<std::int64_t>()});
  json x = client.request_ok("evaluate", {{"expression", "x"}, {"context", "watch"}});
  CHECK(x["body"].value("result", "") == "2");
  client.continue_(stopped_thread(client));
  CHECK(expect_run_to_exit(client) == 0);
}

TEST_CASE("function breakpoints: an empty list clears them", "[e2e][funcbp]") {
  e2e_client client;
  client.initialize();
  client.launch(launch_config("loop_gcc_O0_pie_d5"));
  json set = function_breakpoints(client, names({"square"}));
  client.configuration_done();
  expect_function_stop(client, {set[0]["id"].get<std::int64_t>()});
  json cleared = client.request_ok("setFunctionBreakpoints", {{"breakpoints", json::array()}});
  CHECK(cleared["body"]["breakpoints"].empty());
  client.continue_(stopped_thread(client));
  // square runs twice more; neither stops.
  CHECK(expect_run_to_exit(client) == 0);
}

TEST_CASE("function breakpoints: set before launch, resolved at launch", "[e2e][funcbp]") {
  const std::string src = source_path("loop.c");
  e2e_client client;
  client.initialize();
  json set = function_breakpoints(client, names({"sum_squares"}));
  CHECK(set[0]["verified"] == false);
  auto id = set[0]["id"].get<std::int64_t>();
  client.launch(launch_config("loop_gcc_O0_pie_d5"));
  client.configuration_done();
  json changed = client.expect_event("breakpoint");
  CHECK(changed["body"]["breakpoint"]["id"] == id);
  CHECK(changed["body"]["breakpoint"]["verified"] == true);
  auto stop = expect_function_stop(client, {id});
  CHECK(stop.function == "sum_squares");
  CHECK(stop.line == line_of(src, "for header") - 1);
  client.request_ok("disconnect", {{"terminateDebuggee", true}});
}

TEST_CASE("function breakpoints: an exec resolves breakpoints again", "[e2e][funcbp]") {
  const std::string loop_src = source_path("loop.c");
  const std::string execer_src = source_path("execer.c");
  e2e_client client;
  client.initialize();
  json set = function_breakpoints(client, names({"before_exec", "square"}));
  auto before_id = set[0]["id"].get<std::int64_t>();
  auto square_id = set[1]["id"].get<std::int64_t>();
  client.launch(launch_config("execer", {{"args", {fixture_binary("loop_gcc_O0_pie_d5")}}}));
  json line_set = client.set_breakpoints(loop_src, {line_of(loop_src, "call sum")});
  auto line_id = line_set["body"]["breakpoints"][0]["id"].get<std::int64_t>();
  CHECK(line_set["body"]["breakpoints"][0]["verified"] == false);  // not in execer
  client.configuration_done();

  auto first = expect_function_stop(client, {before_id});
  CHECK(first.line == line_of(execer_src, "before exec"));
  // What the client knows of each breakpoint, from every event so far.
  std::map<std::int64_t, json> known;
  auto take_events = [&] {
    while (auto e = client.maybe_event("breakpoint", std::chrono::milliseconds(0))) {
      const auto& b = (*e)["body"]["breakpoint"];
      known[b["id"].get<std::int64_t>()] = b;
    }
  };
  take_events();
  REQUIRE(known.count(square_id) == 1);
  CHECK(known[square_id]["verified"] == false);
  CHECK(known[before_id]["verified"] == true);

  client.continue_(stopped_thread(client));
  // In the new image: the source line and square have code, before_exec
  // has none, and the client was told before the program stopped there.
  json stopped = client.wait_stopped();
  take_events();
  CHECK(known[line_id]["verified"] == true);
  CHECK(known[line_id].value("line", 0u) == line_of(loop_src, "call sum"));
  CHECK(known[square_id]["verified"] == true);
  CHECK(known[square_id].value("line", 0u) == line_of(loop_src, "square body"));
  CHECK(known[before_id]["verified"] == false);
  CHECK(stopped["body"]["reason"] == "breakpoint");
  CHECK(stopped["body"]["hitBreakpointIds"] == json::array({line_id}));
  client.continue_(stopped_thread(client));
  auto square = expect_function_stop(client, {square_id});
  CHECK(square.line == line_of(loop_src, "square body"));
  client.request_ok("setFunctionBreakpoints", {{"breakpoints", json::array()}});
  client.continue_(stopped_thread(client));
  CHECK(expect_run_to_exit(client) == 0);
}
