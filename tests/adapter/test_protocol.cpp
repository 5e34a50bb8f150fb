// Typed protocol structs: requests parse or fail with the JSON path of the
// problem; bodies serialise with the spec's keys and without empty optionals.

#include <fstream>
#include <set>

#include <catch2/catch.hpp>

#include "adapter/client_options.hpp"
#include "adapter/errors.hpp"
#include "adapter/protocol/base.hpp"
#include "adapter/protocol/events.hpp"
#include "adapter/protocol/json_io.hpp"
#include "adapter/protocol/requests.hpp"
#include "adapter/protocol/types.hpp"

using namespace int3::dap;
using namespace int3::dap::protocol;

namespace {
// Parses as the request handler does: arguments are read as "arguments".
template <class T>
T parse_arguments(const json& arguments) {
  try {
    return read_as<T>(arguments);
  } catch (const protocol_error& e) {
    throw e.within("arguments");
  }
}

template <class T>
std::string parse_error(const json& arguments) {
  try {
    parse_arguments<T>(arguments);
  } catch (const protocol_error& e) {
    return e.what();
  }
  return "(no error)";
}
}  // namespace

TEST_CASE("request envelopes are checked", "[protocol]") {
  auto ok = parse_request(json{{"seq", 4}, {"type", "request"}, {"command", "threads"}});
  REQUIRE(std::holds_alternative<request>(ok));
  CHECK(std::get<request>(ok).seq == 4);
  CHECK(std::get<request>(ok).command == "threads");
  CHECK_FALSE(std::get<request>(ok).arguments.has_value());

  auto rejected = [](const json& message) {
    auto result = parse_request(message);
    REQUIRE(std::holds_alternative<rejected_message>(result));
    return std::get<rejected_message>(result);
  };
  CHECK_THAT(rejected(json::array({1, 2})).problem, Catch::Contains("expected a JSON object"));
  CHECK_FALSE(rejected(json::array()).seq.has_value());

  auto no_command = rejected(json{{"seq", 2}, {"type", "request"}});
  CHECK_THAT(no_command.problem, Catch::Contains("'command' must be a string"));
  CHECK(no_command.seq == 2);

  auto string_seq = rejected(json{{"seq", "2"}, {"type", "request"}, {"command", "next"}});
  CHECK_THAT(string_seq.problem, Catch::Contains("'seq' must be an integer"));
  CHECK(string_seq.command == "next");

  CHECK_THAT(rejected(json{{"seq", 1}, {"type", "event"}, {"event", "x"}}).problem,
             Catch::Contains("expected type 'request'"));
  CHECK_THAT(rejected(json{{"seq", 1}, {"command", "x"}}).problem,
             Catch::Contains("'type' must be a string"));
}

TEST_CASE("missing and mistyped arguments name their path", "[protocol]") {
  CHECK(parse_error<stack_trace_arguments>(json{{"threadId", "1"}}) ==
        "arguments.threadId: expected integer");
  CHECK(parse_error<stack_trace_arguments>(json::object()) ==
        "arguments.threadId: missing, expected integer");
  CHECK(parse_error<stack_trace_arguments>(json::array()) == "arguments: expected object");
  CHECK(parse_error<stack_trace_arguments>(json{{"threadId", 1}, {"levels", -1}}) ==
        "arguments.levels: integer out of range");
  CHECK(parse_error<set_breakpoints_arguments>(json{{"source", {{"path", 42}}}}) ==
        "arguments.source.path: expected string");
  CHECK(parse_error<set_breakpoints_arguments>(json{
            {"source", {{"path", "/a.c"}}}, {"breakpoints", {{{"line", 3}}, {{"line", "8"}}}}}) ==
        "arguments.breakpoints[1].line: expected integer");
  // One string is a command line (split like a shell); a number is not.
  CHECK(parse_error<launch_arguments>(json{{"program", "/bin/true"}, {"args", 7}}) ==
        "arguments.args: expected array of strings or a string");
  CHECK(parse_error<launch_arguments>(json{{"program", "/bin/true"}, {"args", {"a", 1}}}) ==
        "arguments.args[1]: expected string");
  CHECK(parse_error<launch_arguments>(json{{"program", "/bin/true"}, {"env", {{"A", 1}}}}) ==
        "arguments.env.A: expected string or null (null unsets the variable)");
  CHECK(parse_error<launch_arguments>(json{{"program", 3}}) ==
        "arguments.program: expected string");
  CHECK_THAT(parse_error<step_arguments>(json{{"threadId", 1}, {"granularity", "word"}}),
             Catch::StartsWith("arguments.granularity: expected one of"));
}

TEST_CASE("launch arguments take defaults and ignore keys they do not know", "[protocol]") {
  auto args = parse_arguments<launch_arguments>(json{{"program", "a.out"},
                                                     {"type", "int3"},
                                                     {"request", "launch"},
                                                     {"name", "Debug"},
                                                     {"__sessionId", "x"},
                                                     {"env", {{"K", "V"}}}});
  CHECK(args.program == "a.out");
  CHECK(args.args.empty());
  CHECK_FALSE(args.cwd.has_value());
  CHECK(args.env == std::map<std::string, std::optional<std::string>>{{"K", "V"}});
  CHECK_FALSE(args.stopOnEntry);
}

