#include <catch2/catch.hpp>

#include "tests/support/json_schema.hpp"

using int3::test::json_schema;
using nlohmann::json;

namespace {

const json_schema& dap() {
  static const json_schema schema = json_schema::from_file(INT3_SCHEMA_PATH);
  return schema;
}

bool mentions(const std::vector<std::string>& errors, const std::string& text) {
  for (auto& e : errors)
    if (e.find(text) != std::string::npos) return true;
  return false;
}

std::vector<std::string> check(const json& schema, const json& instance) {
  return json_schema(json{{"definitions", {{"T", schema}}}}).validate(instance, "T");
}

}  // namespace

TEST_CASE("type: integer is not number, arrays of types are unions", "[schema]") {
  CHECK(check({{"type", "integer"}}, 3).empty());
  CHECK(check({{"type", "integer"}}, 3.0).empty());  // draft 6+: integral value
  CHECK(mentions(check({{"type", "integer"}}, 3.5), "$: expected integer, got number 3.5"));
  CHECK(mentions(check({{"type", "integer"}}, "3"), "expected integer, got string"));
  CHECK(check({{"type", "number"}}, 3.5).empty());
  CHECK(check({{"type", "number"}}, 3).empty());
  CHECK(check({{"type", {"string", "null"}}}, nullptr).empty());
  CHECK(check({{"type", {"string", "null"}}}, "x").empty());
  CHECK_FALSE(check({{"type", {"string", "null"}}}, 1).empty());
  CHECK_FALSE(check({{"type", "object"}}, json::array()).empty());
  CHECK_FALSE(check({{"type", "boolean"}}, 0).empty());
}

TEST_CASE("properties, required and additionalProperties report JSON paths", "[schema]") {
  json schema = {
      {"type", "object"},
      {"required", {"a"}},
      {"properties", {{"a", {{"type", "object"}, {"properties", {{"b", {{"type", "string"}}}}}}}}},
      {"additionalProperties", false}};
  CHECK(check(schema, {{"a", {{"b", "ok"}}}}).empty());
  auto errors = check(schema, {{"a", {{"b", 1}}}, {"z", 1}});
  CHECK(mentions(errors, "$.a.b: expected string"));
  CHECK(mentions(errors, "$: unexpected property 'z'"));
  CHECK(mentions(check(schema, json::object()), "$: missing required property 'a'"));

  json env = {{"type", "object"}, {"additionalProperties", {{"type", {"string", "null"}}}}};
  CHECK(check(env, {{"A", "1"}, {"B", nullptr}}).empty());
  CHECK(mentions(check(env, {{"A", 1}}), "$.A: expected"));
  CHECK(check({{"additionalProperties", true}}, {{"x", 1}}).empty());
}

TEST_CASE("items, enum, minimum and maximum", "[schema]") {
  json schema = {{"type", "array"},
                 {"items", {{"type", "integer"}, {"minimum", 1}, {"maximum", 10}}}};
  CHECK(check(schema, {1, 5, 10}).empty());
  auto errors = check(schema, {0, 5, 11});
  CHECK(mentions(errors, "$[0]: 0 is below the minimum 1"));
  CHECK(mentions(errors, "$[2]: 11 is above the maximum 10"));
  CHECK(errors.size() == 2);

  json reason = {{"type", "string"}, {"enum", {"step", "breakpoint"}}};
  CHECK(check(reason, "step").empty());
  CHECK(mentions(check(reason, "nap"), "$: \"nap\" is not one of"));
  // "_enum" is a suggestion list in the DAP schema, open to other values.
  CHECK(check({{"type", "string"}, {"_enum", {"a"}}}, "b").empty());
}

