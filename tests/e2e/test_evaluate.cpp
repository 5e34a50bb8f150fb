// The evaluate request in watch, hover, repl and clipboard contexts.

#include "tests/e2e/e2e.hpp"

using namespace int3::test;

namespace {

json evaluate(e2e_client& client, const std::string& expression,
              const json& extra = json::object()) {
  json args = extra;
  args["expression"] = expression;
  if (!args.contains("context")) args["context"] = "watch";
  return client.expect_response(client.request("evaluate", args));
}

std::string result(e2e_client& client, const std::string& expression,
                   const json& extra = json::object()) {
  json r = evaluate(client, expression, extra);
  INFO(expression << " -> " << r.dump());
  REQUIRE(r.value("success", false));
  return r["body"].value("result", "");
}

std::string failure(e2e_client& client, const std::string& expression) {
  json r = evaluate(client, expression);
  INFO(expression << " -> " << r.dump());
  REQUIRE_FALSE(r.value("success", true));
  return r.value("message", "");
}

// Stopped at `marker` of `source` in `fixture`; returns the thread id.
std::int64_t stop_at(e2e_client& client, const std::string& fixture, const std::string& source,
                     const std::string& marker) {
  const std::string src = source_path(source);
  start_with_breakpoints(client, launch_config(fixture), src, {line_of(src, marker)});
  json stopped = client.wait_stopped();
  REQUIRE(stopped["body"]["reason"] == "breakpoint");
  return stopped["body"]["threadId"].get<std::int64_t>();
}

}  // namespace

TEST_CASE("evaluate: locals, arguments, arithmetic and registers in loop.c", "[e2e][evaluate]") {
  for (const std::string fixture : {"loop_gcc_O0_pie_d5", "loop_clang_O0_nopie_d4"}) {
    INFO("fixture " << fixture);
    e2e_client client;
    auto tid = stop_at(client, fixture, "loop.c", "call square");
    CHECK(result(client, "total + 1") == "1");
    CHECK(result(client, "n * 2") == "6");
    CHECK(result(client, "i") == "0");
    CHECK(result(client, "sizeof(int)") == "4");
    CHECK(result(client, "i == 0 && n > 2") == "1");
    CHECK(result(client, "n", {{"format", {{"hex", true}}}}) == "0x3");
    for (const std::string context : {"hover", "repl", "clipboard"}) {
      CHECK(result(client, "n", {{"context", context}}) == "3");
    }

    json trace = client.stack_trace(tid);
    std::string pc = trace["body"]["stackFrames"][0].value("instructionPointerReference", "");
    CHECK(result(client, "$rip", {{"format", {{"hex", true}}}}) == pc);

    // The caller's frame: main's argv and its own n.
    auto main_frame = trace["body"]["stackFrames"][1]["id"].get<std::int64_t>();
    CHECK(contains(result(client, "argv[0]", {{"frameId", main_frame}}), fixture));
    CHECK(result(client, "argc", {{"frameId", main_frame}}) == "1");
    CHECK(result(client, "n", {{"frameId", main_frame}}) == "3");
  }
}

TEST_CASE("evaluate: errors are error responses that say what is wrong", "[e2e][evaluate]") {
  e2e_client client;
  stop_at(client, "loop_gcc_O0_pie_d5", "loop.c", "call square");
  CHECK(failure(client, "nosuch") == "unknown name 'nosuch'");
  CHECK(failure(client, "n +") == "expected an expression at end of expression (column 4)");
  CHECK(failure(client, "square(2)") == "function calls are not supported at column 7");
  CHECK(contains(failure(client, "n = 4"), "assignment is not supported"));
  CHECK(result(client, "n") == "3");  // nothing was changed
  json stale = evaluate(client, "n", {{"frameId", 99999}});
  CHECK_FALSE(stale.value("success", true));
}

TEST_CASE("evaluate: structs, pointers and casts in types.c", "[e2e][evaluate]") {
  e2e_client client;
  stop_at(client, "types_c_gcc_O0_pie_d5", "types.c", "walk");
  CHECK(result(client, "head->value") == "1");
  CHECK(result(client, "head->next->value") == "2");
  CHECK(result(client, "(*head).next->next->value") == "3");
  CHECK(result(client, "n->value + total") != "");
  CHECK(result(client, "origin.x + origin.y") == "3");
  CHECK(result(client, "global_counter * 2") == "84");
  CHECK(result(client, "sizeof(struct point)") == "8");
  CHECK(result(client, "((struct point *)&origin)->y") == "2");
  CHECK(result(client, "head->next->next->next == 0") == "1");
  CHECK(failure(client, "head->nosuch") == "no member named 'nosuch' in 'struct node'");

  // A struct result expands like a variable.
  json node = evaluate(client, "*head");
  REQUIRE(node.value("success", false));
  auto reference = node["body"].value("variablesReference", 0);
  REQUIRE(reference > 0);
  json children = client.request_ok("variables", {{"variablesReference", reference}});
  bool found = false;
  for (const auto& v : children["body"]["variables"]) {
    if (v.value("name", "") == "value") found = v.value("value", "") == "1";
  }
  CHECK(found);
}

TEST_CASE("evaluate: members of this and std::vector elements in types.cpp", "[e2e][evaluate]") {
  e2e_client client;
  const std::string src = source_path("types.cpp");
  start_with_breakpoints(client, launch_config("types_cpp_gcc_O0_pie_d5"), src,
                         {line_of(src, "rect area"), line_of(src, "main")});
  json stopped = client.wait_stopped();
  auto tid = stopped["body"]["threadId"].get<std::int64_t>();
  // In rect::area: members of *this by their own names.
  CHECK(result(client, "br_.y - tl_.y") == "3");
  CHECK(result(client, "this->br_.x") == "2");
  CHECK(result(client, "w") == "2");
  CHECK(result(client, "(int)(w * 10)") == "20");
  client.continue_(tid);
  client.wait_stopped();
  CHECK(result(client, "corner.x + corner.y") == "7");
  CHECK(result(client, "numbers[1]") == "2");
  CHECK(result(client, "numbers[0] + numbers[2]") == "4");
  CHECK(result(client, "geo::detail::registry_size") == "3");
}
