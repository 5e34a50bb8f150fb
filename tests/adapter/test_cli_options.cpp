#include <map>

#include <catch2/catch.hpp>

#include "adapter/cli_options.hpp"

using namespace int3::dap;

namespace {
cli_options parse(std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
  return parse_cli(args, [env](const char* name) -> const char* {
    auto it = env.find(name);
    return it == env.end() ? nullptr : it->second.c_str();
  });
}
}  // namespace

TEST_CASE("command line flags are read in both forms", "[cli]") {
  auto o = parse({"--log-file", "/tmp/x.log", "--log-level=trace", "--port", "4711"});
  CHECK(o.log_file == "/tmp/x.log");
  CHECK(o.log_level == spdlog::level::trace);
  CHECK(o.port == 4711);
  CHECK(parse({"--version"}).show_version);
  CHECK(parse({"--help"}).show_help);
}

TEST_CASE("logging is off unless asked for; flags win over the environment", "[cli]") {
  auto quiet = parse({});
  CHECK_FALSE(quiet.log_file.has_value());
  CHECK_FALSE(quiet.log_level.has_value());

  auto from_env = parse({}, {{"INT3_LOG", "/tmp/env.log"}, {"INT3_LOG_LEVEL", "info"}});
  CHECK(from_env.log_file == "/tmp/env.log");
  CHECK(from_env.log_level == spdlog::level::info);

  auto flags = parse({"--log-file", "/tmp/flag.log", "--log-level", "error"},
                     {{"INT3_LOG", "/tmp/env.log"}, {"INT3_LOG_LEVEL", "info"}});
  CHECK(flags.log_file == "/tmp/flag.log");
  CHECK(flags.log_level == spdlog::level::err);

  auto bad_env = parse({}, {{"INT3_LOG_LEVEL", "loud"}});
  CHECK_FALSE(bad_env.log_level.has_value());
  CHECK(bad_env.warnings.size() == 1);
}

TEST_CASE("bad command lines are usage errors", "[cli]") {
  CHECK_THROWS_AS(parse({"--frobnicate"}), usage_error);
  CHECK_THROWS_AS(parse({"--log-file"}), usage_error);
  CHECK_THROWS_AS(parse({"--log-level", "loud"}), usage_error);
  CHECK_THROWS_AS(parse({"--port", "0"}), usage_error);
  CHECK_THROWS_AS(parse({"--port", "70000"}), usage_error);
  CHECK_THROWS_AS(parse({"--port", "12x"}), usage_error);
}