TEST_CASE("setBreakpoints reads both breakpoints and the legacy lines", "[protocol]") {
  auto modern = parse_arguments<set_breakpoints_arguments>(
      json{{"source", {{"path", "/a.c"}, {"name", "a.c"}}},
           {"breakpoints", {{{"line", 3}}, {{"line", 9}, {"condition", "x"}}}}});
  CHECK(modern.source.path == "/a.c");
  REQUIRE(modern.breakpoints.has_value());
  CHECK(modern.breakpoints->at(1).line == 9);
  CHECK(modern.breakpoints->at(1).condition == "x");
  auto legacy = parse_arguments<set_breakpoints_arguments>(
      json{{"source", {{"path", "/a.c"}}}, {"lines", {4, 5}}});
  CHECK_FALSE(legacy.breakpoints.has_value());
  CHECK(legacy.lines == std::vector<int>{4, 5});
}

TEST_CASE("null arguments count as absent", "[protocol]") {
  auto args = parse_arguments<stack_trace_arguments>(json{{"threadId", 1}, {"levels", nullptr}});
  CHECK(args.levels == 0);
}

TEST_CASE("bodies omit optional fields that are not set", "[protocol]") {
  breakpoint b;
  b.id = 3;
  b.verified = true;
  b.line = 12;
  CHECK(json(b) == json{{"id", 3}, {"verified", true}, {"line", 12}});

  stopped_event_body stopped;
  stopped.reason = "breakpoint";
  stopped.threadId = 5;
  stopped.hitBreakpointIds = std::vector<int>{3};
  CHECK(json(stopped) == json{{"reason", "breakpoint"},
                              {"threadId", 5},
                              {"allThreadsStopped", true},
                              {"hitBreakpointIds", {3}}});

  response ok{2, true, "configurationDone", std::nullopt, std::nullopt, std::nullopt};
  CHECK(json(ok) == json{{"type", "response"},
                         {"request_seq", 2},
                         {"success", true},
                         {"command", "configurationDone"}});
}

TEST_CASE("error responses carry body.error", "[protocol]") {
  auto r =
      make_error_response(7, "stackTrace", "notStopped",
                          error_message{2002, "the program is running; pause it first", false});
  auto j = json(r);
  CHECK(j["success"] == false);
  CHECK(j["message"] == "notStopped");
  CHECK(j["body"]["error"]["id"] == 2002);
  CHECK(j["body"]["error"]["format"] == "the program is running; pause it first");
  CHECK(j["body"]["error"]["showUser"] == false);
}

TEST_CASE("capabilities merge as a union", "[protocol]") {
  capabilities a;
  a.supportsConfigurationDoneRequest = true;
  capabilities b;
  b.supportsTerminateRequest = true;
  b.supportsConfigurationDoneRequest = false;
  a.merge(b);
  CHECK(json(a) ==
        json{{"supportsConfigurationDoneRequest", true}, {"supportsTerminateRequest", true}});
}

TEST_CASE("client options convert lines and paths at the edge", "[protocol]") {
  client_options one_based;
  CHECK(one_based.line_from_client(10) == 10u);
  CHECK(one_based.line_to_client(10) == 10);
  CHECK(one_based.path_from_client("file:///a") == "file:///a");

  client_options zero_based;
  zero_based.set(false, false, true);
  CHECK(zero_based.line_from_client(9) == 10u);
  CHECK(zero_based.line_to_client(10) == 9);
  CHECK(zero_based.column_to_client(1) == 0);
  CHECK(zero_based.path_from_client("file:///home/me/my%20src/a.c") == "/home/me/my src/a.c");
  CHECK(zero_based.path_to_client("/home/me/my src/a.c") == "file:///home/me/my%20src/a.c");
}

TEST_CASE("launch arguments match the VS Code extension's launch schema", "[protocol]") {
  std::ifstream file(INT3_EXTENSION_LAUNCH_KEYS);
  if (!file) {
    WARN("no " INT3_EXTENSION_LAUNCH_KEYS "; nothing to compare with");
    return;
  }
  auto keys = json::parse(file);
  std::set<std::string> declared = keys["launch"];
  for (const auto& consumed : keys["consumedByExtension"]) declared.erase(consumed);
  std::set<std::string> read(launch_argument_keys.begin(), launch_argument_keys.end());
  CHECK(declared == read);

  // And every one of them is read.
  auto args = read_as<launch_arguments>(json{{"program", "p"},
                                             {"args", {"a"}},
                                             {"cwd", "/"},
                                             {"env", {{"K", "V"}}},
                                             {"stopOnEntry", true}});
  CHECK(args.program == "p");
  CHECK(args.args.size() == 1);
  CHECK(args.cwd == "/");
  CHECK(args.env.size() == 1);
  CHECK(args.stopOnEntry);
}
