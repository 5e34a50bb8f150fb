// Launch arguments as editors write them: int3's names and the aliases
// cppdbg, codelldb, Delve and nvim-dap users bring, each normalised to one
// launch_arguments; and the helpers behind them (shell words, env files,
// source maps, environment merging).

#include <catch2/catch.hpp>

#include "adapter/cli_options.hpp"
#include "adapter/env_file.hpp"
#include "adapter/errors.hpp"
#include "adapter/launch_config.hpp"
#include "adapter/protocol/json_io.hpp"
#include "adapter/protocol/requests.hpp"
#include "adapter/shell_words.hpp"
#include "adapter/source_map.hpp"

using namespace int3::dap;
using namespace int3::dap::protocol;

namespace {

launch_arguments parse(json extra) {
  extra["program"] = "/bin/true";
  try {
    return read_as<launch_arguments>(extra);
  } catch (const protocol_error& e) {
    throw e.within("arguments");
  }
}

std::string error_of(json extra) {
  try {
    parse(std::move(extra));
  } catch (const protocol_error& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("shell words split like bash without expansion", "[launch-config]") {
  // The same table as vscode-extension/src/test/shell-args.test.ts.
  const std::vector<std::pair<std::string, std::vector<std::string>>> cases = {
      {"", {}},
      {"   ", {}},
      {"3", {"3"}},
      {"  a   b\tc ", {"a", "b", "c"}},
      {"'a b' \"c d\"", {"a b", "c d"}},
      {"x'y z'w", {"xy zw"}},
      {"''", {""}},
      {R"("say \"hi\"")", {"say \"hi\""}},
      {R"("keep \n")", {"keep \\n"}},
      {R"('no \ escapes')", {"no \\ escapes"}},
      {R"(a\ b)", {"a b"}},
      {"$HOME *", {"$HOME", "*"}},
  };
  for (const auto& [line, words] : cases) {
    INFO(line);
    auto split = split_shell_words(line);
    CHECK_FALSE(split.error);
    CHECK(split.words == words);
  }
  CHECK(split_shell_words("a \"b").error.value_or("").find("unterminated") != std::string::npos);
  CHECK(split_shell_words("a \\").error.value_or("").find("backslash") != std::string::npos);
}

TEST_CASE("env files: comments, export, quotes", "[launch-config]") {
  auto vars = parse_env_file(
      "# a comment\n"
      "\n"
      "PLAIN=value\n"
      "export EXPORTED=yes\n"
      "SPACED = padded  \n"
      "SINGLE='a # b'\n"
      "DOUBLE=\"line\\none\"\n"
      "TRAILING=v # comment\n"
      "EMPTY=\n"
      "WITH_EQ=a=b\r\n");
  CHECK(vars.at("PLAIN") == "value");
  CHECK(vars.at("EXPORTED") == "yes");
  CHECK(vars.at("SPACED") == "padded");
  CHECK(vars.at("SINGLE") == "a # b");
  CHECK(vars.at("DOUBLE") == "line\none");
  CHECK(vars.at("TRAILING") == "v");
  CHECK(vars.at("EMPTY").empty());
  CHECK(vars.at("WITH_EQ") == "a=b");
  CHECK(vars.size() == 8);
  CHECK_THROWS_WITH(parse_env_file("A=1\nnot a pair\n"), Catch::Contains("line 2"));
}

TEST_CASE("source maps rewrite whole leading components both ways", "[launch-config]") {
  source_map map(
      std::vector<source_map::rule>{{"/build", "/home/me/src"}, {"/build/vendor/", "/opt/vendor"}});
  CHECK(map.to_editor("/build/a.c") == "/home/me/src/a.c");
  CHECK(map.to_editor("/build/vendor/z.c") == "/opt/vendor/z.c");  // longest prefix wins
  CHECK(map.to_editor("/buildx/a.c") == "/buildx/a.c");
  CHECK(map.to_editor("/other/a.c") == "/other/a.c");
  CHECK(map.to_program("/home/me/src/dir/a.c") == "/build/dir/a.c");
  CHECK(map.to_program("/opt/vendor/z.c") == "/build/vendor/z.c");
  source_map file_rule(std::vector<source_map::rule>{{"/build/a.c", "/tmp/renamed.c"}});
  CHECK(file_rule.to_program("/tmp/renamed.c") == "/build/a.c");
  CHECK(file_rule.to_editor("/build/a.c") == "/tmp/renamed.c");
  CHECK(source_map{}.to_editor("/x") == "/x");
}

TEST_CASE("int3's own launch keys", "[launch-config]") {
  auto a = parse({{"args", {"a", "b"}},
                  {"env", {{"K", "V"}}},
                  {"stopOnEntry", true},
                  {"console", "integratedTerminal"},
                  {"stdio", {"in.txt", nullptr, "err.txt"}},
                  {"sourceMap", {{"/b", "/e"}}}});
  CHECK(a.args == std::vector<std::string>{"a", "b"});
  CHECK(a.env.at("K") == "V");
  CHECK(a.stopOnEntry);
  CHECK(a.console == "integratedTerminal");
  CHECK(a.stdio[0] == "in.txt");
  CHECK_FALSE(a.stdio[1]);
  CHECK(a.stdio[2] == "err.txt");
  CHECK(a.sourceMap == std::vector<std::pair<std::string, std::string>>{{"/b", "/e"}});
}

TEST_CASE("peers' names for the same launch settings", "[launch-config]") {
  CHECK(parse({{"stopAtEntry", true}}).stopOnEntry);
  CHECK(parse({{"externalConsole", true}}).console == "externalTerminal");
  CHECK(parse({{"externalConsole", false}}).console == "internalConsole");
  CHECK(parse({{"args", "one 'two three'"}}).args == std::vector<std::string>{"one", "two three"});

  auto cppdbg =
      parse({{"environment", {{{"name", "A"}, {"value", "1"}}, {{"name", "B"}, {"value", "2"}}}},
             {"env", {{"B", "from-env"}}}});
  CHECK(cppdbg.env.at("A") == "1");
  CHECK(cppdbg.env.at("B") == "from-env");  // env wins over environment

  auto list = parse({{"env", {"A=1", "B=x=y"}}});
  CHECK(list.env.at("A") == "1");
  CHECK(list.env.at("B") == "x=y");

  auto unset = parse({{"env", {{"HOME", nullptr}}}});
  REQUIRE(unset.env.count("HOME") == 1);
  CHECK_FALSE(unset.env.at("HOME"));

  CHECK(parse({{"envFile", "/x/.env"}}).envFile == "/x/.env");

  using pairs = std::vector<std::pair<std::string, std::string>>;
  CHECK(parse({{"sourceMap", {{"/b", "/e"}}}}).sourceMap == pairs{{"/b", "/e"}});
  CHECK(parse({{"sourceMap", json::array({json::array({"/b", "/e"})})}}).sourceMap ==
        pairs{{"/b", "/e"}});
  CHECK(parse({{"sourceFileMap", {{"/b", "/e"}}}}).sourceMap == pairs{{"/b", "/e"}});
  CHECK(parse({{"sourceFileMap", {{"/b", {{"editorPath", "/e"}, {"useForBreakpoints", true}}}}}})
            .sourceMap == pairs{{"/b", "/e"}});
  CHECK(parse({{"substitutePath", {{{"from", "/b"}, {"to", "/e"}}}}}).sourceMap ==
        pairs{{"/b", "/e"}});
  CHECK(parse({{"stdio", {{"stdout", "out.txt"}}}}).stdio[1] == "out.txt");
}

TEST_CASE("nvim-dap's empty tables are empty values whatever the key's type", "[launch-config]") {
  for (const json& empty : {json::array(), json::object()}) {
    auto a = parse({{"args", empty},
                    {"env", empty},
                    {"environment", empty},
                    {"sourceMap", empty},
                    {"sourceFileMap", empty},
                    {"substitutePath", empty},
                    {"stdio", empty}});
    CHECK(a.args.empty());
    CHECK(a.env.empty());
    CHECK(a.sourceMap.empty());
    CHECK_FALSE(a.stdio[0]);
  }
  // Unknown keys (and VS Code's envelope keys) are ignored.
  CHECK_NOTHROW(parse({{"type", "int3"}, {"__sessionId", "x"}, {"MIMode", "gdb"}}));
}

TEST_CASE("a known key of the wrong type is an error naming the key", "[launch-config]") {
  CHECK_THAT(error_of({{"args", 3}}), Catch::StartsWith("arguments.args: expected array"));
  CHECK_THAT(error_of({{"args", {"a", 1}}}),
             Catch::StartsWith("arguments.args[1]: expected string"));
  CHECK_THAT(error_of({{"args", "a 'b"}}), Catch::StartsWith("arguments.args: unterminated"));
  CHECK_THAT(error_of({{"env", "K=V"}}), Catch::StartsWith("arguments.env: expected"));
  CHECK_THAT(error_of({{"env", {{"K", 1}}}}),
             Catch::StartsWith("arguments.env.K: expected string"));
  CHECK_THAT(error_of({{"env", {"novalue"}}}), Catch::StartsWith("arguments.env[0]: expected"));
  CHECK_THAT(error_of({{"environment", {{{"value", "v"}}}}}),
             Catch::StartsWith("arguments.environment[0].name: missing"));
  CHECK_THAT(error_of({{"stopAtEntry", "yes"}}),
             Catch::StartsWith("arguments.stopAtEntry: expected boolean"));
  CHECK_THAT(error_of({{"externalConsole", 1}}), Catch::StartsWith("arguments.externalConsole"));
  CHECK_THAT(error_of({{"console", "tty"}}), Catch::StartsWith("arguments.console: expected"));
  CHECK_THAT(error_of({{"stdio", {1}}}), Catch::StartsWith("arguments.stdio[0]: expected string"));
  CHECK_THAT(error_of({{"stdio", {"a", "b", "c", "d"}}}),
             Catch::StartsWith("arguments.stdio: expected"));
  CHECK_THAT(error_of({{"sourceMap", "x"}}), Catch::StartsWith("arguments.sourceMap: expected"));
  CHECK_THAT(error_of({{"substitutePath", {{{"from", "/a"}}}}}),
             Catch::StartsWith("arguments.substitutePath[0].to: missing"));
  CHECK_THAT(error_of({{"envFile", true}}),
             Catch::StartsWith("arguments.envFile: expected string"));
}

TEST_CASE("the environment: adapter's, then overrides, null unsets", "[launch-config]") {
  std::string a = "A=1", b = "B=2", weird = "NOEQUALS";
  char* base[] = {a.data(), b.data(), weird.data(), nullptr};
  auto env = merge_environment(base, {{"A", std::nullopt}, {"B", "3"}, {"C", "4"}});
  CHECK(env == std::vector<std::string>{"B=3", "C=4"});
}

TEST_CASE("the launch-helper mode takes a socket and the command after the separator", "[launch-config]") {
  auto no_env = [](const char*) -> const char* { return nullptr; };
  auto options = parse_cli({"--launch-helper", "/tmp/s", "--", "/bin/prog", "--flag", "x"}, no_env);
  REQUIRE(options.launch_helper_socket == "/tmp/s");
  CHECK(options.launch_helper_command == std::vector<std::string>{"/bin/prog", "--flag", "x"});
  CHECK_THROWS_AS(parse_cli({"--launch-helper", "/tmp/s", "/bin/prog"}, no_env), usage_error);
  CHECK_THROWS_AS(parse_cli({"--launch-helper", "/tmp/s", "--"}, no_env), usage_error);
  CHECK_THAT(std::string(usage_text), Catch::Contains("exit status"));
}