TEST_CASE("$ref, allOf and oneOf", "[schema]") {
  json doc = {
      {"definitions",
       {{"Base",
         {{"type", "object"},
          {"required", {"seq"}},
          {"properties", {{"seq", {{"type", "integer"}}}}}}},
        {"Child", {{"allOf", {{{"$ref", "#/definitions/Base"}}, {{"required", {"kind"}}}}}}},
        {"Either",
         {{"oneOf",
           {{{"type", "string"}},
            {{"type", "integer"}, {"minimum", 0}},
            {{"type", "number"}}}}}}}}};
  json_schema schema(doc);
  CHECK(schema.validate({{"seq", 1}, {"kind", "x"}}, "Child").empty());
  auto errors = schema.validate({{"seq", "1"}}, "Child");
  CHECK(mentions(errors, "$.seq: expected integer"));
  CHECK(mentions(errors, "missing required property 'kind'"));
  CHECK(schema.validate("s", "Either").empty());
  CHECK(schema.validate(1.5, "Either").empty());                        // only "number"
  CHECK(mentions(schema.validate(2, "Either"), "matches 2 of the 3"));  // integer and number
  CHECK(mentions(schema.validate(true, "Either"), "matches 0 of the 3"));
  CHECK_THROWS_AS(schema.validate(1, "Missing"), std::invalid_argument);
  CHECK_THROWS_AS(json_schema(json{{"definitions", {{"Bad", {{"$ref", "#/definitions/Nope"}}}}}})
                      .validate(1, "Bad"),
                  std::invalid_argument);
}

TEST_CASE("the DAP schema accepts real messages", "[schema][dap]") {
  json stopped = json::parse(R"({"seq": 12, "type": "event", "event": "stopped",
      "body": {"reason": "breakpoint", "threadId": 4242, "allThreadsStopped": true,
               "hitBreakpointIds": [1], "description": "Paused on breakpoint"}})");
  CHECK(dap().validate(stopped, "StoppedEvent").empty());

  json error = json::parse(R"({"seq": 3, "type": "response", "request_seq": 2, "success": false,
      "command": "launch", "message": "program not found",
      "body": {"error": {"id": 1001, "format": "cannot launch {path}: no such file",
                         "variables": {"path": "/nope"}, "showUser": true}}})");
  CHECK(dap().validate(error, "ErrorResponse").empty());

  json breakpoints =
      json::parse(R"({"seq": 5, "type": "response", "request_seq": 4, "success": true,
      "command": "setBreakpoints", "body": {"breakpoints": [
        {"id": 1, "verified": true, "line": 8, "source": {"path": "/x/loop.c"}},
        {"id": 2, "verified": false, "message": "no code at line 10000"}]}})");
  CHECK(dap().validate(breakpoints, "SetBreakpointsResponse").empty());
}

TEST_CASE("the DAP schema rejects what a client would choke on", "[schema][dap]") {
  json stopped = json::parse(R"({"seq": 12, "type": "event", "event": "stopped",
      "body": {"threadId": "4242", "hitBreakpointIds": ["1"]}})");
  auto errors = dap().validate(stopped, "StoppedEvent");
  CHECK(mentions(errors, "$.body: missing required property 'reason'"));
  CHECK(mentions(errors, "$.body.threadId: expected integer, got string"));
  CHECK(mentions(errors, "$.body.hitBreakpointIds[0]: expected integer"));

  // An error response needs a body, and its request_seq must be >= 1.
  json error = json::parse(R"({"seq": 3, "type": "response", "request_seq": 0, "success": false,
      "command": "launch", "message": "bad"})");
  errors = dap().validate(error, "ErrorResponse");
  CHECK(mentions(errors, "$: missing required property 'body'"));
  CHECK(mentions(errors, "$.request_seq: 0 is below the minimum 1"));

  json wrong_event = json::parse(R"({"seq": 1, "type": "event", "event": "exited", "body": {}})");
  errors = dap().validate(wrong_event, "ExitedEvent");
  CHECK(mentions(errors, "$.body: missing required property 'exitCode'"));
  errors = dap().validate(wrong_event, "StoppedEvent");
  CHECK(mentions(errors, "$.event: \"exited\" is not one of [\"stopped\"]"));

  json no_seq = json::parse(R"({"type": "event", "event": "initialized"})");
  CHECK(mentions(dap().validate(no_seq, "InitializedEvent"), "missing required property 'seq'"));
}
