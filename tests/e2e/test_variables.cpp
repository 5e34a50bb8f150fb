// Scopes, variables, paging, formats and setVariable over DAP, on the types
// fixtures whose source says what every value is.

#include "tests/e2e/e2e.hpp"

using namespace int3::test;

namespace {

struct stop {
  std::int64_t tid = 0;
  json frames;
};

stop run_to(e2e_client& client, const std::string& fixture, const std::string& source,
            const std::string& marker) {
  const std::string src = source_path(source);
  start_with_breakpoints(client, launch_config(fixture), src, {line_of(src, marker)});
  json stopped = client.wait_stopped();
  REQUIRE(stopped["body"]["reason"] == "breakpoint");
  stop s;
  s.tid = stopped["body"]["threadId"].get<std::int64_t>();
  s.frames = client.stack_trace(s.tid)["body"]["stackFrames"];
  REQUIRE(!s.frames.empty());
  return s;
}

json scopes(e2e_client& client, const json& frame) {
  return client.request_ok("scopes", {{"frameId", frame["id"]}})["body"]["scopes"];
}

json variables(e2e_client& client, std::int64_t reference, json extra = json::object()) {
  extra["variablesReference"] = reference;
  return client.request_ok("variables", extra)["body"]["variables"];
}

json named(const json& list, const std::string& name) {
  for (const auto& v : list)
    if (v.value("name", "") == name) return v;
  FAIL("no variable " << name << " in " << list.dump());
  return {};
}

std::int64_t scope_ref(const json& scope_list, const std::string& name) {
  return named(scope_list, name)["variablesReference"].get<std::int64_t>();
}

}  // namespace

TEST_CASE("variables: scopes, C arguments and struct expansion", "[e2e][variables]") {
  e2e_client client;
  auto s = run_to(client, "types_c_gcc_O0_pie_d5", "types.c", "many");
  json list = scopes(client, s.frames[0]);
  REQUIRE(list.size() == 4);
  CHECK(list[0]["name"] == "Arguments");
  CHECK(list[1]["name"] == "Locals");
  CHECK(list[2]["name"] == "Globals");
  CHECK(list[3]["name"] == "Registers");  // tests/e2e/test_machine.cpp

  json args = variables(client, scope_ref(list, "Arguments"));
  CHECK(named(args, "c")["value"] == "97 'a'");
  CHECK(named(args, "c")["type"] == "char");
  CHECK(named(args, "l")["value"] == "-9000000000");
  CHECK(named(args, "d")["value"] == "2.25");
  CHECK(named(args, "col")["value"] == "green");
  for (const auto& v : args) CHECK(v.contains("type"));
  json p = named(args, "p");
  CHECK(p["value"] == "{x=10, y=20}");
  REQUIRE(p["variablesReference"].get<int>() > 0);
  json fields = variables(client, p["variablesReference"]);
  CHECK(named(fields, "y")["value"] == "20");
  // A pointer to a struct expands to the pointee's members.
  json pp = named(args, "pp");
  CHECK(named(variables(client, pp["variablesReference"]), "x")["value"] == "10");

  // format.hex
  json hex = variables(client, scope_ref(list, "Arguments"), {{"format", {{"hex", true}}}});
  CHECK(named(hex, "i")["value"] == "0xfffeee90");

  // Globals of the unit, without the C library's.
  json globals = variables(client, scope_ref(list, "Globals"));
  CHECK(named(globals, "global_counter")["value"] == "42");
  for (const auto& g : globals) CHECK(g["name"] != "stdin");

  // References die when the program resumes (many() runs once: it exits).
  auto stale = scope_ref(list, "Arguments");
  client.continue_(s.tid);
  client.wait_exited();
  client.request_error("variables", {{"variablesReference", stale}});
}

TEST_CASE("variables: arrays page with start and count", "[e2e][variables]") {
  e2e_client client;
  auto s = run_to(client, "types_c_gcc_O0_pie_d5", "types.c", "many");
  REQUIRE(s.frames.size() >= 2);
  json locals = variables(client, scope_ref(scopes(client, s.frames[1]), "Locals"));
  CHECK(named(locals, "text")["value"] == "\"types\"");
  json sh = variables(client, named(locals, "sh")["variablesReference"]);
  json grid = named(sh, "grid");
  CHECK(grid["indexedVariables"] == 2);
  json page = variables(client, grid["variablesReference"],
                        {{"filter", "indexed"}, {"start", 1}, {"count", 1}});
  REQUIRE(page.size() == 1);
  CHECK(page[0]["name"] == "[1]");
  CHECK(page[0]["indexedVariables"] == 3);
  CHECK(named(sh, "op")["value"].get<std::string>().find("<add>") != std::string::npos);
}

TEST_CASE("variables: std::string, vector and map", "[e2e][variables]") {
  e2e_client client;
  auto s = run_to(client, "types_cpp_gcc_O0_pie_d5", "types.cpp", "main");
  json locals = variables(client, scope_ref(scopes(client, s.frames[0]), "Locals"));
  CHECK(named(locals, "text")["value"] == "\"hello world\"");
  json numbers = named(locals, "numbers");
  CHECK(numbers["value"] == "size=3");
  CHECK(numbers["indexedVariables"] == 3);
  json tail = variables(client, numbers["variablesReference"],
                        {{"filter", "indexed"}, {"start", 2}, {"count", 1}});
  REQUIRE(tail.size() == 1);
  CHECK(tail[0]["value"] == "3");
  json ages = variables(client, named(locals, "ages")["variablesReference"]);
  CHECK(named(ages, "[\"bob\"]")["value"] == "42");
}

TEST_CASE("setVariable: the program prints the new value", "[e2e][variables]") {
  e2e_client client;
  auto caps = client.initialize();
  CHECK(caps["body"].value("supportsSetVariable", false));
  const std::string src = source_path("types.c");
  client.launch(launch_config("types_c_gcc_O0_pie_d5"));
  client.set_breakpoints(src, {line_of(src, "main")});
  client.configuration_done();
  json stopped = client.wait_stopped();
  auto tid = stopped["body"]["threadId"].get<std::int64_t>();
  json frames = client.stack_trace(tid)["body"]["stackFrames"];
  json locals = variables(client, scope_ref(scopes(client, frames[0]), "Locals"));
  json sh = variables(client, named(locals, "sh")["variablesReference"]);
  json grid = variables(client, named(sh, "grid")["variablesReference"]);
  auto row = named(grid, "[0]")["variablesReference"];
  json set = client.request_ok("setVariable",
                               {{"variablesReference", row}, {"name", "[0]"}, {"value", "77"}});
  CHECK(set["body"]["value"] == "77");
  client.continue_(tid);
  CHECK(expect_run_to_exit(client) == 0);
  CHECK(contains(client.output("stdout"), " 77 3\n"));
}
